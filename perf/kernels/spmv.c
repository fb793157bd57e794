/* spmv — repeated CSR sparse matrix–vector products y = A·x with a random
 * pattern (nnz per row fixed, columns scattered), x renormalised between
 * products so values stay bounded. */
#include "kernel.h"

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 200000, 5000);
  const int per_row = 24, iters = 32;
  int nnz = n * per_row;
  int *rowptr = kn_alloc(sizeof(int) * (n + 1)), *col = kn_alloc(sizeof(int) * nnz);
  double *val = kn_alloc(sizeof(double) * nnz);
  double *x = kn_alloc(sizeof(double) * n), *y = kn_alloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) {
    rowptr[i] = i * per_row;
    for (int k = 0; k < per_row; k++) {
      /* Half the entries near the diagonal, half anywhere: some locality. */
      int c = k < per_row / 2 ? (int)((i + (int)(kn_rand32() % 64) - 32 + n) % n)
                              : (int)(kn_rand32() % (uint32_t)n);
      col[i * per_row + k] = c;
      val[i * per_row + k] = kn_rand_double() - 0.5;
    }
  }
  rowptr[n] = nnz;
  for (int i = 0; i < n; i++)
    x[i] = kn_rand_double();
  for (int it = 0; it < iters; it++) {
    for (int i = 0; i < n; i++) {
      double sum = 0.0;
      for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
        sum += val[k] * x[col[k]];
      y[i] = sum;
    }
    /* Scale by a power of two (exact) so x keeps a sane magnitude. */
    double m = 0.0;
    for (int i = 0; i < n; i++) {
      double v = y[i] < 0 ? -y[i] : y[i];
      if (v > m)
        m = v;
    }
    double f = 1.0;
    while (m * f > 2.0)
      f *= 0.5;
    while (m * f < 0.5 && m > 0)
      f *= 2.0;
    for (int i = 0; i < n; i++)
      x[i] = y[i] * f;
  }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_doubles(&s, x, (size_t)n);
  kn_report("spmv", n, &s);
  return 0;
}
