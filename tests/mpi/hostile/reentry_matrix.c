/* reentry_matrix.c — the re-entrancy rule (mpi-shim/ms_internal.h), every
 * callback kind against every destructive call, from one table.
 *
 * Callback kinds (rows): a user reduction op (inside MPI_Allreduce), a
 * communicator attribute copy function (MPI_Comm_dup) and delete function
 * (MPI_Comm_delete_attr), a datatype attribute copy function (MPI_Type_dup)
 * and delete function (MPI_Type_delete_attr), a user error handler (a bad
 * rank in MPI_Send), a generalized request's query and free functions
 * (MPI_Wait) and cancel function (MPI_Cancel), and the program's own malloc
 * called by the shim (inside MPI_Wait, for the query function's status, and
 * inside MPI_Send, for the error handler's arguments).
 *
 * Destructive calls (columns): each call of ms_reentry_refused_fns, plus
 * MPI_Start/MPI_Startall and MPI_Grequest_complete.  Their victims are a set
 * of objects made before each case, most of them in use by the outer call:
 * its communicator (which has the attributes and the error handler), its
 * datatype, its op; a group, an info, three keyvals with an attribute each,
 * a pending receive, an inactive persistent receive, a pending generalized
 * request, an attached buffer.
 *
 * Each case prints
 *   ROW.COLUMN: nested=CLASS world_handler=N:CLASS outer=CLASS intact=yes
 * nested: what the destructive call returned inside the callback;
 * world_handler: the calls and class MPI_COMM_WORLD's user error handler saw
 * during the case; outer: what the outer call returned; intact: afterwards,
 * every victim is still as it was (handles valid, attributes and their values
 * there, the receive still pending, the persistent request inactive, the
 * buffer still attached, MPI not finalized) and then frees normally —
 * otherwise the names of the checks that failed.  Expected:
 * reentry_matrix.expected, written from the rule.  An argument runs one row
 * (for valgrind runs). */
//! RUN 2 => return reentry_matrix.expected
#include "hostile.h"
#include <errno.h>
#include <stdlib.h>

#define NOT_RUN 12345
static int rank, size;

/* ---- the allocator: a bump arena whose malloc can be armed ---- */
#define HOSTILE_ARENA_BYTES (24 << 20)
#include "hostile_arena.h"
static int malloc_armed;
static void nasty(void);
static void arena_hook(void) {
  if (malloc_armed) {
    malloc_armed = 0;
    nasty();
  }
}

/* ---- the victims ---- */
enum { TAG_PENDING = 91, TAG_PERSISTENT = 92, BUFSZ = 4096 };
static struct {
  MPI_Comm comm;    /* dup of WORLD, with the three attributes and handler eh */
  MPI_Datatype type; /* contiguous(1, MPI_INT) with attribute tkey */
  MPI_Op op;
  MPI_Group group;
  MPI_Errhandler eh;
  MPI_Info info;
  int ckey, okey, tkey; /* comm keyval, MPI-1 keyval, type keyval */
  MPI_Request req;  /* pending receive from self on WORLD */
  MPI_Request preq; /* inactive persistent receive from self */
  MPI_Request greq; /* pending generalized request */
  int recv_val, precv_val;
  void *buf;
} v;
static int attr_val = 17, attr_val2 = 18;
static char victim_greq_state, outer_greq_state;

/* ---- the destructive calls (columns) ---- */
static int d_finalize(void) { return MPI_Finalize(); }
static int d_comm_free(void) { MPI_Comm c = v.comm; return MPI_Comm_free(&c); }
static int d_comm_disconnect(void) { MPI_Comm c = v.comm; return MPI_Comm_disconnect(&c); }
static int d_type_free(void) { MPI_Datatype t = v.type; return MPI_Type_free(&t); }
static int d_op_free(void) { MPI_Op o = v.op; return MPI_Op_free(&o); }
static int d_group_free(void) { MPI_Group g = v.group; return MPI_Group_free(&g); }
static int d_errhandler_free(void) { MPI_Errhandler e = v.eh; return MPI_Errhandler_free(&e); }
static int d_info_free(void) { MPI_Info i = v.info; return MPI_Info_free(&i); }
static int d_comm_free_keyval(void) { int k = v.ckey; return MPI_Comm_free_keyval(&k); }
static int d_keyval_free(void) { int k = v.okey; return MPI_Keyval_free(&k); }
static int d_type_free_keyval(void) { int k = v.tkey; return MPI_Type_free_keyval(&k); }
static int d_comm_delete_attr(void) { return MPI_Comm_delete_attr(v.comm, v.ckey); }
static int d_attr_delete(void) { return MPI_Attr_delete(v.comm, v.okey); }
static int d_type_delete_attr(void) { return MPI_Type_delete_attr(v.type, v.tkey); }
static int d_comm_set_attr(void) { return MPI_Comm_set_attr(v.comm, v.ckey, &attr_val2); }
static int d_attr_put(void) { return MPI_Attr_put(v.comm, v.okey, &attr_val2); }
static int d_type_set_attr(void) { return MPI_Type_set_attr(v.type, v.tkey, &attr_val2); }
static int d_request_free(void) { MPI_Request r = v.req; return MPI_Request_free(&r); }
static int d_cancel(void) { MPI_Request r = v.req; return MPI_Cancel(&r); }
static int d_buffer_detach(void) { void *b; int n; return MPI_Buffer_detach(&b, &n); }
static int d_wait(void) { MPI_Request r = v.req; return MPI_Wait(&r, MPI_STATUS_IGNORE); }
static int d_test(void) { MPI_Request r = v.req; int f; return MPI_Test(&r, &f, MPI_STATUS_IGNORE); }
static int d_waitall(void) { MPI_Request r = v.req; return MPI_Waitall(1, &r, MPI_STATUSES_IGNORE); }
static int d_testall(void) {
  MPI_Request r = v.req;
  int f;
  return MPI_Testall(1, &r, &f, MPI_STATUSES_IGNORE);
}
static int d_waitany(void) {
  MPI_Request r = v.req;
  int i;
  return MPI_Waitany(1, &r, &i, MPI_STATUS_IGNORE);
}
static int d_testany(void) {
  MPI_Request r = v.req;
  int i, f;
  return MPI_Testany(1, &r, &i, &f, MPI_STATUS_IGNORE);
}
static int d_waitsome(void) {
  MPI_Request r = v.req;
  int n, i;
  return MPI_Waitsome(1, &r, &n, &i, MPI_STATUSES_IGNORE);
}
static int d_testsome(void) {
  MPI_Request r = v.req;
  int n, i;
  return MPI_Testsome(1, &r, &n, &i, MPI_STATUSES_IGNORE);
}
static int d_start(void) { MPI_Request r = v.preq; return MPI_Start(&r); }
static int d_startall(void) { MPI_Request r = v.preq; return MPI_Startall(1, &r); }
static int d_grequest_complete(void) { return MPI_Grequest_complete(v.greq); }

static const struct column {
  const char *name;
  int (*call)(void);
} columns[] = {
    {"Finalize", d_finalize},
    {"Comm_free", d_comm_free},
    {"Comm_disconnect", d_comm_disconnect},
    {"Type_free", d_type_free},
    {"Op_free", d_op_free},
    {"Group_free", d_group_free},
    {"Errhandler_free", d_errhandler_free},
    {"Info_free", d_info_free},
    {"Comm_free_keyval", d_comm_free_keyval},
    {"Keyval_free", d_keyval_free},
    {"Type_free_keyval", d_type_free_keyval},
    {"Comm_delete_attr", d_comm_delete_attr},
    {"Attr_delete", d_attr_delete},
    {"Type_delete_attr", d_type_delete_attr},
    {"Comm_set_attr", d_comm_set_attr},
    {"Attr_put", d_attr_put},
    {"Type_set_attr", d_type_set_attr},
    {"Request_free", d_request_free},
    {"Cancel", d_cancel},
    {"Buffer_detach", d_buffer_detach},
    {"Wait", d_wait},
    {"Test", d_test},
    {"Waitall", d_waitall},
    {"Testall", d_testall},
    {"Waitany", d_waitany},
    {"Testany", d_testany},
    {"Waitsome", d_waitsome},
    {"Testsome", d_testsome},
    {"Start", d_start},
    {"Startall", d_startall},
    {"Grequest_complete", d_grequest_complete},
};
enum { NCOLUMNS = sizeof columns / sizeof columns[0] };

/* ---- the callbacks: each runs the armed column once ---- */
enum row_kind {
  R_OP, R_COMM_COPY, R_COMM_DELETE, R_TYPE_COPY, R_TYPE_DELETE, R_ERRH,
  R_GREQ_QUERY, R_GREQ_FREE, R_GREQ_CANCEL, R_MALLOC_WAIT, R_MALLOC_ERRH
};
static int armed_row = -1, armed_col, nested_rc;
static void nasty(void) {
  int c = armed_col;
  armed_row = -1;
  nested_rc = columns[c].call();
}
static void fire(enum row_kind k) {
  if (armed_row == (int)k) nasty();
}

static void op_fn(void *in, void *inout, int *len, MPI_Datatype *dt) {
  (void)dt;
  fire(R_OP);
  for (int i = 0; i < *len; i++) ((int *)inout)[i] += ((int *)in)[i];
}
static int comm_copy(MPI_Comm c, int key, void *extra, void *in, void *out, int *flag) {
  (void)c; (void)key; (void)extra;
  fire(R_COMM_COPY);
  *(void **)out = in;
  *flag = 1;
  return MPI_SUCCESS;
}
static int comm_delete(MPI_Comm c, int key, void *val, void *extra) {
  (void)c; (void)key; (void)val; (void)extra;
  fire(R_COMM_DELETE);
  return MPI_SUCCESS;
}
static int type_copy(MPI_Datatype t, int key, void *extra, void *in, void *out, int *flag) {
  (void)t; (void)key; (void)extra;
  fire(R_TYPE_COPY);
  *(void **)out = in;
  *flag = 1;
  return MPI_SUCCESS;
}
static int type_delete(MPI_Datatype t, int key, void *val, void *extra) {
  (void)t; (void)key; (void)val; (void)extra;
  fire(R_TYPE_DELETE);
  return MPI_SUCCESS;
}
static void comm_errh(MPI_Comm *c, int *code, ...) {
  (void)c; (void)code;
  fire(R_ERRH);
}
static int world_calls, world_class;
static void world_errh(MPI_Comm *c, int *code, ...) {
  (void)c;
  world_calls++;
  if (MPI_Error_class(*code, &world_class) != MPI_SUCCESS) world_class = -1;
}
static int greq_query(void *extra, MPI_Status *st) {
  if (extra == &outer_greq_state) fire(R_GREQ_QUERY);
  MPI_Status_set_elements(st, MPI_INT, 0);
  MPI_Status_set_cancelled(st, 0);
  return MPI_SUCCESS;
}
static int greq_free(void *extra) {
  if (extra == &outer_greq_state) fire(R_GREQ_FREE);
  return MPI_SUCCESS;
}
static int greq_cancel(void *extra, int complete) {
  (void)complete;
  if (extra == &outer_greq_state) fire(R_GREQ_CANCEL);
  return MPI_SUCCESS;
}

/* ---- the rows: the outer call in which the callback runs ---- */
static int outer_greq_wait(int cancel) {
  MPI_Request g;
  MPI_Grequest_start(greq_query, greq_free, greq_cancel, &outer_greq_state, &g);
  int rc = MPI_SUCCESS;
  if (cancel) rc = MPI_Cancel(&g);
  MPI_Grequest_complete(g);
  int wrc = MPI_Wait(&g, MPI_STATUS_IGNORE);
  return cancel ? rc : wrc;
}
static int row_call(enum row_kind k) {
  int x = 0, in = rank + 1, out = 0;
  MPI_Comm c;
  MPI_Datatype t;
  int rc;
  switch (k) {
  case R_OP:
    return MPI_Allreduce(&in, &out, 1, v.type, v.op, v.comm);
  case R_COMM_COPY:
    rc = MPI_Comm_dup(v.comm, &c);
    if (rc == MPI_SUCCESS) MPI_Comm_free(&c);
    return rc;
  case R_COMM_DELETE:
    return MPI_Comm_delete_attr(v.comm, v.ckey);
  case R_TYPE_COPY:
    rc = MPI_Type_dup(v.type, &t);
    if (rc == MPI_SUCCESS) MPI_Type_free(&t);
    return rc;
  case R_TYPE_DELETE:
    return MPI_Type_delete_attr(v.type, v.tkey);
  case R_ERRH:
    return MPI_Send(&x, 1, MPI_INT, size, 0, v.comm); /* bad rank: v.comm's handler */
  case R_GREQ_QUERY:
  case R_GREQ_FREE:
    return outer_greq_wait(0);
  case R_GREQ_CANCEL:
    return outer_greq_wait(1);
  case R_MALLOC_WAIT:
    /* the shim mallocs the query function's status inside MPI_Wait */
    malloc_armed = 1;
    rc = outer_greq_wait(0);
    malloc_armed = 0;
    return rc;
  case R_MALLOC_ERRH:
    /* ... and the error handler's arguments inside the failing call */
    malloc_armed = 1;
    rc = MPI_Send(&x, 1, MPI_INT, size, 0, v.comm);
    malloc_armed = 0;
    return rc;
  }
  return -1;
}
static const char *const row_names[] = {
    "op", "comm_copy", "comm_delete", "type_copy", "type_delete", "errh",
    "greq_query", "greq_free", "greq_cancel", "malloc_wait", "malloc_errh"};
enum { NROWS = sizeof row_names / sizeof row_names[0] };

/* ---- set up and check the victims ---- */
static void setup(void) {
  MPI_Comm_dup(MPI_COMM_WORLD, &v.comm);
  MPI_Comm_create_errhandler(comm_errh, &v.eh);
  MPI_Comm_set_errhandler(v.comm, v.eh);
  MPI_Type_contiguous(1, MPI_INT, &v.type);
  MPI_Type_commit(&v.type);
  MPI_Op_create(op_fn, 1, &v.op);
  MPI_Comm_group(MPI_COMM_WORLD, &v.group);
  MPI_Info_create(&v.info);
  MPI_Info_set(v.info, "victim", "yes");
  MPI_Comm_create_keyval(comm_copy, comm_delete, &v.ckey, NULL);
  MPI_Keyval_create(MPI_NULL_COPY_FN, MPI_NULL_DELETE_FN, &v.okey, NULL);
  MPI_Type_create_keyval(type_copy, type_delete, &v.tkey, NULL);
  MPI_Comm_set_attr(v.comm, v.ckey, &attr_val);
  MPI_Attr_put(v.comm, v.okey, &attr_val);
  MPI_Type_set_attr(v.type, v.tkey, &attr_val);
  v.recv_val = v.precv_val = -1;
  MPI_Irecv(&v.recv_val, 1, MPI_INT, rank, TAG_PENDING, MPI_COMM_WORLD, &v.req);
  MPI_Recv_init(&v.precv_val, 1, MPI_INT, rank, TAG_PERSISTENT, MPI_COMM_WORLD, &v.preq);
  MPI_Grequest_start(greq_query, greq_free, greq_cancel, &victim_greq_state, &v.greq);
  static _Alignas(16) char buffer[BUFSZ];
  v.buf = buffer;
  MPI_Buffer_attach(v.buf, BUFSZ);
}

/* Check every victim, then free it the ordinary way; "yes", or what failed. */
static char failed[512];
static void bad(const char *what) {
  if (strlen(failed) + strlen(what) + 2 < sizeof failed) {
    if (failed[0]) strcat(failed, ",");
    strcat(failed, what);
  }
}
static void check(int ok, const char *what) {
  if (!ok) bad(what);
}
static void teardown(enum row_kind row, int grequest_completed) {
  int f = 1, n, flag, *val;
  failed[0] = 0;
  check(MPI_Finalized(&f) == MPI_SUCCESS && !f, "finalized");
  if (f) return;
  check(MPI_Comm_size(v.comm, &n) == MPI_SUCCESS && n == size, "comm");
  check(MPI_Type_size(v.type, &n) == MPI_SUCCESS && n == 4, "type");
  check(MPI_Op_commutative(v.op, &n) == MPI_SUCCESS && n, "op");
  check(MPI_Group_size(v.group, &n) == MPI_SUCCESS && n == size, "group");
  check(MPI_Info_get_nkeys(v.info, &n) == MPI_SUCCESS && n == 1, "info");
  /* the outer call of the delete rows deleted its attribute itself */
  flag = 0, val = NULL;
  check(MPI_Comm_get_attr(v.comm, v.ckey, &val, &flag) == MPI_SUCCESS &&
            (row == R_COMM_DELETE ? !flag : flag && val == &attr_val),
        "comm_attr");
  flag = 0, val = NULL;
  check(MPI_Attr_get(v.comm, v.okey, &val, &flag) == MPI_SUCCESS && flag && val == &attr_val,
        "mpi1_attr");
  flag = 0, val = NULL;
  check(MPI_Type_get_attr(v.type, v.tkey, &val, &flag) == MPI_SUCCESS &&
            (row == R_TYPE_DELETE ? !flag : flag && val == &attr_val),
        "type_attr");
  /* the receive is still pending (not completed, cancelled or freed) */
  MPI_Request r = v.req;
  flag = 1;
  check(MPI_Test(&r, &flag, MPI_STATUS_IGNORE) == MPI_SUCCESS && !flag && r == v.req,
        "req_pending");
  int one = 42;
  MPI_Send(&one, 1, MPI_INT, rank, TAG_PENDING, MPI_COMM_WORLD);
  check(MPI_Wait(&v.req, MPI_STATUS_IGNORE) == MPI_SUCCESS && v.recv_val == 42, "req_received");
  /* the persistent receive is inactive (not started) */
  flag = 0;
  check(MPI_Request_get_status(v.preq, &flag, MPI_STATUS_IGNORE) == MPI_SUCCESS && flag,
        "preq_inactive");
  check(MPI_Request_free(&v.preq) == MPI_SUCCESS, "preq_free");
  /* the generalized request completed only if the column completed it */
  flag = -1;
  check(MPI_Request_get_status(v.greq, &flag, MPI_STATUS_IGNORE) == MPI_SUCCESS &&
            flag == grequest_completed,
        "greq_state");
  if (!flag) MPI_Grequest_complete(v.greq);
  check(MPI_Wait(&v.greq, MPI_STATUS_IGNORE) == MPI_SUCCESS, "greq_wait");
  void *b = NULL;
  n = 0;
  check(MPI_Buffer_detach(&b, &n) == MPI_SUCCESS && b == v.buf && n == BUFSZ, "buffer");
  check(MPI_Comm_free(&v.comm) == MPI_SUCCESS, "comm_free");
  check(MPI_Type_free(&v.type) == MPI_SUCCESS, "type_free");
  check(MPI_Op_free(&v.op) == MPI_SUCCESS, "op_free");
  check(MPI_Group_free(&v.group) == MPI_SUCCESS, "group_free");
  check(MPI_Errhandler_free(&v.eh) == MPI_SUCCESS, "errhandler_free");
  check(MPI_Info_free(&v.info) == MPI_SUCCESS, "info_free");
  check(MPI_Comm_free_keyval(&v.ckey) == MPI_SUCCESS, "comm_keyval_free");
  check(MPI_Keyval_free(&v.okey) == MPI_SUCCESS, "mpi1_keyval_free");
  check(MPI_Type_free_keyval(&v.tkey) == MPI_SUCCESS, "type_keyval_free");
}

static const char *cname(int rc) {
  if (rc == NOT_RUN) return "NOT_RUN";
  int cls;
  if (MPI_Error_class(rc, &cls) != MPI_SUCCESS) return "(not a code)";
  return class_name(cls);
}

/* Rank 0 prints the line if every rank has the same, else each rank's. */
static void report(const char *line) {
  char mine[600], *all = malloc((size_t)size * sizeof mine);
  memset(mine, 0, sizeof mine);
  snprintf(mine, sizeof mine, "%s", line);
  MPI_Gather(mine, sizeof mine, MPI_CHAR, all, sizeof mine, MPI_CHAR, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    int same = 1;
    for (int i = 1; i < size; i++) same &= strcmp(all + i * sizeof mine, all) == 0;
    if (same) {
      printf("%s\n", all);
    } else {
      for (int i = 0; i < size; i++) printf("DISAGREE rank %d: %s\n", i, all + i * sizeof mine);
    }
    fflush(stdout);
  }
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Errhandler weh;
  MPI_Comm_create_errhandler(world_errh, &weh);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, weh);

  for (int row = 0; row < NROWS; row++) {
    if (argc > 1 && strcmp(argv[1], row_names[row]) != 0) continue;
    for (int col = 0; col < NCOLUMNS; col++) {
      setup();
      world_calls = 0, world_class = 0;
      nested_rc = NOT_RUN;
      armed_col = col;
      armed_row = row;
      int outer = row_call((enum row_kind)row);
      armed_row = -1;
      int nested = nested_rc, wcalls = world_calls, wclass = world_class;
      int gdone = col == NCOLUMNS - 1 && nested == MPI_SUCCESS;
      teardown((enum row_kind)row, gdone);
      char line[600];
      snprintf(line, sizeof line, "%s.%s: nested=%s world_handler=%d:%s outer=%s intact=%s",
               row_names[row], columns[col].name, cname(nested), wcalls,
               wcalls ? class_name(wclass) : "none", cname(outer), failed[0] ? failed : "yes");
      report(line);
    }
  }
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Errhandler_free(&weh);
  int frc = MPI_Finalize();
  if (rank == 0) printf("finalize: %s\ndone\n", frc == MPI_SUCCESS ? "MPI_SUCCESS" : "failed");
  return 0;
}
