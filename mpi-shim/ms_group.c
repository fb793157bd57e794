/* ms_group.c — process groups.  Group errors have no communicator: they go
 * to MPI_COMM_WORLD's handler, as in MPI.  The other group calls are
 * generated from mpi-api.tab (gen-kinds-comm.awk).
 * hand-written: MPI_Group_translate_ranks (MPI_PROC_NULL in and out, and
 * ranks1 and ranks2 may overlap: translated through a host copy) */
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

