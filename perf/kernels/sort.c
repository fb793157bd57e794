/* sort — our own quicksort (median of three, insertion sort below 24
 * elements) of random 32-bit keys, then a bottom-up merge sort of random
 * 64-bit keys; both verified sorted. */
#include "kernel.h"

static void insertion(uint32_t *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    uint32_t v = a[i];
    int j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void quicksort(uint32_t *a, int lo, int hi) {
  while (hi - lo > 24) {
    int mid = lo + (hi - lo) / 2;
    uint32_t x = a[lo], y = a[mid], z = a[hi];
    uint32_t p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) {
        uint32_t t = a[i]; a[i] = a[j]; a[j] = t;
        i++;
        j--;
      }
    }
    /* Recurse into the smaller part: the depth stays logarithmic. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion(a, lo, hi);
}

static void mergesort(uint64_t *a, uint64_t *tmp, int n) {
  for (int w = 1; w < n; w *= 2) {
    for (int lo = 0; lo < n; lo += 2 * w) {
      int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      int i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    uint64_t *t = a; a = tmp; tmp = t;
    memcpy(tmp, a, sizeof *a * (size_t)n);
  }
}

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 4000000, 50000);
  uint32_t *a = kn_alloc(sizeof(uint32_t) * n);
  uint64_t *b = kn_alloc(sizeof(uint64_t) * n), *tmp = kn_alloc(sizeof(uint64_t) * n);
  for (int i = 0; i < n; i++)
    a[i] = kn_rand32();
  for (int i = 0; i < n; i++)
    b[i] = kn_rand64();
  quicksort(a, 0, n - 1);
  mergesort(b, tmp, n);
  kn_sum s;
  kn_sum_init(&s);
  for (int i = 0; i < n; i++) {
    if ((i > 0 && a[i - 1] > a[i]) || (i > 0 && b[i - 1] > b[i])) {
      printf("sort: not sorted at %d\n", i);
      return 1;
    }
    if (i % 97 == 0) {
      kn_sum_u64(&s, a[i]);
      kn_sum_u64(&s, b[i]);
    }
  }
  kn_report("sort", n, &s);
  return 0;
}
