/* ms_group.c — process groups.  Group errors have no communicator: they go
 * to MPI_COMM_WORLD's handler, as in MPI. */
#include <stdlib.h>

#include "ms_comm.h"

static int group_arg(wasmso_vmctx *vm, ms_gh h, MPI_Group *g, const char *fn) {
  return ms_cm_group(vm, NULL, h, g, fn);
}

int32_t ms_MPI_Group_translate_ranks(wasmso_vmctx *vm, uint32_t g1, int32_t n, uint32_t ranks1, uint32_t g2, uint32_t ranks2) {
  static const char fn[] = "MPI_Group_translate_ranks";
  MPI_Group a, b;
  int32_t *in, *out;
  int rc;
  if ((rc = group_arg(vm, g1, &a, fn)) || (rc = group_arg(vm, g2, &b, fn)) ||
      (rc = ms_cm_ints(vm, NULL, ranks1, n, &in, fn, "ranks1")) ||
      (rc = ms_cm_ints(vm, NULL, ranks2, n, &out, fn, "ranks2")))
    return rc;
  int size1 = 0;
  if ((rc = ms_check(vm, NULL, MPI_Group_size(a, &size1), fn)) ||
      (rc = ms_cm_ranks(vm, NULL, in, n, size1, MS_CM_PROC_NULL, fn, "ranks1")))
    return rc;
  /* MPI_PROC_NULL differs between guest and host: translate into a copy
   * (the two arrays may overlap). */
  int *tmp = malloc(((size_t)n + 1) * sizeof *tmp);
  if (!tmp) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no memory for %d ranks", n);
  for (int32_t i = 0; i < n; i++) tmp[i] = in[i] == ABI_PROC_NULL ? MPI_PROC_NULL : in[i];
  int hrc = MPI_Group_translate_ranks(a, n, tmp, b, tmp);
  if (hrc == MPI_SUCCESS)
    for (int32_t i = 0; i < n; i++)
      out[i] = tmp[i] == MPI_PROC_NULL ? ABI_PROC_NULL : ms_undefined_out(tmp[i]);
  free(tmp);
  return ms_check(vm, NULL, hrc, fn);
}

/* Ranges (first, last, stride): first and last ranks of the group, stride
 * not 0 and pointing from first to last, every rank they name distinct. */
static int check_ranges(wasmso_vmctx *vm, const int32_t *r, int32_t n, int size,
                        const char *fn) {
  unsigned char *seen = calloc((size_t)size + 1, 1);
  if (!seen) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no memory to check the ranges");
  int rc = 0;
  for (int32_t i = 0; i < n && !rc; i++) {
    int64_t first = r[3 * i], last = r[3 * i + 1], stride = r[3 * i + 2];
    if (first < 0 || first >= size || last < 0 || last >= size)
      rc = ms_raise(vm, NULL, ABI_ERR_RANK, fn, "range %d (%lld, %lld) leaves the group (size %d)",
                    i, (long long)first, (long long)last, size);
    else if (stride == 0 || (last - first) / stride < 0)
      rc = ms_raise(vm, NULL, ABI_ERR_ARG, fn, "range %d: stride %lld cannot reach %lld from %lld",
                    i, (long long)stride, (long long)last, (long long)first);
    for (int64_t k = first; !rc && (stride > 0 ? k <= last : k >= last); k += stride)
      if (seen[k]++)
        rc = ms_raise(vm, NULL, ABI_ERR_RANK, fn, "range %d names rank %lld again", i,
                      (long long)k);
  }
  free(seen);
  return rc;
}

/* Group constructors taking (group, n, int array of n * width, &newgroup). */
static int32_t from_ranks(wasmso_vmctx *vm, ms_gh group, int32_t n, ms_gaddr arr, int width,
                          ms_gaddr newgroup, const char *fn,
                          int (*make)(MPI_Group, int, int *, MPI_Group *)) {
  MPI_Group g, ng;
  int32_t *ranks, *out;
  int rc;
  if ((rc = group_arg(vm, group, &g, fn))) return rc;
  if (n < 0) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "negative count %d", n);
  if ((rc = ms_cm_ints(vm, NULL, arr, (int64_t)n * width, &ranks, fn,
                       width == 1 ? "ranks" : "ranges")) ||
      (rc = ms_cm_int(vm, NULL, newgroup, &out, fn, "newgroup")))
    return rc;
  int size = 0;
  if ((rc = ms_check(vm, NULL, MPI_Group_size(g, &size), fn)) ||
      (rc = width == 1 ? ms_cm_ranks(vm, NULL, ranks, n, size, MS_CM_DISTINCT, fn, "ranks")
                       : check_ranges(vm, ranks, n, size, fn)))
    return rc;
  if ((rc = ms_check(vm, NULL, make(g, n, ranks, &ng), fn))) return rc;
  return ms_cm_group_out(vm, NULL, ng, out, fn);
}

static int range_incl(MPI_Group g, int n, int *r, MPI_Group *ng) {
  return MPI_Group_range_incl(g, n, (int(*)[3])r, ng);
}
static int range_excl(MPI_Group g, int n, int *r, MPI_Group *ng) {
  return MPI_Group_range_excl(g, n, (int(*)[3])r, ng);
}
static int incl(MPI_Group g, int n, int *r, MPI_Group *ng) {
  return MPI_Group_incl(g, n, r, ng);
}
static int excl(MPI_Group g, int n, int *r, MPI_Group *ng) {
  return MPI_Group_excl(g, n, r, ng);
}

int32_t ms_MPI_Group_incl(wasmso_vmctx *vm, uint32_t group, int32_t n, uint32_t ranks, uint32_t newgroup) {
  return from_ranks(vm, group, n, ranks, 1, newgroup, "MPI_Group_incl", incl);
}
int32_t ms_MPI_Group_excl(wasmso_vmctx *vm, uint32_t group, int32_t n, uint32_t ranks, uint32_t newgroup) {
  return from_ranks(vm, group, n, ranks, 1, newgroup, "MPI_Group_excl", excl);
}
int32_t ms_MPI_Group_range_incl(wasmso_vmctx *vm, uint32_t group, int32_t n, uint32_t ranges, uint32_t newgroup) {
  return from_ranks(vm, group, n, ranges, 3, newgroup, "MPI_Group_range_incl", range_incl);
}
int32_t ms_MPI_Group_range_excl(wasmso_vmctx *vm, uint32_t group, int32_t n, uint32_t ranges, uint32_t newgroup) {
  return from_ranks(vm, group, n, ranges, 3, newgroup, "MPI_Group_range_excl", range_excl);
}

int32_t ms_MPI_Group_free(wasmso_vmctx *vm, uint32_t group) {
  MS_NO_REENTRY(vm, "MPI_Group_free");
  static const char fn[] = "MPI_Group_free";
  int32_t *p;
  MPI_Group g;
  int rc;
  if ((rc = ms_cm_int(vm, NULL, group, &p, fn, "group"))) return rc;
  ms_gh h = (ms_gh)*p;
  if ((rc = group_arg(vm, h, &g, fn))) return rc;
  /* MPI_GROUP_EMPTY may be "freed" (the handle becomes MPI_GROUP_NULL);
   * the predefined object itself stays. */
  if (h >= ABI_PREDEF_LIMIT) {
    if ((rc = ms_check(vm, NULL, MPI_Group_free(&g), fn))) return rc;
    ms_obj_free(MS_GROUP, h);
  }
  *p = ABI_GROUP_NULL;
  return 0;
}
