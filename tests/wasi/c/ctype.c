/* ctype.h in the C locale over every value 0..255 and EOF: a table of
 * classes, and toupper/tolower. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
  for (int c = -1; c < 256; c++) {
    char cls[13];
    cls[0] = isalnum(c) ? 'n' : '.';
    cls[1] = isalpha(c) ? 'a' : '.';
    cls[2] = isblank(c) ? 'b' : '.';
    cls[3] = iscntrl(c) ? 'c' : '.';
    cls[4] = isdigit(c) ? 'd' : '.';
    cls[5] = isgraph(c) ? 'g' : '.';
    cls[6] = islower(c) ? 'l' : '.';
    cls[7] = isprint(c) ? 'p' : '.';
    cls[8] = ispunct(c) ? '!' : '.';
    cls[9] = isspace(c) ? 's' : '.';
    cls[10] = isupper(c) ? 'u' : '.';
    cls[11] = isxdigit(c) ? 'x' : '.';
    cls[12] = 0;
    printf("%4d %s %4d %4d\n", c, cls, toupper(c), tolower(c));
  }
  return 0;
}
