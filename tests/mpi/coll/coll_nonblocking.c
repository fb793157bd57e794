/* coll_nonblocking.c — every non-blocking collective (Ibarrier, Ibcast,
 * Igather(v), Iscatter(v), Iallgather(v), Ialltoall(v,w), Ireduce,
 * Iallreduce, Ireduce_scatter(_block), Iscan, Iexscan), completed with Wait,
 * Waitall or a Test loop; several in flight at once; in-place forms; a
 * user op that runs inside MPI_Test. */
/* ranks: 4 1 2 3 */
#include "coll_log.h"

static void mulint(void *in, void *inout, int *len, MPI_Datatype *dt) {
  for (int i = 0; i < *len; i++) ((int *)inout)[i] *= ((int *)in)[i];
}

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size, root = n > 1 ? 1 : 0;
  MPI_Comm w = MPI_COMM_WORLD;
  MPI_Request q[8];
  int rc, good;

  rc = MPI_Ibarrier(w, &q[0]);
  if (rc == MPI_SUCCESS) rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
  CHECK(rc == MPI_SUCCESS && q[0] == MPI_REQUEST_NULL, "Ibarrier + Wait: %s", cl_class(rc));

  /* Ibcast, Iallreduce, Iscan, Iexscan in flight together. */
  int b[4], ar[2] = {r, 1}, aro[2], sc = r + 1, sco = 0, ex = r + 1, exo = -1;
  for (int i = 0; i < 4; i++) b[i] = r == root ? 40 + i : 0;
  MPI_Ibcast(b, 4, MPI_INT, root, w, &q[0]);
  MPI_Iallreduce(ar, aro, 2, MPI_INT, MPI_SUM, w, &q[1]);
  MPI_Iscan(&sc, &sco, 1, MPI_INT, MPI_SUM, w, &q[2]);
  MPI_Iexscan(&ex, &exo, 1, MPI_INT, MPI_MAX, w, &q[3]);
  rc = MPI_Waitall(4, q, MPI_STATUSES_IGNORE);
  CHECK(rc == MPI_SUCCESS && b[0] == 40 && b[3] == 43, "Ibcast: %d %d", b[0], b[3]);
  CHECK(aro[0] == n * (n - 1) / 2 && aro[1] == n, "Iallreduce: %d %d", aro[0], aro[1]);
  CHECK(sco == (r + 1) * (r + 2) / 2, "Iscan: %d", sco);
  CHECK(r == 0 || exo == r, "Iexscan: %d", r == 0 ? 0 : exo);

  /* Ireduce with a user op, completed by a Test loop. */
  MPI_Op mul;
  MPI_Op_create(mulint, 1, &mul);
  int rv[2] = {r + 1, 2}, rvo[2] = {0, 0}, flag = 0;
  MPI_Ireduce(rv, rvo, 2, MPI_INT, mul, 0, w, &q[0]);
  while (!flag) MPI_Test(&q[0], &flag, MPI_STATUS_IGNORE);
  if (r == 0) {
    int f = 1;
    for (int i = 1; i <= n; i++) f *= i;
    CHECK(rvo[0] == f && rvo[1] == 1 << n, "Ireduce user op: %d %d", rvo[0], rvo[1]);
  }
  /* An op freed while an operation using it is still pending (the standard
   * lets that operation complete normally). */
  rv[0] = r + 2;
  rv[1] = 1;
  MPI_Iallreduce(rv, rvo, 2, MPI_INT, mul, w, &q[0]);
  MPI_Op_free(&mul);
  rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
  {
    int f = 1;
    for (int i = 2; i <= n + 1; i++) f *= i;
    CHECK(rc == MPI_SUCCESS && rvo[0] == f && rvo[1] == 1 && mul == MPI_OP_NULL,
          "Iallreduce with its user op freed before Wait: %d %d", rvo[0], rvo[1]);
  }

  /* Igather, Iscatter, Iallgather, Ialltoall. */
  int g = r * 3, *ga = malloc(sizeof(int) * n), *s2 = malloc(sizeof(int) * n), sg = -1;
  int *ag = malloc(sizeof(int) * n), *a2s = malloc(sizeof(int) * n), *a2r = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) {
    ga[i] = -1;
    s2[i] = 100 + i;
    a2s[i] = r * 10 + i;
  }
  MPI_Igather(&g, 1, MPI_INT, ga, 1, MPI_INT, root, w, &q[0]);
  MPI_Iscatter(s2, 1, MPI_INT, &sg, 1, MPI_INT, root, w, &q[1]);
  MPI_Iallgather(&g, 1, MPI_INT, ag, 1, MPI_INT, w, &q[2]);
  MPI_Ialltoall(a2s, 1, MPI_INT, a2r, 1, MPI_INT, w, &q[3]);
  rc = MPI_Waitall(4, q, MPI_STATUSES_IGNORE);
  good = rc == MPI_SUCCESS && sg == 100 + r;
  for (int i = 0; i < n; i++) {
    if (r == root) good &= ga[i] == i * 3;
    good &= ag[i] == i * 3 && a2r[i] == i * 10 + r;
  }
  CHECK(good, "Igather/Iscatter/Iallgather/Ialltoall: %d %d %d", sg, ag[n - 1], a2r[n - 1]);

  /* The v variants: rank i has i + 1 ints. */
  int *cnt = malloc(sizeof(int) * n), *dis = malloc(sizeof(int) * n), tot = 0;
  for (int i = 0; i < n; i++) {
    cnt[i] = i + 1;
    dis[i] = tot;
    tot += i + 2;
  }
  int mine[8], *gv = malloc(sizeof(int) * tot), *agv = malloc(sizeof(int) * tot), back[8];
  for (int k = 0; k <= r; k++) mine[k] = r * 100 + k;
  for (int i = 0; i < tot; i++) gv[i] = agv[i] = -1;
  MPI_Igatherv(mine, r + 1, MPI_INT, gv, cnt, dis, MPI_INT, root, w, &q[0]);
  MPI_Iallgatherv(mine, r + 1, MPI_INT, agv, cnt, dis, MPI_INT, w, &q[1]);
  rc = MPI_Waitall(2, q, MPI_STATUSES_IGNORE);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < n; i++)
    for (int k = 0; k <= i; k++) {
      if (r == root) good &= gv[dis[i] + k] == i * 100 + k;
      good &= agv[dis[i] + k] == i * 100 + k;
    }
  CHECK(good, "Igatherv/Iallgatherv: weighted sum %lld", cl_isum(agv, tot));
  rc = MPI_Iscatterv(agv, cnt, dis, MPI_INT, back, r + 1, MPI_INT, root, w, &q[0]);
  if (rc == MPI_SUCCESS) rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
  good = rc == MPI_SUCCESS;
  for (int k = 0; k <= r; k++) good &= back[k] == r * 100 + k;
  CHECK(good, "Iscatterv: %d .. %d", back[0], back[r]);

  /* Ialltoallv and Ialltoallw: rank r sends j + 1 ints to rank j. */
  int *sc2 = malloc(sizeof(int) * n), *sd2 = malloc(sizeof(int) * n);
  int *rc2 = malloc(sizeof(int) * n), *rd2 = malloc(sizeof(int) * n), st = 0;
  for (int j = 0; j < n; j++) {
    sc2[j] = j + 1;
    sd2[j] = st;
    st += j + 1;
    rc2[j] = r + 1;
    rd2[j] = j * (r + 1);
  }
  int *sbv = malloc(sizeof(int) * st), *rbv = malloc(sizeof(int) * n * (r + 1));
  int *rbw = malloc(sizeof(int) * n * (r + 1));
  for (int j = 0; j < n; j++)
    for (int k = 0; k <= j; k++) sbv[sd2[j] + k] = r * 1000 + j * 10 + k;
  int *wsd = malloc(sizeof(int) * n), *wrd = malloc(sizeof(int) * n);
  MPI_Datatype *wt = malloc(sizeof(MPI_Datatype) * n);
  for (int j = 0; j < n; j++) {
    wsd[j] = sd2[j] * (int)sizeof(int);
    wrd[j] = rd2[j] * (int)sizeof(int);
    wt[j] = MPI_INT;
  }
  MPI_Ialltoallv(sbv, sc2, sd2, MPI_INT, rbv, rc2, rd2, MPI_INT, w, &q[0]);
  MPI_Ialltoallw(sbv, sc2, wsd, wt, rbw, rc2, wrd, wt, w, &q[1]);
  rc = MPI_Waitall(2, q, MPI_STATUSES_IGNORE);
  good = rc == MPI_SUCCESS;
  for (int j = 0; j < n; j++)
    for (int k = 0; k <= r; k++)
      good &= rbv[rd2[j] + k] == j * 1000 + r * 10 + k && rbw[rd2[j] + k] == rbv[rd2[j] + k];
  CHECK(good, "Ialltoallv/Ialltoallw: weighted sum %lld", cl_isum(rbv, n * (r + 1)));

  /* Ireduce_scatter, Ireduce_scatter_block, and in-place forms. */
  int *rsin = malloc(sizeof(int) * (tot + 2 * n)), rso[8], rsb[2];
  for (int i = 0; i < tot + 2 * n; i++) rsin[i] = i + r;
  MPI_Ireduce_scatter(rsin, rso, cnt, MPI_INT, MPI_SUM, w, &q[0]);
  MPI_Ireduce_scatter_block(rsin, rsb, 2, MPI_INT, MPI_MAX, w, &q[1]);
  rc = MPI_Waitall(2, q, MPI_STATUSES_IGNORE);
  int at = 0;
  for (int i = 0; i < r; i++) at += cnt[i];
  good = rc == MPI_SUCCESS && rsb[0] == 2 * r + n - 1 && rsb[1] == 2 * r + n;
  for (int k = 0; k <= r; k++) good &= rso[k] == n * (at + k) + n * (n - 1) / 2;
  CHECK(good, "Ireduce_scatter/Ireduce_scatter_block: %d %d %d", rso[0], rsb[0], rsb[1]);
  double ip = r + 1.0, ipb[2] = {r, -r};
  MPI_Iallreduce(MPI_IN_PLACE, &ip, 1, MPI_DOUBLE, MPI_PROD, w, &q[0]);
  MPI_Iallgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, ga, 1, MPI_INT, w, &q[1]);
  rc = MPI_Waitall(2, q, MPI_STATUSES_IGNORE);
  double f = 1;
  for (int i = 1; i <= n; i++) f *= i;
  CHECK(rc == MPI_SUCCESS && ip == f, "Iallreduce in place PROD: %g", ip);
  if (r == 0)
    rc = MPI_Ireduce(MPI_IN_PLACE, ipb, 2, MPI_DOUBLE, MPI_MIN, 0, w, &q[0]);
  else
    rc = MPI_Ireduce(ipb, NULL, 2, MPI_DOUBLE, MPI_MIN, 0, w, &q[0]);
  if (rc == MPI_SUCCESS) rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
  CHECK(rc == MPI_SUCCESS && (r != 0 || (ipb[0] == 0 && ipb[1] == -(n - 1))),
        "Ireduce in place MIN: %g %g", r == 0 ? ipb[0] : 0.0, r == 0 ? ipb[1] : 0.0);

  free(ga); free(s2); free(ag); free(a2s); free(a2r); free(cnt); free(dis); free(gv);
  free(agv); free(sc2); free(sd2); free(rc2); free(rd2); free(sbv); free(rbv); free(rbw);
  free(wsd); free(wrd); free(wt); free(rsin);
  return cl_finish();
}
