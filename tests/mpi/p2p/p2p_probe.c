/* p2p_probe.c — Probe, Iprobe, Mprobe, Improbe, Mrecv, Imrecv, including a
 * probe of MPI_PROC_NULL (MPI_MESSAGE_NO_PROC) and probes that match nothing.
 * Ranks pair up (r ^ 1; a last odd rank talks to itself). */
/* ranks: 4 2 3 */
#include <stdlib.h>

#include "p2p_log.h"

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  int r = log_rank, n = log_size;
  int peer = (r ^ 1) < n ? r ^ 1 : r;
  MPI_Status st;

  /* Four messages of different sizes and tags to the peer. */
  int b[16];
  for (int i = 0; i < 16; i++) b[i] = r * 100 + i;
  MPI_Request sq[4];
  for (int t = 1; t <= 4; t++) {
    MPI_Isend(b, t * 4, MPI_INT, peer, t, MPI_COMM_WORLD, &sq[t - 1]);
  }

  int flag = -1;
  MPI_Iprobe(peer, 77, MPI_COMM_WORLD, &flag, &st);
  CHECK(flag == 0, "Iprobe of an unsent tag: flag %d", flag);
  MPI_Message m = MPI_MESSAGE_NULL;
  flag = -1;
  MPI_Improbe(peer, 77, MPI_COMM_WORLD, &flag, &m, &st);
  CHECK(flag == 0, "Improbe of an unsent tag: flag %d", flag);

  /* Probe tag 2 from any source, size the buffer from the status, Recv it. */
  int c = -1;
  MPI_Probe(MPI_ANY_SOURCE, 2, MPI_COMM_WORLD, &st);
  MPI_Get_count(&st, MPI_INT, &c);
  CHECK(st.MPI_SOURCE == peer && st.MPI_TAG == 2 && c == 8, "Probe: source ok, tag %d, count %d",
        st.MPI_TAG, c);
  int *in = calloc((size_t)c, sizeof *in);
  MPI_Recv(in, c, MPI_INT, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  CHECK(in[7] == peer * 100 + 7, "received the probed message");
  free(in);

  /* Iprobe (any tag from the peer) until tag 1 shows. */
  flag = 0;
  while (!flag) MPI_Iprobe(peer, 1, MPI_COMM_WORLD, &flag, &st);
  MPI_Get_count(&st, MPI_INT, &c);
  CHECK(st.MPI_TAG == 1 && c == 4, "Iprobe: tag %d count %d", st.MPI_TAG, c);
  int buf[16];
  MPI_Recv(buf, 16, MPI_INT, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);

  /* Mprobe tag 3 + Mrecv: the message handle is consumed. */
  MPI_Mprobe(peer, 3, MPI_COMM_WORLD, &m, &st);
  MPI_Get_count(&st, MPI_INT, &c);
  CHECK(m != MPI_MESSAGE_NULL && m != MPI_MESSAGE_NO_PROC && c == 12, "Mprobe: count %d", c);
  memset(buf, 0, sizeof buf);
  MPI_Mrecv(buf, c, MPI_INT, &m, &st);
  CHECK(m == MPI_MESSAGE_NULL && buf[11] == peer * 100 + 11 && st.MPI_TAG == 3,
        "Mrecv: message nulled, data ok");

  /* Improbe (any tag) until tag 4 matches, Imrecv + Wait. */
  flag = 0;
  while (!flag) MPI_Improbe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &m, &st);
  MPI_Get_count(&st, MPI_INT, &c);
  CHECK(st.MPI_TAG == 4 && c == 16, "Improbe: tag %d count %d", st.MPI_TAG, c);
  MPI_Request q;
  memset(buf, 0, sizeof buf);
  MPI_Imrecv(buf, 16, MPI_INT, &m, &q);
  CHECK(m == MPI_MESSAGE_NULL, "Imrecv nulls the message");
  MPI_Wait(&q, &st);
  CHECK(buf[15] == peer * 100 + 15 && st.MPI_SOURCE == peer && q == MPI_REQUEST_NULL,
        "Imrecv + Wait: data ok");
  MPI_Waitall(4, sq, MPI_STATUSES_IGNORE);

  /* Probing MPI_PROC_NULL. */
  MPI_Probe(MPI_PROC_NULL, 5, MPI_COMM_WORLD, &st);
  CHECK(st.MPI_SOURCE == MPI_PROC_NULL && st.MPI_TAG == MPI_ANY_TAG, "Probe(MPI_PROC_NULL): null status");
  flag = 0;
  MPI_Iprobe(MPI_PROC_NULL, 5, MPI_COMM_WORLD, &flag, &st);
  CHECK(flag == 1 && st.MPI_SOURCE == MPI_PROC_NULL, "Iprobe(MPI_PROC_NULL): flag %d", flag);
  MPI_Mprobe(MPI_PROC_NULL, 5, MPI_COMM_WORLD, &m, &st);
  CHECK(m == MPI_MESSAGE_NO_PROC && st.MPI_SOURCE == MPI_PROC_NULL,
        "Mprobe(MPI_PROC_NULL) gives MPI_MESSAGE_NO_PROC");
  st.MPI_SOURCE = 0;
  MPI_Mrecv(buf, 16, MPI_INT, &m, &st);
  MPI_Get_count(&st, MPI_INT, &c);
  CHECK(m == MPI_MESSAGE_NULL && st.MPI_SOURCE == MPI_PROC_NULL && c == 0,
        "Mrecv(MPI_MESSAGE_NO_PROC): null status, count %d, message nulled", c);
  flag = 0;
  MPI_Improbe(MPI_PROC_NULL, 5, MPI_COMM_WORLD, &flag, &m, &st);
  CHECK(flag == 1 && m == MPI_MESSAGE_NO_PROC, "Improbe(MPI_PROC_NULL) gives MPI_MESSAGE_NO_PROC");
  MPI_Imrecv(buf, 16, MPI_INT, &m, &q);
  MPI_Wait(&q, &st);
  CHECK(m == MPI_MESSAGE_NULL && st.MPI_SOURCE == MPI_PROC_NULL, "Imrecv(MPI_MESSAGE_NO_PROC)");

  return log_finish();
}
