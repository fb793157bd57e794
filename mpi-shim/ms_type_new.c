/* ms_type_new.c — what every datatype constructor shares: the bounds hull
 * that keeps host arithmetic from overflowing, and the step that wraps a
 * finished host type in a guest handle. */
#include <string.h>

#include "ms_type.h"

/* Types whose bounds or size leave +-2^62 are refused: far beyond any guest
 * memory, and far enough from the 64-bit limits that the host's own sums
 * (count x extent with a displacement added) cannot wrap either. */
#define LIMIT ((__int128)1 << 62)

static __int128 min128(__int128 a, __int128 b) { return a < b ? a : b; }
static __int128 max128(__int128 a, __int128 b) { return a > b ? a : b; }

void ms_hull_add(ms_hull *h, const ms_type *o, __int128 d_lo, __int128 d_hi, __int128 n,
                 __int128 copies) {
  if (o->transport_only) h->transport_only = true;
  if (n <= 0 || copies <= 0) return;
  /* n elements at stride extent (which may be negative) */
  __int128 rep = (n - 1) * (__int128)o->extent;
  __int128 r_lo = min128(0, rep), r_hi = max128(0, rep);
  __int128 ub = (__int128)o->lb + o->extent;
  __int128 lo = d_lo + r_lo + min128(o->lb, ub), hi = d_hi + r_hi + max128(o->lb, ub);
  __int128 tlo = d_lo + r_lo + o->true_lb;
  __int128 thi = d_hi + r_hi + (__int128)o->true_lb + o->true_extent;
  h->size += copies * n * o->size;
  if (!h->any) {
    h->lo = lo, h->hi = hi, h->tlo = tlo, h->thi = thi;
    h->any = true;
    return;
  }
  h->lo = min128(h->lo, lo), h->hi = max128(h->hi, hi);
  h->tlo = min128(h->tlo, tlo), h->thi = max128(h->thi, thi);
}

static bool in_limit(__int128 v) { return v > -LIMIT && v < LIMIT; }

static bool hull_ok(const ms_hull *h) {
  return in_limit(h->lo) && in_limit(h->hi) && in_limit(h->tlo) && in_limit(h->thi) &&
         in_limit(h->size);
}

/* The host's description must agree with the hull: its size at most ours,
 * its true bounds inside ours (ours spans whole blocks of the components'
 * true bounds, so it may be wider, never narrower). */
static bool host_agrees(const ms_type *t, const ms_hull *h) {
  if (t->size < 0 || t->size > h->size) return false;
  if (t->size == 0) return true; /* no data: bounds are never used to move any */
  __int128 tlo = t->true_lb, thi = (__int128)t->true_lb + t->true_extent;
  return h->any && t->true_extent >= 0 && tlo >= h->tlo && thi <= h->thi;
}

int ms_hull_check(wasmso_vmctx *vm, const char *fn, const ms_hull *h) {
  if (hull_ok(h)) return 0;
  return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "the type's size or bounds would exceed 2^62 bytes");
}

int ms_type_finish(wasmso_vmctx *vm, const char *fn, int host_rc, MPI_Datatype host,
                   const ms_hull *h, uint32_t out) {
  if (host_rc != MPI_SUCCESS) return ms_check(vm, NULL, host_rc, fn);
  int cls = 0;
  const char *why = NULL;
  ms_gh gh = 0;
  ms_type *t = NULL;
  if (!hull_ok(h)) {
    cls = ABI_ERR_ARG, why = "the type's size or bounds exceed 2^62 bytes";
  } else if (!(t = ms_obj_new(MS_TYPE, &gh))) {
    cls = ABI_ERR_NO_MEM, why = "no room for another datatype handle";
  } else {
    t->host = host;
    if ((cls = ms_type_describe(t)) != 0) {
      why = "cannot read the new type's size and extent";
    } else if (!host_agrees(t, h)) {
      cls = ABI_ERR_INTERN, why = "host MPI's bounds of the new type disagree with its layout";
    }
  }
  if (cls) {
    if (t) ms_obj_free(MS_TYPE, gh);
    MPI_Type_free(&host);
    return ms_raise(vm, NULL, cls, fn, "%s", why);
  }
  t->committed = false;
  t->predefined = false;
  t->transport_only = h->transport_only;
  ms_type_components_set(gh, h->comps, h->ncomps);
  ms_put32(vm, out, (int32_t)gh);
  return 0;
}

int ms_type_wrap(MPI_Datatype host, bool transport_only, ms_gh *out) {
  ms_gh gh;
  ms_type *t = ms_obj_new(MS_TYPE, &gh);
  if (!t) {
    MPI_Type_free(&host);
    return ABI_ERR_NO_MEM;
  }
  t->host = host;
  int cls = ms_type_describe(t);
  /* What host MPI hands back is a new handle; committed so that it can be
   * used as the original could (committing twice is harmless). */
  if (!cls && MPI_Type_commit(&t->host) != MPI_SUCCESS) cls = ABI_ERR_INTERN;
  if (cls) {
    ms_obj_free(MS_TYPE, gh);
    MPI_Type_free(&host);
    return cls;
  }
  t->committed = true;
  t->predefined = false;
  t->transport_only = transport_only;
  *out = gh;
  return 0;
}
