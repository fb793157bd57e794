/* lu — LU factorisation without pivoting (Doolittle, in place) of a
 * diagonally dominant matrix, so no pivoting is needed for stability. */
#include "kernel.h"

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 1300, 96);
  double *a = kn_alloc(sizeof(double) * n * n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      a[i * n + j] = kn_rand_double() + (i == j ? n : 0);
  for (int k = 0; k < n; k++) {
    double inv = 1.0 / a[k * n + k];
    for (int i = k + 1; i < n; i++) {
      double l = a[i * n + k] * inv;
      a[i * n + k] = l;
      for (int j = k + 1; j < n; j++)
        a[i * n + j] -= l * a[k * n + j];
    }
  }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_doubles(&s, a, (size_t)n * n);
  kn_report("lu", n, &s);
  return 0;
}
