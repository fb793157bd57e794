/* p2p_blocking.c — blocking point-to-point: Send, Ssend, Rsend, Recv,
 * Sendrecv, Sendrecv_replace; statuses of ANY_SOURCE/ANY_TAG and PROC_NULL
 * receives; Get_count, Get_elements, Get_elements_x on MPI_INT and MPI_BYTE
 * receives.  Needs at least 2 ranks. */
/* ranks: 4 2 3 */
#include "p2p_log.h"

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  int r = log_rank, n = log_size, next = (r + 1) % n, prev = (r + n - 1) % n;
  MPI_Status st;

  /* Ring of Send/Recv (even ranks send first, so no cycle of blocking sends). */
  int out[5], in[5] = {0};
  for (int i = 0; i < 5; i++) out[i] = r * 10 + i;
  if (r % 2 == 0) {
    MPI_Send(out, 5, MPI_INT, next, 11, MPI_COMM_WORLD);
    MPI_Recv(in, 5, MPI_INT, prev, 11, MPI_COMM_WORLD, &st);
  } else {
    MPI_Recv(in, 5, MPI_INT, prev, 11, MPI_COMM_WORLD, &st);
    MPI_Send(out, 5, MPI_INT, next, 11, MPI_COMM_WORLD);
  }
  CHECK(in[0] == prev * 10 && in[4] == prev * 10 + 4, "ring Recv data from %d: %d..%d", prev,
        in[0], in[4]);
  CHECK(st.MPI_SOURCE == prev && st.MPI_TAG == 11, "ring status source %d tag %d",
        st.MPI_SOURCE, st.MPI_TAG);
  int c = -1, e = -1, b = -1;
  MPI_Get_count(&st, MPI_INT, &c);
  MPI_Get_elements(&st, MPI_INT, &e);
  MPI_Get_count(&st, MPI_BYTE, &b);
  CHECK(c == 5 && e == 5 && b == 20, "Get_count int %d, Get_elements int %d, count bytes %d", c,
        e, b);
  MPI_Count ex = -1;
  MPI_Get_elements_x(&st, MPI_INT, &ex);
  CHECK(ex == 5, "Get_elements_x %lld", (long long)ex);

  /* Ssend 0 -> 1, and a byte message whose length is no whole number of ints. */
  if (r == 0) {
    double d[3] = {1.5, 2.5, 3.5};
    MPI_Ssend(d, 3, MPI_DOUBLE, 1, 12, MPI_COMM_WORLD);
    char bytes[6] = "abcde";
    MPI_Send(bytes, 6, MPI_BYTE, 1, 13, MPI_COMM_WORLD);
  } else if (r == 1) {
    double d[4] = {0};
    MPI_Recv(d, 4, MPI_DOUBLE, 0, 12, MPI_COMM_WORLD, &st);
    MPI_Get_count(&st, MPI_DOUBLE, &c);
    CHECK(c == 3 && d[2] == 3.5 && d[3] == 0, "Ssend received %d doubles, last %g", c, d[2]);
    char bytes[16] = {0};
    MPI_Recv(bytes, 16, MPI_BYTE, 0, 13, MPI_COMM_WORLD, &st);
    MPI_Get_count(&st, MPI_BYTE, &b);
    MPI_Get_count(&st, MPI_INT, &c);
    MPI_Get_elements(&st, MPI_INT, &e);
    CHECK(b == 6 && strcmp(bytes, "abcde") == 0, "byte receive: %d bytes '%s'", b, bytes);
    CHECK(c == MPI_UNDEFINED, "Get_count(MPI_INT) of 6 bytes is MPI_UNDEFINED (%d)", c);
    CHECK(e == MPI_UNDEFINED, "Get_elements(MPI_INT) of 6 bytes is MPI_UNDEFINED (%d)", e);
    MPI_Get_elements_x(&st, MPI_INT, &ex);
    CHECK(ex == MPI_UNDEFINED, "Get_elements_x(MPI_INT) of 6 bytes is MPI_UNDEFINED (%lld)",
          (long long)ex);
  }

  /* Rsend: the receive is posted (Irecv) before the sender hears it may go. */
  if (r == 0) {
    int go = 0, v = 4242;
    MPI_Recv(&go, 0, MPI_INT, 1, 14, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Rsend(&v, 1, MPI_INT, 1, 15, MPI_COMM_WORLD);
  } else if (r == 1) {
    int v = 0;
    MPI_Request q;
    MPI_Irecv(&v, 1, MPI_INT, 0, 15, MPI_COMM_WORLD, &q);
    MPI_Send(NULL, 0, MPI_INT, 0, 14, MPI_COMM_WORLD);
    MPI_Wait(&q, &st);
    CHECK(v == 4242 && q == MPI_REQUEST_NULL, "Rsend received %d, request nulled", v);
  }

  /* ANY_SOURCE / ANY_TAG at rank 0 from every other rank. */
  if (r == 0) {
    int seen = 0, good = 1;
    for (int i = 1; i < n; i++) {
      int v = -1;
      MPI_Recv(&v, 1, MPI_INT, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
      good &= st.MPI_TAG == 100 + st.MPI_SOURCE && v == st.MPI_SOURCE * 3;
      seen |= 1 << st.MPI_SOURCE;
    }
    CHECK(good && seen == ((1 << n) - 2), "ANY_SOURCE/ANY_TAG: every rank once, tags match");
    /* Only now may the others go on (their next messages would match ANY_TAG). */
    for (int i = 1; i < n; i++) MPI_Send(NULL, 0, MPI_INT, i, 16, MPI_COMM_WORLD);
  } else {
    int v = r * 3;
    MPI_Send(&v, 1, MPI_INT, 0, 100 + r, MPI_COMM_WORLD);
    MPI_Recv(NULL, 0, MPI_INT, 0, 16, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }

  /* MPI_PROC_NULL: sends vanish, receives complete at once with the null status. */
  int rc = MPI_Send(out, 5, MPI_INT, MPI_PROC_NULL, 1, MPI_COMM_WORLD);
  st.MPI_SOURCE = 77;
  st.MPI_TAG = 77;
  rc |= MPI_Recv(in, 5, MPI_INT, MPI_PROC_NULL, 1, MPI_COMM_WORLD, &st);
  MPI_Get_count(&st, MPI_INT, &c);
  CHECK(rc == MPI_SUCCESS && st.MPI_SOURCE == MPI_PROC_NULL && st.MPI_TAG == MPI_ANY_TAG && c == 0,
        "PROC_NULL receive: source is PROC_NULL %d, tag is ANY_TAG %d, count %d",
        st.MPI_SOURCE == MPI_PROC_NULL, st.MPI_TAG == MPI_ANY_TAG, c);

  /* Sendrecv around the ring, and Sendrecv_replace the other way. */
  double sd[2] = {r + 0.25, r + 0.5}, rd[2] = {0};
  MPI_Sendrecv(sd, 2, MPI_DOUBLE, next, 21, rd, 2, MPI_DOUBLE, prev, 21, MPI_COMM_WORLD, &st);
  CHECK(rd[0] == prev + 0.25 && rd[1] == prev + 0.5 && st.MPI_SOURCE == prev,
        "Sendrecv from %d: %g %g", prev, rd[0], rd[1]);
  long long ll[3] = {r, r * 1000000000000LL, -r};
  MPI_Sendrecv_replace(ll, 3, MPI_LONG_LONG, prev, 22, next, 22, MPI_COMM_WORLD, &st);
  CHECK(ll[0] == next && ll[1] == next * 1000000000000LL && ll[2] == -next && st.MPI_TAG == 22,
        "Sendrecv_replace from %d: %lld %lld %lld", next, ll[0], ll[1], ll[2]);
  /* Sendrecv with PROC_NULL on both sides, status ignored. */
  rc = MPI_Sendrecv(sd, 2, MPI_DOUBLE, MPI_PROC_NULL, 1, rd, 2, MPI_DOUBLE, MPI_PROC_NULL, 1,
                    MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  CHECK(rc == MPI_SUCCESS, "Sendrecv with PROC_NULL peers");

  return log_finish();
}
