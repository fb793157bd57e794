/* histogram — counts of values from a skewed random distribution into 4096
 * bins, repeated passes over the same data, then a prefix sum and the bin
 * holding the median. */
#include "kernel.h"

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 8000000, 100000);
  int passes = 100, nbins = 4096;
  uint32_t *data = kn_alloc(sizeof(uint32_t) * n);
  uint64_t *bins = kn_alloc(sizeof(uint64_t) * nbins);
  for (int i = 0; i < n; i++) {
    /* Product of two uniforms: many hits in the low bins, some collisions. */
    uint32_t u = kn_rand32() >> 16, v = kn_rand32() >> 16;
    data[i] = u * v;
  }
  for (int p = 0; p < passes; p++)
    for (int i = 0; i < n; i++) {
      uint32_t x = data[i] ^ (uint32_t)p;
      bins[x >> 20]++;
    }
  uint64_t total = 0;
  int median = -1;
  kn_sum s;
  kn_sum_init(&s);
  for (int b = 0; b < nbins; b++) {
    total += bins[b];
    if (median < 0 && total * 2 >= (uint64_t)n * passes)
      median = b;
    kn_sum_u64(&s, bins[b]);
  }
  kn_sum_u64(&s, (uint64_t)median);
  kn_report("histogram", n, &s);
  return 0;
}
