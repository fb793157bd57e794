/* cancel.c — a server posts receives it may not need: unmatched receives are
 * cancelled (Cancel + Test_cancelled on the status); a matched one is not;
 * the probe-driven shutdown uses Iprobe; MPI_PROC_NULL traffic completes at
 * once with source PROC_NULL and count 0. */
/* ranks: 4 2 */
#include "mpitest.h"

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  /* everyone posts receives for tags 1..3 from the left neighbour; only
   * tag 2 is ever sent */
  int left = (rank + size - 1) % size, right = (rank + 1) % size;
  int buf[3] = {-1, -1, -1};
  MPI_Request r[3];
  for (int i = 0; i < 3; i++) MPI_Irecv(&buf[i], 1, MPI_INT, left, i + 1, MPI_COMM_WORLD, &r[i]);
  int v = 100 + rank;
  MPI_Send(&v, 1, MPI_INT, right, 2, MPI_COMM_WORLD);
  MPI_Status st;
  MPI_Wait(&r[1], &st);
  MPI_Barrier(MPI_COMM_WORLD);
  int c[3];
  MPI_Cancel(&r[0]);
  MPI_Cancel(&r[2]);
  MPI_Wait(&r[0], &st);
  MPI_Test_cancelled(&st, &c[0]);
  MPI_Wait(&r[2], &st);
  MPI_Test_cancelled(&st, &c[2]);
  /* a request that completed normally reports not cancelled */
  MPI_Request done;
  MPI_Isend(&v, 1, MPI_INT, MPI_PROC_NULL, 5, MPI_COMM_WORLD, &done);
  MPI_Wait(&done, MPI_STATUS_IGNORE);
  MPI_Irecv(&v, 1, MPI_INT, right, 4, MPI_COMM_WORLD, &done);
  MPI_Send(&v, 1, MPI_INT, left, 4, MPI_COMM_WORLD);
  int flag = 0;
  while (!flag) MPI_Test(&done, &flag, &st);
  MPI_Test_cancelled(&st, &c[1]);
  mt_lines(MPI_COMM_WORLD, "got %d; cancelled: tag1 %d tag3 %d, completed %d; buffers %d %d",
           buf[1], c[0], c[2], c[1], buf[0], buf[2]);

  /* PROC_NULL */
  int x = 5;
  MPI_Recv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &st);
  int cnt;
  MPI_Get_count(&st, MPI_INT, &cnt);
  mt_check("recv from PROC_NULL: source PROC_NULL, tag ANY_TAG, count 0, buffer untouched",
           st.MPI_SOURCE == MPI_PROC_NULL && st.MPI_TAG == MPI_ANY_TAG && cnt == 0 && x == 5);
  /* nothing left to receive */
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
  mt_check("no message left over", !flag);
  MPI_Finalize();
  return 0;
}
