/* __builtin_trap compiles to the unreachable instruction. */
//! TRAP: unreachable
//! FUNC: give_up main
/* wasm2so -O2 may inline a direct callee, and its frame then no longer
 * shows in the backtrace: the trapping function is called through a
 * volatile pointer so that it keeps its own frame. */
#include <stdio.h>

__attribute__((noinline)) void give_up(int argc) {
  if (argc < 100) __builtin_trap();
}

int main(int argc, char **argv) {
  void (*volatile f)(int) = give_up;
  f(argc);
  printf("not reached\n");
  return 0;
}
