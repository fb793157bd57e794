/* type_hostile.c — wasm32 only: datatypes and packed buffers that reach
 * outside the guest's memory, uncommitted and invalid types, sizes that
 * overflow 64 bits.  Under MPI_ERRORS_RETURN each must fail with its error
 * class and nothing else may happen (no host crash, no data moved).  Prints
 * one PASS/FAIL line per case and exits non-zero if any failed. */
//! RUN 4 => exit 0
//! RUN 1 => exit 0
#include <limits.h>
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int rank, failures, cases;

static const char *cname(int c) {
  switch (c) {
  case MPI_SUCCESS: return "MPI_SUCCESS";
  case MPI_ERR_BUFFER: return "MPI_ERR_BUFFER";
  case MPI_ERR_COUNT: return "MPI_ERR_COUNT";
  case MPI_ERR_TYPE: return "MPI_ERR_TYPE";
  case MPI_ERR_ARG: return "MPI_ERR_ARG";
  case MPI_ERR_TRUNCATE: return "MPI_ERR_TRUNCATE";
  case MPI_ERR_COMM: return "MPI_ERR_COMM";
  case MPI_ERR_VALUE_TOO_LARGE: return "MPI_ERR_VALUE_TOO_LARGE";
  default: return "another class";
  }
}

static void expect(const char *what, int rc, int want) {
  int cls = rc;
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &cls);
  cases++;
  if (cls != want) {
    failures++;
    fprintf(stderr, "rank %d: FAIL %s: %s, want %s\n", rank, what, cname(cls), cname(want));
  }
  if (rank == 0)
    printf("%s %s: %s%s%s\n", cls == want ? "PASS" : "FAIL", what, cname(cls),
           cls == want ? "" : ", want ", cls == want ? "" : cname(want));
}

#define EXPECT(call, want) expect(#call, (call), want)

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
  const uintptr_t mem = __builtin_wasm_memory_size(0) * 65536ul;
  static int32_t small[64];
  static char packed[256];
  int pos = 0;

  /* a type whose true extent runs past the end of memory: two ints, the
   * second one memory-size bytes after the first.  (On MPI_COMM_SELF this
   * rank is rank 0.) */
  MPI_Datatype past;
  MPI_Type_create_hvector(2, 1, (MPI_Aint)mem, MPI_INT, &past);
  MPI_Type_commit(&past);
  EXPECT(MPI_Send(small, 1, past, 0, 1, MPI_COMM_SELF), MPI_ERR_BUFFER);
  EXPECT(MPI_Recv(small, 1, past, 0, 1, MPI_COMM_SELF, MPI_STATUS_IGNORE), MPI_ERR_BUFFER);
  EXPECT(MPI_Pack(small, 2, past, packed, sizeof packed, &pos, MPI_COMM_WORLD), MPI_ERR_BUFFER);
  EXPECT(MPI_Pack((char *)(mem - 4), 1, MPI_INT, packed, sizeof packed, &pos, MPI_COMM_WORLD), MPI_SUCCESS);
  pos = 0;
  EXPECT(MPI_Pack((char *)(mem - 3), 1, MPI_INT, packed, sizeof packed, &pos, MPI_COMM_WORLD), MPI_ERR_BUFFER);
  MPI_Type_free(&past);

  /* a negative-stride vector starting near address 0: its elements lie below 0 */
  MPI_Datatype neg;
  MPI_Type_vector(4, 1, -1000, MPI_INT, &neg);
  MPI_Type_commit(&neg);
  EXPECT(MPI_Pack((void *)16, 1, neg, packed, sizeof packed, &pos, MPI_COMM_WORLD), MPI_ERR_BUFFER);
  EXPECT(MPI_Send((void *)16, 1, neg, 0, 2, MPI_COMM_SELF), MPI_ERR_BUFFER);
  MPI_Type_free(&neg);

  /* uncommitted */
  MPI_Datatype unc;
  MPI_Type_contiguous(2, MPI_INT, &unc);
  EXPECT(MPI_Send(small, 1, unc, 0, 3, MPI_COMM_SELF), MPI_ERR_TYPE);
  EXPECT(MPI_Pack(small, 1, unc, packed, sizeof packed, &pos, MPI_COMM_WORLD), MPI_ERR_TYPE);
  int usz = 0;
  EXPECT(MPI_Type_size(unc, &usz), MPI_SUCCESS); /* queries need no commit */
  EXPECT(MPI_Type_free(&unc), MPI_SUCCESS);
  EXPECT(MPI_Type_size(unc, &usz), MPI_ERR_TYPE); /* unc is MPI_DATATYPE_NULL now */

  /* sizes that overflow: 2^32-byte type, then 2^62 bytes and beyond */
  MPI_Datatype big = MPI_DATATYPE_NULL, bigger = MPI_DATATYPE_NULL, t = MPI_DATATYPE_NULL;
  EXPECT(MPI_Type_contiguous(1 << 30, MPI_INT, &big), MPI_SUCCESS);
  EXPECT(MPI_Type_contiguous(1 << 30, big, &bigger), MPI_ERR_ARG);
  EXPECT(MPI_Type_vector(INT_MAX, INT_MAX, INT_MAX, big, &t), MPI_ERR_ARG);
  EXPECT(MPI_Type_create_hvector(INT_MAX, 2, -INT_MAX, big, &t), MPI_ERR_ARG);
  {
    /* 4e18 ints: Open MPI's own extent would wrap negative */
    int gs[2] = {2000000000, 2000000000}, ps[2] = {1, 1};
    int di[2] = {MPI_DISTRIBUTE_BLOCK, MPI_DISTRIBUTE_CYCLIC}, da[2] = {MPI_DISTRIBUTE_DFLT_DARG, 7};
    EXPECT(MPI_Type_create_darray(1, 0, 2, gs, di, da, ps, MPI_ORDER_C, MPI_INT, &t), MPI_ERR_ARG);
    int sub[2] = {1, 1}, st[2] = {0, 0};
    EXPECT(MPI_Type_create_subarray(2, gs, sub, st, MPI_ORDER_FORTRAN, big, &t), MPI_ERR_ARG);
  }
  MPI_Type_commit(&big);
  MPI_Count bsz;
  MPI_Type_size_x(big, &bsz);
  if (rank == 0) printf("2^32-byte type: size_x %lld\n", (long long)bsz);
  {
    /* the MPI-4 large-count queries (no native Open MPI 4.1 counterpart) */
    MPI_Count c1 = 0, c2 = -1, c3 = 0;
    EXPECT(MPI_Type_size_c(big, &c1), MPI_SUCCESS);
    EXPECT(MPI_Type_get_extent_c(big, &c2, &c3), MPI_SUCCESS);
    expect("MPI_Type_size_c and MPI_Type_get_extent_c give 2^32",
           c1 == 4294967296LL && c2 == 0 && c3 == 4294967296LL ? 0 : MPI_ERR_ARG, 0);
    EXPECT(MPI_Type_get_true_extent_c(big, &c2, &c3), MPI_SUCCESS);
    MPI_Aint a1 = 0, a2 = 0;
    EXPECT(MPI_Type_get_extent(big, &a1, &a2), MPI_SUCCESS);
    expect("MPI_Type_get_extent of 2^32 bytes is MPI_UNDEFINED",
           a1 == 0 && a2 == MPI_UNDEFINED ? 0 : MPI_ERR_ARG, 0);
  }
  int isz = 0;
  MPI_Type_size(big, &isz);
  expect("MPI_Type_size of 2^32 bytes is MPI_UNDEFINED", isz == MPI_UNDEFINED ? 0 : MPI_ERR_ARG, 0);
  EXPECT(MPI_Send(small, INT_MAX, big, 0, 4, MPI_COMM_SELF), MPI_ERR_BUFFER);
  EXPECT(MPI_Pack(small, INT_MAX, big, packed, sizeof packed, &pos, MPI_COMM_WORLD), MPI_ERR_BUFFER);
  EXPECT(MPI_Pack_size(INT_MAX, big, MPI_COMM_WORLD, &isz), MPI_ERR_VALUE_TOO_LARGE);
  MPI_Type_free(&big);

  /* packed buffers outside memory, positions outside the buffer */
  pos = 0;
  EXPECT(MPI_Pack(small, 4, MPI_INT, (void *)(mem - 8), 64, &pos, MPI_COMM_WORLD), MPI_ERR_BUFFER);
  EXPECT(MPI_Pack(small, 4, MPI_INT, packed, 0x7fffffff, &pos, MPI_COMM_WORLD), MPI_ERR_BUFFER);
  pos = 300;
  EXPECT(MPI_Pack(small, 1, MPI_INT, packed, sizeof packed, &pos, MPI_COMM_WORLD), MPI_ERR_ARG);
  pos = -1;
  EXPECT(MPI_Unpack(packed, sizeof packed, &pos, small, 1, MPI_INT, MPI_COMM_WORLD), MPI_ERR_ARG);
  pos = 0;
  EXPECT(MPI_Unpack(packed, sizeof packed, (int *)(mem - 2), small, 1, MPI_INT, MPI_COMM_WORLD), MPI_ERR_ARG);
  EXPECT(MPI_Unpack(packed, 8, &pos, small, 4, MPI_INT, MPI_COMM_WORLD), MPI_ERR_TRUNCATE);
  pos = 0;
  EXPECT(MPI_Pack(small, 8, MPI_INT, packed, 16, &pos, MPI_COMM_WORLD), MPI_ERR_TRUNCATE);
  EXPECT(MPI_Pack(small, 1, MPI_INT, packed, 16, &pos, (MPI_Comm)0x5555), MPI_ERR_COMM);
  MPI_Aint xpos = 0;
  EXPECT(MPI_Pack_external("native", small, 1, MPI_INT, packed, 16, &xpos), MPI_ERR_ARG);
  EXPECT(MPI_Pack_external("external32", small, 1, MPI_INT, packed, 16, (MPI_Aint *)mem), MPI_ERR_ARG);

  /* handles and pointers */
  MPI_Datatype pre = MPI_INT, nul = MPI_DATATYPE_NULL;
  EXPECT(MPI_Type_free(&pre), MPI_ERR_TYPE);
  EXPECT(MPI_Type_free(&nul), MPI_ERR_TYPE);
  EXPECT(MPI_Type_contiguous(2, (MPI_Datatype)0x7777777, &t), MPI_ERR_TYPE);
  EXPECT(MPI_Type_contiguous(2, MPI_DATATYPE_NULL, &t), MPI_ERR_TYPE);
  EXPECT(MPI_Type_contiguous(-1, MPI_INT, &t), MPI_ERR_COUNT);
  EXPECT(MPI_Type_contiguous(2, MPI_INT, (MPI_Datatype *)(mem - 2)), MPI_ERR_ARG);
  int ints[4];
  MPI_Aint aints[4];
  MPI_Datatype types[4];
  EXPECT(MPI_Type_get_contents(MPI_INT, 4, 4, 4, ints, aints, types), MPI_ERR_TYPE);
  MPI_Datatype vec;
  MPI_Type_vector(2, 1, 3, MPI_INT, &vec);
  EXPECT(MPI_Type_get_contents(vec, 3, 0, 1, (int *)(mem - 8), aints, types), MPI_ERR_ARG);
  EXPECT(MPI_Type_get_contents(vec, 2, 0, 1, ints, aints, types), MPI_ERR_ARG);
  MPI_Type_free(&vec);
  {
    int bl[2] = {1, 1};
    MPI_Datatype ty[2] = {MPI_INT, (MPI_Datatype)0x12345};
    MPI_Aint di[2] = {0, 8};
    EXPECT(MPI_Type_create_struct(2, bl, di, ty, &t), MPI_ERR_TYPE);
    EXPECT(MPI_Type_create_struct(2, bl, (MPI_Aint *)(mem - 4), ty, &t), MPI_ERR_ARG);
    int sz[2] = {4, 4}, sub[2] = {2, 5}, st[2] = {0, 0};
    EXPECT(MPI_Type_create_subarray(2, sz, sub, st, MPI_ORDER_C, MPI_INT, &t), MPI_ERR_ARG);
  }
  MPI_Aint a;
  EXPECT(MPI_Get_address((void *)(mem + 16), &a), MPI_ERR_ARG);
  char name[MPI_MAX_OBJECT_NAME];
  int len;
  EXPECT(MPI_Type_get_name(MPI_INT, (char *)(mem - 3), &len), MPI_ERR_ARG);
  EXPECT(MPI_Type_set_name(MPI_INT, (char *)(mem + 8)), MPI_ERR_ARG);
  EXPECT(MPI_Type_get_name(MPI_INT, name, &len), MPI_SUCCESS);

  /* long double is transport-only: it travels, derived types inherit that,
   * but there is no external32 conversion of it */
  MPI_Datatype ld2;
  MPI_Type_contiguous(2, MPI_LONG_DOUBLE, &ld2);
  MPI_Type_commit(&ld2);
  long double lv[2] = {1.25L, -3.5L}, lw[2] = {0, 0};
  EXPECT(MPI_Sendrecv(lv, 1, ld2, 0, 5, lw, 1, ld2, 0, 5, MPI_COMM_SELF, MPI_STATUS_IGNORE),
         MPI_SUCCESS);
  expect("long double pair arrived", lw[0] == 1.25L && lw[1] == -3.5L ? 0 : MPI_ERR_ARG, 0);
  xpos = 0;
  EXPECT(MPI_Pack_external("external32", lv, 1, ld2, packed, sizeof packed, &xpos), MPI_ERR_TYPE);
  MPI_Type_free(&ld2);

  int total = 0;
  MPI_Reduce(&failures, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_hostile: %d cases, %s (%d failures over all ranks)\n", cases,
                        total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
