/* coll_derived.c — collectives on derived datatypes whose footprint is not
 * count x size: matrix columns gathered through a vector type resized to
 * one element (blocks interleave), a type with a negative lower bound used
 * from inside an array, a struct type with holes in Scatterv, an hindexed
 * type starting past its origin (true lb > 0) in Allgather, MPI_BOTTOM with
 * absolute addresses.  (Reductions
 * on derived types need user ops: coll_userop.c.) */
/* ranks: 4 1 2 3 */
#include "coll_log.h"

#define ROWS 3

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size;
  MPI_Comm w = MPI_COMM_WORLD;
  int rc, good;

  /* Column r of a ROWS x n matrix at rank 0: each rank sends its ROWS
   * values; the receive type is one column, resized to one int. */
  MPI_Datatype col, col1;
  MPI_Type_vector(ROWS, 1, n, MPI_INT, &col);
  MPI_Type_create_resized(col, 0, sizeof(int), &col1);
  MPI_Type_commit(&col1);
  int mine[ROWS], *mat = malloc(sizeof(int) * ROWS * n);
  for (int i = 0; i < ROWS; i++) mine[i] = 10 * i + r;
  for (int i = 0; i < ROWS * n; i++) mat[i] = -1;
  rc = MPI_Gather(mine, ROWS, MPI_INT, mat, 1, col1, 0, w);
  if (r == 0) {
    good = rc == MPI_SUCCESS;
    for (int i = 0; i < ROWS; i++)
      for (int j = 0; j < n; j++) good &= mat[i * n + j] == 10 * i + j;
    CHECK(good, "Gather into columns: row 0 ends %d, row %d ends %d", mat[n - 1], ROWS - 1,
          mat[ROWS * n - 1]);
  } else {
    CHECK(rc == MPI_SUCCESS, "Gather into columns (leaf): %s", cl_class(rc));
  }
  /* And back out: Scatter columns. */
  int back[ROWS] = {-1, -1, -1};
  rc = MPI_Scatter(mat, 1, col1, back, ROWS, MPI_INT, 0, w);
  CHECK(rc == MPI_SUCCESS && back[0] == r && back[ROWS - 1] == 10 * (ROWS - 1) + r,
        "Scatter columns: %d %d %d", back[0], back[1], back[2]);

  /* Negative lower bound: the type covers [buf - 8, buf + 4). */
  MPI_Datatype neg;
  int blk[2] = {1, 1};
  MPI_Aint dsp[2] = {-8, 0};
  MPI_Type_create_hindexed(2, blk, dsp, MPI_INT, &neg);
  MPI_Type_commit(&neg);
  int arr[4] = {0, 0, 0, 0};
  if (r == 0) arr[0] = 77, arr[1] = 55, arr[2] = 88;
  rc = MPI_Bcast(&arr[2], 1, neg, 0, w);
  CHECK(rc == MPI_SUCCESS && arr[0] == 77 && arr[2] == 88 && (r == 0 || arr[1] == 0),
        "Bcast negative-lb type: %d %d %d", arr[0], arr[1], arr[2]);

  /* Struct with holes, two per rank, through Scatterv with gaps. */
  struct item { char c; double d; short s; } *items = malloc(sizeof(struct item) * 3 * n), got[2];
  int bl3[3] = {1, 1, 1};
  MPI_Aint d3[3] = {offsetof(struct item, c), offsetof(struct item, d), offsetof(struct item, s)};
  MPI_Datatype t3[3] = {MPI_CHAR, MPI_DOUBLE, MPI_SHORT}, st, st1;
  MPI_Type_create_struct(3, bl3, d3, t3, &st);
  MPI_Type_create_resized(st, 0, sizeof(struct item), &st1);
  MPI_Type_commit(&st1);
  int *cnt = malloc(sizeof(int) * n), *dis = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) {
    cnt[i] = 2;
    dis[i] = 3 * i;
    for (int k = 0; k < 3; k++) items[3 * i + k] = (struct item){(char)('A' + i), i + k * 0.5, (short)(k - i)};
  }
  memset(got, 0, sizeof got);
  rc = MPI_Scatterv(items, cnt, dis, st1, got, 2, st1, 0, w);
  CHECK(rc == MPI_SUCCESS && got[0].c == 'A' + r && got[1].d == r + 0.5 && got[1].s == 1 - r,
        "Scatterv struct: %c %g %d / %c %g %d", got[0].c, got[0].d, got[0].s, got[1].c, got[1].d,
        got[1].s);

  /* True lb > 0: the type's data start 8 bytes past its origin. */
  MPI_Datatype late, late1;
  int bl1[1] = {1};
  MPI_Aint d1[1] = {8};
  MPI_Type_create_hindexed(1, bl1, d1, MPI_INT, &late);
  MPI_Type_create_resized(late, 0, 12, &late1);
  MPI_Type_commit(&late1);
  int src4[3] = {-1, -1, 1000 + r}, *dst = malloc(12 * n);
  for (int i = 0; i < 3 * n; i++) dst[i] = -2;
  rc = MPI_Allgather(src4, 1, late1, dst, 1, late1, w);
  good = rc == MPI_SUCCESS;
  for (int i = 0; i < n; i++) good &= dst[3 * i + 2] == 1000 + i && dst[3 * i] == -2;
  CHECK(good, "Allgather type with true lb 8: %d .. %d", dst[2], dst[3 * n - 1]);

  /* MPI_BOTTOM with absolute addresses (MPI_Get_address): two unrelated
   * variables broadcast as one struct. */
  static int va;
  static double vb[2];
  va = r == 0 ? 4321 : 0;
  vb[0] = vb[1] = r == 0 ? 2.75 : 0;
  MPI_Aint abs[2];
  MPI_Get_address(&va, &abs[0]);
  MPI_Get_address(vb, &abs[1]);
  int abl[2] = {1, 2};
  MPI_Datatype ats[2] = {MPI_INT, MPI_DOUBLE}, absolute;
  MPI_Type_create_struct(2, abl, abs, ats, &absolute);
  MPI_Type_commit(&absolute);
  rc = MPI_Bcast(MPI_BOTTOM, 1, absolute, 0, w);
  CHECK(rc == MPI_SUCCESS && va == 4321 && vb[0] == 2.75 && vb[1] == 2.75,
        "Bcast from MPI_BOTTOM with absolute addresses: %d %g %g", va, vb[0], vb[1]);
  MPI_Type_free(&absolute);

  MPI_Type_free(&col); MPI_Type_free(&col1); MPI_Type_free(&neg); MPI_Type_free(&st);
  MPI_Type_free(&st1); MPI_Type_free(&late); MPI_Type_free(&late1);
  free(mat); free(items); free(cnt); free(dis); free(dst);
  return cl_finish();
}
