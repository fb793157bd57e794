/* string.h: lengths, comparisons, copies (overlapping memmove), searches,
 * tokenising, duplication, and large memset/memcpy/memcmp. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void) {
  const char *a = "hello, world";
  printf("strlen %zu %zu %zu\n", strlen(a), strlen(""), strnlen(a, 5));
  const char *pairs[][2] = {{"abc", "abd"}, {"abc", "abc"}, {"abc", "ab"}, {"", "a"}, {"\xff", "\x01"}, {"Hello", "hello"}};
  for (int i = 0; i < 6; i++)
    printf("cmp '%s' '%s': %d %d %d %d\n", pairs[i][0], pairs[i][1], sgn(strcmp(pairs[i][0], pairs[i][1])),
           sgn(strncmp(pairs[i][0], pairs[i][1], 2)), sgn(strcasecmp(pairs[i][0], pairs[i][1])),
           sgn(memcmp(pairs[i][0], pairs[i][1], 1)));
  char buf[64];
  strcpy(buf, "abc");
  strcat(buf, "def");
  strncat(buf, "ghijkl", 3);
  printf("strcat %s\n", buf);
  memset(buf, 'x', sizeof buf);
  strncpy(buf, "short", 10);
  printf("strncpy pad %d %d %c\n", buf[5], buf[9], buf[10]);
  char ov[32] = "0123456789abcdefghij";
  memmove(ov + 4, ov, 10);
  printf("memmove fwd %s\n", ov);
  memmove(ov, ov + 6, 10);
  printf("memmove back %s\n", ov);
  printf("strchr %s | strrchr %s | strstr %s | strpbrk %s\n", strchr(a, 'o'), strrchr(a, 'o'), strstr(a, "wor"),
         strpbrk(a, ",d"));
  printf("not found %d %d\n", strchr(a, 'z') == NULL, strstr(a, "xyz") == NULL);
  printf("strchr nul %d\n", strchr(a, '\0') == a + strlen(a));
  printf("spn %zu cspn %zu\n", strspn("aaabbbccc", "ab"), strcspn("hello world", " o"));
  printf("memchr %s\n", (char *)memchr(a, 'w', strlen(a)));
  char text[] = "  split;these,,words ; now ";
  for (char *save, *t = strtok_r(text, " ;,", &save); t; t = strtok_r(NULL, " ;,", &save)) printf("tok '%s'\n", t);
  char *d = strdup(a), *n = strndup(a, 5);
  printf("dup '%s' '%s'\n", d, n);
  free(d);
  free(n);
  static unsigned char big1[1 << 20], big2[1 << 20];
  for (int i = 0; i < (1 << 20); i++) big1[i] = (unsigned char)(i * 131 + (i >> 9));
  memcpy(big2, big1, sizeof big1);
  printf("big memcmp %d\n", memcmp(big1, big2, sizeof big1));
  big2[777777] ^= 1;
  printf("big memcmp diff %d\n", sgn(memcmp(big1, big2, sizeof big1)));
  memset(big2 + 3, 0x5a, 100001);
  unsigned long h = 0;
  for (int i = 0; i < (1 << 20); i++) h = h * 31 + big2[i];
  printf("hash %lu\n", h & 0xffffffffUL);
  /* Unaligned copies of every small length and offset. */
  unsigned long total = 0;
  for (int off = 0; off < 8; off++)
    for (int len = 0; len < 70; len++) {
      char src[96], dst[96];
      for (int i = 0; i < 96; i++) src[i] = (char)(i + off), dst[i] = 0;
      memcpy(dst + (7 - off), src + off, len);
      for (int i = 0; i < 96; i++) total += (unsigned char)dst[i] * (i + 1);
    }
  printf("unaligned %lu\n", total);
  printf("ffs %d %d %d\n", ffs(0), ffs(1), ffs(0x80000000));
  char rev[] = "reverse me";
  for (size_t i = 0, j = strlen(rev) - 1; i < j; i++, j--) {
    char t = rev[i];
    rev[i] = rev[j];
    rev[j] = t;
  }
  printf("rev %s\n", rev);
  return 0;
}
