/* kernel.h — what every benchmark kernel shares: a deterministic PRNG, the
 * problem size from the command line, and a checksum over exact bit patterns.
 *
 * Each kernel is built natively and for wasm32-wasi and must print the same
 * line everywhere, so nothing here depends on the C library's maths or
 * formatting of floating point: checksums hash the IEEE bits as integers.
 * Usage of every kernel: KERNEL [quick|N] — no argument runs the full size
 * (about 1 s natively), "quick" a small one for smoke tests, N an explicit size. */
#ifndef PERF_KERNEL_H
#define PERF_KERNEL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*: small, fast and the same on every engine. */
static uint64_t kn_rng_state = 0x9e3779b97f4a7c15ull;

static inline uint64_t kn_rand64(void) {
  uint64_t x = kn_rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  kn_rng_state = x;
  return x * 0x2545f4914f6cdd1dull;
}

static inline uint32_t kn_rand32(void) { return (uint32_t)(kn_rand64() >> 32); }

/* Uniform in [0, 1), exactly representable (53 random bits). */
static inline double kn_rand_double(void) {
  return (double)(kn_rand64() >> 11) * (1.0 / 9007199254740992.0);
}

static inline int kn_size(int argc, char **argv, int full, int quick) {
  if (argc < 2)
    return full;
  if (strcmp(argv[1], "quick") == 0)
    return quick;
  int n = atoi(argv[1]);
  if (n <= 0) {
    fprintf(stderr, "%s: bad size '%s' (expected quick or a positive number)\n", argv[0], argv[1]);
    exit(2);
  }
  return n;
}

static inline void *kn_alloc(size_t bytes) {
  void *p = calloc(1, bytes ? bytes : 1);
  if (!p) {
    fprintf(stderr, "out of memory (%zu bytes)\n", bytes);
    exit(1);
  }
  return p;
}

/* FNV-1a over 64-bit words. */
typedef struct { uint64_t h; } kn_sum;

static inline void kn_sum_init(kn_sum *s) { s->h = 0xcbf29ce484222325ull; }

static inline void kn_sum_u64(kn_sum *s, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    s->h ^= (v >> (8 * i)) & 0xff;
    s->h *= 0x100000001b3ull;
  }
}

static inline void kn_sum_double(kn_sum *s, double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  kn_sum_u64(s, bits);
}

static inline void kn_sum_doubles(kn_sum *s, const double *a, size_t n) {
  for (size_t i = 0; i < n; i++)
    kn_sum_double(s, a[i]);
}

static inline void kn_report(const char *name, int n, const kn_sum *s) {
  printf("%s n=%d checksum=%016llx\n", name, n, (unsigned long long)s->h);
}

#endif
