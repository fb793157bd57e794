/* A store far beyond the end of linear memory: the address comes from the
 * arguments' count so the compiler cannot see it. */
//! TRAP: out of bounds memory access
//! FUNC: poke_far main
//! STDERR: before the trap
/* wasm2so -O2 may inline a direct callee, and its frame then no longer
 * shows in the backtrace: the trapping function is called through a
 * volatile pointer so that it keeps its own frame. */
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) void poke_far(int argc) {
  volatile int *p = (volatile int *)(uintptr_t)(0xfff00000u + (unsigned)argc * 4);
  *p = 42;
}

int main(int argc, char **argv) {
  fprintf(stderr, "before the trap\n");
  void (*volatile f)(int) = poke_far;
  f(argc);
  printf("not reached\n");
  return 0;
}
