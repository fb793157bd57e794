/* pipeline.c — a software pipeline of stages (one per rank): each item flows
 * rank 0 -> 1 -> ... with nonblocking sends and receives, several in flight;
 * completion is taken with Waitsome, Testsome, Waitany, Testany, Testall and
 * Test, so every completion call sees real traffic. */
/* ranks: 4 2 3 */
#include "mpitest.h"

#define NITEM 24
#define DEPTH 4

static double stage(double x, int rank) { return x * 1.5 + rank; }

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  double in[NITEM], out[NITEM];
  if (rank == 0) {
    /* producer: DEPTH sends in flight, retired with Waitsome/Testsome */
    MPI_Request rq[DEPTH];
    int slot_item[DEPTH];
    for (int i = 0; i < DEPTH; i++) rq[i] = MPI_REQUEST_NULL;
    int sent = 0, retired = 0, calls = 0;
    while (retired < NITEM) {
      for (int s = 0; s < DEPTH && sent < NITEM; s++)
        if (rq[s] == MPI_REQUEST_NULL) {
          out[sent] = stage(sent, 0);
          slot_item[s] = sent;
          MPI_Isend(&out[sent], 1, MPI_DOUBLE, 1 % size, sent, MPI_COMM_WORLD, &rq[s]);
          sent++;
        }
      int n, idx[DEPTH];
      MPI_Status st[DEPTH];
      if (calls++ % 2) MPI_Waitsome(DEPTH, rq, &n, idx, st);
      else MPI_Testsome(DEPTH, rq, &n, idx, st);
      if (n == MPI_UNDEFINED) n = 0;
      for (int k = 0; k < n; k++) (void)slot_item[idx[k]];
      retired += n;
    }
  }
  if (rank > 0) {
    /* middle and last stages: all receives posted up front */
    MPI_Request rq[NITEM];
    for (int i = 0; i < NITEM; i++)
      MPI_Irecv(&in[i], 1, MPI_DOUBLE, rank - 1, i, MPI_COMM_WORLD, &rq[i]);
    MPI_Request srq[NITEM];
    int got = 0, order_ok = 1;
    while (got < NITEM) {
      int idx;
      MPI_Status st;
      if (got % 2) {
        MPI_Waitany(NITEM, rq, &idx, &st);
      } else {
        int flag = 0;
        while (!flag) MPI_Testany(NITEM, rq, &idx, &flag, &st);
      }
      if (st.MPI_TAG != idx) order_ok = 0;
      out[idx] = stage(in[idx], rank);
      if (rank < size - 1) MPI_Isend(&out[idx], 1, MPI_DOUBLE, rank + 1, idx, MPI_COMM_WORLD, &srq[got]);
      got++;
    }
    if (rank < size - 1) {
      int flag = 0;
      while (!flag) MPI_Testall(NITEM, srq, &flag, MPI_STATUSES_IGNORE);
    }
    if (!order_ok) printf("rank %d: tag does not match index\n", rank);
  }
  /* the last stage sends its results back to rank 0, checked with Test */
  if (size > 1) {
    if (rank == size - 1) MPI_Send(out, NITEM, MPI_DOUBLE, 0, 99, MPI_COMM_WORLD);
    if (rank == 0) {
      MPI_Request r;
      MPI_Irecv(in, NITEM, MPI_DOUBLE, size - 1, 99, MPI_COMM_WORLD, &r);
      int flag = 0;
      MPI_Status st;
      while (!flag) MPI_Test(&r, &flag, &st);
      int cnt;
      MPI_Get_count(&st, MPI_DOUBLE, &cnt);
      printf("%d items through %d stages (status source %d, count %d)\n", NITEM, size,
             st.MPI_SOURCE, cnt);
      for (int i = 0; i < NITEM; i += 5) printf("item %2d -> %.4f\n", i, in[i]);
      printf("request after Test: %s\n", r == MPI_REQUEST_NULL ? "null" : "live");
    }
  }
  MPI_Finalize();
  return 0;
}
