/* ms_type_query.c — what the generated datatype wrappers call
 * (gen-kinds-type.awk, ms_type.h) besides the record's sizes and extents:
 * commit and free, names, MPI_Type_match_size.  Every wrapper of this file
 * is generated. */
#include <string.h>

#include "ms_type.h"

int ms_ty_commit(ms_type *t, ms_gh h) {
  (void)h;
  if (t->predefined || t->committed) return MPI_SUCCESS;
  int rc = MPI_Type_commit(&t->host);
  if (rc == MPI_SUCCESS) t->committed = true;
  return rc;
}

static int type_release(void *rec, ms_gh h) {
  int rc = MPI_Type_free(&((ms_type *)rec)->host);
  if (rc == MPI_SUCCESS) ms_type_extra_drop(h);
  return rc;
}

int ms_ty_free(ms_type *t, ms_gh h) {
  (void)t;
  /* Pending operations of ours may still use it (they pin it): the host
   * type and our record go with the last. */
  ms_orphans_poll();
  return ms_obj_release(MS_TYPE, h, type_release);
}

/* ---- names ---- */

int ms_ty_set_name(ms_type *t, ms_gh h, const char *name) {
  (void)t;
  return ms_type_name_set(h, name) ? MPI_ERR_NO_MEM : MPI_SUCCESS;
}

int ms_ty_get_name(const ms_type *t, ms_gh h, const char **name, int *len) {
  const char *s = ms_type_name_get(h);
  if (!s && t->predefined) s = ms_type_predef_name(h);
  if (!s) s = "";
  *name = s;
  *len = (int)strlen(s);
  return MPI_SUCCESS;
}

/* ---- MPI_Type_match_size ----
 * The Fortran-named type of that class and size if the shim has it (as Open
 * MPI answers), else the C type of that size. */
int ms_ty_match_size(int typeclass, int size, ms_gh *type) {
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
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    if (table[i].cls != typeclass || table[i].size != size) continue;
    ms_gh cand[2] = {table[i].fortran, table[i].c};
    for (int j = 0; j < 2; j++) {
      ms_type *t;
      if (cand[j] && ms_type_get(cand[j], &t) == 0 && t->size == size) {
        *type = cand[j];
        return MPI_SUCCESS;
      }
    }
  }
  return MPI_ERR_ARG;
}
