/* stdin read with fread in odd-sized chunks and with getchar: every byte
 * value (the input holds all 256), counted and summed. */
//! STDIN: bytes.bin
#include <stdio.h>

int main(void) {
  unsigned long count[256] = {0}, total = 0, h = 5381;
  unsigned char buf[777];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
    for (size_t i = 0; i < n; i++) count[buf[i]]++, total++, h = h * 33 ^ buf[i];
  printf("total %lu hash %lu\n", total, h & 0xffffffff);
  for (int i = 0; i < 256; i += 16) {
    for (int j = i; j < i + 16; j++) printf(" %lu", count[j]);
    printf("\n");
  }
  return 0;
}
