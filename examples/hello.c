/* A first program for wasm2so: arguments, formatted output of numbers, a
 * little arithmetic.  Built once natively and once for wasm32-wasi, the two
 * must print the same. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double leibniz_pi(long terms) {
  double sum = 0.0;
  for (long k = 0; k < terms; k++) sum += (k % 2 ? -4.0 : 4.0) / (2.0 * k + 1.0);
  return sum;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 10;
  unsigned long long fib[94] = {0, 1};
  for (int i = 2; i < 94; i++) fib[i] = fib[i - 1] + fib[i - 2];
  printf("hello from wasm2so: %d argument(s)\n", argc - 1);
  printf("fib(%d) = %llu\n", n, fib[n < 94 && n >= 0 ? n : 93]);
  printf("pi ~ %.12f (1e7 terms), sqrt(2) = %.17g\n", leibniz_pi(10000000), sqrt(2.0));
  return 0;
}
