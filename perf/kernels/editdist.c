/* editdist — Levenshtein distance and longest common subsequence of two
 * random strings over a 4-letter alphabet (one DP row each, O(n) memory). */
#include "kernel.h"

static int min3(int a, int b, int c) {
  int m = a < b ? a : b;
  return m < c ? m : c;
}

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 12500, 1500);
  char *x = kn_alloc(n), *y = kn_alloc(n);
  for (int i = 0; i < n; i++) {
    x[i] = "ACGT"[kn_rand32() & 3];
    y[i] = "ACGT"[kn_rand32() & 3];
  }
  int *prev = kn_alloc(sizeof(int) * (n + 1)), *cur = kn_alloc(sizeof(int) * (n + 1));
  /* Edit distance. */
  for (int j = 0; j <= n; j++)
    prev[j] = j;
  for (int i = 1; i <= n; i++) {
    cur[0] = i;
    for (int j = 1; j <= n; j++)
      cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] != y[j - 1]));
    int *t = prev; prev = cur; cur = t;
  }
  int dist = prev[n];
  /* LCS length. */
  for (int j = 0; j <= n; j++)
    prev[j] = 0;
  for (int i = 1; i <= n; i++) {
    cur[0] = 0;
    for (int j = 1; j <= n; j++) {
      if (x[i - 1] == y[j - 1])
        cur[j] = prev[j - 1] + 1;
      else
        cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
    }
    int *t = prev; prev = cur; cur = t;
  }
  int lcs = prev[n];
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_u64(&s, (uint64_t)dist);
  kn_sum_u64(&s, (uint64_t)lcs);
  printf("editdist: distance %d, lcs %d\n", dist, lcs);
  kn_report("editdist", n, &s);
  return 0;
}
