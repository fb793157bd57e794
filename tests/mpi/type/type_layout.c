/* type_layout.c — derived datatypes built from counts, strides and
 * displacement lists (contiguous, vector, hvector, indexed, hindexed,
 * indexed_block, hindexed_block, struct with padding, resized), their sizes
 * and extents, and each sent from rank 0 to every other rank and checked
 * element by element.  Only fixed-width types, so the native and the wasm32
 * build print the same.  Rank 0 prints; every rank's errors are summed. */
/* ranks: 4 1 2 3 */
#include <mpi.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int rank, size, errors;

static void show(const char *name, MPI_Datatype t) {
  int sz;
  MPI_Aint lb, ext, tlb, text;
  MPI_Count szx, lbx, extx;
  MPI_Type_size(t, &sz);
  MPI_Type_get_extent(t, &lb, &ext);
  MPI_Type_get_true_extent(t, &tlb, &text);
  MPI_Type_size_x(t, &szx);
  MPI_Type_get_extent_x(t, &lbx, &extx);
  if (szx != sz || lbx != lb || extx != ext) errors++;
  MPI_Type_get_true_extent_x(t, &lbx, &extx);
  if (lbx != tlb || extx != text) errors++;
  if (rank == 0)
    printf("%-16s size %4d lb %4ld extent %4ld true_lb %4ld true_extent %4ld\n", name, sz,
           (long)lb, (long)ext, (long)tlb, (long)text);
}

/* Send n elements of t from a buffer of `len` int32 (value 1000*k + i) on rank
 * 0 to each rank, which receives into a zeroed buffer; the receiver checks
 * that exactly the positions in mask[] arrived. */
static void exchange(const char *name, MPI_Datatype t, int n, int len, const int *mask) {
  int32_t buf[256];
  for (int k = 1; k < size; k++) {
    if (rank == 0) {
      for (int i = 0; i < len; i++) buf[i] = 1000 * k + i;
      MPI_Send(buf, n, t, k, 7, MPI_COMM_WORLD);
    } else if (rank == k) {
      memset(buf, 0, sizeof buf);
      MPI_Recv(buf, n, t, 0, 7, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      for (int i = 0; i < len; i++) {
        int32_t want = mask[i] ? 1000 * k + i : 0;
        if (buf[i] != want) {
          if (errors < 10) printf("rank %d %s: element %d is %d, want %d\n", rank, name, i,
                                  (int)buf[i], (int)want);
          errors++;
        }
      }
    }
  }
}

static void ints_case(const char *name, MPI_Datatype t, int n, int len, const int *idx, int nidx) {
  int mask[256] = {0};
  for (int i = 0; i < nidx; i++) mask[idx[i]] = 1;
  MPI_Type_commit(&t);
  show(name, t);
  exchange(name, t, n, len, mask);
  MPI_Type_free(&t);
  if (t != MPI_DATATYPE_NULL) errors++;
}

struct rec {
  double d;
  int32_t i;
  char c[3];
};

static void struct_case(void) {
  int bl[3] = {1, 1, 3};
  MPI_Aint disp[3] = {offsetof(struct rec, d), offsetof(struct rec, i), offsetof(struct rec, c)};
  MPI_Datatype types[3] = {MPI_DOUBLE, MPI_INT32_T, MPI_CHAR}, st, rs;
  MPI_Type_create_struct(3, bl, disp, types, &st);
  MPI_Type_commit(&st);
  show("struct", st);
  MPI_Aint lb, ext;
  MPI_Type_get_extent(st, &lb, &ext);
  if (rank == 0) printf("struct extent matches sizeof: %s\n", ext == sizeof(struct rec) ? "yes" : "no");
  /* resized to exactly the C struct, then used for an array */
  MPI_Type_create_resized(st, 0, sizeof(struct rec), &rs);
  MPI_Type_commit(&rs);
  show("struct resized", rs);
  struct rec a[5];
  for (int k = 1; k < size; k++) {
    if (rank == 0) {
      for (int i = 0; i < 5; i++) {
        a[i].d = k + i * 0.5;
        a[i].i = 10 * k + i;
        a[i].c[0] = (char)('a' + i), a[i].c[1] = (char)('A' + k), a[i].c[2] = (char)i;
      }
      MPI_Send(a, 5, rs, k, 8, MPI_COMM_WORLD);
    } else if (rank == k) {
      memset(a, 0, sizeof a);
      MPI_Status st2;
      MPI_Recv(a, 5, rs, 0, 8, MPI_COMM_WORLD, &st2);
      int cnt;
      MPI_Get_count(&st2, rs, &cnt);
      if (cnt != 5) errors++;
      for (int i = 0; i < 5; i++)
        if (a[i].d != k + i * 0.5 || a[i].i != 10 * k + i || a[i].c[0] != 'a' + i ||
            a[i].c[1] != 'A' + k || a[i].c[2] != i)
          errors++;
    }
  }
  MPI_Type_free(&rs);
  MPI_Type_free(&st);
}

/* A resized int with extent 12: every third int of an array. */
static void resized_case(void) {
  MPI_Datatype r;
  MPI_Type_create_resized(MPI_INT32_T, 0, 12, &r);
  int idx[] = {0, 3, 6, 9, 12};
  ints_case("resized int", r, 5, 15, idx, 5);
  /* negative lower bound: the element sits 4 bytes after the type's origin */
  MPI_Type_create_resized(MPI_INT32_T, -4, 8, &r);
  MPI_Type_commit(&r);
  show("resized lb -4", r);
  MPI_Type_free(&r);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Datatype t;

  MPI_Type_contiguous(6, MPI_INT32_T, &t);
  int c_idx[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  ints_case("contiguous", t, 2, 16, c_idx, 12);

  MPI_Type_vector(3, 2, 5, MPI_INT32_T, &t); /* 0 1 . . . 5 6 . . . 10 11 */
  int v_idx[] = {0, 1, 5, 6, 10, 11, 12, 13, 17, 18, 22, 23};
  ints_case("vector", t, 2, 30, v_idx, 12); /* extent 12 ints: second copy at 12 */

  MPI_Type_vector(3, 1, -2, MPI_INT32_T, &t); /* 0 -2 -4: negative stride */
  MPI_Type_commit(&t);
  show("vector stride -2", t);
  {
    int32_t b[8];
    for (int k = 1; k < size; k++) {
      if (rank == 0) {
        for (int i = 0; i < 8; i++) b[i] = 100 * k + i;
        MPI_Send(b + 6, 1, t, k, 9, MPI_COMM_WORLD);
      } else if (rank == k) {
        memset(b, 0, sizeof b);
        MPI_Recv(b + 6, 1, t, 0, 9, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 0; i < 8; i++)
          if (b[i] != ((i == 2 || i == 4 || i == 6) ? 100 * k + i : 0)) errors++;
      }
    }
  }
  MPI_Type_free(&t);

  MPI_Type_create_hvector(2, 3, 20, MPI_INT32_T, &t); /* ints 0-2 and 5-7 */
  int hv_idx[] = {0, 1, 2, 5, 6, 7};
  ints_case("hvector", t, 1, 10, hv_idx, 6);

  {
    int bl[3] = {2, 1, 3}, di[3] = {0, 4, 9};
    MPI_Type_indexed(3, bl, di, MPI_INT32_T, &t);
    int i_idx[] = {0, 1, 4, 9, 10, 11, 12, 13, 16, 21, 22, 23};
    ints_case("indexed", t, 2, 30, i_idx, 12); /* extent 12 */
  }
  {
    int bl[2] = {1, 2};
    MPI_Aint di[2] = {8, 24};
    MPI_Type_create_hindexed(2, bl, di, MPI_INT32_T, &t);
    int hi_idx[] = {2, 6, 7};
    ints_case("hindexed", t, 1, 10, hi_idx, 3);
  }
  {
    int di[3] = {7, 1, 4};
    MPI_Type_create_indexed_block(3, 2, di, MPI_INT32_T, &t);
    int ib_idx[] = {1, 2, 4, 5, 7, 8};
    ints_case("indexed_block", t, 1, 12, ib_idx, 6);
  }
  {
    MPI_Aint di[2] = {12, 0};
    MPI_Type_create_hindexed_block(2, 1, di, MPI_INT32_T, &t);
    int hb_idx[] = {0, 3, 4, 7}; /* extent 16 bytes: second element at 4 */
    ints_case("hindexed_block", t, 2, 10, hb_idx, 4);
  }
  {
    /* a vector of a vector: nested derived components */
    MPI_Datatype inner;
    MPI_Type_vector(2, 1, 2, MPI_INT32_T, &inner); /* 0 . 2 */
    MPI_Type_create_hvector(2, 1, 24, inner, &t);  /* 0 2 6 8 */
    MPI_Type_free(&inner);                         /* t keeps it alive */
    int n_idx[] = {0, 2, 6, 8};
    ints_case("nested", t, 1, 12, n_idx, 4);
  }
  {
    MPI_Datatype d;
    MPI_Type_dup(MPI_INT32_T, &d);
    int d_idx[] = {0, 1, 2};
    ints_case("dup", d, 3, 6, d_idx, 3);
  }
  struct_case();
  resized_case();

  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_layout: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
