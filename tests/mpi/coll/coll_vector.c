/* coll_vector.c — the v and w collectives with irregular counts and
 * displacements (gaps, reversed order, zero counts): Gatherv, Scatterv,
 * Allgatherv, Alltoallv, Alltoallw, in place where the standard allows. */
/* ranks: 4 1 2 3 */
#include "coll_log.h"

/* Rank i contributes i % 3 + 1 elements; blocks are laid out in reverse
 * rank order with a gap of 2 between them. */
static void layout(int n, int *counts, int *displs, int *total) {
  int at = 0;
  for (int i = n - 1; i >= 0; i--) {
    counts[i] = i % 3 + 1;
    displs[i] = at;
    at += counts[i] + 2;
  }
  *total = at;
}

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size, root = n / 2;
  MPI_Comm w = MPI_COMM_WORLD;
  int *counts = malloc(sizeof(int) * n), *displs = malloc(sizeof(int) * n), total, rc, good;
  layout(n, counts, displs, &total);
  int *big = malloc(sizeof(int) * total), mine[3];
  for (int k = 0; k < counts[r]; k++) mine[k] = r * 100 + k;

  /* Gatherv: the gaps keep their -1. */
  for (int i = 0; i < total; i++) big[i] = -1;
  rc = MPI_Gatherv(mine, counts[r], MPI_INT, big, counts, displs, MPI_INT, root, w);
  if (r == root) {
    good = 1;
    for (int i = 0; i < n; i++)
      for (int k = 0; k < counts[i]; k++) good &= big[displs[i] + k] == i * 100 + k;
    CHECK(good && big[displs[0] + counts[0]] == -1, "Gatherv at root: weighted sum %lld",
          cl_isum(big, total));
  }
  CHECK(rc == MPI_SUCCESS, "Gatherv %s", cl_class(rc));

  /* Gatherv in place: the root's block is not overwritten. */
  for (int i = 0; i < total; i++) big[i] = -1;
  if (r == root) {
    for (int k = 0; k < counts[r]; k++) big[displs[r] + k] = 7000 + k;
    rc = MPI_Gatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, big, counts, displs, MPI_INT, root, w);
    CHECK(rc == MPI_SUCCESS && big[displs[r]] == 7000, "Gatherv in place at root: %s sum %lld",
          cl_class(rc), cl_isum(big, total));
  } else {
    rc = MPI_Gatherv(mine, counts[r], MPI_INT, NULL, NULL, NULL, MPI_DATATYPE_NULL, root, w);
    CHECK(rc == MPI_SUCCESS, "Gatherv in place (leaf) %s", cl_class(rc));
  }

  /* Scatterv back from root 0, then in place. */
  for (int i = 0; i < total; i++) big[i] = 3 * i;
  int got[3] = {-1, -1, -1};
  rc = MPI_Scatterv(r == 0 ? big : NULL, counts, displs, MPI_INT, got, counts[r], MPI_INT, 0, w);
  good = rc == MPI_SUCCESS;
  for (int k = 0; k < counts[r]; k++) good &= got[k] == 3 * (displs[r] + k);
  CHECK(good, "Scatterv got %d %d %d", got[0], got[1], got[2]);
  got[0] = got[1] = got[2] = -1;
  if (r == 0)
    rc = MPI_Scatterv(big, counts, displs, MPI_INT, MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, 0, w);
  else
    rc = MPI_Scatterv(NULL, NULL, NULL, MPI_DATATYPE_NULL, got, counts[r], MPI_INT, 0, w);
  CHECK(rc == MPI_SUCCESS && (r == 0 ? got[0] == -1 : got[0] == 3 * displs[r]),
        "Scatterv in place %s got %d", cl_class(rc), got[0]);

  /* Allgatherv, normal and in place. */
  for (int i = 0; i < total; i++) big[i] = -1;
  rc = MPI_Allgatherv(mine, counts[r], MPI_INT, big, counts, displs, MPI_INT, w);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < counts[i]; k++) good &= big[displs[i] + k] == i * 100 + k;
  CHECK(good, "Allgatherv: weighted sum %lld", cl_isum(big, total));
  for (int i = 0; i < total; i++) big[i] = -1;
  for (int k = 0; k < counts[r]; k++) big[displs[r] + k] = mine[k];
  rc = MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, big, counts, displs, MPI_INT, w);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < counts[i]; k++) good &= big[displs[i] + k] == i * 100 + k;
  CHECK(good, "Allgatherv in place: weighted sum %lld", cl_isum(big, total));

  /* Alltoallv: rank r sends (r + j) % 3 doubles to rank j; send blocks in
   * order with a gap of 1, receive blocks reversed. */
  int *sc = malloc(sizeof(int) * n), *sd = malloc(sizeof(int) * n);
  int *rcn = malloc(sizeof(int) * n), *rd = malloc(sizeof(int) * n);
  int stot = 0, rtot = 0;
  for (int j = 0; j < n; j++) {
    sc[j] = (r + j) % 3;
    sd[j] = stot;
    stot += sc[j] + 1;
  }
  for (int j = n - 1; j >= 0; j--) {
    rcn[j] = (j + r) % 3;
    rd[j] = rtot;
    rtot += rcn[j];
  }
  double *sb = malloc(sizeof(double) * (stot + 1)), *rb = malloc(sizeof(double) * (rtot + 1));
  for (int j = 0; j < n; j++)
    for (int k = 0; k < sc[j]; k++) sb[sd[j] + k] = r * 10 + j + k / 10.0;
  rc = MPI_Alltoallv(sb, sc, sd, MPI_DOUBLE, rb, rcn, rd, MPI_DOUBLE, w);
  good = rc == MPI_SUCCESS;
  double dsum = 0;
  for (int j = 0; j < n; j++)
    for (int k = 0; k < rcn[j]; k++) {
      good &= rb[rd[j] + k] == j * 10 + r + k / 10.0;
      dsum += rb[rd[j] + k];
    }
  CHECK(good, "Alltoallv: %d doubles, sum %.1f", rtot, dsum);
  /* In place: send and receive layout are the receive arguments. */
  int *ic = malloc(sizeof(int) * n), *id = malloc(sizeof(int) * n), itot = 0;
  for (int j = 0; j < n; j++) {
    ic[j] = 2;
    id[j] = itot;
    itot += 3;
  }
  int *ib = malloc(sizeof(int) * itot);
  for (int j = 0; j < n; j++) {
    ib[id[j]] = r * 100 + j;
    ib[id[j] + 1] = -r;
    ib[id[j] + 2] = 4242;
  }
  rc = MPI_Alltoallv(MPI_IN_PLACE, NULL, NULL, MPI_DATATYPE_NULL, ib, ic, id, MPI_INT, w);
  good = rc == MPI_SUCCESS;
  for (int j = 0; j < n; j++)
    good &= ib[id[j]] == j * 100 + r && ib[id[j] + 1] == -j && ib[id[j] + 2] == 4242;
  CHECK(good, "Alltoallv in place: weighted sum %lld", cl_isum(ib, itot));

  /* Alltoallw: to rank j an int (j even) or a pair of shorts (j odd), at
   * byte displacements; received into a struct-like byte layout. */
  int *wc = malloc(sizeof(int) * n), *wsd = malloc(sizeof(int) * n), *wrd = malloc(sizeof(int) * n);
  MPI_Datatype *wst = malloc(sizeof(MPI_Datatype) * n), *wrt = malloc(sizeof(MPI_Datatype) * n);
  int *wrc = malloc(sizeof(int) * n);
  char *wsb = malloc(8 * n), *wrb = malloc(8 * n);
  memset(wrb, 0, 8 * n);
  for (int j = 0; j < n; j++) {
    int even = j % 2 == 0;
    wc[j] = even ? 1 : 2;
    wst[j] = even ? MPI_INT : MPI_SHORT;
    wsd[j] = 8 * j;
    if (even) {
      int v = r * 1000 + j;
      memcpy(wsb + 8 * j, &v, 4);
    } else {
      short v[2] = {(short)r, (short)j};
      memcpy(wsb + 8 * j, v, 4);
    }
    /* From rank j we get what j sends to r: by r's parity. */
    wrc[j] = r % 2 == 0 ? 1 : 2;
    wrt[j] = r % 2 == 0 ? MPI_INT : MPI_SHORT;
    wrd[j] = 8 * (n - 1 - j);
  }
  rc = MPI_Alltoallw(wsb, wc, wsd, wst, wrb, wrc, wrd, wrt, w);
  good = rc == MPI_SUCCESS;
  long long wsum = 0;
  for (int j = 0; j < n; j++) {
    if (r % 2 == 0) {
      int v;
      memcpy(&v, wrb + 8 * (n - 1 - j), 4);
      good &= v == j * 1000 + r;
      wsum += v;
    } else {
      short v[2];
      memcpy(v, wrb + 8 * (n - 1 - j), 4);
      good &= v[0] == j && v[1] == r;
      wsum += v[0] * 7 + v[1];
    }
  }
  CHECK(good, "Alltoallw: checksum %lld", wsum);
  /* Alltoallw in place, every block one int. */
  for (int j = 0; j < n; j++) {
    wc[j] = 1;
    wrt[j] = MPI_INT;
    wrd[j] = 4 * j;
    ((int *)wrb)[j] = r * 10 + j;
  }
  rc = MPI_Alltoallw(MPI_IN_PLACE, NULL, NULL, NULL, wrb, wc, wrd, wrt, w);
  good = rc == MPI_SUCCESS;
  for (int j = 0; j < n; j++) good &= ((int *)wrb)[j] == j * 10 + r;
  CHECK(good, "Alltoallw in place: weighted sum %lld", cl_isum((int *)wrb, n));

  free(counts); free(displs); free(big); free(sc); free(sd); free(rcn); free(rd);
  free(sb); free(rb); free(ic); free(id); free(ib); free(wc); free(wsd); free(wrd);
  free(wst); free(wrt); free(wrc); free(wsb); free(wrb);
  return cl_finish();
}
