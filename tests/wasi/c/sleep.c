/* Sleeping (poll_oneoff in WASI): nanosleep, usleep and sleep(0) wait at
 * least as long as asked, measured on the monotonic clock. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int64_t now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(void) {
  int bad = 0;
  int64_t t0 = now();
  struct timespec req = {0, 30 * 1000000};
  int r = nanosleep(&req, NULL);
  int64_t d = now() - t0;
  printf("nanosleep 30 ms: ret %d, waited >= 30 ms: %d, < 5 s: %d\n", r, d >= 30000000, d < 5000000000LL);
  bad |= r != 0 || d < 30000000;
  t0 = now();
  r = usleep(20000);
  d = now() - t0;
  printf("usleep 20 ms: ret %d, waited >= 20 ms: %d\n", r, d >= 20000000);
  bad |= r != 0 || d < 20000000;
  printf("sleep(0) %u\n", sleep(0));
  t0 = now();
  printf("sleep(1) %u\n", sleep(1));
  d = now() - t0;
  printf("waited >= 1 s: %d\n", d >= 1000000000);
  bad |= d < 1000000000;
  return bad;
}
