/* Heavy malloc/free/realloc/calloc churn driven by a fixed PRNG: blocks of
 * many sizes are filled with a pattern, checked before being freed or grown,
 * and nothing leaks into later checks.  Prints only counts and checksums. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096

static uint64_t state = 0x243f6a8885a308d3ull;
static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (uint32_t)(state >> 16);
}

struct slot {
  unsigned char *p;
  size_t n;
  unsigned char tag;
};

static int verify(const struct slot *s) {
  for (size_t i = 0; i < s->n; i++)
    if (s->p[i] != (unsigned char)(s->tag + i)) return 0;
  return 1;
}

static void fill(struct slot *s) {
  for (size_t i = 0; i < s->n; i++) s->p[i] = (unsigned char)(s->tag + i);
}

static size_t pick_size(void) {
  uint32_t r = next();
  switch (r % 8) {
  case 0: return 0;
  case 1: case 2: case 3: return r % 64 + 1;
  case 4: case 5: return r % 1024;
  case 6: return r % 65536;
  default: return r % (1 << 20);
  }
}

int main(void) {
  static struct slot slots[SLOTS];
  unsigned long mallocs = 0, frees = 0, reallocs = 0, callocs = 0, corrupt = 0, failed = 0;
  uint64_t bytes = 0;
  for (int round = 0; round < 200000; round++) {
    struct slot *s = &slots[next() % SLOTS];
    uint32_t op = next() % 10;
    if (s->p && !verify(s)) corrupt++;
    if (op < 4) {
      free(s->p);
      if (s->p) frees++;
      s->n = pick_size();
      s->p = malloc(s->n ? s->n : 1);
      s->tag = (unsigned char)next();
      mallocs++;
      if (!s->p) failed++, s->n = 0;
      else fill(s);
    } else if (op < 7) {
      size_t n = pick_size();
      unsigned char *q = realloc(s->p, n ? n : 1);
      reallocs++;
      if (!q) {
        failed++;
        continue;
      }
      s->p = q;
      size_t keep = n < s->n ? n : s->n;
      for (size_t i = 0; i < keep; i++)
        if (q[i] != (unsigned char)(s->tag + i)) corrupt++;
      s->n = n;
      fill(s);
    } else if (op < 8) {
      free(s->p);
      if (s->p) frees++;
      s->n = pick_size() / 4;
      s->p = calloc(s->n ? s->n : 1, 1);
      callocs++;
      if (!s->p) {
        failed++, s->n = 0;
        continue;
      }
      for (size_t i = 0; i < s->n; i++)
        if (s->p[i]) corrupt++;
      s->tag = (unsigned char)next();
      fill(s);
    } else {
      free(s->p);
      if (s->p) frees++;
      s->p = NULL;
      s->n = 0;
    }
    bytes += s->n;
  }
  unsigned long live = 0;
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i].p) {
      if (!verify(&slots[i])) corrupt++;
      live++;
      free(slots[i].p);
    }
  }
  /* Many tiny blocks at once, then all freed: the allocator reuses them. */
  void **tiny = malloc(1000000 * sizeof *tiny);
  for (int i = 0; i < 1000000; i++) tiny[i] = malloc(16 + i % 48);
  for (int i = 0; i < 1000000; i += 2) free(tiny[i]);
  for (int i = 0; i < 1000000; i += 2) tiny[i] = malloc(32);
  for (int i = 0; i < 1000000; i++) free(tiny[i]);
  free(tiny);
  printf("mallocs %lu frees %lu reallocs %lu callocs %lu live %lu\n", mallocs, frees, reallocs, callocs, live);
  printf("bytes touched %llu corrupt %lu failed %lu\n", (unsigned long long)bytes, corrupt, failed);
  return corrupt != 0 || failed != 0;
}
