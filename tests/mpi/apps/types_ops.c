/* types_ops.c — every predefined C datatype and every predefined reduction
 * op, as the global statistics of a real code would use them: Allreduce of
 * each arithmetic type with each op the standard allows for it (sum, prod,
 * max, min; logical and bitwise for integers; logical for C_BOOL; bitwise for
 * BYTE; sum and prod for complex), MAXLOC/MINLOC over every pair type, and
 * the transport-only types (char, wchar_t, long double, long double complex,
 * LONG_DOUBLE_INT, PACKED) moved by Bcast.  MPI_LONG is 32-bit on the wasm
 * guest: the values fit both. */
/* ranks: 4 1 3 */
#include "mpitest.h"
#include <complex.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

static int rank, size;

#define ALL_INT_OPS(T, MT, NAME)                                                        \
  do {                                                                                  \
    MPI_Op ops[10] = {MPI_SUM, MPI_PROD, MPI_MAX, MPI_MIN, MPI_BAND,                    \
                      MPI_BOR, MPI_BXOR, MPI_LAND, MPI_LOR, MPI_LXOR};                  \
    T in[10], out[10];                                                                  \
    in[0] = (T)(rank * 3 + 1);                                                          \
    in[1] = (T)(rank + 1);                                                              \
    in[2] = in[3] = (T)((rank * 7) % 5 + 1);                                            \
    in[4] = in[5] = in[6] = (T)((3 << rank) & 0x7f);                                    \
    in[7] = in[8] = in[9] = (T)(rank % 2);                                              \
    for (int k = 0; k < 10; k++) MPI_Allreduce(&in[k], &out[k], 1, MT, ops[k], MPI_COMM_WORLD); \
    mt_say("%-22s sum %lld prod %lld max %lld min %lld band %lld bor %lld bxor %lld "   \
           "land %lld lor %lld lxor %lld\n", NAME, (long long)out[0], (long long)out[1],  \
           (long long)out[2], (long long)out[3], (long long)out[4], (long long)out[5],   \
           (long long)out[6], (long long)out[7], (long long)out[8], (long long)out[9]);  \
  } while (0)

#define ALL_FLOAT_OPS(T, MT, NAME)                                                      \
  do {                                                                                  \
    MPI_Op ops[4] = {MPI_SUM, MPI_PROD, MPI_MAX, MPI_MIN};                              \
    T in[4], out[4];                                                                    \
    in[0] = (T)(rank * 0.75 - 1);                                                       \
    in[1] = (T)(rank + 0.5);                                                            \
    in[2] = in[3] = (T)((rank * 7) % 5 - 2.25);                                         \
    for (int k = 0; k < 4; k++) MPI_Allreduce(&in[k], &out[k], 1, MT, ops[k], MPI_COMM_WORLD); \
    mt_say("%-22s sum %.4f prod %.4f max %.4f min %.4f\n", NAME, (double)out[0],        \
           (double)out[1], (double)out[2], (double)out[3]);                             \
  } while (0)

#define COMPLEX_OPS(T, MT, NAME)                                                        \
  do {                                                                                  \
    T a = (T)((rank + 1) + (rank - 1) * I), s, p;                                       \
    MPI_Allreduce(&a, &s, 1, MT, MPI_SUM, MPI_COMM_WORLD);                              \
    MPI_Allreduce(&a, &p, 1, MT, MPI_PROD, MPI_COMM_WORLD);                             \
    mt_say("%-22s sum %.2f%+.2fi prod %.2f%+.2fi\n", NAME, (double)creal(s),            \
           (double)cimag(s), (double)creal(p), (double)cimag(p));                       \
  } while (0)

#define LOC_OPS(T, MT, NAME)                                                            \
  do {                                                                                  \
    struct { T v; int i; } in, mx, mn;                                                  \
    in.v = (T)((rank * 5) % 4);                                                         \
    in.i = rank * 10;                                                                   \
    MPI_Allreduce(&in, &mx, 1, MT, MPI_MAXLOC, MPI_COMM_WORLD);                         \
    MPI_Allreduce(&in, &mn, 1, MT, MPI_MINLOC, MPI_COMM_WORLD);                         \
    mt_say("%-22s maxloc %g at %d, minloc %g at %d\n", NAME, (double)mx.v, mx.i,       \
           (double)mn.v, mn.i);                                                         \
  } while (0)

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  ALL_INT_OPS(signed char, MPI_SIGNED_CHAR, "MPI_SIGNED_CHAR");
  ALL_INT_OPS(unsigned char, MPI_UNSIGNED_CHAR, "MPI_UNSIGNED_CHAR");
  ALL_INT_OPS(short, MPI_SHORT, "MPI_SHORT");
  ALL_INT_OPS(unsigned short, MPI_UNSIGNED_SHORT, "MPI_UNSIGNED_SHORT");
  ALL_INT_OPS(int, MPI_INT, "MPI_INT");
  ALL_INT_OPS(unsigned, MPI_UNSIGNED, "MPI_UNSIGNED");
  ALL_INT_OPS(long, MPI_LONG, "MPI_LONG");
  ALL_INT_OPS(unsigned long, MPI_UNSIGNED_LONG, "MPI_UNSIGNED_LONG");
  ALL_INT_OPS(long long, MPI_LONG_LONG, "MPI_LONG_LONG");
  ALL_INT_OPS(long long, MPI_LONG_LONG_INT, "MPI_LONG_LONG_INT");
  ALL_INT_OPS(unsigned long long, MPI_UNSIGNED_LONG_LONG, "MPI_UNSIGNED_LONG_LONG");
  ALL_INT_OPS(int8_t, MPI_INT8_T, "MPI_INT8_T");
  ALL_INT_OPS(int16_t, MPI_INT16_T, "MPI_INT16_T");
  ALL_INT_OPS(int32_t, MPI_INT32_T, "MPI_INT32_T");
  ALL_INT_OPS(int64_t, MPI_INT64_T, "MPI_INT64_T");
  ALL_INT_OPS(uint8_t, MPI_UINT8_T, "MPI_UINT8_T");
  ALL_INT_OPS(uint16_t, MPI_UINT16_T, "MPI_UINT16_T");
  ALL_INT_OPS(uint32_t, MPI_UINT32_T, "MPI_UINT32_T");
  ALL_INT_OPS(uint64_t, MPI_UINT64_T, "MPI_UINT64_T");
  ALL_INT_OPS(MPI_Aint, MPI_AINT, "MPI_AINT");
  ALL_INT_OPS(MPI_Offset, MPI_OFFSET, "MPI_OFFSET");
  ALL_INT_OPS(MPI_Count, MPI_COUNT, "MPI_COUNT");

  ALL_FLOAT_OPS(float, MPI_FLOAT, "MPI_FLOAT");
  ALL_FLOAT_OPS(double, MPI_DOUBLE, "MPI_DOUBLE");

  COMPLEX_OPS(float _Complex, MPI_C_FLOAT_COMPLEX, "MPI_C_FLOAT_COMPLEX");
  COMPLEX_OPS(float _Complex, MPI_C_COMPLEX, "MPI_C_COMPLEX");
  COMPLEX_OPS(double _Complex, MPI_C_DOUBLE_COMPLEX, "MPI_C_DOUBLE_COMPLEX");

  {
    bool b = rank % 2 == 0, land, lor, lxor;
    MPI_Allreduce(&b, &land, 1, MPI_C_BOOL, MPI_LAND, MPI_COMM_WORLD);
    MPI_Allreduce(&b, &lor, 1, MPI_C_BOOL, MPI_LOR, MPI_COMM_WORLD);
    MPI_Allreduce(&b, &lxor, 1, MPI_C_BOOL, MPI_LXOR, MPI_COMM_WORLD);
    mt_say("%-22s land %d lor %d lxor %d\n", "MPI_C_BOOL", land, lor, lxor);
    unsigned char by = (unsigned char)(0x81 >> rank), band, bor, bxor;
    MPI_Allreduce(&by, &band, 1, MPI_BYTE, MPI_BAND, MPI_COMM_WORLD);
    MPI_Allreduce(&by, &bor, 1, MPI_BYTE, MPI_BOR, MPI_COMM_WORLD);
    MPI_Allreduce(&by, &bxor, 1, MPI_BYTE, MPI_BXOR, MPI_COMM_WORLD);
    mt_say("%-22s band %#x bor %#x bxor %#x\n", "MPI_BYTE", band, bor, bxor);
  }

  LOC_OPS(float, MPI_FLOAT_INT, "MPI_FLOAT_INT");
  LOC_OPS(double, MPI_DOUBLE_INT, "MPI_DOUBLE_INT");
  LOC_OPS(long, MPI_LONG_INT, "MPI_LONG_INT");
  LOC_OPS(int, MPI_2INT, "MPI_2INT");
  LOC_OPS(short, MPI_SHORT_INT, "MPI_SHORT_INT");

  /* transport only: the root's values arrive intact */
  {
    char c[6] = "-----";
    wchar_t w[4] = {0};
    long double ld[2] = {0, 0};
    long double _Complex lz = 0;
    struct { long double v; int i; } ldi = {0, 0};
    if (rank == 0) {
      strcpy(c, "hello");
      w[0] = L'w'; w[1] = 0x263a; w[2] = L'!';
      ld[0] = 1.0L / 3; ld[1] = -2.5e300L;
      lz = 1.5L - 0.25L * I;
      ldi.v = 6.125L; ldi.i = 42;
    }
    MPI_Bcast(c, 6, MPI_CHAR, 0, MPI_COMM_WORLD);
    MPI_Bcast(w, 4, MPI_WCHAR, 0, MPI_COMM_WORLD);
    MPI_Bcast(ld, 2, MPI_LONG_DOUBLE, 0, MPI_COMM_WORLD);
    MPI_Bcast(&lz, 1, MPI_C_LONG_DOUBLE_COMPLEX, 0, MPI_COMM_WORLD);
    MPI_Bcast(&ldi, 1, MPI_LONG_DOUBLE_INT, 0, MPI_COMM_WORLD);
    char packed[64];
    int pos = 0;
    if (rank == 0) {
      int three[3] = {7, 8, 9};
      double d = 0.125;
      MPI_Pack(three, 3, MPI_INT, packed, 64, &pos, MPI_COMM_WORLD);
      MPI_Pack(&d, 1, MPI_DOUBLE, packed, 64, &pos, MPI_COMM_WORLD);
    }
    MPI_Bcast(&pos, 1, MPI_INT, 0, MPI_COMM_WORLD);
    MPI_Bcast(packed, pos, MPI_PACKED, 0, MPI_COMM_WORLD);
    int three[3], p2 = 0;
    double d;
    MPI_Unpack(packed, pos, &p2, three, 3, MPI_INT, MPI_COMM_WORLD);
    MPI_Unpack(packed, pos, &p2, &d, 1, MPI_DOUBLE, MPI_COMM_WORLD);
    mt_lines(MPI_COMM_WORLD, "%s %lc%lc%lc %.17g %.6g (%.3f%+.3fi) %.3f@%d packed %d %d %d %.3f",
             c, (wint_t)(w[0] ? w[0] : '?'), (wint_t)(w[1] == 0x263a ? 'S' : '?'),
             (wint_t)(w[2] ? w[2] : '?'), (double)ld[0], (double)ld[1], (double)creall(lz),
             (double)cimagl(lz), (double)ldi.v, ldi.i, three[0], three[1], three[2], d);
  }
  MPI_Finalize();
  return 0;
}
