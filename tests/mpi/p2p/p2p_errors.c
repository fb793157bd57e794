/* p2p_errors.c — invalid arguments the native MPI rejects too, under
 * MPI_ERRORS_RETURN: the class each call returns is printed, so the native
 * and the Wasm run must agree (negative counts, bad tags and ranks, null
 * handles, truncation, MPI_ERR_IN_STATUS with per-request errors).  Then a
 * normal exchange shows the ranks are still fine.  Any number of ranks. */
/* ranks: 4 2 3 */
#include "p2p_log.h"

static int failing_query(void *extra, MPI_Status *st) {
  (void)extra;
  MPI_Status_set_elements(st, MPI_INT, 0);
  MPI_Status_set_cancelled(st, 0);
  st->MPI_SOURCE = MPI_UNDEFINED;
  st->MPI_TAG = MPI_UNDEFINED;
  return MPI_ERR_OTHER;
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
  int peer = (r ^ 1) < n ? r ^ 1 : r;
  int buf[10] = {0}, big[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  MPI_Status st, sts[2];
  MPI_Request q = MPI_REQUEST_NULL, qs[2];

  TRY("Send count -1", MPI_Send(buf, -1, MPI_INT, r, 1, MPI_COMM_WORLD));
  TRY("Send tag -5", MPI_Send(buf, 1, MPI_INT, r, -5, MPI_COMM_WORLD));
  TRY("Send tag MPI_ANY_TAG", MPI_Send(buf, 1, MPI_INT, r, MPI_ANY_TAG, MPI_COMM_WORLD));
  TRY("Send to rank size", MPI_Send(buf, 1, MPI_INT, n, 1, MPI_COMM_WORLD));
  TRY("Send to rank -7", MPI_Send(buf, 1, MPI_INT, -7, 1, MPI_COMM_WORLD));
  TRY("Ssend to MPI_ANY_SOURCE", MPI_Ssend(buf, 1, MPI_INT, MPI_ANY_SOURCE, 1, MPI_COMM_WORLD));
  TRY("Recv from rank size", MPI_Recv(buf, 1, MPI_INT, n, 1, MPI_COMM_WORLD, &st));
  TRY("Recv tag -5", MPI_Recv(buf, 1, MPI_INT, r, -5, MPI_COMM_WORLD, &st));
  TRY("Send on MPI_COMM_NULL", MPI_Send(buf, 1, MPI_INT, 0, 1, MPI_COMM_NULL));
  TRY("Recv on MPI_COMM_NULL", MPI_Recv(buf, 1, MPI_INT, 0, 1, MPI_COMM_NULL, &st));
  TRY("Send MPI_DATATYPE_NULL", MPI_Send(buf, 1, MPI_DATATYPE_NULL, r, 1, MPI_COMM_WORLD));
  TRY("Isend count -1", MPI_Isend(buf, -1, MPI_INT, r, 1, MPI_COMM_WORLD, &q));
  logf_("  request after failed Isend: %s\n", q == MPI_REQUEST_NULL ? "MPI_REQUEST_NULL" : "set");
  TRY("Irecv tag -5", MPI_Irecv(buf, 1, MPI_INT, r, -5, MPI_COMM_WORLD, &q));
  TRY("Send_init to rank size", MPI_Send_init(buf, 1, MPI_INT, n, 1, MPI_COMM_WORLD, &q));
  TRY("Recv_init MPI_DATATYPE_NULL",
      MPI_Recv_init(buf, 1, MPI_DATATYPE_NULL, r, 1, MPI_COMM_WORLD, &q));
  TRY("Sendrecv to rank size",
      MPI_Sendrecv(big, 1, MPI_INT, n, 1, buf, 1, MPI_INT, r, 1, MPI_COMM_WORLD, &st));
  TRY("Probe tag -5", MPI_Probe(r, -5, MPI_COMM_WORLD, &st));
  int flag;
  TRY("Iprobe from rank size", MPI_Iprobe(n, 1, MPI_COMM_WORLD, &flag, &st));
  MPI_Datatype loose;
  MPI_Type_contiguous(2, MPI_INT, &loose);
  TRY("Send an uncommitted type", MPI_Send(buf, 1, loose, r, 1, MPI_COMM_WORLD));
  MPI_Type_free(&loose);

  /* Truncation (from the peer: Open MPI truncates messages to self silently
   * in nonblocking receives): 10 ints into room for 5. */
  MPI_Isend(big, 10, MPI_INT, peer, 30, MPI_COMM_WORLD, &q);
  TRY("Recv truncated", MPI_Recv(buf, 5, MPI_INT, peer, 30, MPI_COMM_WORLD, &st));
  MPI_Wait(&q, MPI_STATUS_IGNORE);

  /* MPI_ERR_IN_STATUS: one of two receives truncates.  The truncated one is
   * the last in the array: a request after the failing one may still be
   * pending or already done when the call returns (MPI_ERR_PENDING or
   * MPI_SUCCESS), which would make the output depend on timing. */
  MPI_Irecv(buf + 2, 5, MPI_INT, peer, 41, MPI_COMM_WORLD, &qs[0]);
  MPI_Irecv(buf, 2, MPI_INT, peer, 40, MPI_COMM_WORLD, &qs[1]);
  MPI_Send(big, 5, MPI_INT, peer, 41, MPI_COMM_WORLD);
  MPI_Send(big, 5, MPI_INT, peer, 40, MPI_COMM_WORLD);
  TRY("Waitall with a truncated receive", MPI_Waitall(2, qs, sts));
  logf_("  status errors: %s, %s; requests %s\n", class_name(sts[0].MPI_ERROR),
        class_name(sts[1].MPI_ERROR),
        qs[0] == MPI_REQUEST_NULL && qs[1] == MPI_REQUEST_NULL ? "nulled" : "not nulled");
  MPI_Irecv(buf, 2, MPI_INT, peer, 42, MPI_COMM_WORLD, &q);
  MPI_Send(big, 5, MPI_INT, peer, 42, MPI_COMM_WORLD);
  TRY("Wait on a truncated receive", MPI_Wait(&q, &st));

  /* Null handles where a real one is needed. */
  q = MPI_REQUEST_NULL;
  TRY("Start(MPI_REQUEST_NULL)", MPI_Start(&q));
  TRY("Request_free(MPI_REQUEST_NULL)", MPI_Request_free(&q));
  TRY("Waitall count -1", MPI_Waitall(-1, qs, MPI_STATUSES_IGNORE));
  TRY("Get_count MPI_DATATYPE_NULL", MPI_Get_count(&st, MPI_DATATYPE_NULL, &flag));
  TRY("Bsend without a buffer", MPI_Bsend(buf, 1, MPI_INT, r, 50, MPI_COMM_WORLD));
  TRY("Grequest_complete(MPI_REQUEST_NULL)", MPI_Grequest_complete(MPI_REQUEST_NULL));

  /* A generalized request whose query function fails. */
  MPI_Grequest_start(failing_query, free_ok, cancel_ok, NULL, &q);
  MPI_Grequest_complete(q);
  TRY("Wait on a generalized request whose query fails", MPI_Wait(&q, &st));
  logf_("  request %s\n", q == MPI_REQUEST_NULL ? "nulled" : "kept");

  /* Still working. */
  int v = -1, w = r * 11;
  int rc = MPI_Sendrecv(&w, 1, MPI_INT, (r + 1) % n, 60, &v, 1, MPI_INT, (r + n - 1) % n, 60,
                        MPI_COMM_WORLD, &st);
  CHECK(rc == MPI_SUCCESS && v == ((r + n - 1) % n) * 11, "exchange after the errors");
  return log_finish();
}
