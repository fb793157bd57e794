/* ms_coll_util.c — argument checks shared by the collective wrappers: each
 * raises the right class through the guest's error handler with a message
 * naming the argument (see ms_coll.h). */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ms_coll.h"
#include "ms_fast.h"

int ms_cc_bad_comm(ms_cc *x, int cls, ms_gh comm) {
  x->c = NULL;
  return ms_raise(x->vm, NULL, cls, x->fn, "invalid communicator 0x%x", comm);
}

/* True once the communicator's record caches its shape (ms_comm_cache fills
 * it the first time); false when the host cannot give it all. */
static bool cached(ms_cc *x) {
  if (x->c->size == 0) ms_comm_cache(x->c);
  return x->c->size != 0;
}

/* The communicator's shape: from the cache, else asked again here so that
 * the failing query's error is reported. */
int ms_cc_shape(ms_cc *x, ms_shape *s) {
  const ms_comm *c = x->c;
  if (cached(x)) {
    s->rank = c->rank;
    s->size = c->size;
    s->inter = c->remote_size != 0;
    s->peers = s->inter ? c->remote_size : s->size;
    return 0;
  }
  int flag = 0, rc = MPI_Comm_rank(c->host, &s->rank);
  if (rc == MPI_SUCCESS) rc = MPI_Comm_size(c->host, &s->size);
  if (rc == MPI_SUCCESS) rc = MPI_Comm_test_inter(c->host, &flag);
  if (rc == MPI_SUCCESS) rc = flag ? MPI_Comm_remote_size(c->host, &s->peers) : MPI_SUCCESS;
  if (rc != MPI_SUCCESS) return ms_check(x->vm, x->c, rc, x->fn);
  s->inter = flag;
  if (!flag) s->peers = s->size;
  return 0;
}

/* Never raises: a host that cannot say is taken for an intracommunicator. */
bool ms_cc_inter(ms_cc *x) {
  if (cached(x)) return x->c->remote_size != 0;
  int flag = 0;
  return MPI_Comm_test_inter(x->c->host, &flag) == MPI_SUCCESS && flag;
}

int ms_cc_peers(ms_cc *x, int *peers, bool *inter) {
  ms_shape s;
  int rc = ms_cc_shape(x, &s);
  if (rc) return rc;
  *peers = s.peers;
  *inter = s.inter;
  return 0;
}

int ms_cc_local(ms_cc *x, int *rank, int *size) {
  ms_shape s;
  int rc = ms_cc_shape(x, &s);
  if (rc) return rc;
  *size = s.size;
  if (rank) *rank = s.rank;
  return 0;
}

int ms_cc_root(ms_cc *x, int root, ms_root *r) {
  ms_shape s;
  int rc = ms_cc_shape(x, &s);
  if (rc) return rc;
  r->peers = s.peers;
  r->root = r->leaf = r->in_place = false;
  if (s.inter) {
    if (root == ABI_ROOT)
      r->root = true;
    else if (root >= 0 && root < s.peers)
      r->leaf = true;
    else if (root != ABI_PROC_NULL)
      goto bad;
    return 0;
  }
  if (root < 0 || root >= s.size) goto bad;
  r->leaf = true;
  r->root = r->in_place = root == s.rank;
  return 0;
bad:
  return ms_raise(x->vm, x->c, ABI_ERR_ROOT, x->fn, "invalid root %d (%s of %d)", root,
                  s.inter ? "intercommunicator, remote size" : "size", s.peers);
}

int ms_cc_bad_type(ms_cc *x, int cls, const char *what, ms_gh h) {
  return ms_raise(x->vm, x->c, cls, x->fn, "%s: invalid or uncommitted datatype 0x%x", what, h);
}

/* cls -1: the buffer was MPI_IN_PLACE. */
int ms_cc_bad_buf(ms_cc *x, int cls, const char *what, ms_gaddr g, int64_t count) {
  if (cls < 0)
    return ms_raise(x->vm, x->c, ABI_ERR_BUFFER, x->fn, "%s: MPI_IN_PLACE is not allowed here",
                    what);
  if (cls == ABI_ERR_COUNT)
    return ms_raise(x->vm, x->c, cls, x->fn, "%s: negative count %lld", what, (long long)count);
  if (cls == ABI_ERR_TYPE)
    return ms_raise(x->vm, x->c, cls, x->fn, "%s: datatype not committed", what);
  return ms_raise(x->vm, x->c, cls, x->fn,
                  "%s 0x%x: %lld elements run outside guest memory (%llu bytes)", what, g,
                  (long long)count, (unsigned long long)ms_memsize(x->vm));
}

int ms_cc_in_place(ms_cc *x, const char *what) {
  if (ms_cc_inter(x))
    return ms_raise(x->vm, x->c, ABI_ERR_BUFFER, x->fn,
                    "%s: MPI_IN_PLACE is not allowed on an intercommunicator", what);
  return 0;
}

MPI_Datatype ms_cc_ignored_type(ms_gh h) {
  ms_type *t;
  return ms_type_get(h, &t) == 0 ? t->host : MPI_DATATYPE_NULL;
}

MPI_Op ms_cc_ignored_op(ms_gh h) {
  ms_op *o;
  return ms_op_get(h, &o) == 0 ? o->host : MPI_OP_NULL;
}

int ms_cc_ints(ms_cc *x, const char *what, ms_gaddr g, int64_t n, int32_t **out) {
  *out = ms_ints(x->vm, g, n);
  if (*out) return 0;
  return ms_raise(x->vm, x->c, ABI_ERR_ARG, x->fn,
                  "%s: array 0x%x of %lld ints lies outside guest memory", what, g, (long long)n);
}

/* Block of count elements of t starting at guest address a (any value: it
 * came from a displacement): inside memory? */
static int block_ok(const wasmso_vmctx *vm, __int128 a, int64_t count, const ms_type *t) {
  if (count < 0) return ABI_ERR_COUNT;
  if (!t->committed) return ABI_ERR_TYPE;
  if (count == 0 || t->size == 0) return 0;
  __int128 first = a + t->true_lb;
  __int128 span = (__int128)(count - 1) * t->extent;
  __int128 lo = span < 0 ? first + span : first;
  __int128 hi = (span < 0 ? first : first + span) + t->true_extent;
  return (lo < 0 || hi > (__int128)ms_memsize(vm)) ? ABI_ERR_BUFFER : 0;
}

static int block_error(ms_cc *x, int cls, const char *what, int i, int64_t count) {
  if (cls == ABI_ERR_COUNT)
    return ms_raise(x->vm, x->c, cls, x->fn, "%s: count[%d] = %lld is negative", what, i,
                    (long long)count);
  if (cls == ABI_ERR_TYPE)
    return ms_raise(x->vm, x->c, cls, x->fn, "%s: datatype of block %d not committed", what, i);
  return ms_raise(x->vm, x->c, cls, x->fn, "%s: block %d (%lld elements) runs outside guest memory",
                  what, i, (long long)count);
}

int ms_cc_vbuf(ms_cc *x, const char *what, ms_gaddr buf, const int32_t *counts,
               const int32_t *displs, int n, const ms_type *t, void **host) {
  if (buf == ABI_IN_PLACE)
    return ms_raise(x->vm, x->c, ABI_ERR_BUFFER, x->fn, "%s: MPI_IN_PLACE is not allowed here",
                    what);
  for (int i = 0; i < n; i++) {
    int cls = block_ok(x->vm, (__int128)buf + (__int128)displs[i] * t->extent, counts[i], t);
    if (cls) return block_error(x, cls, what, i, counts[i]);
  }
  *host = x->vm->mem_base + buf;
  return 0;
}

int ms_cc_wbuf(ms_cc *x, const char *what, const char *twhat, ms_gaddr buf, const int32_t *counts,
               const int32_t *displs, const int32_t *types, int n, void **host) {
  if (buf == ABI_IN_PLACE)
    return ms_raise(x->vm, x->c, ABI_ERR_BUFFER, x->fn, "%s: MPI_IN_PLACE is not allowed here",
                    what);
  ms_type *t;
  for (int i = 0; i < n; i++) {
    int cls = ms_type_get_committed((ms_gh)types[i], &t);
    if (cls)
      return ms_raise(x->vm, x->c, cls, x->fn, "%s[%d]: invalid or uncommitted datatype 0x%x",
                      twhat, i, (ms_gh)types[i]);
  }
  for (int i = 0; i < n; i++) {
    ms_type_get_committed((ms_gh)types[i], &t);
    int cls = block_ok(x->vm, (__int128)buf + displs[i], counts[i], t);
    if (cls) return block_error(x, cls, what, i, counts[i]);
  }
  *host = x->vm->mem_base + buf;
  return 0;
}

int ms_cc_op_slow(ms_cc *x, ms_gh oph, ms_gh th, ms_type **t, MPI_Op *out) {
  ms_op *op;
  int cls = ms_op_get(oph, &op);
  if (cls) return ms_raise(x->vm, x->c, cls, x->fn, "invalid op 0x%x", oph);
  cls = ms_type_get_committed(th, t);
  if (cls && op->predefined)
    return ms_raise(x->vm, x->c, ABI_ERR_OP, x->fn,
                    "predefined op 0x%x on invalid or uncommitted datatype 0x%x", oph, th);
  if (cls) return ms_raise(x->vm, x->c, cls, x->fn, "invalid or uncommitted datatype 0x%x", th);
  if (op->predefined) {
    if ((*t)->transport_only)
      return ms_raise(x->vm, x->c, ABI_ERR_OP, x->fn,
                      "predefined op 0x%x on datatype 0x%x, which has no host arithmetic "
                      "(long double is binary128 in the guest)",
                      oph, th);
  } else {
    ms_op_slot_note_type(op->slot, (*t)->host, th);
    x->op_h = oph;
    x->op_type_h = th;
  }
  *out = op->host;
  return 0;
}

int ms_cc_sum(ms_cc *x, const char *what, const int32_t *counts, int n, int64_t *sum) {
  int64_t s = 0;
  for (int i = 0; i < n; i++) {
    if (counts[i] < 0)
      return ms_raise(x->vm, x->c, ABI_ERR_COUNT, x->fn, "%s[%d] = %d is negative", what, i,
                      counts[i]);
    s += counts[i];
  }
  if (s > INT_MAX)
    return ms_raise(x->vm, x->c, ABI_ERR_COUNT, x->fn, "%s: total %lld exceeds INT_MAX", what,
                    (long long)s);
  *sum = s;
  return 0;
}

int ms_cc_alloc(ms_cc *x, size_t bytes, void **out) {
  *out = malloc(bytes ? bytes : 1);
  return *out ? 0
              : ms_raise(x->vm, x->c, ABI_ERR_NO_MEM, x->fn, "out of host memory (%zu bytes)",
                         bytes);
}

void ms_cc_copy_ints(int32_t *dst, const int32_t *src, int n) {
  if (n > 0) memcpy(dst, src, (size_t)n * sizeof *dst);
}

static size_t keep_size(int how, int64_t n) {
  size_t each = how == MS_KEEP_INTS ? 4 : how == MS_KEEP_AINTS ? sizeof(MPI_Aint) : sizeof(MPI_Datatype);
  return ((size_t)n * each + 7) & ~(size_t)7; /* every piece 8-byte aligned */
}

int ms_cc_keep(ms_cc *x, void **temp, int k, ...) {
  va_list ap;
  size_t total = 0;
  bool any = false;
  *temp = NULL;
  va_start(ap, k);
  for (int i = 0; i < k; i++) {
    int how = va_arg(ap, int);
    (void)va_arg(ap, void *);
    const int32_t *src = va_arg(ap, const int32_t *);
    int64_t n = va_arg(ap, int64_t);
    if (src) any = true, total += keep_size(how, n);
  }
  va_end(ap);
  if (!any) return 0;
  int rc = ms_cc_alloc(x, total, temp);
  if (rc) return rc;
  char *next = *temp;
  va_start(ap, k);
  for (int i = 0; i < k; i++) {
    int how = va_arg(ap, int);
    void *dst = va_arg(ap, void *);
    const int32_t *src = va_arg(ap, const int32_t *);
    int64_t n = va_arg(ap, int64_t);
    if (!src) continue;
    if (how == MS_KEEP_INTS) {
      int32_t *copy = (int32_t *)next;
      ms_cc_copy_ints(copy, src, (int)n);
      *(int32_t **)dst = copy;
    } else if (how == MS_KEEP_AINTS) {
      MPI_Aint *wide = (MPI_Aint *)next;
      for (int64_t j = 0; j < n; j++) wide[j] = src[j]; /* guest MPI_Aint: signed 32-bit */
      *(MPI_Aint **)dst = wide;
    } else {
      MPI_Datatype *hts = (MPI_Datatype *)next;
      for (int64_t j = 0; j < n; j++) {
        ms_type *t;
        hts[j] = ms_type_get_committed((ms_gh)src[j], &t) == 0 ? t->host : MPI_DATATYPE_NULL;
      }
      *(MPI_Datatype **)dst = hts;
    }
    next += keep_size(how, n);
  }
  va_end(ap);
  return 0;
}

int ms_cc_req_begin(ms_cc *x, ms_gaddr reqp, ms_nbreq *q) {
  q->guest = ms_ptr(x->vm, reqp, 4);
  if (!q->guest || reqp == 0)
    return ms_raise(x->vm, x->c, ABI_ERR_ARG, x->fn,
                    "request pointer 0x%x lies outside guest memory", reqp);
  q->r = ms_obj_new(MS_REQUEST, &q->h);
  if (!q->r) return ms_raise(x->vm, x->c, ABI_ERR_INTERN, x->fn, "request table full");
  return 0;
}

void ms_cc_req_drop(ms_nbreq *q) { ms_obj_free(MS_REQUEST, q->h); }

/* The objects the operation uses stay until it completes (ms_req_drop). */
static void pin_cc(ms_request *r, const ms_cc *x) {
  ms_req_pin(r, x->comm_h);
  if (x->op_h) {
    ms_req_pin(r, x->op_h);
    ms_req_pin(r, x->op_type_h);
  }
}

int ms_cc_req_end(ms_cc *x, ms_nbreq *q, int host_rc, void *temp) {
  if (host_rc != MPI_SUCCESS) {
    ms_obj_free(MS_REQUEST, q->h);
    free(temp);
    return ms_check(x->vm, x->c, host_rc, x->fn);
  }
  q->r->flags = MS_REQ_COLLECTIVE;
  q->r->temp = temp;
  q->r->comm = x->c;
  pin_cc(q->r, x);
  memcpy(q->guest, &q->h, 4);
  return 0;
}

int ms_cc_degrees(ms_cc *x, int *in, int *out) {
  int kind = MPI_UNDEFINED, rc = MPI_Topo_test(x->c->host, &kind);
  if (rc != MPI_SUCCESS) return ms_check(x->vm, x->c, rc, x->fn);
  if (kind == MPI_CART) {
    int nd = 0;
    rc = MPI_Cartdim_get(x->c->host, &nd);
    *in = *out = 2 * nd;
  } else if (kind == MPI_GRAPH) {
    int me = 0;
    rc = MPI_Comm_rank(x->c->host, &me);
    if (rc == MPI_SUCCESS) rc = MPI_Graph_neighbors_count(x->c->host, me, in);
    *out = *in;
  } else if (kind == MPI_DIST_GRAPH) {
    int weighted;
    rc = MPI_Dist_graph_neighbors_count(x->c->host, in, out, &weighted);
  } else {
    return ms_raise(x->vm, x->c, ABI_ERR_TOPOLOGY, x->fn,
                    "the communicator has no process topology");
  }
  return rc == MPI_SUCCESS ? 0 : ms_check(x->vm, x->c, rc, x->fn);
}
