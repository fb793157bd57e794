/* Environment: exactly the variables given (both builds run with only
 * these), read with getenv and by walking environ (sorted), then changed with
 * setenv/putenv/unsetenv. */
//! ENV: HOME=/home/guest PATH=/bin:/usr/bin EMPTY= 'SPACED=a b  c' EQUALS=x=y=z UNICODE=ünï ZZZ=last
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void dump(const char *when) {
  size_t n = 0;
  while (environ[n]) n++;
  char **copy = malloc((n + 1) * sizeof *copy);
  memcpy(copy, environ, n * sizeof *copy);
  qsort(copy, n, sizeof *copy, cmp);
  printf("%s: %zu variables\n", when, n);
  for (size_t i = 0; i < n; i++) printf("  %s\n", copy[i]);
  free(copy);
}

static void get(const char *k) {
  const char *v = getenv(k);
  printf("getenv %s = %s%s%s\n", k, v ? "'" : "", v ? v : "(null)", v ? "'" : "");
}

int main(void) {
  dump("start");
  const char *keys[] = {"HOME", "PATH", "EMPTY", "SPACED", "EQUALS", "UNICODE", "MISSING", "ZZ", "ZZZ"};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) get(keys[i]);
  printf("setenv %d\n", setenv("NEW", "value", 0));
  printf("setenv keep %d\n", setenv("HOME", "/elsewhere", 0));
  printf("setenv replace %d\n", setenv("PATH", "/opt/bin", 1));
  static char put[] = "PUT=by putenv";
  printf("putenv %d\n", putenv(put));
  printf("unsetenv %d\n", unsetenv("EMPTY"));
  printf("setenv bad %d\n", setenv("A=B", "x", 1) == -1);
  dump("after");
  get("HOME");
  get("PATH");
  get("EMPTY");
  return 0;
}
