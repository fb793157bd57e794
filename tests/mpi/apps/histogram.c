/* histogram.c — a parallel histogram whose bins are a struct {count, sum,
 * min, max} (a derived type), merged by a user-defined commutative op with
 * Reduce and Allreduce; a non-commutative user op (2x2 matrix product, order
 * matters) with Reduce; both ops freed with Op_free. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"
#include <stddef.h>

#define NBIN 8

typedef struct {
  int count;
  double sum, min, max;
} bin;

static void merge_bins(void *in, void *inout, int *len, MPI_Datatype *type) {
  bin *a = in, *b = inout;
  (void)type;
  for (int i = 0; i < *len; i++) {
    if (a[i].count == 0) continue;
    if (b[i].count == 0 || a[i].min < b[i].min) b[i].min = a[i].min;
    if (b[i].count == 0 || a[i].max > b[i].max) b[i].max = a[i].max;
    b[i].count += a[i].count;
    b[i].sum += a[i].sum;
  }
}

/* inout = in x inout, for 2x2 integer matrices stored as 4 ints */
static void matmul(void *in, void *inout, int *len, MPI_Datatype *type) {
  int *a = in, *b = inout;
  (void)type;
  for (int k = 0; k < *len; k++, a += 4, b += 4) {
    int c[4] = {a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
                a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]};
    memcpy(b, c, sizeof c);
  }
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  int len[2] = {1, 3};
  MPI_Aint disp[2] = {offsetof(bin, count), offsetof(bin, sum)};
  MPI_Datatype types[2] = {MPI_INT, MPI_DOUBLE}, tmp, bintype;
  MPI_Type_create_struct(2, len, disp, types, &tmp);
  MPI_Type_create_resized(tmp, 0, sizeof(bin), &bintype);
  MPI_Type_commit(&bintype);
  MPI_Type_free(&tmp);
  MPI_Op merge, mm;
  MPI_Op_create(merge_bins, 1, &merge);
  MPI_Op_create(matmul, 0, &mm);

  bin h[NBIN] = {{0}}, total[NBIN];
  unsigned seed = 7u * rank + 3u;
  for (int i = 0; i < 1000; i++) {
    double x = (mt_rand(&seed) % 10000) / 100.0; /* 0 .. 99.99 */
    int b = (int)(x * x / 10000.0 * NBIN);
    if (h[b].count == 0 || x < h[b].min) h[b].min = x;
    if (h[b].count == 0 || x > h[b].max) h[b].max = x;
    h[b].count++;
    h[b].sum += x;
  }
  MPI_Reduce(h, total, NBIN, bintype, merge, 0, MPI_COMM_WORLD);
  if (rank == 0)
    for (int b = 0; b < NBIN; b++)
      printf("bin %d: %5d values, mean %8.4f, range %.2f .. %.2f\n", b, total[b].count,
             total[b].count ? total[b].sum / total[b].count : 0.0, total[b].min, total[b].max);
  MPI_Allreduce(MPI_IN_PLACE, h, NBIN, bintype, merge, MPI_COMM_WORLD);
  int same = 1;
  for (int b = 0; b < NBIN; b++) same &= h[b].count == total[b].count || rank != 0;
  mt_check("allreduce in place agrees with reduce", same);

  /* non-commutative: rank r holds [[1, r+1], [0, 1]] scaled; the product in rank order */
  int m[8] = {1, rank + 1, 0, 1, rank % 2 ? 0 : 1, 1, 1, rank}, prod[8];
  /* one element of the op = one matrix of 4 ints */
  MPI_Datatype mat;
  MPI_Type_contiguous(4, MPI_INT, &mat);
  MPI_Type_commit(&mat);
  MPI_Reduce(m, prod, 2, mat, mm, 0, MPI_COMM_WORLD);
  mt_say("ordered products: [%d %d; %d %d] and [%d %d; %d %d]\n", prod[0], prod[1], prod[2],
         prod[3], prod[4], prod[5], prod[6], prod[7]);
  MPI_Type_free(&mat);
  MPI_Op_free(&merge);
  MPI_Op_free(&mm);
  mt_check("Op_free sets MPI_OP_NULL", merge == MPI_OP_NULL && mm == MPI_OP_NULL);
  MPI_Type_free(&bintype);
  MPI_Finalize();
  return 0;
}
