/* Integer division by zero (i32.div_s with a divisor known only at run time). */
//! TRAP: integer divide by zero
//! FUNC: divide main
//! STDERR: before the trap
/* wasm2so -O2 may inline a direct callee, and its frame then no longer
 * shows in the backtrace: the trapping function is called through a
 * volatile pointer so that it keeps its own frame. */
#include <stdio.h>

__attribute__((noinline)) int divide(int a, int b) { return a / b; }

int main(int argc, char **argv) {
  fprintf(stderr, "before the trap\n");
  int (*volatile f)(int, int) = divide;
  printf("%d\n", f(100, argc - 1));
  return 0;
}
