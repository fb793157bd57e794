/* type_array.c — subarray and darray types, C and Fortran order, BLOCK,
 * CYCLIC and NONE distributions, sent between ranks and checked element by
 * element against the index arithmetic the standard defines. */
/* ranks: 4 1 2 3 */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { R = 6, C = 8 };
static int rank, size, errors;

static int32_t value(int i, int j) { return 100 * i + j; }

/* Rank 0 sends the sub-block [si, si+ni) x [sj, sj+nj) of a global R x C
 * array (C order) to rank k, which receives it contiguously. */
static void subarray(int order) {
  int sizes[2] = {R, C}, sub[2] = {3, 4}, start[2] = {2, 3};
  if (order == MPI_ORDER_FORTRAN) { /* the same block, dimensions reversed */
    sizes[0] = C, sizes[1] = R, sub[0] = 4, sub[1] = 3, start[0] = 3, start[1] = 2;
  }
  MPI_Datatype t;
  MPI_Type_create_subarray(2, sizes, sub, start, order, MPI_INT32_T, &t);
  MPI_Type_commit(&t);
  int sz;
  MPI_Aint lb, ext;
  MPI_Type_size(t, &sz);
  MPI_Type_get_extent(t, &lb, &ext);
  if (rank == 0)
    printf("subarray %s: size %d lb %ld extent %ld\n", order == MPI_ORDER_C ? "C" : "Fortran", sz,
           (long)lb, (long)ext);
  int32_t g[R][C], got[12];
  for (int k = 1; k < size; k++) {
    if (rank == 0) {
      for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) g[i][j] = value(i, j) + 10000 * k;
      MPI_Send(g, 1, t, k, 1, MPI_COMM_WORLD);
    } else if (rank == k) {
      MPI_Recv(got, 12, MPI_INT32_T, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
          if (got[i * 4 + j] != value(2 + i, 3 + j) + 10000 * k) errors++;
    }
  }
  /* and back: rank k returns the block into rank 0's zeroed array */
  for (int k = 1; k < size; k++) {
    if (rank == k) {
      for (int i = 0; i < 12; i++) got[i] = -got[i];
      MPI_Send(got, 12, MPI_INT32_T, 0, 2, MPI_COMM_WORLD);
    } else if (rank == 0) {
      memset(g, 0, sizeof g);
      MPI_Recv(g, 1, t, k, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) {
          int in = i >= 2 && i < 5 && j >= 3 && j < 7;
          if (g[i][j] != (in ? -(value(i, j) + 10000 * k) : 0)) errors++;
        }
    }
  }
  MPI_Type_free(&t);
}

/* The owner of global index x along a dimension of n split over p ranks. */
static int owner(int dist, int darg, int n, int p, int x) {
  if (dist == MPI_DISTRIBUTE_NONE) return 0;
  if (dist == MPI_DISTRIBUTE_BLOCK) {
    int b = darg == MPI_DISTRIBUTE_DFLT_DARG ? (n + p - 1) / p : darg;
    return x / b;
  }
  int b = darg == MPI_DISTRIBUTE_DFLT_DARG ? 1 : darg;
  return (x / b) % p;
}

/* Each rank sends its darray piece of the global array (as rank 0 sees it)
 * to rank 0, which receives it with the darray type built for that rank: in
 * the end every element is in place exactly once. */
static void darray(const char *name, const int dist[2], const int darg[2], const int psz[2],
                   int order) {
  int gs[2] = {R, C};
  if (psz[0] * psz[1] != size) return;
  int32_t g[R][C], mine[R * C];
  for (int i = 0; i < R; i++)
    for (int j = 0; j < C; j++) g[i][j] = value(i, j);
  MPI_Datatype t;
  MPI_Type_create_darray(size, rank, 2, gs, dist, darg, psz, order, MPI_INT32_T, &t);
  MPI_Type_commit(&t);
  int sz;
  MPI_Type_size(t, &sz);
  int n = sz / 4, pos = 0;
  MPI_Pack(g, 1, t, mine, sizeof mine, &pos, MPI_COMM_WORLD);
  if (pos != sz) errors++;
  /* expected count from the distribution; the process grid is row-major
   * whatever the array order: rank = r0 * p1 + r1 */
  int r0 = rank / psz[1], r1 = rank % psz[1];
  int want = 0;
  for (int i = 0; i < R; i++)
    for (int j = 0; j < C; j++)
      if (owner(dist[0], darg[0], R, psz[0], i) == r0 && owner(dist[1], darg[1], C, psz[1], j) == r1)
        want++;
  if (want != n) errors++;
  MPI_Aint lb, ext;
  MPI_Type_get_extent(t, &lb, &ext);
  if (lb != 0 || ext != R * C * 4) errors++;
  MPI_Type_free(&t);
  if (rank != 0) {
    MPI_Send(mine, n, MPI_INT32_T, 0, 3, MPI_COMM_WORLD);
  } else {
    int32_t out[R][C];
    memset(out, 0xff, sizeof out);
    for (int k = 0; k < size; k++) {
      MPI_Datatype tk;
      MPI_Type_create_darray(size, k, 2, gs, dist, darg, psz, order, MPI_INT32_T, &tk);
      MPI_Type_commit(&tk);
      if (k == 0) {
        int p2 = 0;
        MPI_Unpack(mine, sizeof mine, &p2, out, 1, tk, MPI_COMM_WORLD);
      } else {
        MPI_Recv(out, 1, tk, k, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      }
      MPI_Type_free(&tk);
    }
    int bad = 0;
    for (int i = 0; i < R; i++)
      for (int j = 0; j < C; j++)
        if (out[i][j] != value(i, j)) bad++;
    errors += bad;
    printf("darray %s: rank 0 holds %d elements, reassembled %s\n", name, n, bad ? "wrong" : "ok");
  }
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  subarray(MPI_ORDER_C);
  subarray(MPI_ORDER_FORTRAN);
  int dflt = MPI_DISTRIBUTE_DFLT_DARG;
  int p2x2[2] = {2, 2}, p1xn[2] = {1, size}, pnx1[2] = {size, 1};
  int bb[2] = {MPI_DISTRIBUTE_BLOCK, MPI_DISTRIBUTE_BLOCK}, dd[2] = {dflt, dflt};
  int cc[2] = {MPI_DISTRIBUTE_CYCLIC, MPI_DISTRIBUTE_CYCLIC}, c2[2] = {2, 1};
  int nb[2] = {MPI_DISTRIBUTE_NONE, MPI_DISTRIBUTE_BLOCK};
  int bc[2] = {MPI_DISTRIBUTE_BLOCK, MPI_DISTRIBUTE_CYCLIC}, b3[2] = {dflt, 3};
  if (size == 4) {
    darray("block x block, C", bb, dd, p2x2, MPI_ORDER_C);
    darray("block x block, Fortran", bb, dd, p2x2, MPI_ORDER_FORTRAN);
    darray("cyclic(2) x cyclic, C", cc, c2, p2x2, MPI_ORDER_C);
  }
  darray("none x block", nb, dd, p1xn, MPI_ORDER_C);
  darray("block x cyclic(3)", bc, b3, pnx1, MPI_ORDER_C);
  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_array: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
