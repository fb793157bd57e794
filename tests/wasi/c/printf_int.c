/* Formatted output of every integer type: limits, flags, widths, bases.
 * long is 32 bits on wasm32 and 64 on x86_64, so only values that fit both
 * are printed through it; fixed-width types carry the rest. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
  signed char sc[] = {SCHAR_MIN, -1, 0, 1, SCHAR_MAX};
  unsigned char uc[] = {0, 1, 0x7f, 0x80, UCHAR_MAX};
  short ss[] = {SHRT_MIN, -12345, 0, 12345, SHRT_MAX};
  unsigned short us[] = {0, 1, 0x8000, USHRT_MAX};
  int si[] = {INT_MIN, INT_MIN + 1, -1, 0, 1, 1000000, INT_MAX};
  unsigned ui[] = {0, 1, 0x80000000u, 0xdeadbeefu, UINT_MAX};
  long sl[] = {-2147483647L - 1, -1L, 0L, 2147483647L};
  unsigned long ul[] = {0ul, 4294967295ul};
  long long sll[] = {LLONG_MIN, LLONG_MIN + 1, -1, 0, 1, 1234567890123456789LL, LLONG_MAX};
  unsigned long long ull[] = {0, 1, 0x8000000000000000ull, 0xfedcba9876543210ull, ULLONG_MAX};
  for (size_t i = 0; i < sizeof sc; i++) printf("hhd %hhd %hhi|%5hhd|%-5hhd|\n", sc[i], sc[i], sc[i], sc[i]);
  for (size_t i = 0; i < sizeof uc; i++) printf("hhu %hhu %hhx %hho %#hhx\n", uc[i], uc[i], uc[i], uc[i]);
  for (size_t i = 0; i < sizeof ss / sizeof *ss; i++) printf("hd %hd %+hd % hd %07hd\n", ss[i], ss[i], ss[i], ss[i]);
  for (size_t i = 0; i < sizeof us / sizeof *us; i++) printf("hu %hu %hX %#ho\n", us[i], us[i], us[i]);
  for (size_t i = 0; i < sizeof si / sizeof *si; i++)
    printf("d %d %i %+d % d %12d %-12d| %012d %.8d %x %X %o\n", si[i], si[i], si[i], si[i], si[i], si[i],
           si[i], si[i], (unsigned)si[i], (unsigned)si[i], (unsigned)si[i]);
  for (size_t i = 0; i < sizeof ui / sizeof *ui; i++) printf("u %u %#x %#X %#o %.0u|\n", ui[i], ui[i], ui[i], ui[i], ui[i]);
  for (size_t i = 0; i < sizeof sl / sizeof *sl; i++) printf("ld %ld %+ld %lx\n", sl[i], sl[i], (unsigned long)(unsigned)sl[i]);
  for (size_t i = 0; i < sizeof ul / sizeof *ul; i++) printf("lu %lu %lx %lo\n", ul[i], ul[i], ul[i]);
  for (size_t i = 0; i < sizeof sll / sizeof *sll; i++)
    printf("lld %lld %+lld %25lld %-25lld| %llx %llo\n", sll[i], sll[i], sll[i], sll[i],
           (unsigned long long)sll[i], (unsigned long long)sll[i]);
  for (size_t i = 0; i < sizeof ull / sizeof *ull; i++) printf("llu %llu %#llx %#llX %#llo\n", ull[i], ull[i], ull[i], ull[i]);
  printf("int8 %" PRId8 " %" PRIu8 " %" PRIx8 "\n", INT8_MIN, UINT8_MAX, (uint8_t)0xab);
  printf("int16 %" PRId16 " %" PRIu16 " %" PRIx16 "\n", INT16_MIN, UINT16_MAX, (uint16_t)0xabcd);
  printf("int32 %" PRId32 " %" PRIu32 " %" PRIx32 "\n", INT32_MIN, UINT32_MAX, (uint32_t)0xabcdef01);
  printf("int64 %" PRId64 " %" PRIu64 " %" PRIx64 "\n", INT64_MIN, UINT64_MAX, (uint64_t)0x0123456789abcdefull);
  printf("intmax %jd %ju\n", INTMAX_MIN, UINTMAX_MAX);
  printf("size %zu %zd %zx ptrdiff %td\n", (size_t)123456, (ptrdiff_t)-5, (size_t)0xffff, (ptrdiff_t)-77);
  printf("char %c%c%c %5c|%-3c|\n", 'a', 'Z', '0', '*', '#');
  printf("str %s|%10s|%-10s|%.3s|%*s|%-*.*s|\n", "hello", "right", "left", "truncated", 6, "star",
         8, 2, "precision");
  printf("percent %%|\n");
  int n1 = 0, n2 = 0;
  printf("count%n here%n\n", &n1, &n2);
  printf("n %d %d\n", n1, n2);
  char buf[16];
  int len = snprintf(buf, sizeof buf, "%d-%d-%d-%d", 123456, 234567, 345678, 456789);
  printf("snprintf %d '%s'\n", len, buf);
  len = snprintf(NULL, 0, "%lld", LLONG_MIN);
  printf("snprintf NULL %d\n", len);
  return 0;
}
