/* stdlib.h beyond parsing: abs/labs/llabs, div/ldiv/lldiv with negative
 * operands, a fixed-seed PRNG of our own (rand() differs between libcs),
 * bsearch, realloc growth of a string, and integer formatting by hand. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  printf("abs %d %d %ld %lld\n", abs(-5), abs(INT_MIN + 1), labs(-70000L), llabs(LLONG_MIN + 1));
  int ns[] = {7, -7, 7, -7, 0, INT_MAX};
  int ds[] = {2, 2, -2, -2, 3, -1};
  for (int i = 0; i < 6; i++) {
    div_t q = div(ns[i], ds[i]);
    ldiv_t lq = ldiv(ns[i], ds[i]);
    lldiv_t llq = lldiv((long long)ns[i] * 1000000007LL, ds[i]);
    printf("div %d/%d = %d r %d; ldiv %ld r %ld; lldiv %lld r %lld\n", ns[i], ds[i], q.quot, q.rem, lq.quot, lq.rem,
           llq.quot, llq.rem);
  }
  char *s = NULL;
  size_t len = 0;
  for (int i = 0; i < 500; i++) {
    char piece[16];
    int n = snprintf(piece, sizeof piece, "%d,", i * i);
    s = realloc(s, len + n + 1);
    memcpy(s + len, piece, n + 1);
    len += n;
  }
  printf("built %zu chars, tail %s\n", len, s + len - 20);
  free(s);
  char *end;
  printf("strtoul neg %d\n", strtoul("-1", &end, 10) == ULONG_MAX);
  void *p = aligned_alloc(64, 256);
  printf("aligned_alloc %d\n", p && ((unsigned long)p & 63) == 0);
  free(p);
  void *q = NULL;
  printf("posix_memalign %d %d\n", posix_memalign(&q, 4096, 100), ((unsigned long)q & 4095) == 0);
  free(q);
  printf("calloc zero %d\n", ((char *)calloc(1000, 1000))[999999]);
  printf("MB_CUR_MAX %d RAND_MAX positive %d\n", (int)MB_CUR_MAX, RAND_MAX > 0);
  return 0;
}
