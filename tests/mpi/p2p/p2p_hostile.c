/* p2p_hostile.c — a hostile guest (Wasm only: natively these calls would
 * crash or read foreign memory): wild buffers, buffers running past the end
 * of linear memory, huge counts, forged comm/type/request/message handles,
 * bad status, flag, index and array pointers, guest constants that are not
 * the host's (tag -1, rank -2).  Under MPI_ERRORS_RETURN each call must
 * return the class in p2p_hostile.expected and leave the rank working. */
#ifndef __wasm__
#error "p2p_hostile is a guest-only test"
#endif
#include <stdint.h>

#include "p2p_log.h"

/* A generalized request's query function that rewrites the request array
 * being completed with another live request. */
static MPI_Request *meddle_array, meddle_other;
static int meddling_query(void *extra, MPI_Status *st) {
  (void)extra;
  meddle_array[0] = meddle_other;
  meddle_array[1] = meddle_other;
  MPI_Status_set_elements(st, MPI_INT, 0);
  MPI_Status_set_cancelled(st, 0);
  return MPI_SUCCESS;
}
/* A query function that completes and frees, from inside the outer
 * MPI_Waitall, a request that call holds. */
static MPI_Request nested_victim;
static int nested_rc[3];
static int nesting_query(void *extra, MPI_Status *st) {
  (void)extra;
  nested_rc[0] = MPI_Wait(&nested_victim, MPI_STATUS_IGNORE);
  nested_rc[1] = MPI_Request_free(&nested_victim);
  int flag;
  nested_rc[2] = MPI_Testall(1, &nested_victim, &flag, MPI_STATUSES_IGNORE);
  MPI_Status_set_elements(st, MPI_INT, 0);
  MPI_Status_set_cancelled(st, 0);
  return MPI_SUCCESS;
}
static int free_ok(void *extra) {
  (void)extra;
  return MPI_SUCCESS;
}
static int cancel_ok(void *extra, int complete) {
  (void)extra;
  (void)complete;
  return MPI_SUCCESS;
}

#define TRY(what, call) logf_("%s: %s\n", what, class_name(call))

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int r = log_rank, n = log_size;
  uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536u;
  void *wild = (void *)(uintptr_t)0xF0000000u;
  char *last8 = (char *)(end - 8);
  int buf[8] = {0}, flag = 0, idx[4], out;
  MPI_Status st;
  MPI_Request q, qs[2];

  /* Buffers. */
  TRY("Send from a wild buffer", MPI_Send(wild, 4, MPI_INT, r, 1, MPI_COMM_WORLD));
  TRY("Recv running past the end", MPI_Recv(last8, 4, MPI_INT, r, 1, MPI_COMM_WORLD, &st));
  TRY("Recv one byte past the end", MPI_Recv(last8 + 1, 2, MPI_INT, r, 1, MPI_COMM_WORLD, &st));
  int two[2] = {r + 100, r + 200};
  TRY("Sendrecv into the last 8 bytes",
      MPI_Sendrecv(two, 2, MPI_INT, r, 2, last8, 2, MPI_INT, r, 2, MPI_COMM_WORLD, &st));
  int got[2];
  memcpy(got, last8, 8);
  CHECK(got[0] == r + 100 && got[1] == r + 200, "the last 8 bytes received");
  TRY("Send huge count of doubles", MPI_Send(buf, 0x7fffffff, MPI_DOUBLE, r, 1, MPI_COMM_WORLD));
  TRY("Send 2^30 ints", MPI_Send(buf, 1 << 30, MPI_INT, r, 1, MPI_COMM_WORLD));
  TRY("Send at address 0xffffffff", MPI_Send((void *)(uintptr_t)0xffffffffu, 1, MPI_CHAR, r, 1,
                                              MPI_COMM_WORLD));
  TRY("Isend from a wild buffer", MPI_Isend(wild, 4, MPI_INT, r, 1, MPI_COMM_WORLD, &q));
  TRY("Irecv running past the end", MPI_Irecv(last8, 3, MPI_INT, r, 1, MPI_COMM_WORLD, &q));
  TRY("Send_init from a wild buffer", MPI_Send_init(wild, 1, MPI_INT, r, 1, MPI_COMM_WORLD, &q));
  TRY("Buffer_attach past the end", MPI_Buffer_attach((char *)end - 100, 1000));

  /* Scribbling over the attached buffer while messages sit in it (Open MPI
   * keeps its bookkeeping there; the host must not trust it). */
  static char bbuf[4096];
  MPI_Buffer_attach(bbuf, sizeof bbuf);
  int msgs[5][4], good = 1;
  for (int k = 0; k < 5; k++) {
    for (int i = 0; i < 4; i++) msgs[k][i] = k * 10 + i;
    MPI_Bsend(msgs[k], 4, MPI_INT, r, 70 + k, MPI_COMM_WORLD);
    memset(bbuf, 0xff, sizeof bbuf);
  }
  for (int k = 4; k >= 0; k--) {
    int in4[4] = {0};
    MPI_Recv(in4, 4, MPI_INT, r, 70 + k, MPI_COMM_WORLD, &st);
    good &= in4[0] == k * 10 && in4[3] == k * 10 + 3;
  }
  memset(bbuf, 0x7f, sizeof bbuf);
  MPI_Bsend(msgs[0], 4, MPI_INT, r, 75, MPI_COMM_WORLD);
  MPI_Recv(msgs[1], 4, MPI_INT, r, 75, MPI_COMM_WORLD, &st);
  void *bback;
  int bsize;
  MPI_Buffer_detach(&bback, &bsize);
  CHECK(good && msgs[1][3] == 3 && bback == bbuf && bsize == (int)sizeof bbuf,
        "Bsend with the attached buffer overwritten: messages intact, detach gives it back");

  /* Guest code run inside MPI_Waitall / MPI_Wait rewrites the array. */
  {
    int v = -1, w = 99;
    MPI_Request arr[2];
    MPI_Irecv(&v, 1, MPI_INT, r, 80, MPI_COMM_WORLD, &meddle_other);
    MPI_Grequest_start(meddling_query, free_ok, cancel_ok, NULL, &arr[0]);
    arr[1] = MPI_REQUEST_NULL;
    meddle_array = arr;
    MPI_Grequest_complete(arr[0]);
    TRY("Waitall while the query rewrites the array", MPI_Waitall(2, arr, MPI_STATUSES_IGNORE));
    MPI_Grequest_start(meddling_query, free_ok, cancel_ok, NULL, &arr[0]);
    MPI_Grequest_complete(arr[0]);
    TRY("Wait while the query rewrites the request", MPI_Wait(&arr[0], &st));
    MPI_Send(&w, 1, MPI_INT, r, 80, MPI_COMM_WORLD);
    TRY("the other request survives", MPI_Wait(&meddle_other, &st));
    CHECK(v == 99 && meddle_other == MPI_REQUEST_NULL, "the other request received %d", v);
  }

  /* Completion calls from guest code inside a completion call. */
  {
    int v = -1, w = 5;
    MPI_Request arr[2];
    MPI_Grequest_start(nesting_query, free_ok, cancel_ok, NULL, &arr[0]);
    MPI_Irecv(&v, 1, MPI_INT, r, 81, MPI_COMM_WORLD, &arr[1]);
    nested_victim = arr[1];
    MPI_Grequest_complete(arr[0]);
    MPI_Send(&w, 1, MPI_INT, r, 81, MPI_COMM_WORLD);
    TRY("Waitall whose query calls Wait, Request_free, Testall",
        MPI_Waitall(2, arr, MPI_STATUSES_IGNORE));
    logf_("  nested Wait: %s, Request_free: %s, Testall: %s\n", class_name(nested_rc[0]),
          class_name(nested_rc[1]), class_name(nested_rc[2]));
    CHECK(v == 5 && arr[0] == MPI_REQUEST_NULL && arr[1] == MPI_REQUEST_NULL,
          "the outer Waitall completed both");
  }

  /* Starting a persistent request that is still active. */
  {
    int v = -1, w = 8;
    MPI_Request p;
    MPI_Recv_init(&v, 1, MPI_INT, r, 82, MPI_COMM_WORLD, &p);
    MPI_Start(&p);
    TRY("Start of an active persistent request", MPI_Start(&p));
    MPI_Send(&w, 1, MPI_INT, r, 82, MPI_COMM_WORLD);
    MPI_Wait(&p, MPI_STATUS_IGNORE);
    TRY("Start once it completed", MPI_Start(&p));
    MPI_Send(&w, 1, MPI_INT, r, 82, MPI_COMM_WORLD);
    MPI_Wait(&p, MPI_STATUS_IGNORE);
    MPI_Request_free(&p);
    CHECK(v == 8 && p == MPI_REQUEST_NULL, "the persistent request worked twice");
  }

  /* Generalized requests used wrongly: completed twice; waited on after
   * MPI_Request_free (through a copy of the handle). */
  {
    MPI_Request g, copy;
    MPI_Grequest_start(meddling_query, free_ok, cancel_ok, NULL, &g);
    MPI_Grequest_complete(g);
    TRY("Grequest_complete twice", MPI_Grequest_complete(g));
    MPI_Request_free(&g);
    MPI_Grequest_start(meddling_query, free_ok, cancel_ok, NULL, &g);
    copy = g;
    MPI_Request_free(&g);
    TRY("Wait on a freed pending generalized request", MPI_Wait(&copy, &st));
    TRY("Grequest_complete of it still works", MPI_Grequest_complete(copy));
    TRY("then its handle is gone", MPI_Grequest_complete(copy));
  }

  /* Forged handles. */
  TRY("Send on a forged comm", MPI_Send(buf, 1, MPI_INT, r, 1, (MPI_Comm)(uintptr_t)0x12345));
  TRY("Send on a forged user comm", MPI_Send(buf, 1, MPI_INT, r, 1, (MPI_Comm)(uintptr_t)0x01000005));
  TRY("Send a forged type", MPI_Send(buf, 1, (MPI_Datatype)(uintptr_t)0x7777, r, 1, MPI_COMM_WORLD));
  TRY("Send a comm as a type", MPI_Send(buf, 1, (MPI_Datatype)MPI_COMM_WORLD, r, 1, MPI_COMM_WORLD));
  MPI_Request forged = (MPI_Request)(uintptr_t)0x4242;
  q = forged;
  TRY("Wait on a forged request", MPI_Wait(&q, &st));
  TRY("Test on a forged request", MPI_Test(&q, &flag, &st));
  TRY("Cancel a forged request", MPI_Cancel(&q));
  TRY("Start a forged request", MPI_Start(&q));
  TRY("Request_free a forged request", MPI_Request_free(&q));
  TRY("Request_get_status of a forged request", MPI_Request_get_status(forged, &flag, &st));
  TRY("Grequest_complete a forged request", MPI_Grequest_complete(forged));
  /* A stale handle: a copy kept after the request completed. */
  MPI_Irecv(buf, 1, MPI_INT, r, 3, MPI_COMM_WORLD, &q);
  MPI_Request stale = q;
  MPI_Send(buf, 1, MPI_INT, r, 3, MPI_COMM_WORLD);
  MPI_Wait(&q, &st);
  TRY("Wait on a stale request", MPI_Wait(&stale, &st));
  /* An array with one forged entry: nothing is completed, the good one stays. */
  MPI_Irecv(buf, 1, MPI_INT, r, 4, MPI_COMM_WORLD, &qs[0]);
  qs[1] = forged;
  TRY("Waitall with a forged request", MPI_Waitall(2, qs, MPI_STATUSES_IGNORE));
  TRY("Testany with a forged request", MPI_Testany(2, qs, idx, &flag, &st));
  TRY("Startall with a forged request", MPI_Startall(2, qs));
  qs[1] = MPI_REQUEST_NULL;
  MPI_Cancel(&qs[0]);
  TRY("the good request still cancels and completes", MPI_Waitall(2, qs, MPI_STATUSES_IGNORE));
  /* The same request twice in one array (the host would free it twice). */
  MPI_Irecv(buf, 1, MPI_INT, r, 6, MPI_COMM_WORLD, &qs[0]);
  qs[1] = qs[0];
  TRY("Waitall with one request twice", MPI_Waitall(2, qs, MPI_STATUSES_IGNORE));
  TRY("Waitsome with one request twice",
      MPI_Waitsome(2, qs, &out, idx, MPI_STATUSES_IGNORE));
  qs[1] = MPI_REQUEST_NULL;
  MPI_Send(buf, 1, MPI_INT, r, 6, MPI_COMM_WORLD);
  TRY("the request listed twice still completes", MPI_Waitall(2, qs, MPI_STATUSES_IGNORE));
  MPI_Message m = (MPI_Message)(uintptr_t)0x5555;
  TRY("Mrecv a forged message", MPI_Mrecv(buf, 1, MPI_INT, &m, &st));
  m = MPI_MESSAGE_NULL;
  TRY("Mrecv MPI_MESSAGE_NULL", MPI_Mrecv(buf, 1, MPI_INT, &m, &st));
  TRY("Imrecv a forged message", MPI_Imrecv(buf, 1, MPI_INT, &m, &q));

  /* Guest constants that differ from Open MPI's. */
  TRY("Recv tag -1 (not MPI_ANY_TAG here)", MPI_Recv(buf, 1, MPI_INT, r, -1, MPI_COMM_WORLD, &st));
  TRY("Recv from rank -2 (not MPI_PROC_NULL here)",
      MPI_Recv(buf, 1, MPI_INT, -2, 1, MPI_COMM_WORLD, &st));

  /* Pointers to out-parameters and arrays. */
  MPI_Status *st_end = (MPI_Status *)(end - 16);
  q = MPI_REQUEST_NULL;
  TRY("Recv with the status past the end",
      MPI_Recv(buf, 1, MPI_INT, MPI_PROC_NULL, 1, MPI_COMM_WORLD, st_end));
  TRY("Wait with a wild status", MPI_Wait(&q, (MPI_Status *)wild));
  TRY("Wait with a wild request pointer", MPI_Wait((MPI_Request *)(end - 2), &st));
  TRY("Isend with the request pointer past the end",
      MPI_Isend(buf, 1, MPI_INT, r, 5, MPI_COMM_WORLD, (MPI_Request *)(end - 3)));
  TRY("Isend with a NULL request pointer", MPI_Isend(buf, 1, MPI_INT, r, 5, MPI_COMM_WORLD, NULL));
  qs[0] = qs[1] = MPI_REQUEST_NULL;
  TRY("Waitall with statuses past the end", MPI_Waitall(2, qs, (MPI_Status *)(end - 40)));
  TRY("Waitall with a wild request array", MPI_Waitall(2, (MPI_Request *)wild, MPI_STATUSES_IGNORE));
  TRY("Waitall with 2^31-1 requests", MPI_Waitall(0x7fffffff, qs, MPI_STATUSES_IGNORE));
  TRY("Waitsome with wild indices", MPI_Waitsome(2, qs, &out, (int *)wild, MPI_STATUSES_IGNORE));
  TRY("Waitsome with a wild outcount", MPI_Waitsome(2, qs, (int *)wild, idx, MPI_STATUSES_IGNORE));
  TRY("Testany with a wild flag", MPI_Testany(2, qs, idx, (int *)wild, &st));
  TRY("Testall with a NULL flag", MPI_Testall(2, qs, NULL, MPI_STATUSES_IGNORE));
  TRY("Test with a wild flag", MPI_Test(&q, (int *)(end - 1), &st));
  TRY("Iprobe with a wild flag", MPI_Iprobe(r, 1, MPI_COMM_WORLD, (int *)wild, &st));
  TRY("Mprobe with a wild message pointer",
      MPI_Mprobe(MPI_PROC_NULL, 1, MPI_COMM_WORLD, (MPI_Message *)wild, &st));
  TRY("Get_count of a wild status", MPI_Get_count((MPI_Status *)wild, MPI_INT, &out));
  TRY("Get_count into a wild count", MPI_Get_count(&st, MPI_INT, (int *)wild));
  MPI_Count *cend = (MPI_Count *)(end - 4);
  TRY("Get_elements_x into the last 4 bytes", MPI_Get_elements_x(&st, MPI_INT, cend));
  TRY("Status_set_elements on a wild status",
      MPI_Status_set_elements((MPI_Status *)wild, MPI_INT, 1));
  TRY("Test_cancelled of a NULL status", MPI_Test_cancelled(NULL, &flag));
  void *back;
  TRY("Buffer_detach into a wild pointer", MPI_Buffer_detach(wild, &out));
  TRY("Buffer_detach with a wild size", MPI_Buffer_detach(&back, (int *)wild));
  TRY("Grequest_start with a bogus function index",
      MPI_Grequest_start((MPI_Grequest_query_function *)(uintptr_t)999999,
                         (MPI_Grequest_free_function *)(uintptr_t)999999,
                         (MPI_Grequest_cancel_function *)(uintptr_t)999999, NULL, &q));

  /* Still working. */
  int v = -1, w = r * 11;
  int rc = MPI_Sendrecv(&w, 1, MPI_INT, (r + 1) % n, 60, &v, 1, MPI_INT, (r + n - 1) % n, 60,
                        MPI_COMM_WORLD, &st);
  CHECK(rc == MPI_SUCCESS && v == ((r + n - 1) % n) * 11, "exchange after the attacks");
  return log_finish();
}
