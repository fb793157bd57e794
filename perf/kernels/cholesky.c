/* cholesky — A = L·Lᵀ of a symmetric positive definite matrix (row-oriented,
 * dot-product form, lower triangle in place). */
#include "kernel.h"

/* __builtin_sqrt is the IEEE square root (one instruction natively and in
 * Wasm, f64.sqrt), correctly rounded on every engine, with no libm call. */
static double my_sqrt(double x) { return __builtin_sqrt(x); }

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 1400, 96);
  double *a = kn_alloc(sizeof(double) * n * n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++) {
      double v = kn_rand_double() - 0.5;
      a[i * n + j] = a[j * n + i] = v;
    }
  for (int i = 0; i < n; i++)
    a[i * n + i] += n;
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) {
      double s = a[i * n + j];
      for (int k = 0; k < j; k++)
        s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / a[j * n + j];
    }
    double d = a[i * n + i];
    for (int k = 0; k < i; k++)
      d -= a[i * n + k] * a[i * n + k];
    a[i * n + i] = my_sqrt(d);
  }
  kn_sum s;
  kn_sum_init(&s);
  for (int i = 0; i < n; i++)
    kn_sum_doubles(&s, a + (size_t)i * n, (size_t)i + 1);
  kn_report("cholesky", n, &s);
  return 0;
}
