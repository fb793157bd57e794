/* free_pinned.c — legal frees of objects that pending nonblocking or
 * persistent operations still use (the companion of free_pending.c):
 *  - a derived datatype and a user op freed under a pending MPI_Iallreduce
 *    that uses both, with the op run on MPI_INT meanwhile and more user ops
 *    made than the shim has host trampolines (the freed op's trampoline
 *    must still find the freed type and call the freed op's function);
 *  - a communicator and a datatype freed while persistent requests on them
 *    exist: they still start and complete, and the communicator goes
 *    (its attribute delete function runs) when the last request is freed;
 *  - MPI_Request_free of an active receive, then MPI_Comm_free of its
 *    communicator, then the matching send (Open MPI 4.1 reads the freed
 *    communicator natively here, in its progress engine: valgrind shows it);
 *  - MPI_Request_free of an active persistent receive, likewise.
 * MPI: a free marks the object for deallocation; pending operations
 * complete normally (MPI-4.1 3.7.3, 5.1.11, 6.9.5, 7.4.4); attribute delete
 * functions run once, at the latest when the object goes.  Expected:
 * free_pinned.expected (classes coded 0 success, else the class; truth
 * values 1/0), from the standard. */
//! RUN 2 => return free_pinned.expected
#include "hostile.h"

static int rank, size;
static int deletes;
static int count_delete(MPI_Comm c, int key, void *val, void *extra) {
  (void)c; (void)key; (void)val; (void)extra;
  deletes++;
  return MPI_SUCCESS;
}
/* The 2-int contiguous type or MPI_INT: the op adds ints either way (it
 * cannot ask about a freed datatype's handle). */
static int op_calls;
static void sum2(void *in, void *inout, int *len, MPI_Datatype *dt) {
  int n = *dt == MPI_INT ? *len : 2 * *len;
  op_calls++;
  for (int i = 0; i < n; i++) ((int *)inout)[i] += ((int *)in)[i];
}

/* What the other ops do: a pending reduction must never call it. */
static void poison(void *in, void *inout, int *len, MPI_Datatype *dt) {
  (void)in; (void)dt;
  int n = *dt == MPI_INT ? *len : 2 * *len;
  for (int i = 0; i < n; i++) ((int *)inout)[i] = -999;
}

static void cls(const char *label, int rc) {
  int c = -1;
  MPI_Error_class(rc, &c);
  same(label, c);
}

/* Completion calls until every rank's delete function ran, or 20 s. */
static int wait_deletes(int want) {
  double t0 = MPI_Wtime();
  int dummy;
  while (deletes < want && MPI_Wtime() - t0 < 20) {
    MPI_Request r;
    MPI_Irecv(&dummy, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &r);
    MPI_Wait(&r, MPI_STATUS_IGNORE);
  }
  return deletes;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int key;
  MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, count_delete, &key, NULL);
  int peer = (rank + 1) % size, from = (rank + size - 1) % size;

  /* ---- type and op under a pending Iallreduce ---- */
  {
    MPI_Datatype t;
    MPI_Op op;
    MPI_Type_contiguous(2, MPI_INT, &t);
    MPI_Type_commit(&t);
    MPI_Op_create(sum2, 1, &op);
    int in[2] = {rank + 1, 100}, out[2] = {0, 0}, x = 1, y = 0;
    MPI_Request r;
    /* no reporting (which communicates) until the Wait: the reduction must
     * still be pending at the frees */
    int rc_start = MPI_Iallreduce(in, out, 1, t, op, MPI_COMM_WORLD, &r);
    int rc_tfree = MPI_Type_free(&t);
    int tnull = t == MPI_DATATYPE_NULL;
    /* the same op on MPI_INT meanwhile */
    int rc_other = MPI_Allreduce(&x, &y, 1, MPI_INT, op, MPI_COMM_WORLD);
    int rc_ofree = MPI_Op_free(&op);
    int onull = op == MPI_OP_NULL;
    /* more user ops than the shim has trampolines, while the freed one is pending */
    MPI_Op many[40];
    int made = 0;
    for (int i = 0; i < 40; i++)
      if (MPI_Op_create(poison, 1, &many[made]) == MPI_SUCCESS) made++;
    int rc_wait = MPI_Wait(&r, MPI_STATUS_IGNORE);
    for (int i = 0; i < made; i++) MPI_Op_free(&many[i]);
    cls("iallreduce", rc_start);
    cls("type_free_pending", rc_tfree);
    same("type_null", tnull);
    cls("other_allreduce", rc_other);
    same("other_sum_ok", y == size);
    cls("op_free_pending", rc_ofree);
    same("op_null", onull);
    cls("iallreduce_wait", rc_wait);
    same("iallreduce_ok", out[0] == size * (size + 1) / 2 && out[1] == 100 * size);
  }

  /* ---- communicator and type freed under persistent requests ---- */
  {
    MPI_Comm d;
    MPI_Datatype t;
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_attr(d, key, NULL);
    MPI_Type_contiguous(2, MPI_INT, &t);
    MPI_Type_commit(&t);
    int sb[2], rb[2] = {-1, -1};
    MPI_Request p[2];
    MPI_Send_init(sb, 1, t, peer, 3, d, &p[0]);
    MPI_Recv_init(rb, 1, t, from, 3, d, &p[1]);
    deletes = 0;
    cls("persistent_comm_free", MPI_Comm_free(&d));
    cls("persistent_type_free", MPI_Type_free(&t));
    same("persistent_handles_null", d == MPI_COMM_NULL && t == MPI_DATATYPE_NULL);
    int ok = 1;
    for (int round = 0; round < 3; round++) {
      sb[0] = rank * 10 + round, sb[1] = round;
      int rc = MPI_Startall(2, p);
      if (rc == MPI_SUCCESS) rc = MPI_Waitall(2, p, MPI_STATUSES_IGNORE);
      ok &= rc == MPI_SUCCESS && rb[0] == from * 10 + round && rb[1] == round;
    }
    same("persistent_rounds_ok", ok);
    same("persistent_deletes_before_free", deletes == 0 ? 0 : deletes);
    cls("persistent_free_send", MPI_Request_free(&p[0]));
    cls("persistent_free_recv", MPI_Request_free(&p[1]));
    same("persistent_deletes_after_free", deletes);
  }

  /* ---- MPI_Request_free of an active receive, then its communicator ---- */
  {
    MPI_Comm d;
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_attr(d, key, NULL);
    deletes = 0;
    int v = -1, s = 7;
    MPI_Request r;
    MPI_Irecv(&v, 1, MPI_INT, from, 5, d, &r);
    cls("active_recv_free", MPI_Request_free(&r));
    same("active_recv_null", r == MPI_REQUEST_NULL);
    MPI_Barrier(MPI_COMM_WORLD); /* every receive posted and freed */
    cls("active_send", MPI_Send(&s, 1, MPI_INT, peer, 5, d));
    cls("active_comm_free", MPI_Comm_free(&d));
    same("active_deletes_at_last", wait_deletes(1));
    MPI_Barrier(MPI_COMM_WORLD);
  }

  /* ---- MPI_Request_free of an active persistent receive ---- */
  {
    MPI_Comm d;
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_attr(d, key, NULL);
    deletes = 0;
    int v = -1, s = 8;
    MPI_Request r;
    MPI_Recv_init(&v, 1, MPI_INT, from, 6, d, &r);
    MPI_Start(&r);
    cls("active_persistent_free", MPI_Request_free(&r));
    MPI_Barrier(MPI_COMM_WORLD);
    cls("active_persistent_send", MPI_Send(&s, 1, MPI_INT, peer, 6, d));
    cls("active_persistent_comm_free", MPI_Comm_free(&d));
    same("active_persistent_deletes_at_last", wait_deletes(1));
    MPI_Barrier(MPI_COMM_WORLD);
  }

  MPI_Comm_free_keyval(&key);
  int frc = MPI_Finalize();
  if (rank == 0) printf("finalize: %d\ndone\n", frc);
  return 0;
}
