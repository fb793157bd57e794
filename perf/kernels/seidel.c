/* seidel — Gauss–Seidel sweeps of the 9-point average on an n×n grid, in
 * place: every point depends on ones updated earlier in the same sweep. */
#include "kernel.h"

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 1000, 100);
  int steps = 70;
  double *a = kn_alloc(sizeof(double) * n * n);
  for (int i = 0; i < n * n; i++)
    a[i] = kn_rand_double();
  for (int t = 0; t < steps; t++)
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        a[i * n + j] = (a[(i - 1) * n + j - 1] + a[(i - 1) * n + j] + a[(i - 1) * n + j + 1] +
                        a[i * n + j - 1] + a[i * n + j] + a[i * n + j + 1] +
                        a[(i + 1) * n + j - 1] + a[(i + 1) * n + j] + a[(i + 1) * n + j + 1]) /
                       9.0;
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_doubles(&s, a, (size_t)n * n);
  kn_report("seidel", n, &s);
  return 0;
}
