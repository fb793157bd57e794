/* Integer arithmetic of every width: wrapping, shifts, signed and unsigned
 * division and remainder at the edges, bit counting builtins, rotates,
 * 128-bit multiplication, saturating checks with __builtin_*_overflow. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static volatile int64_t vals64[] = {0, 1, -1, 2, -2, 3, 7, -7, 255, 65535, INT32_MAX, INT32_MIN, (int64_t)UINT32_MAX,
                                    INT64_MAX, INT64_MIN, 0x123456789abcdefLL, -0x0fedcba987654321LL};
#define N (sizeof vals64 / sizeof *vals64)

int main(void) {
  uint64_t h = 0;
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++) {
      int64_t a = vals64[i], b = vals64[j];
      uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
      int32_t a32 = (int32_t)a, b32 = (int32_t)b;
      uint32_t ua32 = (uint32_t)a, ub32 = (uint32_t)b;
      h = h * 1099511628211ull ^ (ua + ub) ^ (ua - ub) * 3 ^ (ua * ub) * 5;
      if (b != 0 && !(a == INT64_MIN && b == -1)) h = h * 31 ^ (uint64_t)(a / b) ^ (uint64_t)(a % b) << 1;
      if (ub != 0) h = h * 31 ^ ua / ub ^ (ua % ub) << 2;
      if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1)) h = h * 31 ^ (uint32_t)(a32 / b32) ^ (uint64_t)(uint32_t)(a32 % b32) << 3;
      if (ub32 != 0) h = h * 31 ^ ua32 / ub32 ^ (uint64_t)(ua32 % ub32) << 4;
      h = h * 31 ^ (ua << (ub & 63)) ^ (uint64_t)(a >> (ub & 63)) ^ (ua >> (ub & 63));
      h = h * 31 ^ (ua32 << (ub32 & 31)) ^ (uint32_t)(a32 >> (ub32 & 31)) ^ (ua32 >> (ub32 & 31));
      h = h * 31 ^ (uint64_t)(a < b) ^ (uint64_t)(ua < ub) << 1 ^ (uint64_t)(a32 <= b32) << 2 ^ (uint64_t)(ua32 >= ub32) << 3;
      int16_t s16 = (int16_t)(a * b);
      int8_t s8 = (int8_t)(a + b);
      h = h * 31 ^ (uint64_t)(int64_t)s16 ^ (uint64_t)(int64_t)s8 << 7 ^ (uint8_t)(ua * 3) << 9;
    }
  printf("mix %016llx\n", (unsigned long long)h);
  for (size_t i = 0; i < N; i++) {
    uint64_t u = (uint64_t)vals64[i];
    uint32_t u32 = (uint32_t)u;
    printf("%20lld clz %2d ctz %2d pop %2d | clz32 %2d ctz32 %2d pop32 %2d | rotl %016llx rotr32 %08x bswap %016llx\n",
           (long long)vals64[i], u ? __builtin_clzll(u) : 64, u ? __builtin_ctzll(u) : 64, __builtin_popcountll(u),
           u32 ? __builtin_clz(u32) : 32, u32 ? __builtin_ctz(u32) : 32, __builtin_popcount(u32),
           (unsigned long long)((u << 13) | (u >> 51)), (u32 >> 7) | (u32 << 25),
           (unsigned long long)__builtin_bswap64(u));
  }
  for (size_t i = 0; i < N; i++)
    for (size_t j = i; j < N; j += 3) {
      int64_t r;
      int ov1 = __builtin_add_overflow(vals64[i], vals64[j], &r);
      int ov2 = __builtin_mul_overflow(vals64[i], vals64[j], &r);
      int32_t r32;
      int ov3 = __builtin_sub_overflow((int32_t)vals64[i], (int32_t)vals64[j], &r32);
      printf("ov %zu %zu: %d %d %d %d\n", i, j, ov1, ov2, ov3, (int)r32);
    }
  unsigned __int128 p = (unsigned __int128)0xfedcba9876543210ull * 0x0123456789abcdefull;
  printf("u128 %016llx%016llx\n", (unsigned long long)(p >> 64), (unsigned long long)p);
  __int128 q = (__int128)INT64_MIN * 3 / 7;
  printf("i128 %lld %lld\n", (long long)(q >> 64), (long long)(uint64_t)q);
  unsigned __int128 d = p / 0x1234567u, m = p % 0x1234567u;
  printf("u128 div %016llx%016llx rem %llu\n", (unsigned long long)(d >> 64), (unsigned long long)d, (unsigned long long)m);
  uint32_t x = 1;
  for (int i = 0; i < 100; i++) x = x * 2654435761u + (x >> 13);
  printf("lcg %u\n", x);
  return 0;
}
