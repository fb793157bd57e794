/* libm (float): exact functions with %a (promoted, always normal here or
 * shown as bits), transcendental ones to 6 significant digits (musl and glibc
 * may differ in the last bit).  Also float arithmetic edge cases. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void hexf(const char *what, float f) {
  unsigned u;
  memcpy(&u, &f, sizeof u);
  printf("%-22s %08x %a\n", what, u, fpclassify(f) == FP_SUBNORMAL ? 0.0 : (double)f);
}
#define X(e) hexf(#e, (e))
#define P(e) printf("%-22s %.6g\n", #e, (double)(e))

int main(void) {
  float xs[] = {-100.5f, -3, -1, -0.25f, 0, 1e-20f, 0.25f, 1, 2.5f, 3.14159265f, 20, 88, 1e20f};
  for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
    float x = xs[i];
    printf("x = %a\n", (double)x);
    X(sqrtf(fabsf(x)));
    X(floorf(x));
    X(ceilf(x));
    X(truncf(x));
    X(roundf(x));
    X(rintf(x));
    X(fmodf(x, 0.7f));
    X(fmaf(x, 3.0f, 0.1f));
    X(nextafterf(x, 0));
    X(ldexpf(x, -5));
    X(x * 0.1f);
    X(x / 3.0f);
    X(x + 1e-7f);
    X((float)(double)x * 1.0000001f);
    P(sinf(x));
    P(cosf(x));
    P(tanf(x));
    P(atanf(x));
    P(expf(x / 10));
    P(tanhf(x));
    P(cbrtf(x));
    P(atan2f(x, -2));
    P(erff(x));
    if (x > 0) {
      P(logf(x));
      P(log2f(x));
      P(log10f(x));
      P(powf(x, 1.7f));
      P(lgammaf(x));
    }
  }
  float sum = 0;
  for (int i = 1; i <= 1000000; i++) sum += 1.0f / i;
  X(sum);
  float big = FLT_MAX;
  X(big * 2);
  X(-big * 2);
  X(FLT_MIN);
  X(FLT_MIN / 2);
  X(16777216.0f + 1.0f);
  X((float)16777217);
  X((float)0.1);
  X((float)1e40);
  X((float)2147483647);
  X((float)-9007199254740993LL);
  printf("int casts %d %d %lld %u\n", (int)-2.9f, (int)2.9f, (long long)1e18f, (unsigned)4e9f);
  return 0;
}
