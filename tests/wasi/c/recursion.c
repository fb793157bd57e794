/* Deep recursion: a non-tail recursive sum 200000 calls deep, Ackermann,
 * mutual recursion, and a recursive walk with a local array per frame (the
 * wasm build links a 16 MiB shadow stack for that one). */
//! WASMFLAGS: -Wl,-z,stack-size=16777216
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static uint64_t deep(uint32_t n, uint64_t salt) {
  if (n == 0) return salt;
  uint64_t r = deep(n - 1, salt * 6364136223846793005ull + n);
  return r ^ (r >> 17) ^ n;
}

static unsigned ack(unsigned m, unsigned n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

__attribute__((noinline)) static unsigned framed(unsigned n, volatile unsigned char *up) {
  unsigned char local[200];
  memset(local, (int)(n & 0xff), sizeof local);
  local[n % 200] ^= up ? up[n % 200] : 0;
  if (n == 0) return local[0];
  unsigned below = framed(n - 1, local);
  return below * 33 + local[n % 200] + local[199];
}

static unsigned long hanoi_moves;
static void hanoi(int n, int from, int to, int via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  hanoi_moves++;
  hanoi(n - 1, via, to, from);
}

int main(void) {
  printf("deep(200000) %llu\n", (unsigned long long)deep(200000, 1));
  printf("ack(2,3)=%u ack(3,5)=%u ack(3,8)=%u\n", ack(2, 3), ack(3, 5), ack(3, 8));
  printf("even(100001)=%d odd(77777)=%d\n", is_even(100001), is_odd(77777));
  printf("framed(30000) %u\n", framed(30000, NULL));
  hanoi(22, 1, 3, 2);
  printf("hanoi(22) %lu moves\n", hanoi_moves);
  return 0;
}
