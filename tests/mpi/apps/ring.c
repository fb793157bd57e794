/* ring.c — a token passed around the ring of ranks several times, each rank
 * adding to it, with every blocking send mode: standard, synchronous, ready
 * (after the receiver posted) and buffered (Buffer_attach/detach), then
 * Sendrecv_replace shifting a value one step. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int next = (rank + 1) % size, prev = (rank + size - 1) % size;

  /* Standard and synchronous sends, three laps. */
  long token = 0;
  for (int lap = 0; lap < 3; lap++) {
    if (rank == 0) {
      /* nonblocking here, so that one rank can pass the token to itself */
      long out = token + 1;
      MPI_Request r;
      if (lap % 2) MPI_Issend(&out, 1, MPI_LONG, next, lap, MPI_COMM_WORLD, &r);
      else MPI_Isend(&out, 1, MPI_LONG, next, lap, MPI_COMM_WORLD, &r);
      MPI_Status st;
      MPI_Recv(&token, 1, MPI_LONG, prev, lap, MPI_COMM_WORLD, &st);
      MPI_Wait(&r, MPI_STATUS_IGNORE);
      if (st.MPI_SOURCE != prev || st.MPI_TAG != lap) mt_say("bad status\n");
    } else {
      MPI_Recv(&token, 1, MPI_LONG, prev, lap, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      token = token * 2 + rank;
      if (lap % 2) MPI_Ssend(&token, 1, MPI_LONG, next, lap, MPI_COMM_WORLD);
      else MPI_Send(&token, 1, MPI_LONG, next, lap, MPI_COMM_WORLD);
    }
  }
  mt_say("token after 3 laps on %d ranks: %ld\n", size, token);

  /* Ready send: every rank posts its receive, a barrier, then sends. */
  double in = -1, out = rank * 1.5;
  MPI_Request req;
  MPI_Irecv(&in, 1, MPI_DOUBLE, prev, 7, MPI_COMM_WORLD, &req);
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Rsend(&out, 1, MPI_DOUBLE, next, 7, MPI_COMM_WORLD);
  MPI_Wait(&req, MPI_STATUS_IGNORE);
  mt_lines(MPI_COMM_WORLD, "rsend got %.1f from %d", in, prev);

  /* Buffered send with an attached buffer large enough for two messages. */
  int psize;
  MPI_Pack_size(16, MPI_INT, MPI_COMM_WORLD, &psize);
  int bsize = 2 * (psize + MPI_BSEND_OVERHEAD);
  char *buf = malloc(bsize);
  MPI_Buffer_attach(buf, bsize);
  int msg[16], got[16];
  for (int i = 0; i < 16; i++) msg[i] = rank * 100 + i;
  MPI_Bsend(msg, 16, MPI_INT, next, 8, MPI_COMM_WORLD);
  MPI_Bsend(msg, 8, MPI_INT, next, 9, MPI_COMM_WORLD);
  MPI_Recv(got, 16, MPI_INT, prev, 8, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  int sum = 0;
  for (int i = 0; i < 16; i++) sum += got[i];
  MPI_Recv(got, 8, MPI_INT, prev, 9, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  for (int i = 0; i < 8; i++) sum += got[i];
  void *det;
  int detsize;
  MPI_Buffer_detach(&det, &detsize);
  mt_lines(MPI_COMM_WORLD, "bsend sum %d, detached the same buffer: %s, size %s", sum,
           det == buf ? "yes" : "no", detsize == bsize ? "same" : "different");
  free(buf);

  /* Sendrecv_replace: each value moves one step around the ring. */
  int v = rank * rank;
  MPI_Status st;
  MPI_Sendrecv_replace(&v, 1, MPI_INT, next, 3, prev, 3, MPI_COMM_WORLD, &st);
  mt_lines(MPI_COMM_WORLD, "replace got %d (source %d tag %d)", v, st.MPI_SOURCE, st.MPI_TAG);
  MPI_Finalize();
  return 0;
}
