/* exit() from deep inside: 5000 frames down, with a large amount of
 * buffered stdout that exit must flush, and a status chosen by argument. */
//! RUN: 5
//! RUN: 0
//! RUN: 77
//! STATUS: 5 0 77
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int dive(int depth, int code) {
  if (depth == 0) {
    printf("bottom reached, exiting with %d\n", code);
    exit(code);
  }
  if (depth % 500 == 0) printf("depth %d\n", depth);
  return dive(depth - 1, code) + 1;
}

int main(int argc, char **argv) {
  static char big[200000];
  for (size_t i = 0; i < sizeof big - 1; i++) big[i] = (char)('a' + i % 26);
  fputs(big, stdout);
  putchar('\n');
  return dive(5000, argc > 1 ? atoi(argv[1]) : 1);
}
