/* Formatted output of float and double: %f %e %g %a with flags and
 * precisions, special values (inf, nan, -0), subnormals, limits, and
 * halfway rounding cases.  %a of a subnormal is written differently by musl
 * (0x1p-1074) and glibc (0x0.0000000000001p-1022), both valid C, so
 * subnormals are shown by their bits and with %e/%g/%.17g instead. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile double vzero = 0.0;

static uint64_t dbits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static uint32_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static void show(const char *what, double d) {
  printf("%-10s %%f=%f %%e=%e %%g=%g %%.17g=%.17g %%E=%E %%G=%G\n", what, d, d, d, d, d, d);
  printf("%-10s %%.0f=%.0f %%.3e=%.3e %%.10g=%.10g %%#g=%#g %%+.2f=%+.2f %%15.4e=%15.4e %%-12g=%-12g|\n",
         what, d, d, d, d, d, d, d);
}

static void showa(const char *what, double d) {
  printf("%-10s %%a=%a %%A=%A %%.3a=%.3a %%.0a=%.0a\n", what, d, d, d, d);
}

int main(void) {
  double inf = 1.0 / vzero, nan_ = vzero / vzero;
  show("zero", 0.0);
  show("negzero", -0.0);
  show("one", 1.0);
  show("tenth", 0.1);
  show("third", 1.0 / 3);
  show("pi", M_PI);
  show("neg", -123456.789);
  show("big", 1e300);
  show("huge", 123456789012345678901234567890.0);
  show("small", 1.5e-300);
  show("dblmax", DBL_MAX);
  show("dblmin", DBL_MIN);
  show("denorm", 4.9406564584124654e-324);
  show("denorm2", DBL_MIN / 3);
  show("inf", inf);
  show("-inf", -inf);
  show("nan", fabs(nan_));
  show("-nan", -fabs(nan_));
  showa("zero", 0.0);
  showa("negzero", -0.0);
  showa("one", 1.0);
  showa("tenth", 0.1);
  showa("pi", M_PI);
  showa("neg", -123456.789);
  showa("dblmax", DBL_MAX);
  showa("dblmin", DBL_MIN);
  showa("inf", inf);
  showa("nan", fabs(nan_));
  printf("bits denorm %016llx %016llx\n", (unsigned long long)dbits(4.9406564584124654e-324),
         (unsigned long long)dbits(DBL_MIN / 3));
  printf("bits negzero %016llx nan sign %d\n", (unsigned long long)dbits(-0.0), signbit(-fabs(nan_)) != 0);
  /* Round-half-even in the conversion, and exact decimal expansions. */
  double halves[] = {0.5, 1.5, 2.5, 3.5, -0.5, -2.5, 0.125, 0.375, 2.675, 1e15 + 0.5, 9.5e-5};
  for (size_t i = 0; i < sizeof halves / sizeof *halves; i++)
    printf("half %.0f %.1f %.2f %.3g %e\n", halves[i], halves[i], halves[i], halves[i], halves[i]);
  printf("exact %.60f\n", 0.1);
  printf("exact %.70e\n", DBL_MIN);
  printf("exact %.0f\n", 9007199254740993.0);
  printf("powers");
  for (int e = -30; e <= 30; e += 3) printf(" %g", pow(10, e));
  printf("\n");
  for (int i = 0; i < 20; i++) printf("g %g %.3g %#.3g %.20g\n", i * 0.7 - 3, i * 1e5 / 7, i / 8.0, i * 1e-7);
  /* float through the default promotions, and its own limits. */
  float fs[] = {0.0f, -0.0f, 1.0f / 3, FLT_MAX, FLT_MIN, FLT_TRUE_MIN, 16777217.0f, 3.4e38f, 1e-40f};
  for (size_t i = 0; i < sizeof fs / sizeof *fs; i++)
    printf("float %08x %g %.9g %e %f\n", fbits(fs[i]), fs[i], fs[i], fs[i], fs[i] < 1e20f ? fs[i] : 0);
  printf("float inf %f %F %e %g\n", (float)inf, (float)-inf, (float)inf, (float)-inf);
  printf("float nan %f %F %e %G\n", (float)fabs(nan_), (float)fabs(nan_), (float)fabs(nan_), (float)fabs(nan_));
  printf("padded |%12f|%-12e|%012.3f|%+g|% g|\n", inf, -inf, -1.5, 2.0, 2.0);
  char buf[64];
  snprintf(buf, sizeof buf, "%.*f|%*.*e", 3, 2.0 / 3, 12, 2, 12345.678);
  printf("star %s\n", buf);
  return 0;
}
