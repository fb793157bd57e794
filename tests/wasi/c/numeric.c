/* HPC-style kernels in double: matrix multiply, an FFT, a Jacobi sweep, a
 * dot product with many terms.  Same operations in the same order, so the
 * bits must match the native build exactly (no fused multiply-add on either:
 * wasm has none and the native x86-64 baseline has none).  sin and cos
 * come from a series computed here: musl's and glibc's differ in last bits. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#define NM 96
static double A[NM][NM], B[NM][NM], C[NM][NM];

/* Taylor series, |x| <= 4: plain arithmetic, so identical everywhere. */
static double tsin(double x) {
  double term = x, s = x;
  for (int k = 1; k < 30; k++) term *= -x * x / ((2 * k) * (2 * k + 1)), s += term;
  return s;
}
static double tcos(double x) {
  double term = 1, s = 1;
  for (int k = 1; k < 30; k++) term *= -x * x / ((2 * k - 1) * (2 * k)), s += term;
  return s;
}

static void fft(double *re, double *im, int n) {
  for (int i = 1, j = 0; i < n; i++) {
    int bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  for (int len = 2; len <= n; len <<= 1) {
    double ang = -2 * M_PI / len, wr = tcos(ang), wi = tsin(ang);
    for (int i = 0; i < n; i += len) {
      double cr = 1, ci = 0;
      for (int k = 0; k < len / 2; k++) {
        double ur = re[i + k], ui = im[i + k];
        double vr = re[i + k + len / 2] * cr - im[i + k + len / 2] * ci;
        double vi = re[i + k + len / 2] * ci + im[i + k + len / 2] * cr;
        re[i + k] = ur + vr, im[i + k] = ui + vi;
        re[i + k + len / 2] = ur - vr, im[i + k + len / 2] = ui - vi;
        double t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr, cr = t;
      }
    }
  }
}

static unsigned long long bits(double d) {
  unsigned long long u;
  memcpy(&u, &d, sizeof u);
  return u;
}

int main(void) {
  for (int i = 0; i < NM; i++)
    for (int j = 0; j < NM; j++) A[i][j] = (i * 7 + j * 3) % 11 / 7.0 - 0.5, B[i][j] = (i == j) + (i - j) / 97.0;
  for (int i = 0; i < NM; i++)
    for (int j = 0; j < NM; j++) {
      double s = 0;
      for (int k = 0; k < NM; k++) s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
  double tr = 0, fro = 0;
  for (int i = 0; i < NM; i++) {
    tr += C[i][i];
    for (int j = 0; j < NM; j++) fro += C[i][j] * C[i][j];
  }
  printf("matmul trace %.17g frob2 %.17g bits %016llx\n", tr, fro, bits(fro));
  static double re[4096], im[4096];
  for (int i = 0; i < 4096; i++) re[i] = tsin(i % 400 * 0.01) + 0.5 * (i % 17 == 0), im[i] = 0;
  fft(re, im, 4096);
  double e = 0;
  for (int i = 0; i < 4096; i++) e += re[i] * re[i] + im[i] * im[i];
  printf("fft energy %.17g peak re[41] %.17g bits %016llx\n", e, re[41], bits(e));
  static double u[130][130], v[130][130];
  for (int i = 0; i < 130; i++) u[i][0] = u[i][129] = 1.0;
  for (int it = 0; it < 200; it++) {
    for (int i = 1; i < 129; i++)
      for (int j = 1; j < 129; j++) v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
    for (int i = 1; i < 129; i++)
      for (int j = 1; j < 129; j++) u[i][j] = v[i][j];
  }
  double js = 0;
  for (int i = 0; i < 130; i++)
    for (int j = 0; j < 130; j++) js += u[i][j];
  printf("jacobi sum %.17g center %.17g\n", js, u[64][64]);
  double dot = 0;
  float fdot = 0;
  for (int i = 1; i <= 1000000; i++) dot += 1.0 / i * (i % 2 ? 1 : -1), fdot += 1.0f / i;
  printf("dot %.17g fdot %.9g\n", dot, fdot);
  return 0;
}
