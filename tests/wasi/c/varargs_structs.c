/* Calling conventions: variadic functions (int, long long, double mixed),
 * va_copy, structs passed and returned by value, unions, bit-fields, packed
 * and aligned layouts, and arrays of structs through pointers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double sum_mixed(const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  double s = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p == 'i') s += va_arg(ap, int);
    else if (*p == 'L') s += (double)va_arg(ap, long long);
    else if (*p == 'd') s += va_arg(ap, double);
    else if (*p == 's') s += strlen(va_arg(ap, const char *));
  }
  va_end(ap);
  int first = *fmt == 'i' ? va_arg(ap2, int) : -1;
  va_end(ap2);
  return s + first * 1000;
}

static void say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char buf[128];
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  printf("say: %s\n", buf);
}

struct vec3 { double x, y, z; };
struct small { char c; short s; };
struct big { int a[20]; char tag[8]; };
struct bits { unsigned a : 3, b : 7, c : 1; signed d : 5; uint64_t e : 40; };
struct __attribute__((packed)) packed { char c; int i; short s; double d; };
struct aligned { char c; _Alignas(32) int i; };
union pun { float f; uint32_t u; unsigned char b[4]; };

static struct vec3 cross(struct vec3 a, struct vec3 b) {
  return (struct vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
static struct small bump(struct small s) { s.c++, s.s *= 2; return s; }
static struct big make_big(int seed) {
  struct big b;
  for (int i = 0; i < 20; i++) b.a[i] = seed * i;
  strcpy(b.tag, "bigone");
  return b;
}
static int sum_big(struct big b) {
  int s = 0;
  for (int i = 0; i < 20; i++) s += b.a[i];
  return s;
}

int main(void) {
  printf("mixed %.6f\n", sum_mixed("iLdsid", 7, 10000000000LL, 2.5, "four", -3, 0.125));
  printf("mixed2 %.6f\n", sum_mixed("ddddddddddi", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11));
  say("%d %s %.2f %lld %c", 42, "str", 3.14159, -5LL, 'q');
  struct vec3 c = cross((struct vec3){1, 2, 3}, (struct vec3){4, 5, 6});
  printf("cross %g %g %g\n", c.x, c.y, c.z);
  struct small s = bump((struct small){'a', 300});
  printf("small %c %d size %zu\n", s.c, s.s, sizeof s);
  struct big b = make_big(3);
  printf("big %d %s\n", sum_big(b), b.tag);
  struct bits bf = {5, 100, 1, -7, 0xabcdef1234ull};
  bf.b += 30;
  bf.d -= 10;
  printf("bits %u %u %u %d %llx\n", bf.a, bf.b, bf.c, bf.d, (unsigned long long)bf.e);
  printf("packed size %zu offsets %zu %zu %zu\n", sizeof(struct packed), offsetof(struct packed, i),
         offsetof(struct packed, s), offsetof(struct packed, d));
  struct packed pk = {1, 0x01020304, 5, 6.5};
  struct packed pk2;
  memcpy(&pk2, &pk, sizeof pk);
  printf("packed %d %x %d %g\n", pk2.c, pk2.i, pk2.s, pk2.d);
  printf("aligned size %zu offset %zu\n", sizeof(struct aligned), offsetof(struct aligned, i));
  union pun p = {.f = -1.5f};
  printf("union %08x %02x %02x\n", p.u, p.b[0], p.b[3]);
  struct vec3 arr[10];
  for (int i = 0; i < 10; i++) arr[i] = (struct vec3){i, i * i, -i};
  struct vec3 *q = arr + 3;
  printf("ptr %g %g %td\n", q[2].y, (q - 1)->z, &arr[9] - q);
  return 0;
}
