/* ms_type_decode.c — MPI_Type_get_envelope (its generated wrapper calls
 * ms_ty_envelope) and MPI_Type_get_contents: the
 * host's decoding, with combiners, orders and distributions mapped to the ABI,
 * displacements narrowed to the guest's 32-bit MPI_Aint (refused if they do
 * not fit), and component datatypes handed back as guest handles: the
 * predefined handle for a named type, a new handle for a derived one (the
 * guest frees it, as MPI requires).
 *
 * hand-written: MPI_Type_get_contents (the sizes of its arrays come from the
 * host's envelope, and the component handles it hands out are made, or
 * released on failure, together). */
#include <stdlib.h>

#include "ms_type.h"

static int combiner_out(int host) {
  if (host == MPI_COMBINER_NAMED) return ABI_COMBINER_NAMED;
  if (host == MPI_COMBINER_DUP) return ABI_COMBINER_DUP;
  if (host == MPI_COMBINER_CONTIGUOUS) return ABI_COMBINER_CONTIGUOUS;
  if (host == MPI_COMBINER_VECTOR) return ABI_COMBINER_VECTOR;
  if (host == MPI_COMBINER_HVECTOR) return ABI_COMBINER_HVECTOR;
  if (host == MPI_COMBINER_INDEXED) return ABI_COMBINER_INDEXED;
  if (host == MPI_COMBINER_HINDEXED) return ABI_COMBINER_HINDEXED;
  if (host == MPI_COMBINER_INDEXED_BLOCK) return ABI_COMBINER_INDEXED_BLOCK;
  if (host == MPI_COMBINER_HINDEXED_BLOCK) return ABI_COMBINER_HINDEXED_BLOCK;
  if (host == MPI_COMBINER_STRUCT) return ABI_COMBINER_STRUCT;
  if (host == MPI_COMBINER_SUBARRAY) return ABI_COMBINER_SUBARRAY;
  if (host == MPI_COMBINER_DARRAY) return ABI_COMBINER_DARRAY;
  if (host == MPI_COMBINER_F90_INTEGER) return ABI_COMBINER_F90_INTEGER;
  if (host == MPI_COMBINER_F90_REAL) return ABI_COMBINER_F90_REAL;
  if (host == MPI_COMBINER_F90_COMPLEX) return ABI_COMBINER_F90_COMPLEX;
  if (host == MPI_COMBINER_RESIZED) return ABI_COMBINER_RESIZED;
  return -1;
}

/* The host's envelope of a guest type; predefined guest types are named
 * whatever their host counterpart is. */
static int envelope(const ms_type *t, int *ni, int *na, int *nd, int *comb) {
  if (t->predefined) {
    *ni = *na = *nd = 0;
    *comb = ABI_COMBINER_NAMED;
    return 0;
  }
  int hc;
  if (MPI_Type_get_envelope(t->host, ni, na, nd, &hc) != MPI_SUCCESS) return ABI_ERR_INTERN;
  *comb = combiner_out(hc);
  return *comb < 0 || *ni < 0 || *na < 0 || *nd < 0 ? ABI_ERR_INTERN : 0;
}

int ms_ty_envelope(const ms_type *t, ms_gh h, int *ni, int *na, int *nd, int *combiner) {
  (void)h;
  return envelope(t, ni, na, nd, combiner) ? MPI_ERR_INTERN : MPI_SUCCESS;
}

/* Orders, distributions and default darray arguments back to ABI values. */
static void ints_out(int comb, int *v, int n) {
  if (comb == ABI_COMBINER_SUBARRAY && n >= 1) {
    int nd = v[0];
    if (n == 3 * nd + 2) v[3 * nd + 1] = ms_order_out(v[3 * nd + 1]);
  } else if (comb == ABI_COMBINER_DARRAY && n >= 3) {
    int nd = v[2];
    if (n != 4 * nd + 4) return;
    for (int i = 0; i < nd; i++) {
      v[3 + nd + i] = ms_distrib_out(v[3 + nd + i]);
      v[3 + 2 * nd + i] = ms_darg_out(v[3 + 2 * nd + i]);
    }
    v[3 + 4 * nd] = ms_order_out(v[3 + 4 * nd]);
  }
}

/* The guest handle for component datatype host (a new reference for a
 * derived type, as host MPI hands it back).  named: the handle the guest
 * built with at this position, if we know it (0 if not). */
static int component_out(MPI_Datatype host, ms_gh named, bool transport_only, ms_gh *out) {
  int ni, na, nd, comb;
  if (MPI_Type_get_envelope(host, &ni, &na, &nd, &comb) != MPI_SUCCESS) return ABI_ERR_INTERN;
  ms_type *n = NULL;
  if (named >= ABI_PREDEF_LIMIT || ms_type_get(named, &n)) n = NULL;
  if (comb == MPI_COMBINER_NAMED) {
    /* several guest types may share a host type (MPI_LONG, MPI_INT32_T) */
    *out = n && n->host == host ? named : ms_type_from_host(host);
    return *out ? 0 : ABI_ERR_INTERN;
  }
  ms_gh known = ms_type_from_host(host);
  if ((n && n->transport_only) || (known && known < ABI_PREDEF_LIMIT)) {
    /* a guest predefined type the host carries as a derived one (long
     * double as bytes): hand back the predefined handle, drop the host's
     * reference */
    MPI_Type_free(&host);
    *out = n && n->transport_only ? named : known;
    return 0;
  }
  int cls = ms_type_wrap(host, transport_only, out);
  /* the copy decodes as the guest's own component would */
  if (!cls && named >= ABI_PREDEF_LIMIT) ms_type_components_copy(*out, named);
  return cls;
}

int32_t ms_MPI_Type_get_contents(V *vm, uint32_t type, int32_t max_i, int32_t max_a, int32_t max_d, uint32_t ints, uint32_t aints, uint32_t types) {
  static const char fn[] = "MPI_Type_get_contents";
  ms_type *t;
  if (ms_type_get(type, &t))
    return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x", (unsigned)type);
  if (t->predefined)
    return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "datatype 0x%x is predefined (MPI_COMBINER_NAMED)",
                    (unsigned)type);
  int ni, na, nd, comb;
  int cls = envelope(t, &ni, &na, &nd, &comb);
  if (cls) return ms_raise(vm, NULL, cls, fn, "host MPI cannot decode datatype 0x%x", (unsigned)type);
  if (max_i < ni || max_a < na || max_d < nd)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn,
                    "arrays of %d, %d, %d entries are too small for %d, %d, %d", max_i, max_a,
                    max_d, ni, na, nd);
  if (!ms_in_mem(vm, ints, (uint64_t)ni * 4)) return MS_BADPTR(vm, fn, "array_of_integers", ints);
  if (!ms_in_mem(vm, aints, (uint64_t)na * 4)) return MS_BADPTR(vm, fn, "array_of_addresses", aints);
  if (!ms_in_mem(vm, types, (uint64_t)nd * 4)) return MS_BADPTR(vm, fn, "array_of_datatypes", types);

  int *hi = malloc(((size_t)ni + 1) * sizeof *hi);
  MPI_Aint *ha = malloc(((size_t)na + 1) * sizeof *ha);
  MPI_Datatype *ht = malloc(((size_t)nd + 1) * sizeof *ht);
  if (!hi || !ha || !ht) {
    free(hi), free(ha), free(ht);
    return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "cannot decode datatype 0x%x", (unsigned)type);
  }
  int rc = MPI_Type_get_contents(t->host, ni, na, nd, hi, ha, ht);
  if (rc != MPI_SUCCESS) {
    free(hi), free(ha), free(ht);
    return ms_check(vm, NULL, rc, fn);
  }
  /* narrow the displacements first: on failure nothing is handed out */
  int bad = -1;
  long long badv = 0;
  for (int i = 0; i < na && bad < 0; i++)
    if (ha[i] < INT32_MIN || ha[i] > INT32_MAX) bad = i, badv = ha[i];
  ms_gh *gt = bad < 0 ? malloc(((size_t)nd + 1) * sizeof *gt) : NULL;
  for (int i = 0; i < nd; i++) {
    if (gt && !cls)
      cls = component_out(ht[i], ms_type_component(type, (uint32_t)i), t->transport_only, &gt[i]);
    else {
      int a, b, c, k; /* release the host's references we will not hand out */
      if (MPI_Type_get_envelope(ht[i], &a, &b, &c, &k) == MPI_SUCCESS && k != MPI_COMBINER_NAMED)
        MPI_Type_free(&ht[i]);
    }
  }
  if (bad >= 0 || !gt || cls) {
    /* components wrapped before a failure (out of memory only) stay as
     * handles the guest never saw */
    free(hi), free(ha), free(ht), free(gt);
    if (bad >= 0)
      return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "displacement %lld does not fit a 32-bit MPI_Aint",
                      badv);
    return ms_raise(vm, NULL, cls ? cls : ABI_ERR_NO_MEM, fn,
                    "cannot hand out the component datatypes");
  }
  ints_out(comb, hi, ni);
  for (int i = 0; i < ni; i++) ms_put32(vm, ints + 4 * (uint32_t)i, hi[i]);
  for (int i = 0; i < na; i++) ms_put32(vm, aints + 4 * (uint32_t)i, (int32_t)ha[i]);
  for (int i = 0; i < nd; i++) ms_put32(vm, types + 4 * (uint32_t)i, (int32_t)gt[i]);
  free(hi), free(ha), free(ht), free(gt);
  return 0;
}
