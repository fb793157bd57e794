/* fft — iterative radix-2 complex FFT (bit reversal, then butterflies),
 * forward and inverse in turn.  Twiddles come from our own series, not libm,
 * whose sin/cos differ between C libraries. */
#include "kernel.h"

/* cos and sin of x in [-pi, pi] by Taylor series (plain IEEE arithmetic). */
static void cos_sin(double x, double *c, double *s) {
  double term = 1.0, cs = 0.0, sn = 0.0;
  /* x^k/k! with the signs of cos (even k) and sin (odd k): + + - - ... */
  for (int k = 0; k < 40; k++) {
    double t = (k % 4 < 2) ? term : -term;
    if (k % 2 == 0)
      cs += t;
    else
      sn += t;
    term = term * x / (k + 1);
  }
  *c = cs;
  *s = sn;
}

static void fft(int n, double *re, double *im, const double *wr, const double *wi, int inverse) {
  for (int i = 1, j = 0; i < n; i++) {
    int bit = n >> 1;
    for (; j & bit; bit >>= 1)
      j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  for (int len = 2; len <= n; len <<= 1) {
    int half = len >> 1, step = n / len;
    for (int i = 0; i < n; i += len)
      for (int k = 0; k < half; k++) {
        double c = wr[k * step], s = inverse ? -wi[k * step] : wi[k * step];
        int a = i + k, b = a + half;
        double xr = re[b] * c - im[b] * s, xi = re[b] * s + im[b] * c;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
  }
  if (inverse) {
    double f = 1.0 / n;
    for (int i = 0; i < n; i++) {
      re[i] *= f;
      im[i] *= f;
    }
  }
}

int main(int argc, char **argv) {
  int logn = kn_size(argc, argv, 20, 12);
  if (logn > 26) {
    fprintf(stderr, "fft: size is log2(n), at most 26\n");
    return 2;
  }
  int n = 1 << logn, reps = 4;
  double *re = kn_alloc(sizeof(double) * n), *im = kn_alloc(sizeof(double) * n);
  double *wr = kn_alloc(sizeof(double) * n / 2), *wi = kn_alloc(sizeof(double) * n / 2);
  const double pi = 3.14159265358979323846;
  for (int k = 0; k < n / 2; k++)
    cos_sin(-2.0 * pi * k / n, &wr[k], &wi[k]);
  for (int i = 0; i < n; i++) {
    re[i] = kn_rand_double() - 0.5;
    im[i] = kn_rand_double() - 0.5;
  }
  for (int r = 0; r < reps; r++) {
    fft(n, re, im, wr, wi, 0);
    fft(n, re, im, wr, wi, 1);
  }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_doubles(&s, re, (size_t)n);
  kn_sum_doubles(&s, im, (size_t)n);
  kn_report("fft", logn, &s);
  return 0;
}
