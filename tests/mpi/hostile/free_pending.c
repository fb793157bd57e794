/* free_pending.c — freeing objects while nonblocking operations on them are
 * pending, which MPI allows (the object goes when they complete) and which
 * crashes Open MPI 4.1 for a communicator under a nonblocking collective
 * (natively too).  The shim defers the host free until the last one
 * completes (the requests pin it: ms_obj_release, ms_obj_unpin): the handle is freed
 * at once (MPI_COMM_NULL in the guest's variable, the old value invalid),
 * the operations complete with the right results, and the attribute delete
 * callbacks of the communicator run once, when the host frees it.  Also a
 * derived datatype and a user op freed under pending operations, and a
 * nonblocking collective that cannot be freed with MPI_Request_free
 * (erroneous, MPI-3.1 5.12).  Expected: free_pending.expected, from the
 * standard's rules. */
//! RUN 4 => return free_pending.expected
//! RUN 2 => return free_pending.expected
#include "hostile.h"

static int rank, size;
static int deletes;

static int count_delete(MPI_Comm c, int key, void *val, void *extra) {
  (void)c; (void)key; (void)val; (void)extra;
  deletes++;
  return MPI_SUCCESS;
}
static void sum_op(void *in, void *inout, int *len, MPI_Datatype *dt) {
  (void)dt;
  for (int i = 0; i < *len; i++) ((int *)inout)[i] += ((int *)in)[i];
}

static void cls(const char *label, int rc) {
  int c;
  MPI_Error_class(rc, &c);
  same(label, c == MPI_SUCCESS ? 0 : c == MPI_ERR_REQUEST ? 1 : c == MPI_ERR_COMM ? 2 : 9);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int key;
  MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, count_delete, &key, NULL);

  /* A communicator freed under two nonblocking collectives. */
  MPI_Comm d, old;
  MPI_Comm_dup(MPI_COMM_WORLD, &d);
  MPI_Comm_set_attr(d, key, NULL);
  int x = rank + 1, sum = 0, b = rank == 0 ? 77 : 0;
  MPI_Request r[2];
  MPI_Iallreduce(&x, &sum, 1, MPI_INT, MPI_SUM, d, &r[0]);
  MPI_Ibcast(&b, 1, MPI_INT, 0, d, &r[1]);
  old = d;
  deletes = 0;
  cls("comm_free_pending", MPI_Comm_free(&d));
  same("comm_free_pending_null", d == MPI_COMM_NULL);
  int sz;
  cls("comm_freed_handle", MPI_Comm_size(old, &sz)); /* 2: MPI_ERR_COMM */
  same("deletes_before_wait", deletes);
  cls("wait_first", MPI_Wait(&r[0], MPI_STATUS_IGNORE));
  same("deletes_after_first", deletes);
  cls("wait_second", MPI_Wait(&r[1], MPI_STATUS_IGNORE));
  same("deletes_after_last", deletes);
  same("allreduce_sum_ok", sum == size * (size + 1) / 2);
  same("bcast_ok", b == 77);
  cls("comm_free_twice", MPI_Comm_free(&old)); /* the old handle: invalid */

  /* ... under a pending Ibarrier, completed by Waitall with a p2p request. */
  MPI_Comm_dup(MPI_COMM_WORLD, &d);
  MPI_Ibarrier(d, &r[0]);
  MPI_Irecv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &r[1]);
  cls("comm_free_ibarrier", MPI_Comm_free(&d));
  cls("ibarrier_request_free", MPI_Request_free(&r[0])); /* 1: erroneous, refused */
  cls("ibarrier_waitall", MPI_Waitall(2, r, MPI_STATUSES_IGNORE));
  same("ibarrier_requests_null", r[0] == MPI_REQUEST_NULL && r[1] == MPI_REQUEST_NULL);

  /* A communicator with a completed collective frees at once. */
  MPI_Comm_dup(MPI_COMM_WORLD, &d);
  MPI_Comm_set_attr(d, key, NULL);
  MPI_Ibarrier(d, &r[0]);
  MPI_Wait(&r[0], MPI_STATUS_IGNORE);
  deletes = 0;
  cls("comm_free_done", MPI_Comm_free(&d));
  same("deletes_at_free", deletes);

  /* The parent of a pending MPI_Comm_idup. */
  MPI_Comm e = MPI_COMM_NULL;
  MPI_Comm_dup(MPI_COMM_WORLD, &d);
  MPI_Comm_idup(d, &e, &r[0]);
  cls("comm_free_idup_parent", MPI_Comm_free(&d));
  cls("idup_wait", MPI_Wait(&r[0], MPI_STATUS_IGNORE));
  int esz = -1;
  MPI_Comm_size(e, &esz);
  same("idup_size_ok", esz == size);
  cls("idup_barrier", MPI_Barrier(e));
  cls("idup_free", MPI_Comm_free(&e));

  /* A derived datatype and a user op freed under pending operations. */
  MPI_Datatype t;
  MPI_Type_vector(3, 1, 2, MPI_INT, &t);
  MPI_Type_commit(&t);
  int a[6] = {0};
  if (rank == 0)
    for (int i = 0; i < 6; i++) a[i] = i + 1;
  MPI_Ibcast(a, 1, t, 0, MPI_COMM_WORLD, &r[0]);
  cls("type_free_pending", MPI_Type_free(&t));
  cls("type_wait", MPI_Wait(&r[0], MPI_STATUS_IGNORE));
  same("type_bcast_ok", a[0] == 1 && a[2] == 3 && a[4] == 5 && (rank == 0 || a[1] == 0));
  MPI_Op op;
  MPI_Op_create(sum_op, 1, &op);
  x = rank + 1;
  MPI_Iallreduce(&x, &sum, 1, MPI_INT, op, MPI_COMM_WORLD, &r[0]);
  cls("op_free_pending", MPI_Op_free(&op));
  cls("op_wait", MPI_Wait(&r[0], MPI_STATUS_IGNORE));
  same("op_sum_ok", sum == size * (size + 1) / 2);

  MPI_Comm_free_keyval(&key);
  MPI_Finalize();
  if (rank == 0) printf("done\n");
  return 0;
}
