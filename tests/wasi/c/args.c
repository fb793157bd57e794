/* Command-line arguments: count, contents (with spaces, quotes, empty and
 * non-ASCII words), numeric parsing, and argv[argc] == NULL.  argv[0] is the
 * program's path, which differs between the two builds: not printed. */
//! RUN:
//! RUN: one
//! RUN: alpha "with space" '' "quote\"d" --flag=1 -x 12345 -6.5e2
//! RUN: héllo wörld ∑ "tab	here" "a\\b" '$x' "*"
//! RUN: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argc %d argv0 %s last-null %d\n", argc, argv[0] && argv[0][0] ? "set" : "empty", argv[argc] == NULL);
  long sum = 0;
  double dsum = 0;
  for (int i = 1; i < argc; i++) {
    printf("[%d] len %zu '%s'", i, strlen(argv[i]), argv[i]);
    for (const unsigned char *p = (const unsigned char *)argv[i]; *p; p++)
      if (*p >= 0x80 || *p < 0x20) printf(" %02x", *p);
    printf("\n");
    sum += strtol(argv[i], NULL, 10);
    dsum += strtod(argv[i], NULL);
  }
  printf("sum %ld %.3f\n", sum, dsum);
  return 0;
}
