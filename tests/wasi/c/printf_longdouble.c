/* long double is IEEE binary128 on wasm32 and x87 80-bit on x86_64: only
 * values and precisions that both represent alike are printed.  wasi-libc
 * needs libc-printscan-long-double for %Lf. */
//! WASMFLAGS: -lc-printscan-long-double
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static volatile long double vz = 0.0L;

int main(void) {
  long double v[] = {0.0L, -0.0L, 1.0L, 0.5L, 1.0L / 3, -2.75L, 1e20L, 123456789.125L, 0x1p-90L, 0.1L};
  for (size_t i = 0; i < sizeof v / sizeof *v; i++)
    printf("Lf %Lf %.10Le %.15Lg %+.3Lf\n", v[i], v[i], v[i], v[i]);
  long double inf = 1.0L / vz, nan_ = vz / vz;
  printf("special %Lf %Lf %Le %Lg\n", inf, -inf, fabsl(nan_), -fabsl(nan_));
  printf("exact %.30Lf\n", 0.375L);
  printf("dbl %.17Lg\n", (long double)DBL_MAX);
  long double x = strtold("3.14159265358979323846264338327950288", NULL);
  printf("strtold %.18Lg %d\n", x, (double)x == 3.141592653589793);
  long double s = 0;
  for (int i = 1; i <= 1000; i++) s += 1.0L / i;
  printf("harmonic %.15Lg\n", s);
  return 0;
}
