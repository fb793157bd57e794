/* Randomness, by properties only: getentropy fills buffers that differ from
 * each other and from zero, whose bytes are spread evenly (a loose
 * chi-square bound over 1 MiB), and rejects requests over 256 bytes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  int bad = 0;
  unsigned char a[256], b[256];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  int ra = getentropy(a, sizeof a), rb = getentropy(b, sizeof b);
  printf("getentropy 256: %d %d\n", ra, rb);
  int zeros = 0;
  for (int i = 0; i < 256; i++) zeros += a[i] == 0;
  printf("buffers differ: %d, not all zero: %d\n", memcmp(a, b, sizeof a) != 0, zeros < 256);
  bad |= ra || rb || memcmp(a, b, sizeof a) == 0 || zeros > 20;
  errno = 0;
  int r = getentropy(a, 257);
  printf("getentropy 257 fails: %d\n", r == -1 && errno == EIO ? 1 : r == -1);
  static unsigned long count[256];
  unsigned char buf[256];
  for (int k = 0; k < 4096; k++) {
    getentropy(buf, sizeof buf);
    for (int i = 0; i < 256; i++) count[buf[i]]++;
  }
  double expect = 4096.0, chi = 0;
  for (int i = 0; i < 256; i++) chi += (count[i] - expect) * (count[i] - expect) / expect;
  /* 255 degrees of freedom: mean 255, sd ~22.6; 400 is > 6 sd away. */
  printf("chi-square below 400: %d\n", chi < 400);
  bad |= chi >= 400;
  unsigned char small[3] = {0};
  int tries = 0;
  do getentropy(small, 3), tries++; while (!small[0] && !small[1] && !small[2] && tries < 10);
  printf("small request ok: %d\n", tries < 10);
  return bad;
}
