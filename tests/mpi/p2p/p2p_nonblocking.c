/* p2p_nonblocking.c — Isend, Issend, Irsend, Irecv and every completion
 * call: Wait, Waitall, Waitany, Waitsome, Test, Testall, Testany, Testsome,
 * Request_get_status; null requests in arrays; arrays longer than 16.
 * Needs at least 2 ranks; ranks pair up (r ^ 1; a last odd rank talks to itself). */
/* ranks: 4 2 3 */
#include <stdlib.h>

#include "p2p_log.h"

#define MANY 40

static int all_null(const MPI_Request *q, int n) {
  for (int i = 0; i < n; i++)
    if (q[i] != MPI_REQUEST_NULL) return 0;
  return 1;
}

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  int r = log_rank, n = log_size;
  int peer = (r ^ 1) < n ? r ^ 1 : r;
  MPI_Status st;

  /* Everyone to everyone: n-1 Irecv and n-1 Isend, one Waitall with statuses. */
  {
    MPI_Request q[2 * 64];
    MPI_Status sts[2 * 64];
    int in[64], out = r * 7, k = 0;
    for (int s = 0; s < n; s++) {
      if (s == r) continue;
      MPI_Irecv(&in[s], 1, MPI_INT, s, 30 + s, MPI_COMM_WORLD, &q[k++]);
    }
    for (int d = 0; d < n; d++) {
      if (d == r) continue;
      MPI_Isend(&out, 1, MPI_INT, d, 30 + r, MPI_COMM_WORLD, &q[k++]);
    }
    int rc = MPI_Waitall(k, q, sts);
    int good = rc == MPI_SUCCESS, j = 0;
    for (int s = 0; s < n; s++) {
      if (s == r) continue;
      good &= in[s] == s * 7 && sts[j].MPI_SOURCE == s && sts[j].MPI_TAG == 30 + s;
      j++;
    }
    CHECK(good && all_null(q, k), "all-to-all Isend/Irecv + Waitall: data, statuses, handles nulled");
  }

  /* MANY messages to the peer; a Waitall over 2*MANY+3 requests with null ones. */
  {
    int *in = calloc(MANY, sizeof *in), *out = malloc(MANY * sizeof *out);
    MPI_Request q[2 * MANY + 3];
    MPI_Status *sts = malloc(sizeof(MPI_Status) * (2 * MANY + 3));
    q[0] = MPI_REQUEST_NULL;
    for (int i = 0; i < MANY; i++) {
      out[i] = r * 1000 + i;
      MPI_Irecv(&in[i], 1, MPI_INT, peer, 200 + i, MPI_COMM_WORLD, &q[1 + i]);
    }
    q[1 + MANY] = MPI_REQUEST_NULL;
    for (int i = 0; i < MANY; i++)
      MPI_Isend(&out[MANY - 1 - i], 1, MPI_INT, peer, 200 + MANY - 1 - i, MPI_COMM_WORLD,
                &q[2 + MANY + i]);
    q[2 + 2 * MANY] = MPI_REQUEST_NULL;
    int rc = MPI_Waitall(2 * MANY + 3, q, sts);
    int good = rc == MPI_SUCCESS;
    for (int i = 0; i < MANY; i++)
      good &= in[i] == peer * 1000 + i && sts[1 + i].MPI_TAG == 200 + i &&
              sts[1 + i].MPI_SOURCE == peer;
    /* The status of a null request is empty. */
    good &= sts[0].MPI_SOURCE == MPI_ANY_SOURCE && sts[0].MPI_TAG == MPI_ANY_TAG;
    CHECK(good && all_null(q, 2 * MANY + 3), "Waitall over %d requests (3 null)", 2 * MANY + 3);
    free(in);
    free(out);
    free(sts);
  }

  /* Waitany until MPI_UNDEFINED. */
  {
    MPI_Request q[8];
    int in[8], out[8], seen = 0, good = 1, idx;
    for (int i = 0; i < 8; i++) {
      out[i] = r + i;
      MPI_Irecv(&in[i], 1, MPI_INT, peer, 40 + i, MPI_COMM_WORLD, &q[i]);
    }
    for (int i = 7; i >= 0; i--) MPI_Send(&out[i], 1, MPI_INT, peer, 40 + i, MPI_COMM_WORLD);
    for (int k = 0; k < 8; k++) {
      MPI_Waitany(8, q, &idx, &st);
      good &= idx >= 0 && idx < 8 && in[idx] == peer + idx && st.MPI_TAG == 40 + idx &&
              q[idx] == MPI_REQUEST_NULL;
      if (idx >= 0 && idx < 8) seen |= 1 << idx;
    }
    CHECK(good && seen == 0xff, "Waitany completed each of 8 once");
    MPI_Waitany(8, q, &idx, &st);
    CHECK(idx == MPI_UNDEFINED && st.MPI_SOURCE == MPI_ANY_SOURCE,
          "Waitany on null requests: index MPI_UNDEFINED, empty status");
  }

  /* Waitsome until MPI_UNDEFINED. */
  {
    MPI_Request q[20];
    int in[20], out[20], idx[20], outcount, total = 0, good = 1, seen = 0;
    MPI_Status sts[20];
    for (int i = 0; i < 20; i++) {
      out[i] = r * 100 + i;
      MPI_Irecv(&in[i], 1, MPI_INT, peer, 60 + i, MPI_COMM_WORLD, &q[i]);
    }
    for (int i = 0; i < 20; i++) MPI_Send(&out[i], 1, MPI_INT, peer, 60 + i, MPI_COMM_WORLD);
    while (total < 20) {
      MPI_Waitsome(20, q, &outcount, idx, sts);
      if (outcount <= 0 || outcount > 20) { good = 0; break; }
      for (int k = 0; k < outcount; k++) {
        int i = idx[k];
        good &= i >= 0 && i < 20 && in[i] == peer * 100 + i && sts[k].MPI_TAG == 60 + i &&
                q[i] == MPI_REQUEST_NULL;
        if (i >= 0 && i < 20) seen |= 1 << i;
      }
      total += outcount;
    }
    CHECK(good && total == 20 && seen == 0xfffff, "Waitsome completed 20 of 20 once each");
    MPI_Waitsome(20, q, &outcount, idx, MPI_STATUSES_IGNORE);
    CHECK(outcount == MPI_UNDEFINED, "Waitsome on null requests: outcount MPI_UNDEFINED");
  }

  /* Test until done; Testall, Testany, Testsome likewise. */
  {
    int v = -1, w = r + 5, flag = 0, polls = 0;
    MPI_Request q, s;
    MPI_Irecv(&v, 1, MPI_INT, peer, 80, MPI_COMM_WORLD, &q);
    MPI_Isend(&w, 1, MPI_INT, peer, 80, MPI_COMM_WORLD, &s);
    while (!flag) { MPI_Test(&q, &flag, &st); polls++; }
    CHECK(v == peer + 5 && q == MPI_REQUEST_NULL && st.MPI_SOURCE == peer && st.MPI_TAG == 80,
          "Test: received %d", v);
    MPI_Wait(&s, MPI_STATUS_IGNORE);
    flag = 0;
    MPI_Test(&q, &flag, &st);
    CHECK(flag == 1 && st.MPI_SOURCE == MPI_ANY_SOURCE, "Test on a null request: flag set, empty status");

    MPI_Request qa[4];
    int in[4], out[4];
    MPI_Status sts[4];
    for (int i = 0; i < 4; i++) {
      out[i] = r * 3 + i;
      MPI_Irecv(&in[i], 1, MPI_INT, peer, 81 + i, MPI_COMM_WORLD, &qa[i]);
    }
    for (int i = 0; i < 4; i++) MPI_Send(&out[i], 1, MPI_INT, peer, 81 + i, MPI_COMM_WORLD);
    flag = 0;
    while (!flag) MPI_Testall(4, qa, &flag, sts);
    int good = all_null(qa, 4);
    for (int i = 0; i < 4; i++) good &= in[i] == peer * 3 + i && sts[i].MPI_TAG == 81 + i;
    CHECK(good, "Testall: 4 received, statuses, handles nulled");

    for (int i = 0; i < 4; i++)
      MPI_Irecv(&in[i], 1, MPI_INT, peer, 90 + i, MPI_COMM_WORLD, &qa[i]);
    for (int i = 0; i < 4; i++) MPI_Send(&out[i], 1, MPI_INT, peer, 90 + i, MPI_COMM_WORLD);
    int done = 0, idx;
    good = 1;
    while (done < 4) {
      flag = 0;
      MPI_Testany(4, qa, &idx, &flag, &st);
      if (flag) {
        good &= idx >= 0 && idx < 4 && st.MPI_TAG == 90 + idx && in[idx] == peer * 3 + idx;
        done++;
      }
    }
    MPI_Testany(4, qa, &idx, &flag, &st);
    CHECK(good && flag == 1 && idx == MPI_UNDEFINED,
          "Testany: 4 completions, then flag set with index MPI_UNDEFINED");

    int idxs[4], outcount;
    for (int i = 0; i < 4; i++)
      MPI_Irecv(&in[i], 1, MPI_INT, peer, 95 + i, MPI_COMM_WORLD, &qa[i]);
    for (int i = 0; i < 4; i++) MPI_Send(&out[i], 1, MPI_INT, peer, 95 + i, MPI_COMM_WORLD);
    done = 0;
    good = 1;
    while (done < 4) {
      MPI_Testsome(4, qa, &outcount, idxs, sts);
      for (int k = 0; k < outcount; k++)
        good &= sts[k].MPI_TAG == 95 + idxs[k] && in[idxs[k]] == peer * 3 + idxs[k];
      if (outcount > 0) done += outcount;
    }
    MPI_Testsome(4, qa, &outcount, idxs, sts);
    CHECK(good && done == 4 && outcount == MPI_UNDEFINED,
          "Testsome: 4 completions, then outcount MPI_UNDEFINED");
  }

  /* Request_get_status leaves the request; Issend and Irsend. */
  {
    int v = -1, w = 17 + r, flag = 0;
    MPI_Request q, s;
    MPI_Irecv(&v, 1, MPI_INT, peer, 120, MPI_COMM_WORLD, &q);
    MPI_Request_get_status(MPI_REQUEST_NULL, &flag, &st);
    CHECK(flag == 1 && st.MPI_TAG == MPI_ANY_TAG, "Request_get_status(MPI_REQUEST_NULL): flag set, empty status");
    /* Issend completes only once the peer's receive matched. */
    MPI_Issend(&w, 1, MPI_INT, peer, 120, MPI_COMM_WORLD, &s);
    flag = 0;
    while (!flag) MPI_Request_get_status(q, &flag, &st);
    CHECK(q != MPI_REQUEST_NULL && st.MPI_SOURCE == peer && v == peer + 17,
          "Request_get_status: complete, request kept, %d received", v);
    MPI_Wait(&q, MPI_STATUS_IGNORE);
    MPI_Wait(&s, MPI_STATUS_IGNORE);
    CHECK(q == MPI_REQUEST_NULL && s == MPI_REQUEST_NULL, "Wait frees after Request_get_status; Issend done");

    /* Irsend: the peer's receive is posted before its go message. */
    MPI_Irecv(&v, 1, MPI_INT, peer, 121, MPI_COMM_WORLD, &q);
    MPI_Sendrecv(NULL, 0, MPI_INT, peer, 122, NULL, 0, MPI_INT, peer, 122, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
    MPI_Irsend(&w, 1, MPI_INT, peer, 121, MPI_COMM_WORLD, &s);
    MPI_Request both[2] = {q, s};
    MPI_Waitall(2, both, MPI_STATUSES_IGNORE);
    CHECK(v == peer + 17 && all_null(both, 2), "Irsend received %d", v);
  }

  /* Request_free of an active send: the message still arrives. */
  {
    int v = -1, w = 23 + r;
    MPI_Request s;
    MPI_Isend(&w, 1, MPI_INT, peer, 130, MPI_COMM_WORLD, &s);
    MPI_Request_free(&s);
    MPI_Recv(&v, 1, MPI_INT, peer, 130, MPI_COMM_WORLD, &st);
    CHECK(s == MPI_REQUEST_NULL && v == 23 + peer, "Request_free of an active Isend: %d arrives", v);
  }

  /* Nonblocking collectives and point-to-point requests in one array. */
  {
    MPI_Request q[4];
    int v = -1, w = r, sum = -1, one = 1;
    MPI_Ibarrier(MPI_COMM_WORLD, &q[0]);
    MPI_Irecv(&v, 1, MPI_INT, peer, 140, MPI_COMM_WORLD, &q[1]);
    MPI_Iallreduce(&one, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &q[2]);
    MPI_Isend(&w, 1, MPI_INT, peer, 140, MPI_COMM_WORLD, &q[3]);
    int idx, done = 0, good = 1;
    while (done < 4) {
      MPI_Waitany(4, q, &idx, &st);
      good &= idx >= 0 && idx < 4 && q[idx] == MPI_REQUEST_NULL;
      done++;
    }
    CHECK(good && v == peer && sum == n && all_null(q, 4),
          "Ibarrier, Iallreduce (sum %d), Irecv, Isend completed by Waitany", sum);
  }

  /* Wait on MPI_REQUEST_NULL: the empty status. */
  {
    MPI_Request q = MPI_REQUEST_NULL;
    st.MPI_SOURCE = 5;
    st.MPI_TAG = 5;
    int rc = MPI_Wait(&q, &st), c = -1;
    MPI_Get_count(&st, MPI_INT, &c);
    CHECK(rc == MPI_SUCCESS && st.MPI_SOURCE == MPI_ANY_SOURCE && st.MPI_TAG == MPI_ANY_TAG &&
              c == 0,
          "Wait(MPI_REQUEST_NULL): empty status, count %d", c);
  }

  return log_finish();
}
