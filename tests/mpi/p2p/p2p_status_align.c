/* p2p_status_align.c — the statuses of Recv, Sendrecv, Sendrecv_replace,
 * Probe and Wait at every 4-byte alignment (the shim lets the host write an
 * 8-byte aligned status in place and translates the others): source, tag,
 * count and cancelled of a real message, of an MPI_ANY_SOURCE/MPI_ANY_TAG
 * receive, of MPI_PROC_NULL's empty status and of a truncated receive under
 * MPI_ERRORS_RETURN.  (MPI_ERROR is not printed: single-completion calls
 * leave it undefined.)  Ranks pair up (r ^ 1; a last odd rank talks to
 * itself). */
/* ranks: 2 3 */
#include "p2p_log.h"

/* Room for statuses at offsets 0, 4, 8 and 12 from an 8-byte boundary. */
static _Alignas(8) union {
  MPI_Status s[3];
  char bytes[3 * sizeof(MPI_Status)];
} room;

static MPI_Status *at(int off) { return (MPI_Status *)(room.bytes + off); }

static void show(const char *what, int off, MPI_Status *st) {
  int count = -7, cancelled = -7;
  MPI_Get_count(st, MPI_INT, &count);
  MPI_Test_cancelled(st, &cancelled);
  logf_("  %s (offset %d): source %d tag %d count %d cancelled %d\n", what, off,
        st->MPI_SOURCE == MPI_PROC_NULL ? -1000 : st->MPI_SOURCE,
        st->MPI_TAG == MPI_ANY_TAG ? -1000 : st->MPI_TAG, count, cancelled);
}

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  int r = log_rank, n = log_size;
  int peer = (r ^ 1) < n ? r ^ 1 : r;
  int sb[8], rb[8];
  for (int i = 0; i < 8; i++) sb[i] = r * 10 + i;
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);

  for (int off = 0; off <= 12; off += 4) {
    MPI_Status *st = at(off);
    MPI_Request q;
    /* a real message, then the same from any source with any tag */
    MPI_Isend(sb, 3 + off / 4, MPI_INT, peer, 10 + off, MPI_COMM_WORLD, &q);
    int rc = MPI_Recv(rb, 8, MPI_INT, peer, 10 + off, MPI_COMM_WORLD, st);
    MPI_Wait(&q, MPI_STATUS_IGNORE);
    CHECK(rc == MPI_SUCCESS, "Recv: %s", class_name(rc));
    show("Recv", off, st);
    CHECK(rb[0] == peer * 10, "Recv data %d", rb[0]);
    MPI_Isend(sb, 2, MPI_INT, peer, 20 + off, MPI_COMM_WORLD, &q);
    MPI_Probe(MPI_ANY_SOURCE, 20 + off, MPI_COMM_WORLD, st);
    show("Probe", off, st);
    rc = MPI_Recv(rb, 8, MPI_INT, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, st);
    MPI_Wait(&q, MPI_STATUS_IGNORE);
    show("Recv any", off, st);
    /* MPI_PROC_NULL: the empty status */
    rc = MPI_Recv(rb, 8, MPI_INT, MPI_PROC_NULL, 5, MPI_COMM_WORLD, st);
    CHECK(rc == MPI_SUCCESS, "Recv from MPI_PROC_NULL: %s", class_name(rc));
    show("Recv PROC_NULL", off, st);
    rc = MPI_Sendrecv(sb, 4, MPI_INT, peer, 30 + off, rb, 8, MPI_INT, peer, 30 + off,
                      MPI_COMM_WORLD, st);
    CHECK(rc == MPI_SUCCESS, "Sendrecv: %s", class_name(rc));
    show("Sendrecv", off, st);
    rc = MPI_Sendrecv_replace(rb, 5, MPI_INT, peer, 40 + off, peer, 40 + off, MPI_COMM_WORLD, st);
    CHECK(rc == MPI_SUCCESS, "Sendrecv_replace: %s", class_name(rc));
    show("Sendrecv_replace", off, st);
    /* Wait on a receive */
    MPI_Request rq;
    MPI_Irecv(rb, 8, MPI_INT, peer, 50 + off, MPI_COMM_WORLD, &rq);
    MPI_Send(sb, 6, MPI_INT, peer, 50 + off, MPI_COMM_WORLD);
    rc = MPI_Wait(&rq, st);
    CHECK(rc == MPI_SUCCESS && rq == MPI_REQUEST_NULL, "Wait: %s", class_name(rc));
    show("Wait", off, st);
    /* truncated: 6 ints into room for 2 */
    MPI_Isend(sb, 6, MPI_INT, peer, 60 + off, MPI_COMM_WORLD, &q);
    rc = MPI_Recv(rb, 2, MPI_INT, peer, 60 + off, MPI_COMM_WORLD, st);
    MPI_Wait(&q, MPI_STATUS_IGNORE);
    CHECK(rc != MPI_SUCCESS, "truncated Recv: %s", class_name(rc));
    logf_("  truncated Recv: source %d tag %d\n", st->MPI_SOURCE, st->MPI_TAG);
  }
  return log_finish();
}
