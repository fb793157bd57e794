/* idup_pending.c — a communicator whose MPI_Comm_idup has not completed
 * (Wasm only).  MPI says newcomm may not be used before the request
 * completes; Open MPI writes its half-made communicator (no collective
 * modules, no matching yet) at once, and a call on it crashed the host.
 * Every call on the pending handle must be refused with a class, whatever
 * completes the request afterwards (MPI_Wait, MPI_Waitall, MPI_Test,
 * MPI_Request_get_status), and
 * the communicator must then work.  Each rank's class must agree; rank 0
 * prints "label: CLASS". */
//! RUN 2 => return idup_pending.expected
//! RUN 3 => return idup_pending.expected
#include "hostile.h"

static int rank, size;
/* Reports go through their own communicator: Open MPI 4.1 (natively too)
 * breaks a nonblocking collective started on a communicator after a blocking
 * one there while MPI_Comm_idup of it is pending. */
static MPI_Comm rep;

static void report(const char *label, int rc) {
  int c = rc, v[2], m[2];
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &c);
  v[0] = c;
  v[1] = -c;
  MPI_Allreduce(v, m, 2, MPI_INT, MPI_MAX, rep);
  if (rank == 0) {
    if (m[0] != -m[1]) printf("%s: ranks disagree\n", label);
    else printf("%s: %s\n", label, class_name(c));
    fflush(stdout);
  }
}

/* Calls on pending communicator nc, each refused. */
static void use_pending(MPI_Comm nc, const char *how) {
  char l[96];
  int v = rank, n = -1, buf[64] = {0}, cnt[64], dsp[64];
  for (int i = 0; i < 64; i++) cnt[i] = 1, dsp[i] = i;
  MPI_Request r = MPI_REQUEST_NULL;
  MPI_Comm d = MPI_COMM_NULL, f = nc;
#define U(what, call) (snprintf(l, sizeof l, "%s: pending %s", how, what), report(l, call))
  U("comm_rank", MPI_Comm_rank(nc, &n));
  U("comm_size", MPI_Comm_size(nc, &n));
  U("barrier", MPI_Barrier(nc));
  U("bcast", MPI_Bcast(buf, 1, MPI_INT, 0, nc));
  U("allgather", MPI_Allgather(&v, 1, MPI_INT, buf, 1, MPI_INT, nc));
  U("alltoallv", MPI_Alltoallv(buf, cnt, dsp, MPI_INT, buf + 32, cnt, dsp, MPI_INT, nc));
  U("allreduce", MPI_Allreduce(&v, &n, 1, MPI_INT, MPI_SUM, nc));
  U("ibarrier", MPI_Ibarrier(nc, &r));
  U("send to PROC_NULL", MPI_Send(&v, 1, MPI_INT, MPI_PROC_NULL, 0, nc));
  U("iprobe", MPI_Iprobe(MPI_ANY_SOURCE, 0, nc, &n, MPI_STATUS_IGNORE));
  U("comm_dup", MPI_Comm_dup(nc, &d));
  U("comm_idup", MPI_Comm_idup(nc, &d, &r));
  U("comm_free", MPI_Comm_free(&f));
#undef U
}

/* After completion: the communicator is a duplicate of MPI_COMM_WORLD. */
static void use_done(MPI_Comm nc, const char *how) {
  char l[96];
  int n = -1, v = 1, sum = 0;
  snprintf(l, sizeof l, "%s: completed size is the world's", how);
  MPI_Comm_size(nc, &n);
  report(l, n == size ? MPI_SUCCESS : MPI_ERR_OTHER);
  snprintf(l, sizeof l, "%s: completed allreduce", how);
  int rc = MPI_Allreduce(&v, &sum, 1, MPI_INT, MPI_SUM, nc);
  report(l, rc == MPI_SUCCESS && sum != size ? MPI_ERR_OTHER : rc);
  snprintf(l, sizeof l, "%s: completed comm_free", how);
  report(l, MPI_Comm_free(&nc));
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  /* The new communicators inherit ERRORS_RETURN. */
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_dup(MPI_COMM_WORLD, &rep);
  MPI_Comm nc;
  MPI_Request r[2];
  int flag = 0, rc = MPI_SUCCESS;

  report("wait: idup", MPI_Comm_idup(MPI_COMM_WORLD, &nc, &r[0]));
  use_pending(nc, "wait");
  report("wait: wait", MPI_Wait(&r[0], MPI_STATUS_IGNORE));
  use_done(nc, "wait");

  report("waitall: idup", MPI_Comm_idup(MPI_COMM_WORLD, &nc, &r[0]));
  MPI_Irecv(&flag, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &r[1]);
  use_pending(nc, "waitall");
  report("waitall: waitall", MPI_Waitall(2, r, MPI_STATUSES_IGNORE));
  use_done(nc, "waitall");

  report("test: idup", MPI_Comm_idup(MPI_COMM_WORLD, &nc, &r[0]));
  use_pending(nc, "test");
  flag = 0;
  while (!flag && rc == MPI_SUCCESS) rc = MPI_Test(&r[0], &flag, MPI_STATUS_IGNORE);
  report("test: test", rc);
  use_done(nc, "test");

  /* MPI_Request_get_status saying the operation is complete completes
   * it too (the request stays until MPI_Wait frees it). */
  report("get_status: idup", MPI_Comm_idup(MPI_COMM_WORLD, &nc, &r[0]));
  use_pending(nc, "get_status");
  flag = 0;
  rc = MPI_SUCCESS;
  while (!flag && rc == MPI_SUCCESS) rc = MPI_Request_get_status(r[0], &flag, MPI_STATUS_IGNORE);
  report("get_status: get_status", rc);
  int n = -1;
  MPI_Comm_size(nc, &n);
  report("get_status: completed size is the world's", n == size ? MPI_SUCCESS : MPI_ERR_OTHER);
  report("get_status: wait", MPI_Wait(&r[0], MPI_STATUS_IGNORE));
  use_done(nc, "get_status");

  MPI_Comm_free(&rep);
  MPI_Finalize();
  if (rank == 0) printf("done\n");
  return 0;
}
