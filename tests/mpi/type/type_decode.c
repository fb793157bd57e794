/* type_decode.c — MPI_Type_get_envelope and MPI_Type_get_contents for every
 * combiner (decoded recursively and printed), names (set, get, predefined),
 * MPI_Type_dup, MPI_Type_match_size.  Rank 0 prints; all ranks check. */
/* ranks: 4 1 2 3 */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int rank, errors;

static const char *combiner(int c) {
  switch (c) {
  case MPI_COMBINER_NAMED: return "NAMED";
  case MPI_COMBINER_DUP: return "DUP";
  case MPI_COMBINER_CONTIGUOUS: return "CONTIGUOUS";
  case MPI_COMBINER_VECTOR: return "VECTOR";
  case MPI_COMBINER_HVECTOR: return "HVECTOR";
  case MPI_COMBINER_INDEXED: return "INDEXED";
  case MPI_COMBINER_HINDEXED: return "HINDEXED";
  case MPI_COMBINER_INDEXED_BLOCK: return "INDEXED_BLOCK";
  case MPI_COMBINER_HINDEXED_BLOCK: return "HINDEXED_BLOCK";
  case MPI_COMBINER_STRUCT: return "STRUCT";
  case MPI_COMBINER_SUBARRAY: return "SUBARRAY";
  case MPI_COMBINER_DARRAY: return "DARRAY";
  case MPI_COMBINER_RESIZED: return "RESIZED";
  default: return "?";
  }
}

/* An integer argument, with the array constants spelled out. */
static void print_int(int comb, int i, int v, const int *ints) {
  const char *s = NULL;
  if (comb == MPI_COMBINER_SUBARRAY && i == 3 * ints[0] + 1)
    s = v == MPI_ORDER_C ? "ORDER_C" : v == MPI_ORDER_FORTRAN ? "ORDER_FORTRAN" : "?";
  if (comb == MPI_COMBINER_DARRAY) {
    int nd = ints[2];
    if (i >= 3 + nd && i < 3 + 2 * nd)
      s = v == MPI_DISTRIBUTE_BLOCK ? "BLOCK" : v == MPI_DISTRIBUTE_CYCLIC ? "CYCLIC"
          : v == MPI_DISTRIBUTE_NONE ? "NONE" : "?";
    if (i >= 3 + 2 * nd && i < 3 + 3 * nd && v == MPI_DISTRIBUTE_DFLT_DARG) s = "DFLT_DARG";
    if (i == 3 + 4 * nd)
      s = v == MPI_ORDER_C ? "ORDER_C" : v == MPI_ORDER_FORTRAN ? "ORDER_FORTRAN" : "?";
  }
  if (s) printf(" %s", s);
  else printf(" %d", v);
}

static void decode(MPI_Datatype t, int depth) {
  int ni, na, nd, comb;
  MPI_Type_get_envelope(t, &ni, &na, &nd, &comb);
  char name[MPI_MAX_OBJECT_NAME];
  int len;
  if (comb == MPI_COMBINER_NAMED) {
    MPI_Type_get_name(t, name, &len);
    if (rank == 0) printf("%*s%s\n", 2 * depth, "", name);
    if ((int)strlen(name) != len) errors++;
    return;
  }
  int ints[64];
  MPI_Aint aints[16];
  MPI_Datatype types[8];
  if (ni > 64 || na > 16 || nd > 8) {
    errors++;
    return;
  }
  MPI_Type_get_contents(t, ni, na, nd, ints, aints, types);
  if (rank == 0) {
    printf("%*s%s ints[%d]:", 2 * depth, "", combiner(comb), ni);
    for (int i = 0; i < ni; i++) print_int(comb, i, ints[i], ints);
    printf(" aints[%d]:", na);
    for (int i = 0; i < na; i++) printf(" %ld", (long)aints[i]);
    printf(" types[%d]\n", nd);
  }
  for (int i = 0; i < nd; i++) {
    decode(types[i], depth + 1);
    int a, b, c, k;
    MPI_Type_get_envelope(types[i], &a, &b, &c, &k);
    if (k != MPI_COMBINER_NAMED) MPI_Type_free(&types[i]); /* a new handle */
  }
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int size;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Datatype t[20];
  int n = 0;

  MPI_Type_contiguous(3, MPI_INT, &t[n++]);
  MPI_Type_vector(2, 3, 4, MPI_DOUBLE, &t[n++]);
  MPI_Type_create_hvector(2, 1, 40, t[0], &t[n++]);
  {
    int bl[2] = {1, 2}, di[2] = {5, 0};
    MPI_Type_indexed(2, bl, di, MPI_CHAR, &t[n++]);
    MPI_Aint hd[2] = {16, -8};
    MPI_Type_create_hindexed(2, bl, hd, MPI_INT, &t[n++]);
    MPI_Type_create_indexed_block(2, 3, di, MPI_DOUBLE, &t[n++]);
    MPI_Type_create_hindexed_block(2, 1, hd, MPI_CHAR, &t[n++]);
  }
  {
    int bl[3] = {1, 2, 1};
    MPI_Aint di[3] = {0, 8, 24};
    MPI_Datatype ty[3] = {MPI_DOUBLE, MPI_INT, t[1]};
    MPI_Type_create_struct(3, bl, di, ty, &t[n++]);
  }
  {
    int sz[2] = {10, 20}, sub[2] = {3, 4}, st[2] = {1, 2};
    MPI_Type_create_subarray(2, sz, sub, st, MPI_ORDER_FORTRAN, MPI_INT, &t[n++]);
    int gs[2] = {8, 6}, dist[2] = {MPI_DISTRIBUTE_BLOCK, MPI_DISTRIBUTE_CYCLIC},
        darg[2] = {MPI_DISTRIBUTE_DFLT_DARG, 2}, ps[2] = {2, 2};
    MPI_Type_create_darray(4, 3, 2, gs, dist, darg, ps, MPI_ORDER_C, MPI_DOUBLE, &t[n++]);
  }
  {
    /* predefined types that share a host type on wasm32 come back by name */
    int bl[5] = {1, 1, 1, 1, 1};
    MPI_Aint di[5] = {0, 4, 8, 16, 24};
    MPI_Datatype ty[5] = {MPI_LONG, MPI_UNSIGNED_LONG, MPI_LONG_LONG, MPI_INT32_T, MPI_C_FLOAT_COMPLEX};
    MPI_Type_create_struct(5, bl, di, ty, &t[n++]);
    MPI_Type_contiguous(2, MPI_AINT, &t[n++]);
    /* and inside a derived component (kept alive meanwhile) */
    MPI_Type_contiguous(2, MPI_UNSIGNED_LONG, &t[n]);
    MPI_Type_vector(2, 1, 3, t[n], &t[n + 1]);
    n += 2;
  }
  MPI_Type_create_resized(t[0], -4, 20, &t[n++]);
  MPI_Type_dup(t[1], &t[n++]);
  MPI_Type_dup(MPI_INT, &t[n++]);

  for (int i = 0; i < n; i++) decode(t[i], 0);

  /* envelope of a predefined type; contents of one is erroneous */
  int ni, na, nd, comb;
  MPI_Type_get_envelope(MPI_DOUBLE, &ni, &na, &nd, &comb);
  if (rank == 0) printf("MPI_DOUBLE: %s %d %d %d\n", combiner(comb), ni, na, nd);

  /* names */
  char name[MPI_MAX_OBJECT_NAME];
  int len;
  MPI_Type_get_name(t[0], name, &len);
  if (rank == 0) printf("unnamed: [%s] %d\n", name, len);
  MPI_Type_set_name(t[0], "three ints");
  MPI_Type_get_name(t[0], name, &len);
  if (rank == 0) printf("named: [%s] %d\n", name, len);
  MPI_Type_set_name(t[0], "renamed");
  MPI_Type_get_name(t[0], name, &len);
  if (rank == 0) printf("renamed: [%s] %d\n", name, len);
  const MPI_Datatype pre[] = {MPI_INT, MPI_DOUBLE, MPI_CHAR, MPI_BYTE, MPI_FLOAT, MPI_SHORT,
                             MPI_LONG, MPI_UNSIGNED_LONG, MPI_LONG_LONG, MPI_AINT, MPI_COUNT};
  for (int i = 0; i < 11; i++) {
    MPI_Type_get_name(pre[i], name, &len);
    if (rank == 0) printf("predefined %d: %s\n", i, name);
  }

  /* a dup of a committed type is committed: usable at once */
  MPI_Type_commit(&t[1]);
  MPI_Datatype d;
  MPI_Type_dup(t[1], &d);
  double v[2][4], w[2][4];
  for (int i = 0; i < 8; i++) v[i / 4][i % 4] = i + 0.25, w[i / 4][i % 4] = 0;
  MPI_Sendrecv(v, 1, d, rank, 1, w, 1, d, rank, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  for (int i = 0; i < 8; i++)
    if (w[i / 4][i % 4] != (i % 4 < 3 ? i + 0.25 : 0)) errors++;
  MPI_Type_free(&d);

  /* match_size: by class and size */
  int classes[3] = {MPI_TYPECLASS_INTEGER, MPI_TYPECLASS_REAL, MPI_TYPECLASS_COMPLEX};
  int sizes[3][2] = {{4, 8}, {4, 8}, {8, 16}};
  for (int c = 0; c < 3; c++)
    for (int s = 0; s < 2; s++) {
      MPI_Datatype m;
      MPI_Type_match_size(classes[c], sizes[c][s], &m);
      int msz;
      MPI_Type_size(m, &msz);
      if (msz != sizes[c][s]) errors++;
      if (rank == 0) printf("match_size class %d size %d: size %d\n", c, sizes[c][s], msz);
    }

  for (int i = 0; i < n; i++) MPI_Type_free(&t[i]);
  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_decode: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
