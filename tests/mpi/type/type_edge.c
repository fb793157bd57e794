/* type_edge.c — corner cases of datatype bounds: negative extents and
 * strides, negative displacements, lower bounds moved by resizing, empty
 * types (count 0, blocklength 0), subarray and darray of derived types.
 * Prints every type's size and bounds and moves data with each through
 * MPI_Sendrecv to the next rank, checked against a MPI_Pack of the same. */
/* ranks: 4 1 2 */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int rank, size, errors;

/* The buffer: int32 values, the type used at its middle so that negative
 * displacements stay inside. */
enum { N = 512, MID = 256 };

static void run(const char *name, MPI_Datatype t, int count) {
  MPI_Type_commit(&t);
  int sz;
  MPI_Aint lb, ext, tlb, text;
  MPI_Type_size(t, &sz);
  MPI_Type_get_extent(t, &lb, &ext);
  MPI_Type_get_true_extent(t, &tlb, &text);
  if (rank == 0)
    printf("%-22s size %4d lb %5ld extent %5ld true_lb %5ld true_extent %5ld\n", name, sz,
           (long)lb, (long)ext, (long)tlb, (long)text);
  static int32_t a[N], b[N];
  static char pa[4 * N], pb[4 * N];
  int next = (rank + 1) % size, prev = (rank + size - 1) % size;
  for (int i = 0; i < N; i++) a[i] = rank * 10000 + i, b[i] = -1;
  MPI_Sendrecv(a + MID, count, t, next, 1, b + MID, count, t, prev, 1, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
  /* what arrived, packed, must equal what prev packed: rebuild prev's data */
  for (int i = 0; i < N; i++) a[i] = prev * 10000 + i;
  int p1 = 0, p2 = 0;
  MPI_Pack(a + MID, count, t, pa, sizeof pa, &p1, MPI_COMM_WORLD);
  MPI_Pack(b + MID, count, t, pb, sizeof pb, &p2, MPI_COMM_WORLD);
  if (p1 != p2 || p1 != count * sz || memcmp(pa, pb, p1) != 0) {
    errors++;
    if (errors < 5) printf("rank %d: %s: received data differs\n", rank, name);
  }
  /* and nothing outside the type's elements was written */
  int touched = 0;
  for (int i = 0; i < N; i++) touched += b[i] != -1;
  if (touched != count * sz / 4) errors++;
  MPI_Type_free(&t);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Datatype t, r;

  MPI_Type_create_resized(MPI_INT32_T, 0, -8, &r); /* negative extent */
  MPI_Type_contiguous(5, r, &t);
  run("contiguous extent -8", t, 1); /* lb -32, ub -8: copies would overlap */
  MPI_Type_vector(3, 2, -4, r, &t);
  run("vector of extent -8", t, 1);
  MPI_Type_free(&r);

  MPI_Type_create_resized(MPI_INT32_T, -12, 20, &r); /* lb moved */
  MPI_Type_vector(3, 1, 2, r, &t);
  run("vector of lb -12", t, 2);
  {
    int sz[2] = {4, 5}, sub[2] = {2, 3}, st[2] = {1, 1};
    MPI_Type_create_subarray(2, sz, sub, st, MPI_ORDER_C, r, &t);
    run("subarray of lb -12", t, 1);
  }
  MPI_Type_free(&r);

  {
    int bl[3] = {2, 0, 1};
    MPI_Aint di[3] = {-40, 400, 12};
    MPI_Type_create_hindexed(3, bl, di, MPI_INT32_T, &t);
    run("hindexed negative", t, 2);
    int bl2[3] = {0, 0, 0};
    MPI_Type_create_hindexed(3, bl2, di, MPI_INT32_T, &t);
    run("hindexed empty", t, 2);
    int ibl[2] = {1, 2}, idi[2] = {-5, 3};
    MPI_Type_indexed(2, ibl, idi, MPI_INT32_T, &t);
    run("indexed negative", t, 2);
  }
  MPI_Type_contiguous(0, MPI_INT32_T, &t);
  run("contiguous 0", t, 5);
  MPI_Type_vector(4, 0, 3, MPI_INT32_T, &t);
  run("vector blocklength 0", t, 1);
  {
    int bl[3] = {1, 2, 1};
    MPI_Aint di[3] = {-16, 0, 20};
    MPI_Datatype ty[3] = {MPI_INT32_T, MPI_INT32_T, MPI_INT32_T}, s;
    MPI_Type_create_struct(3, bl, di, ty, &s);
    MPI_Type_create_hvector(2, 1, -48, s, &t);
    run("hvector of struct", t, 1);
    int gs[1] = {3 * size}, di1[1] = {MPI_DISTRIBUTE_BLOCK}, da[1] = {MPI_DISTRIBUTE_DFLT_DARG},
        ps[1] = {size};
    /* rank 0's piece on every rank, so that all ranks use one type */
    MPI_Type_create_darray(size, 0, 1, gs, di1, da, ps, MPI_ORDER_C, s, &t);
    run("darray of struct", t, 1);
    MPI_Type_free(&s);
  }
  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_edge: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
