/* coll_reduce.c — reductions with every predefined op on every C datatype
 * it applies to (MPI_LONG is 32-bit in the guest, 64-bit natively: the
 * values fit both), Fortran's named types, the MINLOC/MAXLOC pair types,
 * complex and bool types;
 * then Reduce, Scan, Exscan, Reduce_scatter, Reduce_scatter_block and
 * Reduce_local, normal and in place.  Every result is checked against a
 * local fold of the inputs. */
/* ranks: 4 1 2 3 */
#include <complex.h>
#include <stdbool.h>
#include <stdint.h>

#include "coll_log.h"

#define N 4
enum { SUM, PROD, MIN, MAX, LAND, LOR, LXOR, BAND, BOR, BXOR, NOPS };
static const char *op_name[NOPS] = {"SUM", "PROD", "MIN", "MAX", "LAND", "LOR", "LXOR",
                                    "BAND", "BOR", "BXOR"};
static MPI_Op op_of(int o) {
  MPI_Op ops[NOPS] = {MPI_SUM, MPI_PROD, MPI_MIN, MPI_MAX, MPI_LAND,
                      MPI_LOR, MPI_LXOR, MPI_BAND, MPI_BOR, MPI_BXOR};
  return ops[o];
}

/* Input element k of rank i: small, with zeros, ties and (for k == 3) sign
 * changes, so every op's result depends on every rank.  Types whose MIN/MAX
 * Open MPI 4.1 gets wrong on the host for values that wrap (it compares
 * MPI_UNSIGNED_LONG as signed and MPI_OFFSET as unsigned) take sign = 0. */
static int sign = 1;
static int val(int i, int k) {
  switch (k) {
  case 0: return i + 1;
  case 1: return (i * 5 + 3) % 7;
  case 2: return i % 2 ? 6 : 1;
  default: return sign ? 2 - i : 2 + i % 3;
  }
}

/* One C type T under datatype DT: Allreduce with each op in the mask,
 * checked against the fold in T. */
#define INT_OPS ((1 << NOPS) - 1)
#define ARITH_OPS ((1 << SUM) | (1 << PROD) | (1 << MIN) | (1 << MAX))
#define TEST_TYPE(T, DT, name, mask)                                                      \
  do {                                                                                    \
    for (int o = 0; o < NOPS; o++) {                                                      \
      if (!((mask) >> o & 1)) continue;                                                   \
      T in[N], out[N], want[N];                                                           \
      for (int k = 0; k < N; k++) in[k] = (T)val(r, k);                                   \
      for (int k = 0; k < N; k++) {                                                       \
        T acc = (T)val(0, k);                                                             \
        for (int i = 1; i < n; i++) {                                                     \
          T v = (T)val(i, k);                                                             \
          switch (o) {                                                                    \
          case SUM: acc = (T)(acc + v); break;                                            \
          case PROD: acc = (T)(acc * v); break;                                           \
          case MIN: acc = v < acc ? v : acc; break;                                       \
          case MAX: acc = v > acc ? v : acc; break;                                       \
          case LAND: acc = (T)(acc && v); break;                                          \
          case LOR: acc = (T)(acc || v); break;                                           \
          case LXOR: acc = (T)(!acc != !v); break;                                        \
          default: acc = bitop(o, acc, v, T); break;                                      \
          }                                                                               \
        }                                                                                 \
        want[k] = acc;                                                                    \
      }                                                                                   \
      memset(out, 0x5a, sizeof out);                                                      \
      int rc = MPI_Allreduce(in, out, N, DT, op_of(o), MPI_COMM_WORLD);                   \
      CHECK(rc == MPI_SUCCESS && memcmp(out, want, sizeof out) == 0,                       \
            "Allreduce %s %s: %s %g %g %g %g", name, op_name[o], cl_class(rc),            \
            (double)out[0], (double)out[1], (double)out[2], (double)out[3]);              \
    }                                                                                     \
  } while (0)
/* Bitwise ops only for integer T (the float instantiations never take it). */
#define bitop(o, a, b, T) \
  ((T)((o) == BAND ? ((long long)(a) & (long long)(b)) : (o) == BOR ? ((long long)(a) | (long long)(b)) : ((long long)(a) ^ (long long)(b))))

/* MINLOC/MAXLOC over pair type PT (value V, index int). */
#define TEST_LOC(PT, DT, name)                                                            \
  do {                                                                                    \
    PT in[2], mn[2], mx[2];                                                               \
    in[0].v = (r * 3) % 4;  in[0].i = r * 10;  /* ties between ranks */                  \
    in[1].v = -r;           in[1].i = 100 - r;                                            \
    int rc1 = MPI_Allreduce(in, mn, 2, DT, MPI_MINLOC, MPI_COMM_WORLD);                   \
    int rc2 = MPI_Allreduce(in, mx, 2, DT, MPI_MAXLOC, MPI_COMM_WORLD);                   \
    int best0n = 0, best0x = 0;                                                           \
    for (int i = 1; i < n; i++) {                                                         \
      if ((i * 3) % 4 < (best0n * 3) % 4) best0n = i;                                     \
      if ((i * 3) % 4 > (best0x * 3) % 4) best0x = i;                                     \
    }                                                                                     \
    CHECK(rc1 == MPI_SUCCESS && rc2 == MPI_SUCCESS && mn[0].v == (best0n * 3) % 4 &&      \
              mn[0].i == best0n * 10 && mx[0].i == best0x * 10 && mn[1].v == -(n - 1) &&  \
              mn[1].i == 100 - (n - 1) && mx[1].v == 0 && mx[1].i == 100,                 \
          "%s MINLOC (%g,%d) (%g,%d) MAXLOC (%g,%d) (%g,%d)", name, (double)mn[0].v,     \
          (int)mn[0].i, (double)mn[1].v, (int)mn[1].i, (double)mx[0].v, (int)mx[0].i,     \
          (double)mx[1].v, (int)mx[1].i);                                                 \
  } while (0)

struct fi { float v; int i; };
struct di { double v; int i; };
struct li { long v; int i; };
struct ii { int v; int i; };
struct si { short v; int i; };
struct ff { float v, i; };
struct dd { double v, i; };

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size;
  MPI_Comm w = MPI_COMM_WORLD;
  int rc, good;

  TEST_TYPE(signed char, MPI_SIGNED_CHAR, "signed char", INT_OPS);
  TEST_TYPE(unsigned char, MPI_UNSIGNED_CHAR, "unsigned char", INT_OPS);
  TEST_TYPE(short, MPI_SHORT, "short", INT_OPS);
  TEST_TYPE(unsigned short, MPI_UNSIGNED_SHORT, "unsigned short", INT_OPS);
  TEST_TYPE(int, MPI_INT, "int", INT_OPS);
  TEST_TYPE(unsigned, MPI_UNSIGNED, "unsigned", INT_OPS);
  TEST_TYPE(long, MPI_LONG, "long", INT_OPS);
  sign = 0;
  TEST_TYPE(unsigned long, MPI_UNSIGNED_LONG, "unsigned long", INT_OPS);
  sign = 1;
  TEST_TYPE(long long, MPI_LONG_LONG, "long long", INT_OPS);
  TEST_TYPE(unsigned long long, MPI_UNSIGNED_LONG_LONG, "unsigned long long", INT_OPS);
  TEST_TYPE(int8_t, MPI_INT8_T, "int8_t", INT_OPS);
  TEST_TYPE(uint8_t, MPI_UINT8_T, "uint8_t", INT_OPS);
  TEST_TYPE(int16_t, MPI_INT16_T, "int16_t", INT_OPS);
  TEST_TYPE(uint16_t, MPI_UINT16_T, "uint16_t", INT_OPS);
  TEST_TYPE(int32_t, MPI_INT32_T, "int32_t", INT_OPS);
  TEST_TYPE(uint32_t, MPI_UINT32_T, "uint32_t", INT_OPS);
  TEST_TYPE(int64_t, MPI_INT64_T, "int64_t", INT_OPS);
  TEST_TYPE(uint64_t, MPI_UINT64_T, "uint64_t", INT_OPS);
  TEST_TYPE(MPI_Aint, MPI_AINT, "MPI_Aint", ARITH_OPS);
  sign = 0;
  TEST_TYPE(MPI_Offset, MPI_OFFSET, "MPI_Offset", ARITH_OPS);
  sign = 1;
  TEST_TYPE(MPI_Count, MPI_COUNT, "MPI_Count", ARITH_OPS);
  TEST_TYPE(unsigned char, MPI_BYTE, "byte", (1 << BAND) | (1 << BOR) | (1 << BXOR));
  TEST_TYPE(float, MPI_FLOAT, "float", ARITH_OPS);
  TEST_TYPE(double, MPI_DOUBLE, "double", ARITH_OPS);

  /* Fortran's named types, through their C equivalents. */
  TEST_TYPE(int, MPI_INTEGER, "INTEGER", ARITH_OPS | (1 << BAND) | (1 << BOR) | (1 << BXOR));
  TEST_TYPE(float, MPI_REAL, "REAL", ARITH_OPS);
  TEST_TYPE(double, MPI_DOUBLE_PRECISION, "DOUBLE PRECISION", ARITH_OPS);
  TEST_TYPE(int8_t, MPI_INTEGER1, "INTEGER1", ARITH_OPS);
  TEST_TYPE(int16_t, MPI_INTEGER2, "INTEGER2", ARITH_OPS);
  TEST_TYPE(int32_t, MPI_INTEGER4, "INTEGER4", ARITH_OPS);
  TEST_TYPE(int64_t, MPI_INTEGER8, "INTEGER8", ARITH_OPS);
  TEST_TYPE(float, MPI_REAL4, "REAL4", ARITH_OPS);
  TEST_TYPE(double, MPI_REAL8, "REAL8", ARITH_OPS);
  {
    int in[2] = {r % 2, 1}, out[2];
    const char *names[3] = {"LAND", "LOR", "LXOR"};
    MPI_Op ops[3] = {MPI_LAND, MPI_LOR, MPI_LXOR};
    for (int o = 0; o < 3; o++) {
      rc = MPI_Allreduce(in, out, 2, MPI_LOGICAL, ops[o], w);
      int odd = n / 2; /* ranks with r % 2 == 1 */
      int want0 = o == 0 ? 0 : o == 1 ? odd > 0 : odd % 2, want1 = o == 2 ? n % 2 : 1;
      CHECK(rc == MPI_SUCCESS && !out[0] == !want0 && !out[1] == !want1,
            "Allreduce LOGICAL %s: %d %d", names[o], out[0] != 0, out[1] != 0);
    }
  }

  /* MPI_LONG really is C long: values near the 32-bit limit. */
  long lv = r == 0 ? 2147483000L : -2147483000L + r, lmax = 0, lmin = 0;
  MPI_Allreduce(&lv, &lmax, 1, MPI_LONG, MPI_MAX, w);
  rc = MPI_Allreduce(&lv, &lmin, 1, MPI_LONG, MPI_MIN, w);
  CHECK(rc == MPI_SUCCESS && lmax == 2147483000L && lmin == (n > 1 ? -2147482999L : 2147483000L),
        "MPI_LONG max %ld min %ld", lmax, lmin);

  /* bool: the logical ops. */
  {
    bool in[3] = {r % 2 == 0, true, r == 0}, out[3];
    const char *names[3] = {"LAND", "LOR", "LXOR"};
    MPI_Op ops[3] = {MPI_LAND, MPI_LOR, MPI_LXOR};
    for (int o = 0; o < 3; o++) {
      rc = MPI_Allreduce(in, out, 3, MPI_C_BOOL, ops[o], w);
      bool want[3];
      for (int k = 0; k < 3; k++) {
        bool acc = k == 0 ? true : k == 1 ? true : true; /* rank 0's inputs */
        for (int i = 1; i < n; i++) {
          bool v = k == 0 ? i % 2 == 0 : k == 1 ? true : false;
          acc = o == 0 ? acc && v : o == 1 ? acc || v : acc != v;
        }
        want[k] = acc;
      }
      CHECK(rc == MPI_SUCCESS && out[0] == want[0] && out[1] == want[1] && out[2] == want[2],
            "Allreduce C_BOOL %s: %d %d %d", names[o], out[0], out[1], out[2]);
    }
  }

  /* Complex: SUM and PROD. */
  {
    float _Complex fin = (r + 1) + 1.0f * I * r, fs, fp;
    double _Complex din = 1.0 - 1.0 * I * (r % 2), ds, dp;
    MPI_Allreduce(&fin, &fs, 1, MPI_C_FLOAT_COMPLEX, MPI_SUM, w);
    MPI_Allreduce(&fin, &fp, 1, MPI_C_FLOAT_COMPLEX, MPI_PROD, w);
    MPI_Allreduce(&din, &ds, 1, MPI_C_DOUBLE_COMPLEX, MPI_SUM, w);
    rc = MPI_Allreduce(&din, &dp, 1, MPI_C_DOUBLE_COMPLEX, MPI_PROD, w);
    float _Complex fsw = 0, fpw = 1;
    double _Complex dsw = 0, dpw = 1;
    for (int i = 0; i < n; i++) {
      float _Complex f = (i + 1) + 1.0f * I * i;
      double _Complex d = 1.0 - 1.0 * I * (i % 2);
      fsw += f, fpw *= f, dsw += d, dpw *= d;
    }
    CHECK(rc == MPI_SUCCESS && fs == fsw && fp == fpw && ds == dsw && dp == dpw,
          "complex: float sum %g%+gi prod %g%+gi, double sum %g%+gi prod %g%+gi",
          crealf(fs), cimagf(fs), crealf(fp), cimagf(fp), creal(ds), cimag(ds), creal(dp),
          cimag(dp));
  }

  TEST_LOC(struct fi, MPI_FLOAT_INT, "FLOAT_INT");
  TEST_LOC(struct di, MPI_DOUBLE_INT, "DOUBLE_INT");
  TEST_LOC(struct li, MPI_LONG_INT, "LONG_INT");
  TEST_LOC(struct ii, MPI_2INT, "2INT");
  TEST_LOC(struct si, MPI_SHORT_INT, "SHORT_INT");
  TEST_LOC(struct ff, MPI_2REAL, "2REAL");
  TEST_LOC(struct dd, MPI_2DOUBLE_PRECISION, "2DOUBLE_PRECISION");
  TEST_LOC(struct ii, MPI_2INTEGER, "2INTEGER");

  /* Reduce to each root in turn, then in place at the root. */
  for (int root = 0; root < n; root++) {
    int in[3] = {r, r * r, 1}, out[3] = {-1, -1, -1};
    rc = MPI_Reduce(in, out, 3, MPI_INT, MPI_SUM, root, w);
    int s1 = n * (n - 1) / 2, s2 = (n - 1) * n * (2 * n - 1) / 6;
    if (r == root)
      CHECK(rc == MPI_SUCCESS && out[0] == s1 && out[1] == s2 && out[2] == n,
            "Reduce to %d: %d %d %d", root, out[0], out[1], out[2]);
    else
      CHECK(rc == MPI_SUCCESS && out[0] == -1, "Reduce to %d (leaf): %s", root, cl_class(rc));
  }
  {
    double v[2] = {r + 0.25, -r};
    if (r == 0)
      rc = MPI_Reduce(MPI_IN_PLACE, v, 2, MPI_DOUBLE, MPI_MAX, 0, w);
    else
      rc = MPI_Reduce(v, NULL, 2, MPI_DOUBLE, MPI_MAX, 0, w);
    if (r == 0)
      CHECK(rc == MPI_SUCCESS && v[0] == n - 0.75 && v[1] == 0, "Reduce in place: %g %g", v[0],
            v[1]);
    else
      CHECK(rc == MPI_SUCCESS, "Reduce in place (leaf): %s", cl_class(rc));
  }

  /* Allreduce in place. */
  {
    long long v = 1LL << (r + 33);
    rc = MPI_Allreduce(MPI_IN_PLACE, &v, 1, MPI_LONG_LONG, MPI_BOR, w);
    CHECK(rc == MPI_SUCCESS && v == (((1LL << n) - 1) << 33), "Allreduce in place BOR: %lld", v);
  }

  /* Scan and Exscan, then in place. */
  {
    int v = r + 1, s = -1, e = -1;
    MPI_Scan(&v, &s, 1, MPI_INT, MPI_SUM, w);
    rc = MPI_Exscan(&v, &e, 1, MPI_INT, MPI_PROD, w);
    int fact = 1;
    for (int i = 1; i <= r; i++) fact *= i;
    CHECK(rc == MPI_SUCCESS && s == (r + 1) * (r + 2) / 2 && (r == 0 || e == fact),
          "Scan SUM %d Exscan PROD %d", s, r == 0 ? 0 : e);
    double d = r * 0.5;
    rc = MPI_Scan(MPI_IN_PLACE, &d, 1, MPI_DOUBLE, MPI_MAX, w);
    CHECK(rc == MPI_SUCCESS && d == r * 0.5, "Scan in place MAX %g", d);
    int x = r + 10;
    rc = MPI_Exscan(MPI_IN_PLACE, &x, 1, MPI_INT, MPI_MIN, w);
    CHECK(rc == MPI_SUCCESS && (r == 0 || x == 10), "Exscan in place MIN %d", r == 0 ? 0 : x);
  }

  /* Reduce_scatter with irregular counts, then in place. */
  {
    int *counts = malloc(sizeof(int) * n), tot = 0;
    for (int i = 0; i < n; i++) tot += counts[i] = i % 2 + 1;
    int *in = malloc(sizeof(int) * tot), out[2] = {-1, -1}, at = 0;
    for (int k = 0; k < tot; k++) in[k] = k * (r + 1);
    for (int i = 0; i < r; i++) at += counts[i];
    rc = MPI_Reduce_scatter(in, out, counts, MPI_INT, MPI_SUM, w);
    int tri = n * (n + 1) / 2;
    good = rc == MPI_SUCCESS;
    for (int k = 0; k < counts[r]; k++) good &= out[k] == (at + k) * tri;
    CHECK(good, "Reduce_scatter: %d %d", out[0], counts[r] > 1 ? out[1] : 0);
    rc = MPI_Reduce_scatter(MPI_IN_PLACE, in, counts, MPI_INT, MPI_SUM, w);
    good = rc == MPI_SUCCESS;
    for (int k = 0; k < counts[r]; k++) good &= in[k] == (at + k) * tri;
    CHECK(good, "Reduce_scatter in place: %d", in[0]);
    free(counts);
    free(in);
  }

  /* Reduce_scatter_block, then in place. */
  {
    float *in = malloc(sizeof(float) * 2 * n), out[2];
    for (int k = 0; k < 2 * n; k++) in[k] = (float)(k + r);
    rc = MPI_Reduce_scatter_block(in, out, 2, MPI_FLOAT, MPI_MIN, w);
    CHECK(rc == MPI_SUCCESS && out[0] == 2 * r && out[1] == 2 * r + 1,
          "Reduce_scatter_block MIN: %g %g", out[0], out[1]);
    rc = MPI_Reduce_scatter_block(MPI_IN_PLACE, in, 2, MPI_FLOAT, MPI_MAX, w);
    CHECK(rc == MPI_SUCCESS && in[0] == 2 * r + n - 1 && in[1] == 2 * r + n,
          "Reduce_scatter_block in place MAX: %g %g", in[0], in[1]);
    free(in);
  }

  /* Reduce_local with every integer op. */
  for (int o = 0; o < NOPS; o++) {
    int a[2] = {6, 0}, b[2] = {3, 5};
    rc = MPI_Reduce_local(a, b, 2, MPI_INT, op_of(o));
    int w0 = o == SUM ? 9 : o == PROD ? 18 : o == MIN ? 3 : o == MAX ? 6 : o == LAND ? 1
           : o == LOR ? 1 : o == LXOR ? 0 : o == BAND ? 2 : o == BOR ? 7 : 5;
    int w1 = o == SUM ? 5 : o == PROD ? 0 : o == MIN ? 0 : o == MAX ? 5 : o == LAND ? 0
           : o == LOR ? 1 : o == LXOR ? 1 : o == BAND ? 0 : o == BOR ? 5 : 5;
    CHECK(rc == MPI_SUCCESS && b[0] == w0 && b[1] == w1, "Reduce_local %s: %d %d", op_name[o],
          b[0], b[1]);
  }
  return cl_finish();
}
