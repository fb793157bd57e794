/* type_attr.c — datatype attributes: keyvals with user copy and delete
 * callbacks (called from MPI_Type_dup, MPI_Type_free and
 * MPI_Type_delete_attr), MPI_TYPE_DUP_FN and MPI_TYPE_NULL_COPY_FN, get/set/
 * delete, and MPI_Type_free_keyval with attributes still set. */
/* ranks: 4 1 */
#include <mpi.h>
#include <stdio.h>

static int rank, errors, copies, deletes;
static int extra_seen;
static MPI_Datatype last_deleted;

static int copy_fn(MPI_Datatype old, int keyval, void *extra, void *in, void *out, int *flag) {
  copies++;
  if (*(int *)extra != 77) extra_seen = -1;
  int *v = in;
  /* the copy carries the value + 1000 (a pointer into a static array) */
  static int vals[16];
  static int n;
  vals[n % 16] = *v + 1000;
  *(int **)out = &vals[n++ % 16];
  *flag = 1;
  (void)old, (void)keyval;
  return MPI_SUCCESS;
}

static int delete_fn(MPI_Datatype t, int keyval, void *value, void *extra) {
  deletes++;
  last_deleted = t;
  (void)keyval, (void)value, (void)extra;
  return MPI_SUCCESS;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  static int extra = 77, v1 = 5, v2 = 9;
  int kcopy, kdup, knull, flag;
  MPI_Type_create_keyval(copy_fn, delete_fn, &kcopy, &extra);
  MPI_Type_create_keyval(MPI_TYPE_DUP_FN, MPI_TYPE_NULL_DELETE_FN, &kdup, NULL);
  MPI_Type_create_keyval(MPI_TYPE_NULL_COPY_FN, delete_fn, &knull, NULL);

  MPI_Datatype t, d, dd;
  MPI_Type_contiguous(4, MPI_INT, &t);
  MPI_Type_set_attr(t, kcopy, &v1);
  MPI_Type_set_attr(t, kdup, &v2);
  MPI_Type_set_attr(t, knull, &v2);
  int *p = NULL;
  MPI_Type_get_attr(t, kcopy, &p, &flag);
  if (!flag || p != &v1) errors++;

  MPI_Type_dup(t, &d);
  MPI_Type_get_attr(d, kcopy, &p, &flag);
  int cval = flag ? *p : -1;
  MPI_Type_get_attr(d, kdup, &p, &flag);
  int dval = flag && p == &v2 ? *p : -1;
  MPI_Type_get_attr(d, knull, &p, &flag);
  if (rank == 0)
    printf("dup: copy_fn value %d, DUP_FN value %d, NULL_COPY_FN present %d, copies %d\n", cval,
           dval, flag, copies);
  MPI_Type_dup(d, &dd); /* copies again, from the copy */
  MPI_Type_get_attr(dd, kcopy, &p, &flag);
  if (rank == 0) printf("dup of dup: %d\n", flag ? *p : -1);

  /* delete callbacks: explicit delete, replacement by set, free */
  MPI_Type_delete_attr(t, knull);
  if (last_deleted != t) errors++;
  MPI_Type_get_attr(t, knull, &p, &flag);
  if (flag) errors++;
  MPI_Type_set_attr(t, kcopy, &v2); /* replaces v1: delete_fn runs */
  MPI_Type_get_attr(t, kcopy, &p, &flag);
  if (!flag || p != &v2) errors++;
  int before = deletes;
  MPI_Type_free(&dd);
  if (rank == 0) printf("deletes: %d, then free of a type with one: +%d\n", before, deletes - before);

  /* a freed keyval's attributes stay until their type goes */
  MPI_Type_free_keyval(&kcopy);
  if (kcopy != MPI_KEYVAL_INVALID) errors++;
  before = deletes;
  MPI_Type_free(&d);
  MPI_Type_free(&t);
  if (rank == 0) printf("after free_keyval, freeing two types: +%d deletes\n", deletes - before);

  /* attributes on a predefined type */
  MPI_Type_set_attr(MPI_DOUBLE, kdup, &v1);
  MPI_Type_get_attr(MPI_DOUBLE, kdup, &p, &flag);
  if (!flag || p != &v1) errors++;
  MPI_Type_delete_attr(MPI_DOUBLE, kdup);
  MPI_Type_free_keyval(&kdup);
  MPI_Type_free_keyval(&knull);
  if (extra_seen) errors++;

  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_attr: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
