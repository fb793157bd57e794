/* reentry.c — guest code that runs inside an MPI call (a user op, an
 * attribute copy or delete function, an error handler, a generalized
 * request's query or free function) tries to free, finalize or complete the
 * objects the call in progress is using: the communicator, datatype or op of
 * the Allreduce that runs the op, the communicator being freed or duplicated,
 * the request being completed.  The rule (mpi-shim/ms_internal.h, "the
 * re-entrancy rule"): every such call is refused with MPI_ERR_OTHER before it
 * reaches the host, and the outer call and the program go on.  Each case
 * prints "label: CLASS" for the refused call (NOT_RUN if its callback never
 * ran) and what the outer call returned or computed; expected: reentry.expected,
 * written from the rule.  One argument runs one case (for valgrind runs).
 * On 2 ranks every rank applies the op in Allreduce; rank 0 prints when all
 * ranks agree. */
//! RUN 2 => return reentry.expected
//! RUN 1 => return reentry.expected
#include "hostile.h"
#include <stdlib.h>

static int rank, size;
#define NOT_RUN 12345

static const char *name(int rc) {
  if (rc == NOT_RUN) return "NOT_RUN";
  int cls;
  if (MPI_Error_class(rc, &cls) != MPI_SUCCESS) return "(not a code)";
  return class_name(cls);
}

/* Print label: the class every rank saw (or each rank's). */
static void report(const char *label, int rc) {
  int *all = malloc(sizeof(int) * size);
  MPI_Gather(&rc, 1, MPI_INT, all, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    int same = 1;
    for (int i = 1; i < size; i++) same &= all[i] == all[0];
    if (same) {
      printf("%s: %s\n", label, name(all[0]));
    } else {
      printf("%s: DISAGREE", label);
      for (int i = 0; i < size; i++) printf(" %s", name(all[i]));
      printf("\n");
    }
    fflush(stdout);
  }
  free(all);
}
static void value(const char *label, long v) {
  if (rank == 0) printf("%s: %ld\n", label, v);
  fflush(stdout);
}

/* ---- user ops ---- */
static MPI_Comm victim_comm;
static MPI_Datatype victim_type;
static MPI_Op victim_op;
static int nested_rc = NOT_RUN;
enum { DO_COMM_FREE, DO_TYPE_FREE, DO_OP_FREE, DO_FINALIZE, DO_REQ_WAIT };
static int what;
static MPI_Request victim_req;

static void nasty(void) {
  if (nested_rc != NOT_RUN) return; /* once per rank */
  switch (what) {
  case DO_COMM_FREE: nested_rc = MPI_Comm_free(&victim_comm); break;
  case DO_TYPE_FREE: nested_rc = MPI_Type_free(&victim_type); break;
  case DO_OP_FREE: nested_rc = MPI_Op_free(&victim_op); break;
  case DO_FINALIZE: nested_rc = MPI_Finalize(); break;
  case DO_REQ_WAIT: nested_rc = MPI_Wait(&victim_req, MPI_STATUS_IGNORE); break;
  }
}

static void sum_op(void *in, void *inout, int *len, MPI_Datatype *dt) {
  (void)dt;
  nasty();
  int n = *len;
  if (*dt != MPI_INT) n *= 2; /* the 2-int contiguous type */
  for (int i = 0; i < n; i++) ((int *)inout)[i] += ((int *)in)[i];
}

/* Allreduce of 2 ints (as MPI_INT x2, or one element of the contiguous
 * type) on comm c with the user op; the op does `w` once per rank. */
static void op_case(const char *label, int w, MPI_Comm c, MPI_Datatype t, int count) {
  what = w;
  nested_rc = NOT_RUN;
  int in[2] = {rank + 1, 10}, out[2] = {0, 0};
  int rc = MPI_Allreduce(in, out, count, t, victim_op, c);
  if (size == 1) { /* one rank: no op needed by Allreduce; run it locally */
    int acc[2] = {1, 10};
    rc = MPI_Reduce_local(in, acc, count, t, victim_op);
    out[0] = acc[0] - 1, out[1] = acc[1] - 10;
  }
  char l[80];
  snprintf(l, sizeof l, "%s_nested", label);
  report(l, nested_rc);
  snprintf(l, sizeof l, "%s_outer", label);
  report(l, rc);
  snprintf(l, sizeof l, "%s_sum", label);
  if (rank == 0) { /* sum over ranks of {rank + 1, 10} */
    int ok = out[0] == size * (size + 1) / 2 && out[1] == 10 * size;
    printf("%s: %s\n", l, ok ? "correct" : "wrong");
    fflush(stdout);
  }
}

/* ---- attributes ---- */
static int copy_rc = NOT_RUN, delete_rc = NOT_RUN;
static int copy_frees(MPI_Comm old, int key, void *extra, void *in, void *out, int *flag) {
  (void)key; (void)extra;
  MPI_Comm c = old;
  copy_rc = MPI_Comm_free(&c);
  *(void **)out = in;
  *flag = 1;
  return MPI_SUCCESS;
}
static int delete_frees(MPI_Comm c, int key, void *val, void *extra) {
  (void)key; (void)val; (void)extra;
  if (delete_rc == NOT_RUN) delete_rc = MPI_Comm_free(&c);
  return MPI_SUCCESS;
}
static int delete_finalizes(MPI_Comm c, int key, void *val, void *extra) {
  (void)c; (void)key; (void)val; (void)extra;
  if (delete_rc == NOT_RUN) delete_rc = MPI_Finalize();
  return MPI_SUCCESS;
}
static int delete_frees_keyval(MPI_Comm c, int key, void *val, void *extra) {
  (void)c; (void)val; (void)extra;
  int k = key;
  if (delete_rc == NOT_RUN) delete_rc = MPI_Comm_free_keyval(&k);
  return MPI_SUCCESS;
}

/* ---- error handlers ---- */
static int errh_rc = NOT_RUN, errh_calls;
static void errh_frees(MPI_Comm *c, int *code, ...) {
  (void)code;
  errh_calls++;
  MPI_Comm mine = *c;
  if (errh_rc == NOT_RUN) errh_rc = MPI_Comm_free(&mine);
}

/* ---- generalized requests ---- */
static int greq_rc = NOT_RUN;
static MPI_Request greq;
static int query_waits(void *extra, MPI_Status *st) {
  (void)extra;
  if (greq_rc == NOT_RUN) {
    MPI_Request r = greq;
    greq_rc = MPI_Wait(&r, MPI_STATUS_IGNORE);
  }
  MPI_Status_set_elements(st, MPI_INT, 0);
  MPI_Status_set_cancelled(st, 0);
  return MPI_SUCCESS;
}
static int free_frees(void *extra) {
  (void)extra;
  if (greq_rc == NOT_RUN) {
    MPI_Request r = greq;
    greq_rc = MPI_Request_free(&r);
  }
  return MPI_SUCCESS;
}
static int query_ok(void *extra, MPI_Status *st) {
  (void)extra;
  MPI_Status_set_elements(st, MPI_INT, 0);
  MPI_Status_set_cancelled(st, 0);
  return MPI_SUCCESS;
}
static int free_ok(void *extra) {
  (void)extra;
  return MPI_SUCCESS;
}
static int cancel_ok(void *extra, int complete) {
  (void)extra; (void)complete;
  return MPI_SUCCESS;
}


int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Op_create(sum_op, 1, &victim_op);

  if (want(argc, argv, "op_comm_free")) {
    MPI_Comm_dup(MPI_COMM_WORLD, &victim_comm);
    op_case("op_comm_free", DO_COMM_FREE, victim_comm, MPI_INT, 2);
    report("op_comm_free_after", MPI_Barrier(victim_comm));
    report("op_comm_free_free", MPI_Comm_free(&victim_comm));
  }
  if (want(argc, argv, "op_type_free")) {
    MPI_Type_contiguous(2, MPI_INT, &victim_type);
    MPI_Type_commit(&victim_type);
    op_case("op_type_free", DO_TYPE_FREE, MPI_COMM_WORLD, victim_type, 1);
    report("op_type_free_free", MPI_Type_free(&victim_type));
  }
  if (want(argc, argv, "op_op_free")) {
    op_case("op_op_free", DO_OP_FREE, MPI_COMM_WORLD, MPI_INT, 2);
    /* the op is still ours: a second Allreduce runs the same function */
    op_case("op_op_free_again", DO_OP_FREE, MPI_COMM_WORLD, MPI_INT, 2);
  }
  if (want(argc, argv, "op_finalize")) {
    op_case("op_finalize", DO_FINALIZE, MPI_COMM_WORLD, MPI_INT, 2);
  }
  if (want(argc, argv, "op_wait")) {
    int x = 0;
    MPI_Irecv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &victim_req);
    op_case("op_wait", DO_REQ_WAIT, MPI_COMM_WORLD, MPI_INT, 2);
    report("op_wait_outer_wait", MPI_Wait(&victim_req, MPI_STATUS_IGNORE));
  }
  if (want(argc, argv, "attr_delete_comm_free")) {
    int key;
    MPI_Comm d;
    MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, delete_frees, &key, NULL);
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_attr(d, key, &rank);
    delete_rc = NOT_RUN;
    int rc = MPI_Comm_free(&d); /* runs delete_frees on d itself */
    report("attr_delete_comm_free_nested", delete_rc);
    report("attr_delete_comm_free_outer", rc);
    value("attr_delete_comm_free_null", d == MPI_COMM_NULL);
    MPI_Comm_free_keyval(&key);
  }
  if (want(argc, argv, "attr_delete_keyval_free")) {
    int key;
    MPI_Comm d;
    MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, delete_frees_keyval, &key, NULL);
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_attr(d, key, &rank);
    delete_rc = NOT_RUN;
    int rc = MPI_Comm_delete_attr(d, key);
    report("attr_delete_keyval_free_nested", delete_rc);
    report("attr_delete_keyval_free_outer", rc);
    report("attr_delete_keyval_free_free", MPI_Comm_free_keyval(&key));
    MPI_Comm_free(&d);
  }
  if (want(argc, argv, "attr_delete_finalize")) {
    int key;
    MPI_Comm d;
    MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, delete_finalizes, &key, NULL);
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_attr(d, key, &rank);
    delete_rc = NOT_RUN;
    int rc = MPI_Comm_delete_attr(d, key);
    report("attr_delete_finalize_nested", delete_rc);
    report("attr_delete_finalize_outer", rc);
    report("attr_delete_finalize_after", MPI_Barrier(d));
    MPI_Comm_free(&d);
    MPI_Comm_free_keyval(&key);
  }
  if (want(argc, argv, "attr_copy_comm_free")) {
    int key;
    MPI_Comm d, e = MPI_COMM_NULL;
    MPI_Comm_create_keyval(copy_frees, MPI_COMM_NULL_DELETE_FN, &key, NULL);
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_attr(d, key, &rank);
    copy_rc = NOT_RUN;
    int rc = MPI_Comm_dup(d, &e); /* copy_frees tries to free d */
    report("attr_copy_comm_free_nested", copy_rc);
    report("attr_copy_comm_free_outer", rc);
    int sz = -1;
    report("attr_copy_comm_free_new", MPI_Comm_size(e, &sz));
    report("attr_copy_comm_free_old", MPI_Barrier(d));
    MPI_Comm_free(&e);
    MPI_Comm_free(&d);
    MPI_Comm_free_keyval(&key);
  }
  if (want(argc, argv, "errh_comm_free")) {
    MPI_Errhandler eh;
    MPI_Comm d;
    MPI_Comm_create_errhandler(errh_frees, &eh);
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_errhandler(d, eh);
    errh_rc = NOT_RUN;
    errh_calls = 0;
    int x = 0;
    int rc = MPI_Send(&x, 1, MPI_INT, size, 0, d); /* bad rank: the handler runs */
    report("errh_comm_free_nested", errh_rc);
    report("errh_comm_free_outer", rc);
    value("errh_comm_free_calls", errh_calls);
    MPI_Comm_set_errhandler(d, MPI_ERRORS_RETURN);
    report("errh_comm_free_after", MPI_Barrier(d));
    report("errh_comm_free_free", MPI_Comm_free(&d));
    MPI_Errhandler_free(&eh);
  }
  if (want(argc, argv, "greq_query_wait")) {
    greq_rc = NOT_RUN;
    MPI_Grequest_start(query_waits, free_ok, cancel_ok, NULL, &greq);
    MPI_Grequest_complete(greq);
    int rc = MPI_Wait(&greq, MPI_STATUS_IGNORE);
    report("greq_query_wait_nested", greq_rc);
    report("greq_query_wait_outer", rc);
    value("greq_query_wait_null", greq == MPI_REQUEST_NULL);
  }
  if (want(argc, argv, "greq_free_request_free")) {
    greq_rc = NOT_RUN;
    MPI_Grequest_start(query_ok, free_frees, cancel_ok, NULL, &greq);
    MPI_Grequest_complete(greq);
    int rc = MPI_Wait(&greq, MPI_STATUS_IGNORE); /* free_frees runs inside */
    report("greq_free_request_free_nested", greq_rc);
    report("greq_free_request_free_outer", rc);
  }

  MPI_Op_free(&victim_op);
  int frc = MPI_Finalize();
  if (rank == 0) printf("finalize: %s\ndone\n", frc == MPI_SUCCESS ? "MPI_SUCCESS" : "failed");
  return 0;
}
