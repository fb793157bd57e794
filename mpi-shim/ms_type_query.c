/* ms_type_query.c — commit and free, the size and extent queries (answered
 * from our record: the guest-visible values), names, MPI_Type_match_size,
 * and the address functions (guest addresses, 32-bit MPI_Aint). */
#include <limits.h>
#include <string.h>

#include "ms_type.h"

static int bad_type(V *vm, const char *fn, G h) {
  return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x", (unsigned)h);
}

int32_t ms_MPI_Type_commit(V *vm, uint32_t ptype) {
  static const char fn[] = "MPI_Type_commit";
  ms_gh h;
  ms_type *t;
  int cls = ms_type_at(vm, ptype, &h, &t);
  if (cls == ABI_ERR_ARG) return MS_BADPTR(vm, fn, "datatype", ptype);
  if (cls) return bad_type(vm, fn, h);
  if (t->predefined || t->committed) return 0;
  int rc = MPI_Type_commit(&t->host);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  t->committed = true;
  return 0;
}

static int type_release(void *rec, ms_gh h) {
  int rc = MPI_Type_free(&((ms_type *)rec)->host);
  if (rc == MPI_SUCCESS) ms_type_extra_drop(h);
  return rc;
}

int32_t ms_MPI_Type_free(V *vm, uint32_t ptype) {
  MS_NO_REENTRY(vm, "MPI_Type_free");
  static const char fn[] = "MPI_Type_free";
  ms_gh h;
  ms_type *t;
  int cls = ms_type_at(vm, ptype, &h, &t);
  if (cls == ABI_ERR_ARG) return MS_BADPTR(vm, fn, "datatype", ptype);
  if (cls) return bad_type(vm, fn, h);
  if (t->predefined)
    return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "cannot free predefined datatype 0x%x",
                    (unsigned)h);
  /* Pending operations of ours may still use it (they pin it): the host
   * type and our record go with the last. */
  ms_orphans_poll();
  int rc = ms_obj_release(MS_TYPE, h, type_release);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  ms_put32(vm, ptype, ABI_DATATYPE_NULL);
  return 0;
}

/* The record of a query's type and a check of its out-pointers (`width`
 * bytes each at o1 and o2). */
static int query(V *vm, const char *fn, G type, ms_type **t, G o1, G o2, unsigned width) {
  if (ms_type_get(type, t)) return bad_type(vm, fn, type);
  if (!ms_in_mem(vm, o1, width)) return MS_BADPTR(vm, fn, "output argument", o1);
  if (!ms_in_mem(vm, o2, width)) return MS_BADPTR(vm, fn, "output argument", o2);
  return 0;
}

int32_t ms_MPI_Type_size(V *vm, uint32_t type, uint32_t size) {
  ms_type *t;
  int cls = query(vm, "MPI_Type_size", type, &t, size, size, 4);
  if (cls) return cls;
  /* MPI-4: a size an int cannot hold is reported as MPI_UNDEFINED */
  ms_put32(vm, size, t->size > INT_MAX ? ABI_UNDEFINED : (int32_t)t->size);
  return 0;
}

static int size_count(V *vm, const char *fn, G type, G size) {
  ms_type *t;
  int cls = query(vm, fn, type, &t, size, size, 8);
  if (cls) return cls;
  ms_put64(vm, size, t->size);
  return 0;
}
int32_t ms_MPI_Type_size_x(V *vm, uint32_t type, uint32_t size) {
  return size_count(vm, "MPI_Type_size_x", type, size);
}
int32_t ms_MPI_Type_size_c(V *vm, uint32_t type, uint32_t size) {
  return size_count(vm, "MPI_Type_size_c", type, size);
}

/* Guest MPI_Aint outputs: a value that does not fit 32 bits is reported as
 * MPI_UNDEFINED (MPI-4 semantics), never truncated. */
static int32_t aint_or_undefined(int64_t v) {
  return v < INT32_MIN || v > INT32_MAX ? ABI_UNDEFINED : (int32_t)v;
}

static int extent(V *vm, const char *fn, G type, G lb, G ext, bool is_true, unsigned width) {
  ms_type *t;
  int cls = query(vm, fn, type, &t, lb, ext, width);
  if (cls) return cls;
  int64_t l = is_true ? t->true_lb : t->lb, e = is_true ? t->true_extent : t->extent;
  if (width == 8) {
    ms_put64(vm, lb, l);
    ms_put64(vm, ext, e);
  } else {
    ms_put32(vm, lb, aint_or_undefined(l));
    ms_put32(vm, ext, aint_or_undefined(e));
  }
  return 0;
}
int32_t ms_MPI_Type_get_extent(V *vm, uint32_t type, uint32_t lb, uint32_t ext) {
  return extent(vm, "MPI_Type_get_extent", type, lb, ext, false, 4);
}
int32_t ms_MPI_Type_get_extent_x(V *vm, uint32_t type, uint32_t lb, uint32_t ext) {
  return extent(vm, "MPI_Type_get_extent_x", type, lb, ext, false, 8);
}
int32_t ms_MPI_Type_get_extent_c(V *vm, uint32_t type, uint32_t lb, uint32_t ext) {
  return extent(vm, "MPI_Type_get_extent_c", type, lb, ext, false, 8);
}
int32_t ms_MPI_Type_get_true_extent(V *vm, uint32_t type, uint32_t lb, uint32_t ext) {
  return extent(vm, "MPI_Type_get_true_extent", type, lb, ext, true, 4);
}
int32_t ms_MPI_Type_get_true_extent_x(V *vm, uint32_t type, uint32_t lb, uint32_t ext) {
  return extent(vm, "MPI_Type_get_true_extent_x", type, lb, ext, true, 8);
}
int32_t ms_MPI_Type_get_true_extent_c(V *vm, uint32_t type, uint32_t lb, uint32_t ext) {
  return extent(vm, "MPI_Type_get_true_extent_c", type, lb, ext, true, 8);
}

/* ---- names ---- */

int32_t ms_MPI_Type_set_name(V *vm, uint32_t type, uint32_t name) {
  static const char fn[] = "MPI_Type_set_name";
  ms_type *t;
  if (ms_type_get(type, &t)) return bad_type(vm, fn, type);
  const char *s = ms_gstr(vm, name, (size_t)1 << 20);
  if (!s) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "type_name 0x%x is not a string in guest memory",
                          (unsigned)name);
  int cls = ms_type_name_set(type, s);
  return cls ? ms_raise(vm, NULL, cls, fn, "cannot store the name") : 0;
}

int32_t ms_MPI_Type_get_name(V *vm, uint32_t type, uint32_t name, uint32_t len) {
  static const char fn[] = "MPI_Type_get_name";
  ms_type *t;
  if (ms_type_get(type, &t)) return bad_type(vm, fn, type);
  const char *s = ms_type_name_get(type);
  if (!s && t->predefined) s = ms_type_predef_name(type);
  if (!s) s = "";
  size_t n = strlen(s);
  if (!ms_in_mem(vm, name, n + 1)) return MS_BADPTR(vm, fn, "type_name", name);
  if (!ms_in_mem(vm, len, 4)) return MS_BADPTR(vm, fn, "resultlen", len);
  memcpy(vm->mem_base + name, s, n + 1);
  ms_put32(vm, len, (int32_t)n);
  return 0;
}

/* ---- MPI_Type_match_size ----
 * The Fortran-named type of that class and size if the shim has it (as Open
 * MPI answers), else the C type of that size. */
int32_t ms_MPI_Type_match_size(V *vm, int32_t typeclass, int32_t size, uint32_t out) {
  static const char fn[] = "MPI_Type_match_size";
  static const struct {
    int cls, size;
    ms_gh fortran, c;
  } table[] = {
    {ABI_TYPECLASS_INTEGER, 1, ABI_INTEGER1, ABI_INT8_T},
    {ABI_TYPECLASS_INTEGER, 2, ABI_INTEGER2, ABI_INT16_T},
    {ABI_TYPECLASS_INTEGER, 4, ABI_INTEGER4, ABI_INT32_T},
    {ABI_TYPECLASS_INTEGER, 8, ABI_INTEGER8, ABI_INT64_T},
    {ABI_TYPECLASS_INTEGER, 16, ABI_INTEGER16, 0},
    {ABI_TYPECLASS_REAL, 2, ABI_REAL2, 0},
    {ABI_TYPECLASS_REAL, 4, ABI_REAL4, ABI_FLOAT},
    {ABI_TYPECLASS_REAL, 8, ABI_REAL8, ABI_DOUBLE},
    {ABI_TYPECLASS_REAL, 16, ABI_REAL16, ABI_LONG_DOUBLE},
    {ABI_TYPECLASS_COMPLEX, 8, ABI_COMPLEX8, ABI_C_FLOAT_COMPLEX},
    {ABI_TYPECLASS_COMPLEX, 16, ABI_COMPLEX16, ABI_C_DOUBLE_COMPLEX},
    {ABI_TYPECLASS_COMPLEX, 32, ABI_COMPLEX32, ABI_C_LONG_DOUBLE_COMPLEX},
  };
  if (!ms_in_mem(vm, out, 4)) return MS_BADPTR(vm, fn, "datatype", out);
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    if (table[i].cls != typeclass || table[i].size != size) continue;
    ms_gh cand[2] = {table[i].fortran, table[i].c};
    for (int j = 0; j < 2; j++) {
      ms_type *t;
      if (cand[j] && ms_type_get(cand[j], &t) == 0 && t->size == size) {
        ms_put32(vm, out, (int32_t)cand[j]);
        return 0;
      }
    }
  }
  return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "no predefined type of class %d and size %d",
                  typeclass, size);
}

/* ---- addresses ---- */

int32_t ms_MPI_Get_address(V *vm, uint32_t location, uint32_t address) {
  static const char fn[] = "MPI_Get_address";
  /* a guest pointer: its address is itself (MPI_BOTTOM is guest 0) */
  if (!ms_in_mem(vm, location, 0)) return MS_BADPTR(vm, fn, "location", location);
  if (!ms_in_mem(vm, address, 4)) return MS_BADPTR(vm, fn, "address", address);
  ms_put32(vm, address, (int32_t)location);
  return 0;
}

/* Address arithmetic on guest addresses is 32-bit, as in the guest itself. */
int32_t ms_MPI_Aint_add(V *vm, int32_t base, int32_t disp) {
  (void)vm;
  return (int32_t)((uint32_t)base + (uint32_t)disp);
}

int32_t ms_MPI_Aint_diff(V *vm, int32_t a, int32_t b) {
  (void)vm;
  return (int32_t)((uint32_t)a - (uint32_t)b);
}
