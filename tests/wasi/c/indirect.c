/* Indirect calls: qsort and bsearch with several comparators, a dispatch
 * table of function pointers of different signatures, callbacks through
 * structs, and pointers stored in and loaded from memory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

struct rec {
  char name[12];
  int age;
  double score;
};
static int cmp_rec(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  if (x->age != y->age) return x->age - y->age;
  return strcmp(x->name, y->name);
}

static int64_t add(int64_t a, int64_t b) { return a + b; }
static int64_t sub(int64_t a, int64_t b) { return a - b; }
static int64_t mul(int64_t a, int64_t b) { return a * b; }
static int64_t divi(int64_t a, int64_t b) { return b ? a / b : 0; }
static int64_t (*const ops[])(int64_t, int64_t) = {add, sub, mul, divi};
static double half(double x) { return x / 2; }
static double sq(double x) { return x * x; }
static float fneg(float x) { return -x; }

struct shape {
  const char *kind;
  double (*area)(const struct shape *);
  double a, b;
};
static double rect_area(const struct shape *s) { return s->a * s->b; }
static double tri_area(const struct shape *s) { return s->a * s->b / 2; }
static double circ_area(const struct shape *s) { return 3.141592653589793 * s->a * s->a; }

static void apply(void (*f)(int *, int), int *v, int n) { f(v, n); }
static void reverse(int *v, int n) {
  for (int i = 0; i < n / 2; i++) {
    int t = v[i];
    v[i] = v[n - 1 - i];
    v[n - 1 - i] = t;
  }
}
static void square_all(int *v, int n) {
  for (int i = 0; i < n; i++) v[i] *= v[i];
}

int main(void) {
  int v[1000];
  uint32_t s = 12345;
  for (int i = 0; i < 1000; i++) s = s * 1103515245u + 12345u, v[i] = (int)(s >> 8) % 100000 - 50000;
  qsort(v, 1000, sizeof *v, cmp_int);
  printf("sorted %d %d %d ... %d\n", v[0], v[1], v[2], v[999]);
  int key = v[500];
  int *hit = bsearch(&key, v, 1000, sizeof *v, cmp_int);
  printf("bsearch found %d at %d\n", key, hit ? (int)(hit - v) >= 0 && *hit == key : -1);
  key = 50001;
  printf("bsearch missing %s\n", bsearch(&key, v, 1000, sizeof *v, cmp_int) ? "found" : "NULL");
  qsort(v, 1000, sizeof *v, cmp_int_desc);
  printf("desc %d %d ... %d\n", v[0], v[1], v[999]);
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape", "Apple", ""};
  qsort(words, 10, sizeof *words, cmp_str);
  for (int i = 0; i < 10; i++) printf("%s%s", i ? "," : "words ", words[i]);
  printf("\n");
  double d[8] = {3.5, -1.25, 1e10, 0.25, 0.0, 2.0, -1e-10, 7.0};
  qsort(d, 8, sizeof *d, cmp_dbl);
  for (int i = 0; i < 8; i++) printf("%s%g", i ? " " : "doubles ", d[i]);
  printf("\n");
  struct rec recs[] = {{"eve", 30, 1.5}, {"bob", 25, 2.5}, {"amy", 30, 3.5}, {"dan", 20, 4.5}, {"cat", 25, 5.5}};
  qsort(recs, 5, sizeof *recs, cmp_rec);
  for (int i = 0; i < 5; i++) printf("rec %s %d %.1f\n", recs[i].name, recs[i].age, recs[i].score);
  int64_t acc = 7;
  for (int i = 0; i < 40; i++) acc = ops[i % 4](acc, i + 3);
  printf("ops acc %lld\n", (long long)acc);
  double (*dfs[])(double) = {half, sq, half, sq};
  double x = 3;
  for (int i = 0; i < 4; i++) x = dfs[i](x);
  printf("double chain %.17g\n", x);
  float (*volatile ff)(float) = fneg;
  printf("float ptr %g\n", ff(2.5f));
  struct shape shapes[] = {{"rect", rect_area, 3, 4}, {"tri", tri_area, 3, 4}, {"circle", circ_area, 2, 0}};
  for (int i = 0; i < 3; i++) printf("%s area %.6f\n", shapes[i].kind, shapes[i].area(&shapes[i]));
  int w[6] = {1, 2, 3, 4, 5, 6};
  void (*volatile fns[2])(int *, int) = {reverse, square_all};
  apply(fns[0], w, 6);
  apply(fns[1], w, 6);
  for (int i = 0; i < 6; i++) printf("%s%d", i ? " " : "applied ", w[i]);
  printf("\n");
  printf("same pointer %d different %d\n", fns[0] == reverse, (void *)fns[0] != (void *)fns[1]);
  return 0;
}
