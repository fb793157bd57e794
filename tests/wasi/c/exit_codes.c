/* Exit statuses: returned from main, exit(), _Exit() and abort-free paths,
 * with atexit handlers (run in reverse order by exit, skipped by _Exit) and
 * buffered stdout flushed by exit but not by _Exit. */
//! RUN: return 0
//! RUN: return 1
//! RUN: return 42
//! RUN: exit 3
//! RUN: exit 255
//! RUN: exit 256
//! RUN: exit 300
//! RUN: _Exit 7
//! RUN: exit -1
//! STATUS: 0 1 42 3 255 0 44 7 255
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void first(void) { printf("atexit first (runs last)\n"); }
static void second(void) { printf("atexit second (runs first)\n"); }

int main(int argc, char **argv) {
  if (argc != 3) return 99;
  atexit(first);
  atexit(second);
  int code = atoi(argv[2]);
  printf("buffered line for %s %d\n", argv[1], code);
  fprintf(stderr, "stderr line for %s %d\n", argv[1], code);
  if (!strcmp(argv[1], "exit")) exit(code);
  if (!strcmp(argv[1], "_Exit")) {
    fflush(stdout);
    printf("lost: _Exit does not flush\n");
    _Exit(code);
  }
  return code;
}
