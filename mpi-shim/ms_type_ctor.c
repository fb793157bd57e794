/* ms_type_ctor.c — the datatype constructors built from counts, strides and
 * displacement lists: contiguous, vector, indexed (and their byte-displacement
 * h- forms), indexed_block, struct, resized, dup.  Each computes the new
 * type's hull from its components' records before the host type is wrapped
 * (ms_type_finish); guest MPI_Aint arrays are widened to the host's 64 bits.
 *
 * hand-written: MPI_Type_contiguous, MPI_Type_vector, MPI_Type_create_hvector,
 * MPI_Type_indexed, MPI_Type_create_hindexed, MPI_Type_create_indexed_block,
 * MPI_Type_create_hindexed_block, MPI_Type_create_struct,
 * MPI_Type_create_resized, MPI_Type_dup (each computes its own 128-bit
 * bounds hull from its arguments before the host constructor, and the new
 * handle is made by ms_type_finish after it). */
#include <stdlib.h>

#include "ms_type.h"

static __int128 min128(__int128 a, __int128 b) { return a < b ? a : b; }
static __int128 max128(__int128 a, __int128 b) { return a > b ? a : b; }

/* The component type, or a raised ABI_ERR_TYPE. */
static int old_type(V *vm, const char *fn, G h, ms_type **o) {
  if (ms_type_get(h, o) == 0) return 0;
  return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x", (unsigned)h);
}

/* The common argument checks: count >= 0 and a writable newtype slot. */
static int args_ok(V *vm, const char *fn, I count, G out) {
  if (count < 0) return ms_raise(vm, NULL, ABI_ERR_COUNT, fn, "negative count %d", count);
  if (!ms_in_mem(vm, out, 4)) return MS_BADPTR(vm, fn, "newtype", out);
  return 0;
}

/* count blocks at j * stride bytes, j = 0..count-1, each of bl elements */
static void strided(ms_hull *h, const ms_type *o, I count, I bl, __int128 stride) {
  __int128 last = (__int128)(count > 0 ? count - 1 : 0) * stride;
  ms_hull_add(h, o, min128(0, last), max128(0, last), bl, count);
}

int32_t ms_MPI_Type_contiguous(V *vm, int32_t count, uint32_t old, uint32_t out) {
  static const char fn[] = "MPI_Type_contiguous";
  ms_type *o;
  int cls;
  if ((cls = old_type(vm, fn, old, &o)) || (cls = args_ok(vm, fn, count, out))) return cls;
  ms_hull h = {.comps = &old, .ncomps = 1};
  ms_hull_add(&h, o, 0, 0, count, 1);
  if ((cls = ms_hull_check(vm, fn, &h))) return cls;
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc = MPI_Type_contiguous(count, o->host, &nt);
  return ms_type_finish(vm, fn, rc, nt, &h, out);
}

static int vector(V *vm, const char *fn, I count, I bl, I stride, G old, G out, bool bytes) {
  ms_type *o;
  int cls;
  if ((cls = old_type(vm, fn, old, &o)) || (cls = args_ok(vm, fn, count, out))) return cls;
  if (bl < 0) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "negative blocklength %d", bl);
  ms_hull h = {.comps = &old, .ncomps = 1};
  strided(&h, o, count, bl, bytes ? (__int128)stride : (__int128)stride * o->extent);
  if ((cls = ms_hull_check(vm, fn, &h))) return cls;
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc = bytes ? MPI_Type_create_hvector(count, bl, stride, o->host, &nt)
                 : MPI_Type_vector(count, bl, stride, o->host, &nt);
  return ms_type_finish(vm, fn, rc, nt, &h, out);
}

int32_t ms_MPI_Type_vector(V *vm, int32_t count, int32_t bl, int32_t stride, uint32_t old, uint32_t out) {
  return vector(vm, "MPI_Type_vector", count, bl, stride, old, out, false);
}
int32_t ms_MPI_Type_create_hvector(V *vm, int32_t count, int32_t bl, int32_t stride, uint32_t old, uint32_t out) {
  return vector(vm, "MPI_Type_create_hvector", count, bl, stride, old, out, true);
}

/* The displacement list of an indexed type: element units (int) or bytes
 * (MPI_Aint, widened into *aints, malloc'd unless count is 0). */
static int displacements(V *vm, const char *fn, G disps, I count, bool bytes,
                         const int32_t **ints, MPI_Aint **aints) {
  static MPI_Aint none[1];
  *ints = NULL, *aints = NULL;
  if (!bytes) {
    if (!(*ints = ms_ints(vm, disps, count))) return MS_BADPTR(vm, fn, "displacements", disps);
    return 0;
  }
  if (count == 0) {
    *aints = none;
    return 0;
  }
  int cls = ABI_ERR_ARG;
  if (!(*aints = ms_aints_in(vm, disps, count, &cls))) {
    if (cls == ABI_ERR_ARG) return MS_BADPTR(vm, fn, "displacements", disps);
    return ms_raise(vm, NULL, cls, fn, "cannot copy %d displacements", count);
  }
  return 0;
}

static void free_aints(MPI_Aint *a, I count) {
  if (count > 0) free(a);
}

static __int128 disp_at(const int32_t *ints, const MPI_Aint *aints, I i, const ms_type *o) {
  return ints ? (__int128)ints[i] * o->extent : (__int128)aints[i];
}

/* indexed / hindexed: per-block lengths; indexed_block: one length for all */
static int indexed(V *vm, const char *fn, I count, G bls, I bl, bool per_block, G disps,
                   G old, G out, bool bytes) {
  ms_type *o;
  int cls;
  if ((cls = old_type(vm, fn, old, &o)) || (cls = args_ok(vm, fn, count, out))) return cls;
  const int32_t *lens = NULL;
  if (per_block) {
    if (!(lens = ms_ints(vm, bls, count))) return MS_BADPTR(vm, fn, "blocklengths", bls);
  } else if (bl < 0) {
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "negative blocklength %d", bl);
  }
  const int32_t *di;
  MPI_Aint *da;
  if ((cls = displacements(vm, fn, disps, count, bytes, &di, &da))) return cls;
  ms_hull h = {.comps = &old, .ncomps = 1};
  for (I i = 0; i < count; i++) {
    I n = per_block ? lens[i] : bl;
    if (n < 0) {
      free_aints(da, bytes ? count : 0);
      return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "negative blocklength %d at %d", n, i);
    }
    __int128 d = disp_at(di, da, i, o);
    ms_hull_add(&h, o, d, d, n, 1);
  }
  if (count == 0) ms_hull_add(&h, o, 0, 0, 0, 0); /* still inherits transport_only */
  if ((cls = ms_hull_check(vm, fn, &h))) {
    free_aints(da, bytes ? count : 0);
    return cls;
  }
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc;
  if (per_block)
    rc = bytes ? MPI_Type_create_hindexed(count, lens, da, o->host, &nt)
               : MPI_Type_indexed(count, lens, di, o->host, &nt);
  else
    rc = bytes ? MPI_Type_create_hindexed_block(count, bl, da, o->host, &nt)
               : MPI_Type_create_indexed_block(count, bl, di, o->host, &nt);
  free_aints(da, bytes ? count : 0);
  return ms_type_finish(vm, fn, rc, nt, &h, out);
}

int32_t ms_MPI_Type_indexed(V *vm, int32_t count, uint32_t bls, uint32_t disps, uint32_t old, uint32_t out) {
  return indexed(vm, "MPI_Type_indexed", count, bls, 0, true, disps, old, out, false);
}
int32_t ms_MPI_Type_create_hindexed(V *vm, int32_t count, uint32_t bls, uint32_t disps, uint32_t old, uint32_t out) {
  return indexed(vm, "MPI_Type_create_hindexed", count, bls, 0, true, disps, old, out, true);
}
int32_t ms_MPI_Type_create_indexed_block(V *vm, int32_t count, int32_t bl, uint32_t disps, uint32_t old, uint32_t out) {
  return indexed(vm, "MPI_Type_create_indexed_block", count, 0, bl, false, disps, old, out,
                 false);
}
int32_t ms_MPI_Type_create_hindexed_block(V *vm, int32_t count, int32_t bl, uint32_t disps, uint32_t old, uint32_t out) {
  return indexed(vm, "MPI_Type_create_hindexed_block", count, 0, bl, false, disps, old, out,
                 true);
}

int32_t ms_MPI_Type_create_struct(V *vm, int32_t count, uint32_t bls, uint32_t disps, uint32_t types, uint32_t out) {
  static const char fn[] = "MPI_Type_create_struct";
  int cls;
  if ((cls = args_ok(vm, fn, count, out))) return cls;
  const int32_t *lens = ms_ints(vm, bls, count);
  if (!lens) return MS_BADPTR(vm, fn, "blocklengths", bls);
  const int32_t *th = ms_ints(vm, types, count);
  if (!th) return MS_BADPTR(vm, fn, "datatypes", types);
  const int32_t *di;
  MPI_Aint *da;
  if ((cls = displacements(vm, fn, disps, count, true, &di, &da))) return cls;
  MPI_Datatype *ht = malloc(((size_t)count + 1) * sizeof *ht);
  if (!ht) {
    free_aints(da, count);
    return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "cannot copy %d datatypes", count);
  }
  ms_hull h = {.comps = (const uint32_t *)th, .ncomps = (uint32_t)count};
  for (I i = 0; i < count && !cls; i++) {
    ms_type *o;
    if (ms_type_get((ms_gh)th[i], &o))
      cls = ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x at %d",
                     (unsigned)th[i], i);
    else if (lens[i] < 0)
      cls = ms_raise(vm, NULL, ABI_ERR_ARG, fn, "negative blocklength %d at %d", lens[i], i);
    else {
      ht[i] = o->host;
      ms_hull_add(&h, o, da[i], da[i], lens[i], 1);
    }
  }
  if (!cls) cls = ms_hull_check(vm, fn, &h);
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc = cls ? MPI_SUCCESS : MPI_Type_create_struct(count, lens, da, ht, &nt);
  free(ht);
  free_aints(da, count);
  return cls ? cls : ms_type_finish(vm, fn, rc, nt, &h, out);
}

int32_t ms_MPI_Type_create_resized(V *vm, uint32_t old, int32_t lb, int32_t extent, uint32_t out) {
  static const char fn[] = "MPI_Type_create_resized";
  ms_type *o;
  int cls;
  if ((cls = old_type(vm, fn, old, &o)) || (cls = args_ok(vm, fn, 0, out))) return cls;
  ms_hull h = {.comps = &old, .ncomps = 1};
  ms_hull_add(&h, o, 0, 0, 1, 1);
  h.lo = min128(h.lo, lb), h.hi = max128(h.hi, (__int128)lb + extent);
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc = MPI_Type_create_resized(o->host, lb, extent, &nt);
  return ms_type_finish(vm, fn, rc, nt, &h, out);
}

int32_t ms_MPI_Type_dup(V *vm, uint32_t old, uint32_t out) {
  static const char fn[] = "MPI_Type_dup";
  ms_type *o;
  int cls;
  if ((cls = old_type(vm, fn, old, &o)) || (cls = args_ok(vm, fn, 0, out))) return cls;
  ms_hull h = {.comps = &old, .ncomps = 1};
  ms_hull_add(&h, o, 0, 0, 1, 1);
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc = MPI_Type_dup(o->host, &nt);
  if ((cls = ms_type_finish(vm, fn, rc, nt, &h, out))) return cls;
  /* a duplicate keeps the committed state (the host's does) */
  ms_type *t;
  if (ms_type_get((ms_gh)ms_get32(vm, out), &t) == 0) t->committed = o->committed || o->predefined;
  return 0;
}
