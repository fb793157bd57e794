/* fatal.c — one hostile call under the default handler
 * (MPI_ERRORS_ARE_FATAL), made by rank 1 alone while the other ranks wait
 * in a barrier that can never complete: the whole job must end at once
 * with a non-zero status and a stderr line naming rank 1, the function and
 * the error class.  The argument picks the call. */
//! RUN 4 send_wild => fatal rank 1|MPI_Send|MPI_ERR_BUFFER
//! RUN 4 recv_past_end => fatal rank 1|MPI_Recv|MPI_ERR_BUFFER
//! RUN 4 type_past_end => fatal rank 1|MPI_Send|MPI_ERR_BUFFER
//! RUN 4 negative_count => fatal rank 1|MPI_Send|MPI_ERR_COUNT
//! RUN 4 forged_comm => fatal rank 1|MPI_Barrier|MPI_ERR_COMM
//! RUN 4 forged_type => fatal rank 1|MPI_Send|MPI_ERR_TYPE
//! RUN 4 forged_op => fatal rank 1|MPI_Allreduce|MPI_ERR_OP
//! RUN 4 forged_request => fatal rank 1|MPI_Wait|MPI_ERR_REQUEST
//! RUN 4 forged_group => fatal rank 1|MPI_Group_size|MPI_ERR_GROUP
//! RUN 4 status_wild => fatal rank 1|MPI_Recv|MPI_ERR_
//! RUN 4 alltoallv_counts_wild => fatal rank 1|MPI_Alltoallv|MPI_ERR_
//! RUN 4 bad_rank => fatal rank 1|MPI_Send|MPI_ERR_RANK
//! RUN 2 send_wild => fatal rank 1|MPI_Send|MPI_ERR_BUFFER
#include "hostile.h"

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const char *what = argc > 1 ? argv[1] : "";
  if (rank != 1) {
    MPI_Barrier(MPI_COMM_WORLD);
    printf("rank %d: passed a barrier rank 1 never entered\n", rank);
    MPI_Finalize();
    return 0;
  }
  int x = 0, cnt[8] = {1, 1, 1, 1}, dsp[8] = {0, 1, 2, 3};
  double small[4];
  MPI_Status st;
  MPI_Request r = FORGED(MPI_Request);
  MPI_Datatype wide;
  if (!strcmp(what, "send_wild")) MPI_Send(WILD, 100, MPI_INT, 0, 0, MPI_COMM_WORLD);
  else if (!strcmp(what, "recv_past_end")) MPI_Recv(at_end(4), 8, MPI_INT, 0, 0, MPI_COMM_WORLD, &st);
  else if (!strcmp(what, "type_past_end")) {
    MPI_Type_vector(2, 1, 1 << 26, MPI_DOUBLE, &wide);
    MPI_Type_commit(&wide);
    MPI_Send(small, 1, wide, 0, 0, MPI_COMM_WORLD);
  } else if (!strcmp(what, "negative_count")) MPI_Send(&x, -3, MPI_INT, 0, 0, MPI_COMM_WORLD);
  else if (!strcmp(what, "forged_comm")) MPI_Barrier(FORGED(MPI_Comm));
  else if (!strcmp(what, "forged_type")) MPI_Send(&x, 1, FORGED(MPI_Datatype), 0, 0, MPI_COMM_WORLD);
  else if (!strcmp(what, "forged_op")) MPI_Allreduce(&x, small, 1, MPI_INT, FORGED(MPI_Op), MPI_COMM_WORLD);
  else if (!strcmp(what, "forged_request")) MPI_Wait(&r, &st);
  else if (!strcmp(what, "forged_group")) MPI_Group_size(FORGED(MPI_Group), &x);
  else if (!strcmp(what, "status_wild")) MPI_Recv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, WILD);
  else if (!strcmp(what, "alltoallv_counts_wild"))
    MPI_Alltoallv(small, WILD, dsp, MPI_INT, small, cnt, dsp, MPI_INT, MPI_COMM_WORLD);
  else if (!strcmp(what, "bad_rank")) MPI_Send(&x, 1, MPI_INT, size + 1, 0, MPI_COMM_WORLD);
  else printf("fatal: unknown case '%s'\n", what);
  printf("rank 1: the fatal call returned (case %s)\n", what);
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Finalize();
  return 0;
}
