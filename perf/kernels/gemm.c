/* gemm — dense matrix product C = A·B + C (i-k-j order, row major). */
#include "kernel.h"

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 1000, 64);
  double *a = kn_alloc(sizeof(double) * n * n), *b = kn_alloc(sizeof(double) * n * n);
  double *c = kn_alloc(sizeof(double) * n * n);
  for (int i = 0; i < n * n; i++) {
    a[i] = kn_rand_double() - 0.5;
    b[i] = kn_rand_double() - 0.5;
    c[i] = kn_rand_double();
  }
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      double aik = a[i * n + k];
      for (int j = 0; j < n; j++)
        c[i * n + j] += aik * b[k * n + j];
    }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_doubles(&s, c, (size_t)n * n);
  kn_report("gemm", n, &s);
  return 0;
}
