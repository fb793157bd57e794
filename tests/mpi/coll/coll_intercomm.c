/* coll_intercomm.c — collectives on an intercommunicator (world split into
 * a low and a high group): rooted ones with MPI_ROOT / MPI_PROC_NULL in the
 * root's group (whose other ranks pass no buffers), Bcast, Gather(v),
 * Scatter, Reduce, Allreduce, Allgather, Alltoall, Barrier, Ibcast. */
/* ranks: 4 2 3 */
#include "coll_log.h"

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size;
  if (n < 2) return cl_finish();
  int low = r < n / 2, rc, good;
  MPI_Comm local, inter;
  MPI_Comm_split(MPI_COMM_WORLD, low, r, &local);
  int lr, ls, rs;
  MPI_Comm_rank(local, &lr);
  MPI_Comm_size(local, &ls);
  /* Leaders: world rank 0 for low, n/2 for high. */
  MPI_Intercomm_create(local, 0, MPI_COMM_WORLD, low ? n / 2 : 0, 77, &inter);
  MPI_Comm_remote_size(inter, &rs);
  int flag = 0;
  MPI_Comm_test_inter(inter, &flag);
  CHECK(flag && rs == (low ? n - n / 2 : n / 2), "intercomm: local %d remote %d", ls, rs);

  /* Bcast from the low group's rank 0 to the high group. */
  int v[3] = {-1, -1, -1};
  if (low) {
    if (lr == 0) {
      v[0] = 5, v[1] = 6, v[2] = 7;
      rc = MPI_Bcast(v, 3, MPI_INT, MPI_ROOT, inter);
    } else {
      rc = MPI_Bcast(NULL, 3, MPI_INT, MPI_PROC_NULL, inter);
    }
    CHECK(rc == MPI_SUCCESS, "Bcast (root side, %s): %s", lr == 0 ? "MPI_ROOT" : "PROC_NULL",
          cl_class(rc));
  } else {
    rc = MPI_Bcast(v, 3, MPI_INT, 0, inter);
    CHECK(rc == MPI_SUCCESS && v[0] == 5 && v[2] == 7, "Bcast received: %d %d %d", v[0], v[1],
          v[2]);
  }

  /* Gather to the high group's rank 0 from the low group. */
  int *all = malloc(sizeof(int) * 2 * (rs + 1)), two[2] = {r, r * r};
  for (int i = 0; i < 2 * rs; i++) all[i] = -1;
  if (low) {
    rc = MPI_Gather(two, 2, MPI_INT, NULL, 0, MPI_DATATYPE_NULL, 0, inter);
    CHECK(rc == MPI_SUCCESS, "Gather (sender): %s", cl_class(rc));
  } else {
    rc = MPI_Gather(NULL, 0, MPI_DATATYPE_NULL, lr == 0 ? all : NULL, 2, MPI_INT,
                    lr == 0 ? MPI_ROOT : MPI_PROC_NULL, inter);
    if (lr == 0) {
      good = rc == MPI_SUCCESS;
      for (int i = 0; i < rs; i++) good &= all[2 * i] == i && all[2 * i + 1] == i * i;
      CHECK(good, "Gather at MPI_ROOT: weighted sum %lld", cl_isum(all, 2 * rs));
    } else {
      CHECK(rc == MPI_SUCCESS, "Gather (PROC_NULL): %s", cl_class(rc));
    }
  }

  /* Gatherv the other way: high group's ranks send lr + 1 ints to low rank 0. */
  int *cnt = malloc(sizeof(int) * (rs + 1)), *dis = malloc(sizeof(int) * (rs + 1)), tot = 0;
  for (int i = 0; i < rs; i++) {
    cnt[i] = i + 1;
    dis[i] = tot;
    tot += i + 1;
  }
  int *gv = malloc(sizeof(int) * (tot + 1)), mine[8];
  for (int k = 0; k <= lr; k++) mine[k] = lr * 10 + k;
  if (low) {
    rc = MPI_Gatherv(NULL, 0, MPI_INT, lr == 0 ? gv : NULL, cnt, dis, MPI_INT,
                     lr == 0 ? MPI_ROOT : MPI_PROC_NULL, inter);
    if (lr == 0) {
      good = rc == MPI_SUCCESS;
      for (int i = 0; i < rs; i++)
        for (int k = 0; k <= i; k++) good &= gv[dis[i] + k] == i * 10 + k;
      CHECK(good, "Gatherv at MPI_ROOT: weighted sum %lld", cl_isum(gv, tot));
    }
  } else {
    rc = MPI_Gatherv(mine, lr + 1, MPI_INT, NULL, NULL, NULL, MPI_DATATYPE_NULL, 0, inter);
    CHECK(rc == MPI_SUCCESS, "Gatherv (sender): %s", cl_class(rc));
  }

  /* Scatter from low rank 0 to the high group. */
  int sc = -1, *src = malloc(sizeof(int) * (rs + 1));
  for (int i = 0; i < rs; i++) src[i] = 300 + i;
  if (low)
    rc = MPI_Scatter(lr == 0 ? src : NULL, 1, MPI_INT, NULL, 0, MPI_INT,
                     lr == 0 ? MPI_ROOT : MPI_PROC_NULL, inter);
  else
    rc = MPI_Scatter(NULL, 0, MPI_INT, &sc, 1, MPI_INT, 0, inter);
  CHECK(rc == MPI_SUCCESS && (low || sc == 300 + lr), "Scatter: %s %d", cl_class(rc), low ? 0 : sc);

  /* Reduce to high rank 0 from the low group. */
  long long red = -1, in = (long long)r << 32;
  if (low)
    rc = MPI_Reduce(&in, NULL, 1, MPI_LONG_LONG, MPI_SUM, 0, inter);
  else
    rc = MPI_Reduce(NULL, lr == 0 ? &red : NULL, 1, MPI_LONG_LONG, MPI_SUM,
                    lr == 0 ? MPI_ROOT : MPI_PROC_NULL, inter);
  long long want = 0;
  for (int i = 0; i < n / 2; i++) want += (long long)i << 32;
  CHECK(rc == MPI_SUCCESS && (low || lr != 0 || red == want), "Reduce: %s %lld", cl_class(rc),
        !low && lr == 0 ? red : 0LL);

  /* Allreduce: each group gets the other group's sum. */
  int ar = r + 1, aro = -1, wsum = 0;
  rc = MPI_Allreduce(&ar, &aro, 1, MPI_INT, MPI_SUM, inter);
  for (int i = low ? n / 2 : 0; i < (low ? n : n / 2); i++) wsum += i + 1;
  CHECK(rc == MPI_SUCCESS && aro == wsum, "Allreduce: %d", aro);

  /* Allgather and Alltoall: blocks from every remote rank. */
  int *ag = malloc(sizeof(int) * (rs + 1)), *a2s = malloc(sizeof(int) * (rs + 1));
  int *a2r = malloc(sizeof(int) * (rs + 1));
  for (int i = 0; i < rs; i++) a2s[i] = r * 100 + i;
  rc = MPI_Allgather(&r, 1, MPI_INT, ag, 1, MPI_INT, inter);
  good = rc == MPI_SUCCESS;
  int base = low ? n / 2 : 0;
  for (int i = 0; i < rs; i++) good &= ag[i] == base + i;
  CHECK(good, "Allgather: %d .. %d", ag[0], ag[rs - 1]);
  rc = MPI_Alltoall(a2s, 1, MPI_INT, a2r, 1, MPI_INT, inter);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < rs; i++) good &= a2r[i] == (base + i) * 100 + lr;
  CHECK(good, "Alltoall: %d .. %d", a2r[0], a2r[rs - 1]);

  rc = MPI_Barrier(inter);
  CHECK(rc == MPI_SUCCESS, "Barrier: %s", cl_class(rc));

  /* Ibcast from high rank 0 to the low group. */
  double d = -1;
  MPI_Request q;
  if (low) rc = MPI_Ibcast(&d, 1, MPI_DOUBLE, 0, inter, &q);
  else if (lr == 0) (d = 2.5), rc = MPI_Ibcast(&d, 1, MPI_DOUBLE, MPI_ROOT, inter, &q);
  else rc = MPI_Ibcast(NULL, 0, MPI_DOUBLE, MPI_PROC_NULL, inter, &q);
  if (rc == MPI_SUCCESS) rc = MPI_Wait(&q, MPI_STATUS_IGNORE);
  CHECK(rc == MPI_SUCCESS && (!low || d == 2.5), "Ibcast: %s %g", cl_class(rc), low ? d : 0.0);

  free(all); free(cnt); free(dis); free(gv); free(src); free(ag); free(a2s); free(a2r);
  MPI_Comm_free(&inter);
  MPI_Comm_free(&local);
  return cl_finish();
}
