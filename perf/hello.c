/* hello.c — the start-up benchmark: the smallest program that uses WASI
 * output, so its run time is the engine's start-up and exit. */
#include <stdio.h>

int main(void) {
  printf("hello\n");
  return 0;
}
