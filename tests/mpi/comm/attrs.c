/* attrs.c — communicator attributes: keyvals with user copy and delete
 * callbacks (copies propagate through Comm_dup with a transformed value,
 * extra_state reaches the callbacks, deletes are counted on replace, delete
 * and free), the predefined MPI_COMM_DUP_FN / MPI_COMM_NULL_COPY_FN /
 * MPI_COMM_NULL_DELETE_FN, a copy callback that declines and one that
 * fails, the deprecated Keyval_create/Attr_put/Attr_get/Attr_delete/
 * Keyval_free, and the predefined attributes (MPI_TAG_UB, MPI_HOST, MPI_IO,
 * MPI_WTIME_IS_GLOBAL, MPI_APPNUM, MPI_UNIVERSE_SIZE, MPI_LASTUSEDCODE), and a
 * delete callback MPI_Finalize runs for an attribute of MPI_COMM_SELF. */
/* ranks: 4 1 2 */
#include "cm_log.h"

static int copies, deletes, last_deleted, extra_seen;
static int payload[8]; /* attribute values point into this */

/* Copies an attribute pointing at payload[i] as one pointing at payload[i+1]. */
static int copy_next(MPI_Comm comm, int key, void *extra, void *in, void *out, int *flag) {
  copies++;
  extra_seen = *(int *)extra;
  int *p = in;
  *(void **)out = p + 1;
  *flag = 1;
  return MPI_SUCCESS;
}

static int count_delete(MPI_Comm comm, int key, void *val, void *extra) {
  deletes++;
  last_deleted = *(int *)val;
  return MPI_SUCCESS;
}

/* MPI_Finalize deletes MPI_COMM_SELF's attributes first (MPI-2.2 8.7.1):
 * the callback runs in the guest while the host finalizes. */
static int at_finalize(MPI_Comm comm, int key, void *val, void *extra) {
  if (cm_rank == 0) printf("MPI_Finalize deleted the COMM_SELF attribute %d\n", *(int *)val);
  fflush(stdout);
  return MPI_SUCCESS;
}

static int decline(MPI_Comm comm, int key, void *extra, void *in, void *out, int *flag) {
  *flag = 0;
  return MPI_SUCCESS;
}

static int refuse(MPI_Comm comm, int key, void *extra, void *in, void *out, int *flag) {
  *flag = 0;
  return MPI_ERR_OTHER;
}

static int old_copy(MPI_Comm comm, int key, void *extra, void *in, void *out, int *flag) {
  *(void **)out = (char *)in + 1;
  *flag = 1;
  return MPI_SUCCESS;
}

static void predefined(const char *what, int key, int allowed_missing) {
  int *val = NULL, flag = -1;
  int rc = MPI_Comm_get_attr(MPI_COMM_WORLD, key, &val, &flag);
  if (!flag) {
    CHECK(rc == MPI_SUCCESS && allowed_missing, "%s: not set", what);
    return;
  }
  int x = *val;
  const char *s = cm_r(x);
  if (key == MPI_TAG_UB) CHECK(x >= 32767, "%s: at least 32767", what);
  else if (key == MPI_HOST || key == MPI_IO)
    CHECK(x == MPI_PROC_NULL || x == MPI_ANY_SOURCE || (x >= 0 && x < cm_size), "%s: %s", what, s);
  else if (key == MPI_LASTUSEDCODE) CHECK(x >= MPI_ERR_LASTCODE, "%s: at least MPI_ERR_LASTCODE", what);
  else CHECK(rc == MPI_SUCCESS, "%s: %d", what, x);
}

int main(int argc, char **argv) {
  cm_init(&argc, &argv);
  for (int i = 0; i < 8; i++) payload[i] = 100 + i;
  static int extra = 77;
  int rc, flag = -1;
  void *val = NULL;

  int kv = MPI_KEYVAL_INVALID, kdup, knull, kdecl, kref;
  MPI_Comm_create_keyval(copy_next, count_delete, &kv, &extra);
  CHECK(kv != MPI_KEYVAL_INVALID, "create_keyval with user callbacks");
  MPI_Comm_create_keyval(MPI_COMM_DUP_FN, MPI_COMM_NULL_DELETE_FN, &kdup, NULL);
  MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, MPI_COMM_NULL_DELETE_FN, &knull, NULL);
  MPI_Comm_create_keyval(decline, count_delete, &kdecl, NULL);
  MPI_Comm_create_keyval(refuse, MPI_COMM_NULL_DELETE_FN, &kref, NULL);

  MPI_Comm a;
  MPI_Comm_dup(MPI_COMM_WORLD, &a);
  MPI_Comm_get_attr(a, kv, &val, &flag);
  CHECK(flag == 0, "unset attribute: flag %d", flag);
  MPI_Comm_set_attr(a, kv, &payload[0]);
  MPI_Comm_set_attr(a, kdup, (void *)(size_t)0x1234);
  MPI_Comm_set_attr(a, knull, &payload[5]);
  MPI_Comm_set_attr(a, kdecl, &payload[6]);
  MPI_Comm_get_attr(a, kv, &val, &flag);
  CHECK(flag == 1 && val == &payload[0], "get after set: flag %d value %d", flag,
        flag ? *(int *)val : -1);

  /* Replacing calls delete on the old value. */
  MPI_Comm_set_attr(a, kv, &payload[1]);
  CHECK(deletes == 1 && last_deleted == 100, "replace: %d delete(s), last %d", deletes,
        last_deleted);

  /* Dup: copy_next gives payload[2]; DUP_FN copies; NULL_COPY and decline do not. */
  MPI_Comm b;
  MPI_Comm_dup(a, &b);
  CHECK(copies == 1 && extra_seen == 77, "dup: %d copy call(s), extra_state %d", copies,
        extra_seen);
  MPI_Comm_get_attr(b, kv, &val, &flag);
  CHECK(flag == 1 && val == &payload[2], "copied value %d", flag ? *(int *)val : -1);
  MPI_Comm_get_attr(b, kdup, &val, &flag);
  CHECK(flag == 1 && val == (void *)(size_t)0x1234, "DUP_FN value 0x%lx",
        flag ? (unsigned long)(size_t)val : 0ul);
  MPI_Comm_get_attr(b, knull, &val, &flag);
  CHECK(flag == 0, "NULL_COPY_FN: flag %d", flag);
  MPI_Comm_get_attr(b, kdecl, &val, &flag);
  CHECK(flag == 0, "declining copy: flag %d", flag);
  MPI_Comm_get_attr(a, knull, &val, &flag);
  CHECK(flag == 1 && val == &payload[5], "original keeps NULL_COPY_FN attribute");

  /* A dup of the dup copies again (payload[3]). */
  MPI_Comm c;
  MPI_Request req;
  MPI_Comm_idup(b, &c, &req);
  MPI_Wait(&req, MPI_STATUS_IGNORE);
  MPI_Comm_get_attr(c, kv, &val, &flag);
  CHECK(flag == 1 && val == &payload[3], "idup copies too: %d", flag ? *(int *)val : -1);
  MPI_Comm_free(&c);
  MPI_Comm_dup(b, &c);
  MPI_Comm_get_attr(c, kv, &val, &flag);
  CHECK(flag == 1 && val == &payload[3], "second-generation copy %d (copies %d)",
        flag ? *(int *)val : -1, copies);

  /* Delete and free run delete callbacks. */
  int before = deletes;
  MPI_Comm_delete_attr(b, kv);
  MPI_Comm_get_attr(b, kv, &val, &flag);
  CHECK(flag == 0 && deletes == before + 1 && last_deleted == 102,
        "delete_attr: flag %d, deletes +%d, value %d", flag, deletes - before, last_deleted);
  before = deletes;
  MPI_Comm_free(&c);
  CHECK(deletes == before + 1 && last_deleted == 103, "free runs delete: +%d, value %d",
        deletes - before, last_deleted);
  before = deletes;
  MPI_Comm_free(&a); /* kv (payload[1]) and kdecl (payload[6]) */
  CHECK(deletes == before + 2, "free of original: +%d deletes", deletes - before);

  /* A failing copy callback makes the dup fail with its error. */
  MPI_Comm_set_errhandler(b, MPI_ERRORS_RETURN);
  MPI_Comm_set_attr(b, kref, &payload[7]);
  MPI_Comm d = MPI_COMM_SELF;
  rc = MPI_Comm_dup(b, &d);
  CHECK(rc != MPI_SUCCESS, "dup with a failing copy callback: %s", cm_class(rc));
  MPI_Comm_delete_attr(b, kref);

  /* Freeing a keyval: attributes stay until deleted; the handle is reset. */
  MPI_Comm_set_attr(b, kdecl, &payload[6]);
  MPI_Comm_free_keyval(&kdecl);
  CHECK(kdecl == MPI_KEYVAL_INVALID, "free_keyval resets the handle");
  before = deletes;
  MPI_Comm_free(&b);
  CHECK(deletes == before + 1 && last_deleted == 106,
        "attribute of a freed keyval deleted with its communicator: +%d, value %d",
        deletes - before, last_deleted);
  MPI_Comm_free_keyval(&kv);
  MPI_Comm_free_keyval(&kdup);
  MPI_Comm_free_keyval(&knull);
  MPI_Comm_free_keyval(&kref);

  /* The deprecated interface (still in MPI 3.1's C bindings). */
  int ok;
  MPI_Keyval_create(old_copy, MPI_NULL_DELETE_FN, &ok, NULL);
  MPI_Attr_put(MPI_COMM_SELF, ok, &payload[4]);
  MPI_Comm s2;
  MPI_Comm_dup(MPI_COMM_SELF, &s2);
  MPI_Attr_get(s2, ok, &val, &flag);
  CHECK(flag == 1 && val == (char *)&payload[4] + 1, "Keyval_create/Attr_put/Attr_get: copy is +1");
  MPI_Attr_delete(s2, ok);
  MPI_Attr_get(s2, ok, &val, &flag);
  CHECK(flag == 0, "Attr_delete: flag %d", flag);
  MPI_Attr_delete(MPI_COMM_SELF, ok);
  MPI_Comm_free(&s2);
  MPI_Keyval_free(&ok);
  CHECK(ok == MPI_KEYVAL_INVALID, "Keyval_free resets the handle");

  /* Predefined attributes of MPI_COMM_WORLD. */
  predefined("MPI_TAG_UB", MPI_TAG_UB, 0);
  predefined("MPI_HOST", MPI_HOST, 0);
  predefined("MPI_IO", MPI_IO, 0);
  predefined("MPI_WTIME_IS_GLOBAL", MPI_WTIME_IS_GLOBAL, 1);
  predefined("MPI_APPNUM", MPI_APPNUM, 1);
  predefined("MPI_UNIVERSE_SIZE", MPI_UNIVERSE_SIZE, 1);
  predefined("MPI_LASTUSEDCODE", MPI_LASTUSEDCODE, 1);
  int *ub1, *ub2;
  MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &ub1, &flag);
  MPI_Comm dw;
  MPI_Comm_dup(MPI_COMM_WORLD, &dw);
  MPI_Comm_get_attr(dw, MPI_TAG_UB, &ub2, &flag);
  CHECK(flag && *ub1 == *ub2, "MPI_TAG_UB on a dup: flag %d, same value %d", flag, *ub1 == *ub2);
  rc = MPI_Comm_get_attr(MPI_COMM_SELF, MPI_TAG_UB, &ub2, &flag);
  CHECK(rc == MPI_SUCCESS, "MPI_TAG_UB on COMM_SELF: flag %d", flag);
  MPI_Comm_free(&dw);

  int kfin;
  MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, at_finalize, &kfin, NULL);
  MPI_Comm_set_attr(MPI_COMM_SELF, kfin, &payload[7]);
  return cm_finish();
}
