/* Parsing: strtod/strtof/strtol family with every base and error case,
 * sscanf conversions, and print-parse round trips of doubles.  Only ERANGE
 * on overflow or on underflow to zero is shown: musl also sets EINVAL when
 * nothing converts and glibc ERANGE for a subnormal result, both allowed. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *errname(int e) {
  return e == ERANGE ? "ERANGE" : "-";
}

int main(void) {
  const char *ds[] = {"0", "-0", "1.5", "  -12.25e3xyz", "0x1.8p3", "inf", "-INFINITY", "nan", "1e400",
                      "1e-400", "4.9e-324", "2.2250738585072011e-308", ".5", "5.", "abc", "1e", "0x",
                      "123456789012345678901234567890", "0.1000000000000000055511151231257827"};
  for (size_t i = 0; i < sizeof ds / sizeof *ds; i++) {
    char *end;
    errno = 0;
    double d = strtod(ds[i], &end);
    int e = errno;
    printf("strtod '%s' -> %.17g rest '%s' errno %s\n", ds[i], d, end,
           d == 0 || isinf(d) ? errname(e) : "-");
    errno = 0;
    float f = strtof(ds[i], &end);
    printf("strtof '%s' -> %.9g rest '%s'\n", ds[i], f, end);
  }
  const char *is[] = {"0", "-1", "2147483647", "2147483648", "-2147483649", "0x7fffffff", "0777", "z",
                      "  +42abc", "-0x10", "9223372036854775807", "9223372036854775808", "18446744073709551615",
                      "18446744073709551616", "-18446744073709551615"};
  int bases[] = {0, 10, 16, 8, 2, 36};
  for (size_t i = 0; i < sizeof is / sizeof *is; i++)
    for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
      char *end;
      errno = 0;
      long long ll = strtoll(is[i], &end, bases[b]);
      int e1 = errno;
      size_t used = (size_t)(end - is[i]);
      errno = 0;
      unsigned long long ull = strtoull(is[i], NULL, bases[b]);
      int e2 = errno;
      errno = 0;
      long l = strtol(is[i], NULL, bases[b]);
      int e3 = errno;
      /* long differs in width; print it only when it is in the common range. */
      printf("'%s' base %d: ll %lld used %zu %s ull %llu %s l %s %s\n", is[i], bases[b], ll, used,
             errname(e1), ull, errname(e2), (l >= INT_MIN && l <= INT_MAX && e3 != ERANGE) ? "fits" : "wide",
             (e3 != ERANGE || l == LONG_MAX || l == LONG_MIN) ? "ok" : "bad");
    }
  printf("atoi %d %d %d atol %ld atoll %lld\n", atoi("  -17x"), atoi("0"), atoi("+5"), atol("99999"),
         atoll("-9223372036854775807"));
  int a, n;
  unsigned u;
  double d;
  char w[16], c;
  long long ll;
  int r = sscanf("  42 0x1f 3.5e2 word Z -9000000000 rest", "%d %x %lf %15s %c %lld%n", &a, &u, &d, w, &c, &ll, &n);
  printf("sscanf %d: %d %u %g %s %c %lld n=%d\n", r, a, u, d, w, c, ll, n);
  r = sscanf("12:34:56", "%d:%d:%d", &a, &n, (int *)&u);
  printf("sscanf time %d: %d %d %u\n", r, a, n, u);
  r = sscanf("abc", "%d", &a);
  printf("sscanf fail %d\n", r);
  r = sscanf("", "%d", &a);
  printf("sscanf empty %d\n", r);
  char set[16];
  r = sscanf("aaabbbccc", "%[ab]%n", set, &n);
  printf("sscanf set %d '%s' %d\n", r, set, n);
  /* Round trip: %.17g then strtod gives the same bits back. */
  uint64_t s = 0x9e3779b97f4a7c15ull, bad = 0;
  for (int i = 0; i < 20000; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    double x;
    memcpy(&x, &s, sizeof x);
    if (isnan(x)) continue;
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", x);
    double y = strtod(buf, NULL);
    if (memcmp(&x, &y, sizeof x) != 0) bad++;
    if (i % 2000 == 0) printf("rt %s\n", buf);
  }
  printf("round trip mismatches %llu\n", (unsigned long long)bad);
  return bad != 0;
}
