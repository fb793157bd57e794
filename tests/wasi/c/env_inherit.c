/* --env-inherit: the guest sees the environment wasmload was started with
 * (the harness starts both builds with env -i and just these variables). */
//! ENV: ALPHA=1 BETA=two 'GAMMA=three words' LANG=C
//! WASMLOAD: --env-inherit
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
  size_t n = 0;
  while (environ[n]) n++;
  char **v = malloc((n + 1) * sizeof *v);
  memcpy(v, environ, n * sizeof *v);
  qsort(v, n, sizeof *v, cmp);
  printf("%zu variables\n", n);
  for (size_t i = 0; i < n; i++) printf("%s\n", v[i]);
  printf("GAMMA=%s\n", getenv("GAMMA"));
  free(v);
  return 0;
}
