/* ms_comm_util.c — argument checks and the life cycle of new communicators,
 * shared by the comm group's wrappers. */
#include <stdlib.h>

#include "ms_comm.h"

int ms_cm_comm(wasmso_vmctx *vm, ms_gh h, ms_comm **c, const char *fn) {
  if (h == ABI_COMM_NULL)
    return ms_raise(vm, NULL, ABI_ERR_COMM, fn, "the communicator is MPI_COMM_NULL");
  if (ms_comm_get(h, c) == 0) return 0;
  /* MPI_Comm_idup hands out the handle before the record gets its host
   * communicator (ms_req_drop). */
  if (*c)
    return ms_raise(vm, NULL, ABI_ERR_COMM, fn,
                    "communicator 0x%x is not created yet (MPI_Comm_idup pending)", h);
  return ms_raise(vm, NULL, ABI_ERR_COMM, fn, "invalid communicator handle 0x%x", h);
}

int ms_cm_group(wasmso_vmctx *vm, ms_comm *c, ms_gh h, MPI_Group *g, const char *fn) {
  if (ms_group_get(h, g) == 0) return 0;
  return ms_raise(vm, c, ABI_ERR_GROUP, fn, "invalid group handle 0x%x", h);
}

int ms_cm_ints(wasmso_vmctx *vm, ms_comm *c, ms_gaddr g, int64_t n, int32_t **p,
               const char *fn, const char *what) {
  if (n < 0) return ms_raise(vm, c, ABI_ERR_ARG, fn, "negative length %lld of %s",
                             (long long)n, what);
  *p = ms_ints(vm, g, n);
  if (*p) return 0;
  return ms_raise(vm, c, ABI_ERR_ARG, fn, "%s (%lld ints at 0x%x) lies outside memory", what,
                  (long long)n, g);
}

/* A new guest group handle for a host group (MPI_GROUP_EMPTY stays the
 * predefined handle).  On failure the host group is freed. */
int ms_cm_group_out(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, int32_t *out, const char *fn) {
  if (g == MPI_GROUP_EMPTY) {
    *out = ABI_GROUP_EMPTY;
    return 0;
  }
  ms_gh h;
  MPI_Group *rec = ms_obj_new(MS_GROUP, &h);
  if (!rec) {
    MPI_Group_free(&g);
    return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "no room for another group handle");
  }
  *rec = g;
  *out = (int32_t)h;
  return 0;
}

int *ms_cm_scratch(wasmso_vmctx *vm, ms_comm *c, int64_t a, int64_t b, const char *fn,
                   int *rc) {
  int64_t n = a > b ? a : b;
  int *p = calloc(n > 0 ? (size_t)n : 1, sizeof *p);
  *rc = p ? 0 : ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "no memory for %lld ints", (long long)n);
  return p;
}

void ms_cm_copy_out(int32_t *dst, const int *src, int64_t max, int64_t actual) {
  for (int64_t i = 0; i < max && i < actual; i++) dst[i] = src[i];
}

int ms_cm_reserve(wasmso_vmctx *vm, ms_comm *parent, ms_gh *h, const char *fn) {
  if (ms_obj_new(MS_COMM, h)) return 0;
  return ms_raise(vm, parent, ABI_ERR_NO_MEM, fn, "no room for another communicator handle");
}

ms_gh ms_cm_bind(ms_gh h, MPI_Comm host, ms_gh errhandler) {
  ms_comm *rec = ms_obj_get(MS_COMM, h);
  if (host == MPI_COMM_NULL || !rec) {
    ms_obj_free(MS_COMM, h);
    return ABI_COMM_NULL;
  }
  /* Host communicators report errors as values; the guest's handler runs
   * in ms_raise.  (New ones inherit ERRORS_RETURN already: belt and braces.) */
  MPI_Comm_set_errhandler(host, MPI_ERRORS_RETURN);
  rec->host = host;
  rec->errhandler = errhandler;
  return h;
}

void ms_cm_unreserve(ms_gh h) { ms_obj_free(MS_COMM, h); }

ms_gh ms_cm_guest_handle(MPI_Comm host) {
  ms_gh h = ms_obj_find(MS_COMM, &host, sizeof host);
  return h ? h : ABI_COMM_NULL;
}

/* Look up the parent, check the out-parameter, reserve the handle. */
int ms_cm_begin(wasmso_vmctx *vm, ms_gh parent, ms_gaddr out, struct ms_cm_new *n, ms_comm **c,
                 const char *fn) {
  int rc;
  if ((rc = ms_cm_comm(vm, parent, c, fn)) ||
      (rc = ms_cm_int(vm, *c, out, &n->out, fn, "new communicator")) ||
      (rc = ms_cm_reserve(vm, *c, &n->h, fn)))
    return rc;
  n->parent_h = parent;
  n->errh = (*c)->errhandler; /* MPI: a new communicator inherits the parent's handler */
  return 0;
}

/* After the host call: hand out the handle, or release it and raise. */
int ms_cm_end(wasmso_vmctx *vm, struct ms_cm_new *n, int host_rc, const MPI_Comm *host,
              const char *fn) {
  /* Attribute callbacks ran guest code during the call: look the parent up
   * again rather than trust a pointer taken before it. */
  ms_comm *c = ms_obj_get(MS_COMM, n->parent_h);
  if (host_rc != MPI_SUCCESS) {
    ms_cm_unreserve(n->h);
    return ms_check(vm, c, host_rc, fn);
  }
  *n->out = (int32_t)ms_cm_bind(n->h, *host, n->errh);
  return 0;
}
