/* heat3d — explicit 7-point heat equation on an n³ grid (float32), two
 * buffers. */
#include "kernel.h"

#define IX(i, j, k) (((i) * n + (j)) * n + (k))

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 200, 32);
  int steps = 70;
  size_t cells = (size_t)n * n * n;
  float *a = kn_alloc(sizeof(float) * cells), *b = kn_alloc(sizeof(float) * cells);
  for (size_t i = 0; i < cells; i++)
    a[i] = b[i] = (float)kn_rand_double();
  const float c0 = 0.4f, c1 = 0.1f;
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        for (int k = 1; k < n - 1; k++)
          b[IX(i, j, k)] = c0 * a[IX(i, j, k)] +
                           c1 * (a[IX(i - 1, j, k)] + a[IX(i + 1, j, k)] + a[IX(i, j - 1, k)] +
                                 a[IX(i, j + 1, k)] + a[IX(i, j, k - 1)] + a[IX(i, j, k + 1)]);
    float *tmp = a;
    a = b;
    b = tmp;
  }
  kn_sum s;
  kn_sum_init(&s);
  for (size_t i = 0; i < cells; i++) {
    uint32_t bits;
    memcpy(&bits, &a[i], sizeof bits);
    kn_sum_u64(&s, bits);
  }
  kn_report("heat3d", n, &s);
  return 0;
}
