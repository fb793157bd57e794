/* hashtable — open addressing (linear probing) map from 64-bit keys to
 * counts: inserts and increments of random keys drawn from a limited range
 * (so about half the operations hit), then lookups of present and absent keys. */
#include "kernel.h"

typedef struct { uint64_t key; uint64_t count; } slot; /* key 0 = empty */

static inline uint64_t hash64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  return k;
}

static void add(slot *t, uint64_t mask, uint64_t key) {
  uint64_t i = hash64(key) & mask;
  while (t[i].key != 0 && t[i].key != key)
    i = (i + 1) & mask;
  t[i].key = key;
  t[i].count++;
}

static uint64_t find(const slot *t, uint64_t mask, uint64_t key) {
  uint64_t i = hash64(key) & mask;
  while (t[i].key != 0) {
    if (t[i].key == key)
      return t[i].count;
    i = (i + 1) & mask;
  }
  return 0;
}

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 3000000, 50000);
  /* Capacity: a power of two at least 2n (load factor <= 0.5 at most). */
  uint64_t cap = 1;
  while (cap < 2 * (uint64_t)n)
    cap <<= 1;
  slot *t = kn_alloc(sizeof(slot) * cap);
  uint64_t range = (uint64_t)n; /* keys 1..n: repeated keys increment */
  for (int i = 0; i < 2 * n; i++)
    add(t, cap - 1, 1 + kn_rand64() % range);
  uint64_t hits = 0, total = 0;
  for (int i = 0; i < 2 * n; i++) {
    uint64_t c = find(t, cap - 1, 1 + kn_rand64() % (2 * range));
    hits += c != 0;
    total += c;
  }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_u64(&s, hits);
  kn_sum_u64(&s, total);
  kn_report("hashtable", n, &s);
  return 0;
}
