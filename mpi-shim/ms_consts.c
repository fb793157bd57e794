/* ms_consts.c — constants that differ between the guest ABI and the host:
 * rank and tag sentinels, MPI_UNDEFINED, error classes.  Host values are
 * taken from the host's mpi.h by name, never by number. */
#include <limits.h>
#include <stdint.h>

#include "ms_core.h"
#include "ms_errclass.h"

int ms_rank_out(int r) {
  if (r >= 0) return r;
  if (r == MPI_ANY_SOURCE) return ABI_ANY_SOURCE;
  if (r == MPI_PROC_NULL) return ABI_PROC_NULL;
  if (r == MPI_ROOT) return ABI_ROOT;
  if (r == MPI_UNDEFINED) return ABI_UNDEFINED;
  return r;
}

int ms_tag_out(int t) {
  if (t >= 0) return t;
  return t == MPI_ANY_TAG ? ABI_ANY_TAG : t;
}

int ms_undefined_in(int v) { return v == ABI_UNDEFINED ? MPI_UNDEFINED : v; }
int ms_undefined_out(int v) { return v == MPI_UNDEFINED ? ABI_UNDEFINED : v; }

/* Host classes are small integers: a direct table keeps this O(1), since
 * every status a receive returns goes through it (a linear search here was
 * half the shim's time in a receive loop). */
#define HOST_CLASSES 256
static int16_t host_to_abi[HOST_CLASSES];
static int host_map_ready;

static int class_search(int host_class) {
  for (size_t i = 0; i < ms_nerrclasses; i++)
    if (ms_errclasses[i].host == host_class) return ms_errclasses[i].abi;
  return ABI_ERR_OTHER; /* a class of the host's own (Open MPI extensions) */
}

int ms_class_to_guest(int host_class) {
  if (host_class == MPI_SUCCESS) return 0;
  if (host_class < 0 || host_class >= HOST_CLASSES) return class_search(host_class);
  if (!__atomic_load_n(&host_map_ready, __ATOMIC_ACQUIRE)) {
    /* Racing fillers write the same values. */
    for (int c = 0; c < HOST_CLASSES; c++) host_to_abi[c] = (int16_t)class_search(c);
    host_to_abi[MPI_SUCCESS] = 0;
    __atomic_store_n(&host_map_ready, 1, __ATOMIC_RELEASE);
  }
  return host_to_abi[host_class];
}

int ms_class_to_host(int guest_class) {
  if (guest_class == 0) return MPI_SUCCESS;
  for (size_t i = 0; i < ms_nerrclasses; i++)
    if (ms_errclasses[i].abi == guest_class)
      return ms_errclasses[i].host >= 0 ? ms_errclasses[i].host : MPI_ERR_UNKNOWN;
  return MPI_ERR_UNKNOWN;
}

int ms_thread_level_in(int level, int *host) {
  switch (level) {
  case ABI_THREAD_SINGLE: *host = MPI_THREAD_SINGLE; return 0;
  case ABI_THREAD_FUNNELED: *host = MPI_THREAD_FUNNELED; return 0;
  case ABI_THREAD_SERIALIZED: *host = MPI_THREAD_SERIALIZED; return 0;
  case ABI_THREAD_MULTIPLE: *host = MPI_THREAD_MULTIPLE; return 0;
  default: return ABI_ERR_ARG;
  }
}

int ms_thread_level_out(int host) {
  if (host == MPI_THREAD_SINGLE) return ABI_THREAD_SINGLE;
  if (host == MPI_THREAD_FUNNELED) return ABI_THREAD_FUNNELED;
  if (host == MPI_THREAD_SERIALIZED) return ABI_THREAD_SERIALIZED;
  return ABI_THREAD_MULTIPLE;
}

int ms_compare_out(int host) {
  if (host == MPI_IDENT) return ABI_IDENT;
  if (host == MPI_CONGRUENT) return ABI_CONGRUENT;
  if (host == MPI_SIMILAR) return ABI_SIMILAR;
  return ABI_UNEQUAL;
}

int ms_topo_out(int host) {
  if (host == MPI_CART) return ABI_CART;
  if (host == MPI_GRAPH) return ABI_GRAPH;
  if (host == MPI_DIST_GRAPH) return ABI_DIST_GRAPH;
  return ms_undefined_out(host);
}
