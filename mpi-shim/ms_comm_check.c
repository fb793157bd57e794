/* ms_comm_check.c — argument checks the comm group makes itself rather than
 * leave to the host.  Open MPI validates ranks, topologies and
 * intercommunicators only while its parameter checking is on (MCA
 * mpi_param_check); without it, a rank out of range indexes host arrays.
 * So whatever could make the host touch memory it should not is checked
 * here, whatever the host's settings. */
#include <stdlib.h>

#include "ms_comm.h"

int ms_cm_intra(wasmso_vmctx *vm, ms_comm *c, ms_gh h, const char *fn) {
  int inter = 0;
  if (MPI_Comm_test_inter(c->host, &inter) == MPI_SUCCESS && !inter) return 0;
  return ms_raise(vm, c, ABI_ERR_COMM, fn, "communicator 0x%x is an intercommunicator", h);
}

int ms_cm_inter(wasmso_vmctx *vm, ms_comm *c, ms_gh h, const char *fn) {
  int inter = 0;
  if (MPI_Comm_test_inter(c->host, &inter) == MPI_SUCCESS && inter) return 0;
  return ms_raise(vm, c, ABI_ERR_COMM, fn, "communicator 0x%x is no intercommunicator", h);
}

int ms_cm_topo(wasmso_vmctx *vm, ms_comm *c, ms_gh h, int want, const char *fn) {
  int status = MPI_UNDEFINED;
  if (MPI_Topo_test(c->host, &status) == MPI_SUCCESS && status == want) return 0;
  return ms_raise(vm, c, ABI_ERR_TOPOLOGY, fn, "communicator 0x%x has no %s topology", h,
                  want == MPI_CART ? "Cartesian" : want == MPI_GRAPH ? "graph"
                                                                       : "distributed graph");
}

int ms_cm_size(const ms_comm *c) {
  int size = 0;
  return MPI_Comm_size(c->host, &size) == MPI_SUCCESS ? size : 0;
}

int ms_cm_ranks(wasmso_vmctx *vm, ms_comm *c, const int32_t *ranks, int64_t n, int size,
                int flags, const char *fn, const char *what) {
  unsigned char *seen = NULL;
  if ((flags & MS_CM_DISTINCT) && n > 0 && !(seen = calloc((size_t)size + 1, 1)))
    return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "no memory to check %s", what);
  for (int64_t i = 0; i < n; i++) {
    int32_t r = ranks[i];
    if ((flags & MS_CM_PROC_NULL) && r == ABI_PROC_NULL) continue;
    const char *why = r < 0 || r >= size ? "is no rank" : seen && seen[r]++ ? "is repeated" : NULL;
    if (why) {
      free(seen);
      return ms_raise(vm, c, ABI_ERR_RANK, fn, "%s[%lld] = %d %s (size %d)", what, (long long)i,
                      r, why, size);
    }
  }
  free(seen);
  return 0;
}
