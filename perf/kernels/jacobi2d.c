/* jacobi2d — 5-point Jacobi relaxation on an n×n grid, two buffers swapped
 * each sweep. */
#include "kernel.h"

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 1500, 128);
  int steps = 200;
  double *a = kn_alloc(sizeof(double) * n * n), *b = kn_alloc(sizeof(double) * n * n);
  for (int i = 0; i < n * n; i++)
    a[i] = b[i] = kn_rand_double();
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        b[i * n + j] = 0.2 * (a[i * n + j] + a[i * n + j - 1] + a[i * n + j + 1] +
                              a[(i - 1) * n + j] + a[(i + 1) * n + j]);
    double *tmp = a;
    a = b;
    b = tmp;
  }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_doubles(&s, a, (size_t)n * n);
  kn_report("jacobi2d", n, &s);
  return 0;
}
