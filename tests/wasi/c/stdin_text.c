/* stdin fed from a file: line-by-line with getline, word and byte counts, a
 * checksum, and the text echoed upper-cased; then EOF stays EOF. */
//! STDIN: text.txt
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  long lines = 0, words = 0, bytes = 0, longest = 0;
  unsigned long long sum = 0;
  while ((len = getline(&line, &cap, stdin)) != -1) {
    lines++;
    bytes += len;
    if (len > longest) longest = len;
    int in = 0;
    for (ssize_t i = 0; i < len; i++) {
      unsigned char c = (unsigned char)line[i];
      sum = (sum * 131 + c) % 1000000007ull;
      if (isspace(c)) in = 0;
      else if (!in) in = 1, words++;
      line[i] = (char)toupper(c);
    }
    if (lines <= 12) fputs(line, stdout);
  }
  printf("lines %ld words %ld bytes %ld longest %ld sum %llu\n", lines, words, bytes, longest, sum);
  printf("eof %d error %d getchar %d\n", feof(stdin) != 0, ferror(stdin) != 0, getchar());
  free(line);
  return 0;
}
