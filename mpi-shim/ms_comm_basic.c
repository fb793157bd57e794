/* ms_comm_basic.c — MPI_Comm_rank and MPI_Comm_size from the record's cache,
 * freeing, the parent (the other queries are generated from mpi-api.tab).
 * hand-written: MPI_Comm_rank, MPI_Comm_size (answered from the record's
 *   cache, no host call)
 * hand-written: MPI_Comm_free, MPI_Comm_disconnect (pins: the host free is
 *   deferred while pending operations use the communicator)
 * hand-written: MPI_Comm_get_parent (the host's parent mapped to a handle
 *   the shim knows, or an internal error) */
#include <string.h>

#include "ms_comm.h"
#include "ms_fast.h"

/* One int out-parameter from a host query taking (comm, int *): the checks
 * and messages of ms_cm_comm and ms_cm_int. */
static __attribute__((noinline)) int32_t int_query_slow(wasmso_vmctx *vm, ms_gh comm, ms_gaddr out,
                                                        const char *fn,
                                                        int (*query)(MPI_Comm, int *)) {
  ms_comm *c;
  int32_t *p;
  int rc, v;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, out, &p, fn, "result")))
    return rc;
  if ((rc = ms_check(vm, c, query(c->host, &v), fn))) return rc;
  *p = v;
  return 0;
}
/* Hot path (MPI_Comm_rank, MPI_Comm_size): a live communicator that has its
 * host communicator and a result inside guest memory need no call of
 * ms_cm_comm and ms_cm_int; anything else takes the slow path, which raises
 * the same errors as before. */
static inline __attribute__((always_inline)) int32_t int_query(wasmso_vmctx *vm, ms_gh comm,
                                                               ms_gaddr out, const char *fn,
                                                               int (*query)(MPI_Comm, int *)) {
  ms_comm *c = (ms_comm *)ms_obj_get_inline(MS_COMM, comm);
  void *p = ms_ptr(vm, out, 4);
  if (__builtin_expect(!c || !p || c->host == MPI_COMM_NULL || c->host == (MPI_Comm)0, 0))
    return int_query_slow(vm, comm, out, fn, query);
  int v, rc = query(c->host, &v);
  if (rc != MPI_SUCCESS) return ms_check(vm, c, rc, fn);
  memcpy(p, &v, 4);
  return 0;
}

/* MPI_Comm_rank and MPI_Comm_size answer from the record's cache
 * (ms_fast_comm_cached inline for predefined communicators, ms_comm_cached
 * here for user ones) with no host call; the first call on a communicator
 * asks the host and fills the cache. */
static __attribute__((noinline)) int32_t rank_size_slow(wasmso_vmctx *vm, ms_gh comm, ms_gaddr out,
                                                        const char *fn,
                                                        int (*query)(MPI_Comm, int *)) {
  const ms_comm *c = ms_comm_cached(comm);
  ms_i32 *p = ms_fast_ptr(vm, out, 4);
  if (c && p) {
    *p = query == MPI_Comm_rank ? c->rank : c->size;
    return 0;
  }
  int32_t rc = int_query(vm, comm, out, fn, query);
  if (rc == 0) ms_comm_cache((ms_comm *)ms_obj_get(MS_COMM, comm));
  return rc;
}

int32_t ms_MPI_Comm_rank(wasmso_vmctx *vm, uint32_t comm, uint32_t rank) {
  const ms_comm *c = ms_fast_comm_cached((ms_gh)comm);
  ms_i32 *p = ms_fast_ptr(vm, (uint32_t)rank, 4);
  if (__builtin_expect(!c || !p, 0))
    return rank_size_slow(vm, comm, rank, "MPI_Comm_rank", MPI_Comm_rank);
  *p = c->rank;
  return 0;
}

int32_t ms_MPI_Comm_size(wasmso_vmctx *vm, uint32_t comm, uint32_t size) {
  const ms_comm *c = ms_fast_comm_cached((ms_gh)comm);
  ms_i32 *p = ms_fast_ptr(vm, (uint32_t)size, 4);
  if (__builtin_expect(!c || !p, 0))
    return rank_size_slow(vm, comm, size, "MPI_Comm_size", MPI_Comm_size);
  *p = c->size;
  return 0;
}

static int host_comm_free(void *rec, ms_gh h) {
  (void)h;
  MPI_Comm host = ((ms_comm *)rec)->host;
  return MPI_Comm_free(&host);
}

/* MPI_Comm_free and MPI_Comm_disconnect: the host call, then the handle. */
static int32_t comm_release(wasmso_vmctx *vm, ms_gaddr comm, const char *fn,
                            int (*release)(MPI_Comm *)) {
  int32_t *p;
  ms_comm *c;
  int rc;
  if ((rc = ms_cm_int(vm, NULL, comm, &p, fn, "communicator"))) return rc;
  ms_gh h = (ms_gh)*p;
  if ((rc = ms_cm_comm(vm, h, &c, fn))) return rc;
  if (h < ABI_PREDEF_LIMIT)
    return ms_raise(vm, c, ABI_ERR_COMM, fn, "predefined communicator 0x%x cannot be freed", h);
  if (release == MPI_Comm_free) {
    /* Pending operations may still use it (they pin it): then the handle
     * goes now, the host communicator (and its attributes' delete
     * callbacks) when the last one completes.  The host runs those
     * callbacks, which look the communicator up by its host handle, before
     * our record goes. */
    ms_orphans_poll();
    if (ms_obj_pinned(h)) c->free_deferred = true;
    if ((rc = ms_check(vm, c, ms_obj_release(MS_COMM, h, host_comm_free), fn))) return rc;
  } else {
    /* MPI_Comm_disconnect waits for the pending operations itself: the host
     * call now; pins keep only our record. */
    MPI_Comm host = c->host;
    if ((rc = ms_check(vm, c, release(&host), fn))) return rc;
    c->free_deferred = true;
    ms_obj_release(MS_COMM, h, NULL);
  }
  *p = ABI_COMM_NULL; /* p stays valid: memory never shrinks */
  return 0;
}

int32_t ms_MPI_Comm_free(wasmso_vmctx *vm, uint32_t comm) {
  MS_NO_REENTRY(vm, "MPI_Comm_free");
  return comm_release(vm, comm, "MPI_Comm_free", MPI_Comm_free);
}

int32_t ms_MPI_Comm_disconnect(wasmso_vmctx *vm, uint32_t comm) {
  MS_NO_REENTRY(vm, "MPI_Comm_disconnect");
  return comm_release(vm, comm, "MPI_Comm_disconnect", MPI_Comm_disconnect);
}

/* No process is spawned under wasmload: the host says MPI_COMM_NULL. */
int32_t ms_MPI_Comm_get_parent(wasmso_vmctx *vm, uint32_t parent) {
  static const char fn[] = "MPI_Comm_get_parent";
  int32_t *p;
  MPI_Comm host = MPI_COMM_NULL;
  int rc;
  if ((rc = ms_cm_int(vm, NULL, parent, &p, fn, "parent")) ||
      (rc = ms_check(vm, NULL, MPI_Comm_get_parent(&host), fn)))
    return rc;
  ms_gh h = host == MPI_COMM_NULL ? ABI_COMM_NULL : ms_cm_guest_handle(host);
  if (h == ABI_COMM_NULL && host != MPI_COMM_NULL)
    return ms_raise(vm, NULL, ABI_ERR_INTERN, fn, "the host has a parent communicator the "
                    "shim does not know");
  *p = (int32_t)h;
  return 0;
}

