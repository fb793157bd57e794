/* coll_errors.c — argument errors that host MPI detects too, under
 * MPI_ERRORS_RETURN, compared with the native run: null and invalid
 * handles, negative counts (also inside counts arrays), invalid roots, an
 * op on a type it does not apply to, freeing a predefined op.  Every rank makes the same mistake,
 * so no collective is left half-entered.  After each error a correct call
 * shows the communicator still works. */
/* ranks: 4 1 3 */
#include "coll_log.h"

#define TRY(label, call)                                     \
  do {                                                       \
    int rc_ = (call);                                        \
    cl_printf("%s: %s\n", label, cl_class(rc_));             \
    if (rc_ == MPI_SUCCESS) cl_fail++;                       \
    cl_checks++;                                             \
  } while (0)

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size;
  MPI_Comm w = MPI_COMM_WORLD;
  MPI_Comm_set_errhandler(w, MPI_ERRORS_RETURN);
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
  int buf[8] = {0}, out[8] = {0}, *counts = malloc(sizeof(int) * n), *displs = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) counts[i] = 1, displs[i] = i;
  int *big = malloc(sizeof(int) * 4 * n);
  MPI_Request q;

  TRY("Bcast datatype null", MPI_Bcast(buf, 1, MPI_DATATYPE_NULL, 0, w));
  TRY("Bcast count -1", MPI_Bcast(buf, -1, MPI_INT, 0, w));
  TRY("Bcast root = size", MPI_Bcast(buf, 1, MPI_INT, n, w));
  TRY("Bcast comm null", MPI_Bcast(buf, 1, MPI_INT, 0, MPI_COMM_NULL));
  TRY("Ibcast datatype null", MPI_Ibcast(buf, 1, MPI_DATATYPE_NULL, 0, w, &q));
  TRY("Allreduce op null", MPI_Allreduce(buf, out, 1, MPI_INT, MPI_OP_NULL, w));
  TRY("Allreduce comm null", MPI_Allreduce(buf, out, 1, MPI_INT, MPI_SUM, MPI_COMM_NULL));
  TRY("Allreduce MAXLOC on MPI_INT", MPI_Allreduce(buf, out, 1, MPI_INT, MPI_MAXLOC, w));
  TRY("Allreduce count -2", MPI_Allreduce(buf, out, -2, MPI_INT, MPI_SUM, w));
  TRY("Reduce root -5", MPI_Reduce(buf, out, 1, MPI_INT, MPI_SUM, -5, w));
  TRY("Reduce datatype null", MPI_Reduce(buf, out, 1, MPI_DATATYPE_NULL, MPI_SUM, 0, w));
  TRY("Gather root -1", MPI_Gather(buf, 1, MPI_INT, big, 1, MPI_INT, -1, w));
  TRY("Scatter root size", MPI_Scatter(big, 1, MPI_INT, buf, 1, MPI_INT, n, w));
  TRY("Allgather recv datatype null", MPI_Allgather(buf, 1, MPI_INT, big, 1, MPI_DATATYPE_NULL, w));
  TRY("Alltoall send count -1", MPI_Alltoall(big, -1, MPI_INT, big, 1, MPI_INT, w));
  counts[n - 1] = -3;
  TRY("Alltoallv negative send count",
      MPI_Alltoallv(big, counts, displs, MPI_INT, out, counts, displs, MPI_INT, w));
  TRY("Reduce_scatter negative recvcount",
      MPI_Reduce_scatter(big, out, counts, MPI_INT, MPI_SUM, w));
  TRY("Gatherv negative recvcount at root (self)",
      MPI_Gatherv(buf, 1, MPI_INT, big, counts + n - 1, displs, MPI_INT, 0, MPI_COMM_SELF));
  counts[n - 1] = 1;
  TRY("Scan op null", MPI_Scan(buf, out, 1, MPI_INT, MPI_OP_NULL, w));
  TRY("Exscan datatype null", MPI_Exscan(buf, out, 1, MPI_DATATYPE_NULL, MPI_SUM, w));
  TRY("Reduce_local op null", MPI_Reduce_local(buf, out, 1, MPI_INT, MPI_OP_NULL));
  TRY("Reduce_scatter_block count -1",
      MPI_Reduce_scatter_block(big, out, -1, MPI_INT, MPI_SUM, w));
  MPI_Op sum = MPI_SUM;
  TRY("Op_free predefined", MPI_Op_free(&sum));
  int c;
  TRY("Op_commutative op null", MPI_Op_commutative(MPI_OP_NULL, &c));
  TRY("Barrier comm null", MPI_Barrier(MPI_COMM_NULL));

  /* The communicator still works. */
  buf[0] = r + 1;
  int rc = MPI_Allreduce(buf, out, 1, MPI_INT, MPI_SUM, w);
  CHECK(rc == MPI_SUCCESS && out[0] == n * (n + 1) / 2, "Allreduce after the errors: %d", out[0]);
  free(counts);
  free(displs);
  free(big);
  return cl_finish();
}
