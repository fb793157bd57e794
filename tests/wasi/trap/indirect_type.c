/* A call through a function pointer cast to the wrong type: the
 * call_indirect signature check traps. */
//! TRAP: indirect call type mismatch
//! FUNC: call_it main
/* wasm2so -O2 may inline a direct callee, and its frame then no longer
 * shows in the backtrace: the trapping function is called through a
 * volatile pointer so that it keeps its own frame. */
#include <stdio.h>

static double takes_double(double x) { return x * 2; }
typedef int (*int_fn)(int);
int_fn volatile target;

__attribute__((noinline)) int call_it(int v) { return target(v); }

int main(int argc, char **argv) {
  target = (int_fn)takes_double;
  int (*volatile f)(int) = call_it;
  printf("%d\n", f(argc));
  return 0;
}
