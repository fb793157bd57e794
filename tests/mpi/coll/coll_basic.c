/* coll_basic.c — the regular blocking collectives: Barrier, Bcast (basic
 * and derived types), Gather, Scatter, Allgather, Alltoall, each with a
 * non-zero root where there is one and in place where the standard allows. */
/* ranks: 4 1 2 3 */
#include "coll_log.h"

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size, root = n - 1;
  MPI_Comm w = MPI_COMM_WORLD;
  int rc;

  rc = MPI_Barrier(w);
  CHECK(rc == MPI_SUCCESS, "Barrier %s", cl_class(rc));

  /* Bcast: ints, doubles, chars, and a strided vector type. */
  int iv[7];
  double dv[3];
  char cv[12];
  for (int i = 0; i < 7; i++) iv[i] = r == root ? 100 + i : -1;
  for (int i = 0; i < 3; i++) dv[i] = r == root ? 0.5 * i : 0;
  snprintf(cv, sizeof cv, r == root ? "from root" : "junk");
  MPI_Bcast(iv, 7, MPI_INT, root, w);
  MPI_Bcast(dv, 3, MPI_DOUBLE, root, w);
  MPI_Bcast(cv, 12, MPI_CHAR, root, w);
  CHECK(iv[0] == 100 && iv[6] == 106 && dv[2] == 1.0 && strcmp(cv, "from root") == 0,
        "Bcast int %d..%d double %g char \"%s\"", iv[0], iv[6], dv[2], cv);
  MPI_Datatype every_other;
  MPI_Type_vector(4, 1, 2, MPI_INT, &every_other);
  MPI_Type_commit(&every_other);
  int grid[8];
  for (int i = 0; i < 8; i++) grid[i] = r == root ? i * 11 : -7;
  MPI_Bcast(grid, 1, every_other, root, w);
  int good = 1;
  for (int i = 0; i < 8; i++)
    good &= grid[i] == (i % 2 == 0 || r == root ? i * 11 : -7);
  CHECK(good, "Bcast vector type: %d %d %d %d %d %d %d %d", grid[0], grid[1], grid[2], grid[3],
        grid[4], grid[5], grid[6], grid[7]);

  /* Gather to root: 2 ints per rank. */
  int mine[2] = {r * 10, r * 10 + 1};
  int *all = malloc(sizeof(int) * 2 * n);
  for (int i = 0; i < 2 * n; i++) all[i] = -1;
  rc = MPI_Gather(mine, 2, MPI_INT, r == root ? all : NULL, 2, MPI_INT, root, w);
  if (r == root) {
    good = 1;
    for (int i = 0; i < n; i++) good &= all[2 * i] == i * 10 && all[2 * i + 1] == i * 10 + 1;
    CHECK(good, "Gather at root: sum %lld", cl_isum(all, 2 * n));
  }
  CHECK(rc == MPI_SUCCESS, "Gather %s", cl_class(rc));

  /* Gather in place: the root's block is already in recvbuf. */
  for (int i = 0; i < 2 * n; i++) all[i] = r == root && i / 2 == root ? 500 + i : -1;
  if (r == root)
    rc = MPI_Gather(MPI_IN_PLACE, 2, MPI_INT, all, 2, MPI_INT, root, w);
  else
    rc = MPI_Gather(mine, 2, MPI_INT, NULL, 0, MPI_DATATYPE_NULL, root, w);
  if (r == root) {
    good = 1;
    for (int i = 0; i < n; i++)
      good &= i == root ? all[2 * i] == 500 + 2 * i : all[2 * i] == i * 10;
    CHECK(good, "Gather in place at root: sum %lld", cl_isum(all, 2 * n));
  }
  CHECK(rc == MPI_SUCCESS, "Gather in place %s", cl_class(rc));

  /* Scatter from root 0: 3 doubles per rank. */
  double *src = malloc(sizeof(double) * 3 * n), got[3] = {0};
  for (int i = 0; i < 3 * n; i++) src[i] = i * 1.5;
  rc = MPI_Scatter(r == 0 ? src : NULL, 3, MPI_DOUBLE, got, 3, MPI_DOUBLE, 0, w);
  CHECK(rc == MPI_SUCCESS && got[0] == r * 4.5 && got[2] == (3 * r + 2) * 1.5,
        "Scatter %s got %g %g %g", cl_class(rc), got[0], got[1], got[2]);
  /* Scatter in place: the root keeps its block in sendbuf. */
  for (int i = 0; i < 3; i++) got[i] = -1;
  if (r == 0)
    rc = MPI_Scatter(src, 3, MPI_DOUBLE, MPI_IN_PLACE, 3, MPI_DOUBLE, 0, w);
  else
    rc = MPI_Scatter(NULL, 0, MPI_DATATYPE_NULL, got, 3, MPI_DOUBLE, 0, w);
  CHECK(rc == MPI_SUCCESS && (r == 0 ? got[0] == -1 : got[1] == (3 * r + 1) * 1.5),
        "Scatter in place %s got %g %g %g", cl_class(rc), got[0], got[1], got[2]);

  /* Allgather: one short, one in place. */
  short s = (short)(r + 1), *ss = malloc(sizeof(short) * n);
  rc = MPI_Allgather(&s, 1, MPI_SHORT, ss, 1, MPI_SHORT, w);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < n; i++) good &= ss[i] == i + 1;
  CHECK(good, "Allgather short: first %d last %d", ss[0], ss[n - 1]);
  long long *ll = malloc(sizeof(long long) * n);
  for (int i = 0; i < n; i++) ll[i] = i == r ? (long long)r << 40 : -1;
  rc = MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, ll, 1, MPI_LONG_LONG, w);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < n; i++) good &= ll[i] == (long long)i << 40;
  CHECK(good, "Allgather in place long long: last %lld", ll[n - 1]);

  /* Alltoall: 2 unsigned per pair; then in place. */
  unsigned *a2 = malloc(sizeof(unsigned) * 2 * n), *b2 = malloc(sizeof(unsigned) * 2 * n);
  for (int i = 0; i < 2 * n; i++) a2[i] = (unsigned)(r * 1000 + i);
  rc = MPI_Alltoall(a2, 2, MPI_UNSIGNED, b2, 2, MPI_UNSIGNED, w);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < n; i++)
    good &= b2[2 * i] == (unsigned)(i * 1000 + 2 * r) && b2[2 * i + 1] == (unsigned)(i * 1000 + 2 * r + 1);
  CHECK(good, "Alltoall unsigned: %u %u ... %u", b2[0], b2[1], b2[2 * n - 1]);
  rc = MPI_Alltoall(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, a2, 2, MPI_UNSIGNED, w);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < 2 * n; i++) good &= a2[i] == b2[i];
  CHECK(good, "Alltoall in place: %u ... %u", a2[0], a2[2 * n - 1]);

  /* Zero counts move nothing. */
  rc = MPI_Bcast(NULL, 0, MPI_INT, 0, w);
  CHECK(rc == MPI_SUCCESS, "Bcast of 0 elements from NULL: %s", cl_class(rc));

  MPI_Type_free(&every_other);
  free(all);
  free(src);
  free(ss);
  free(ll);
  free(a2);
  free(b2);
  return cl_finish();
}
