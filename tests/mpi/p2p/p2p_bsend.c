/* p2p_bsend.c — buffered sends: Buffer_attach, Bsend, Ibsend, and
 * Buffer_detach (waits for the buffered messages, returns the address and
 * size that were attached).  Ranks pair up (r ^ 1; a last odd rank talks to itself). */
/* ranks: 4 2 3 */
#include <stdlib.h>

#include "p2p_log.h"

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  int r = log_rank, n = log_size;
  int peer = (r ^ 1) < n ? r ^ 1 : r;

  void *back;
  int bsize = -1, rc;

  enum { K = 10, LEN = 100 };
  int size = K * (LEN * (int)sizeof(double) + MPI_BSEND_OVERHEAD);
  char *buf = malloc((size_t)size);
  rc = MPI_Buffer_attach(buf, size);
  CHECK(rc == MPI_SUCCESS, "Buffer_attach of K messages plus MPI_BSEND_OVERHEAD each");

  /* K Bsends before the peer receives anything: all fit in the buffer. */
  double (*msg)[LEN] = malloc(sizeof(double[K][LEN]));
  for (int k = 0; k < K - 1; k++) {
    for (int i = 0; i < LEN; i++) msg[k][i] = r * 1e6 + k * 1000 + i;
    MPI_Bsend(msg[k], LEN, MPI_DOUBLE, peer, 50 + k, MPI_COMM_WORLD);
  }
  for (int i = 0; i < LEN; i++) msg[K - 1][i] = -r - i;
  MPI_Request q;
  MPI_Ibsend(msg[K - 1], LEN, MPI_DOUBLE, peer, 50 + K - 1, MPI_COMM_WORLD, &q);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  CHECK(q == MPI_REQUEST_NULL, "Ibsend completed");
  /* The messages were copied: the user buffer may change now. */
  memset(msg, 0, sizeof(double[K][LEN]));

  double in[LEN];
  int good = 1;
  for (int k = K - 1; k >= 0; k--) {
    MPI_Status st;
    MPI_Recv(in, LEN, MPI_DOUBLE, peer, 50 + k, MPI_COMM_WORLD, &st);
    if (k == K - 1)
      good &= in[0] == -peer && in[LEN - 1] == -peer - (LEN - 1);
    else
      good &= in[0] == peer * 1e6 + k * 1000 && in[LEN - 1] == peer * 1e6 + k * 1000 + LEN - 1;
    good &= st.MPI_SOURCE == peer;
  }
  CHECK(good, "%d buffered messages received in reverse order", K);

  rc = MPI_Buffer_detach(&back, &bsize);
  CHECK(rc == MPI_SUCCESS && back == buf && bsize == size,
        "Buffer_detach: same address and size");
  /* Attach again (a smaller one) and detach. */
  MPI_Buffer_attach(buf, 1000);
  MPI_Buffer_detach(&back, &bsize);
  CHECK(back == buf && bsize == 1000, "second attach/detach: size %d", bsize);
  free(msg);
  free(buf);
  return log_finish();
}
