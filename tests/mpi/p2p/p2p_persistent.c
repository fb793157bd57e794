/* p2p_persistent.c — persistent requests: Send_init, Ssend_init,
 * Rsend_init, Bsend_init, Recv_init, Start, Startall, completion through
 * Wait/Waitall/Test (the request stays), Request_free (it goes).
 * Ranks pair up (r ^ 1; a last odd rank talks to itself). */
/* ranks: 4 2 3 */
#include <stdlib.h>

#include "p2p_log.h"

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  int r = log_rank, n = log_size;
  int peer = (r ^ 1) < n ? r ^ 1 : r;
  MPI_Status st;

  /* Send_init + Recv_init over 5 rounds, Start/Wait, data changed between rounds. */
  int sbuf[3], rbuf[3];
  MPI_Request sq, rq;
  MPI_Send_init(sbuf, 3, MPI_INT, peer, 7, MPI_COMM_WORLD, &sq);
  MPI_Recv_init(rbuf, 3, MPI_INT, peer, 7, MPI_COMM_WORLD, &rq);
  int good = sq != MPI_REQUEST_NULL && rq != MPI_REQUEST_NULL;
  for (int round = 0; round < 5; round++) {
    for (int i = 0; i < 3; i++) sbuf[i] = r * 100 + round * 10 + i;
    MPI_Start(&rq);
    MPI_Start(&sq);
    MPI_Wait(&rq, &st);
    MPI_Wait(&sq, MPI_STATUS_IGNORE);
    good &= rbuf[0] == peer * 100 + round * 10 && rbuf[2] == peer * 100 + round * 10 + 2;
    good &= st.MPI_SOURCE == peer && st.MPI_TAG == 7;
    good &= sq != MPI_REQUEST_NULL && rq != MPI_REQUEST_NULL;
  }
  CHECK(good, "Send_init/Recv_init: 5 rounds of Start/Wait, requests kept");

  /* Startall on both, completed by Waitall (still kept), then by Test. */
  MPI_Request both[2] = {rq, sq};
  good = 1;
  for (int round = 0; round < 3; round++) {
    sbuf[0] = r + round;
    MPI_Startall(2, both);
    MPI_Status sts[2];
    MPI_Waitall(2, both, sts);
    good &= rbuf[0] == peer + round && sts[0].MPI_SOURCE == peer;
    good &= both[0] == rq && both[1] == sq;
  }
  CHECK(good, "Startall + Waitall: 3 rounds, handles unchanged");
  sbuf[0] = -r;
  MPI_Startall(2, both);
  int flag = 0;
  while (!flag) MPI_Testall(2, both, &flag, MPI_STATUSES_IGNORE);
  CHECK(rbuf[0] == -peer && both[0] == rq, "Startall + Testall: received %d", rbuf[0]);
  /* An inactive persistent request completes at once with the empty status. */
  MPI_Wait(&rq, &st);
  CHECK(rq != MPI_REQUEST_NULL && st.MPI_TAG == MPI_ANY_TAG && st.MPI_SOURCE == MPI_ANY_SOURCE,
        "Wait on an inactive persistent request: empty status, kept");
  MPI_Request_free(&sq);
  MPI_Request_free(&rq);
  CHECK(sq == MPI_REQUEST_NULL && rq == MPI_REQUEST_NULL, "Request_free nulls persistent requests");

  /* Ssend_init. */
  int v = 0, w = 31 + r;
  MPI_Ssend_init(&w, 1, MPI_INT, peer, 8, MPI_COMM_WORLD, &sq);
  MPI_Irecv(&v, 1, MPI_INT, peer, 8, MPI_COMM_WORLD, &rq);
  MPI_Start(&sq);
  MPI_Request pair[2] = {rq, sq};
  MPI_Waitall(2, pair, MPI_STATUSES_IGNORE);
  CHECK(v == 31 + peer && pair[0] == MPI_REQUEST_NULL && pair[1] == sq,
        "Ssend_init: received %d; the Irecv nulled, the persistent send kept", v);
  MPI_Request_free(&sq);

  /* Rsend_init: the peer's receive is started before the go message. */
  MPI_Rsend_init(&w, 1, MPI_INT, peer, 9, MPI_COMM_WORLD, &sq);
  MPI_Recv_init(&v, 1, MPI_INT, peer, 9, MPI_COMM_WORLD, &rq);
  good = 1;
  for (int round = 0; round < 2; round++) {
    w = round * 50 + r;
    MPI_Start(&rq);
    MPI_Sendrecv(NULL, 0, MPI_INT, peer, 10, NULL, 0, MPI_INT, peer, 10, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
    MPI_Start(&sq);
    MPI_Wait(&sq, MPI_STATUS_IGNORE);
    MPI_Wait(&rq, MPI_STATUS_IGNORE);
    good &= v == round * 50 + peer;
  }
  CHECK(good, "Rsend_init: 2 rounds");
  MPI_Request_free(&sq);
  MPI_Request_free(&rq);

  /* Bsend_init through an attached buffer. */
  int size = 4 * (int)sizeof(int) + MPI_BSEND_OVERHEAD;
  char *buf = malloc((size_t)size);
  MPI_Buffer_attach(buf, size);
  MPI_Bsend_init(&w, 1, MPI_INT, peer, 11, MPI_COMM_WORLD, &sq);
  good = 1;
  for (int round = 0; round < 3; round++) {
    w = 7 * round + r;
    MPI_Start(&sq);
    MPI_Wait(&sq, MPI_STATUS_IGNORE);
    MPI_Recv(&v, 1, MPI_INT, peer, 11, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    good &= v == 7 * round + peer;
  }
  CHECK(good && sq != MPI_REQUEST_NULL, "Bsend_init: 3 rounds");
  MPI_Request_free(&sq);
  void *back;
  int bsize;
  MPI_Buffer_detach(&back, &bsize);
  CHECK(back == buf && bsize == size, "Buffer_detach gives back the buffer");
  free(buf);

  return log_finish();
}
