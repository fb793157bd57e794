/* INT_MIN / -1 overflows: i32.div_s traps. */
//! TRAP: integer overflow
//! FUNC: divide_min main
/* wasm2so -O2 may inline a direct callee, and its frame then no longer
 * shows in the backtrace: the trapping function is called through a
 * volatile pointer so that it keeps its own frame. */
#include <limits.h>
#include <stdio.h>

__attribute__((noinline)) int divide_min(int b) { return INT_MIN / b; }

int main(int argc, char **argv) {
  int (*volatile f)(int) = divide_min;
  printf("%d\n", f(-argc));
  return 0;
}
