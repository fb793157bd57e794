/* Unbounded recursion exhausts the call stack. */
//! TRAP: call stack exhausted
//! FUNC: forever
#include <stdio.h>

__attribute__((noinline)) unsigned forever(unsigned n, volatile unsigned *sink) {
  *sink += n;
  return forever(n + 1, sink) + *sink;
}

int main(void) {
  volatile unsigned s = 0;
  printf("%u\n", forever(0, &s));
  return 0;
}
