/* cg — conjugate gradient on the 2-D Poisson problem (5-point Laplacian on
 * an m×m grid, stored as CSR), a fixed number of iterations. */
#include "kernel.h"

static void spmv(int n, const int *rowptr, const int *col, const double *val, const double *x,
                 double *y) {
  for (int i = 0; i < n; i++) {
    double sum = 0.0;
    for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
      sum += val[k] * x[col[k]];
    y[i] = sum;
  }
}

static double dot(int n, const double *a, const double *b) {
  double s = 0.0;
  for (int i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

int main(int argc, char **argv) {
  int m = kn_size(argc, argv, 700, 64);
  int n = m * m, iters = 120;
  int *rowptr = kn_alloc(sizeof(int) * (n + 1)), *col = kn_alloc(sizeof(int) * 5 * n);
  double *val = kn_alloc(sizeof(double) * 5 * n);
  int nnz = 0;
  for (int i = 0; i < m; i++)
    for (int j = 0; j < m; j++) {
      int r = i * m + j;
      rowptr[r] = nnz;
      if (i > 0) { col[nnz] = r - m; val[nnz++] = -1.0; }
      if (j > 0) { col[nnz] = r - 1; val[nnz++] = -1.0; }
      col[nnz] = r; val[nnz++] = 4.0;
      if (j < m - 1) { col[nnz] = r + 1; val[nnz++] = -1.0; }
      if (i < m - 1) { col[nnz] = r + m; val[nnz++] = -1.0; }
    }
  rowptr[n] = nnz;
  double *b = kn_alloc(sizeof(double) * n), *x = kn_alloc(sizeof(double) * n);
  double *r = kn_alloc(sizeof(double) * n), *p = kn_alloc(sizeof(double) * n);
  double *ap = kn_alloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) {
    b[i] = kn_rand_double();
    r[i] = p[i] = b[i]; /* x = 0 */
  }
  double rr = dot(n, r, r);
  for (int it = 0; it < iters; it++) {
    spmv(n, rowptr, col, val, p, ap);
    double alpha = rr / dot(n, p, ap);
    for (int i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * ap[i];
    }
    double rr_new = dot(n, r, r);
    double beta = rr_new / rr;
    rr = rr_new;
    for (int i = 0; i < n; i++)
      p[i] = r[i] + beta * p[i];
  }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_double(&s, rr);
  kn_sum_doubles(&s, x, (size_t)n);
  kn_report("cg", m, &s);
  return 0;
}
