/* Clocks, by properties only (never the times themselves): the monotonic
 * clock never goes back and advances while work is done, realtime is after
 * 2020, resolutions are sane, time() agrees with realtime, and gmtime of
 * fixed instants formats identically. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

int main(void) {
  int bad = 0;
  struct timespec a, b, r;
  clock_gettime(CLOCK_MONOTONIC, &a);
  int64_t prev = ns(a), backwards = 0;
  volatile double sink = 0;
  for (int i = 0; i < 100000; i++) {
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (ns(b) < prev) backwards++;
    prev = ns(b);
    sink += i * 0.5;
  }
  printf("monotonic backwards steps: %lld\n", (long long)backwards);
  printf("monotonic advanced: %d\n", prev > ns(a));
  printf("nsec in range: %d\n", b.tv_nsec >= 0 && b.tv_nsec < 1000000000);
  bad |= backwards != 0 || prev <= ns(a);
  clock_gettime(CLOCK_REALTIME, &a);
  time_t t = time(NULL);
  printf("realtime after 2020: %d\n", a.tv_sec > 1577836800);
  printf("time() within 5 s of realtime: %d\n", t - a.tv_sec >= -5 && t - a.tv_sec <= 5);
  bad |= a.tv_sec <= 1577836800;
  int res_ok = clock_getres(CLOCK_MONOTONIC, &r) == 0 && ns(r) > 0 && ns(r) <= 1000000;
  printf("monotonic resolution positive and <= 1 ms: %d\n", res_ok);
  res_ok = clock_getres(CLOCK_REALTIME, &r) == 0 && ns(r) > 0 && ns(r) <= 1000000;
  printf("realtime resolution positive and <= 1 ms: %d\n", res_ok);
  const time_t instants[] = {0, 951782400, 1234567890, 2147483647, 4102444800LL, -86400};
  for (size_t i = 0; i < sizeof instants / sizeof *instants; i++) {
    struct tm tm;
    char buf[128];
    gmtime_r(&instants[i], &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j %u %w", &tm);
    printf("gmtime %lld: %s yday %d\n", (long long)instants[i], buf, tm.tm_yday);
    printf("timegm back %d\n", timegm(&tm) == instants[i]);
  }
  return bad;
}
