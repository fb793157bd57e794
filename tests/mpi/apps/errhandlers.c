/* errhandlers.c — error handling as an application sees it: a user handler
 * (Comm_create_errhandler) is called with the communicator and the code;
 * with MPI_ERRORS_RETURN the call returns the code, whose class
 * (Error_class) is the standard's; Error_string gives text; the handler can
 * be read back (Comm_get_errhandler) and freed. */
/* ranks: 4 2 */
#include "mpitest.h"

static int calls, lastclass;
static MPI_Comm lastcomm;

static void handler(MPI_Comm *comm, int *code, ...) {
  calls++;
  lastcomm = *comm;
  MPI_Error_class(*code, &lastclass);
}

static const char *cls(int c) {
  switch (c) {
  case MPI_SUCCESS: return "MPI_SUCCESS";
  case MPI_ERR_RANK: return "MPI_ERR_RANK";
  case MPI_ERR_TAG: return "MPI_ERR_TAG";
  case MPI_ERR_COUNT: return "MPI_ERR_COUNT";
  case MPI_ERR_ROOT: return "MPI_ERR_ROOT";
  case MPI_ERR_TYPE: return "MPI_ERR_TYPE";
  case MPI_ERR_COMM: return "MPI_ERR_COMM";
  case MPI_ERR_OP: return "MPI_ERR_OP";
  case MPI_ERR_ARG: return "MPI_ERR_ARG";
  case MPI_ERR_TRUNCATE: return "MPI_ERR_TRUNCATE";
  default: return "other";
  }
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Comm c;
  MPI_Comm_dup(MPI_COMM_WORLD, &c);
  MPI_Errhandler eh;
  MPI_Comm_create_errhandler(handler, &eh);
  MPI_Comm_set_errhandler(c, eh);
  int x = 1;
  int rc = MPI_Send(&x, 1, MPI_INT, size + 3, 0, c); /* no such rank */
  int rclass;
  MPI_Error_class(rc, &rclass);
  mt_say("user handler: called %d time(s), class %s, on our comm: %s; call returned %s\n", calls,
         cls(lastclass), lastcomm == c ? "yes" : "no", cls(rclass));
  MPI_Errhandler got;
  MPI_Comm_get_errhandler(c, &got);
  mt_check("get_errhandler gives ours", got == eh);
  MPI_Errhandler_free(&got);

  MPI_Comm_set_errhandler(c, MPI_ERRORS_RETURN);
  struct { const char *what; int rc; } t[8];
  int n = 0;
  t[n].what = "send to rank size"; t[n++].rc = MPI_Send(&x, 1, MPI_INT, size, 0, c);
  t[n].what = "negative tag"; t[n++].rc = MPI_Send(&x, 1, MPI_INT, 0, -5, c);
  t[n].what = "negative count"; t[n++].rc = MPI_Send(&x, -1, MPI_INT, 0, 0, c);
  t[n].what = "bcast root -7"; t[n++].rc = MPI_Bcast(&x, 1, MPI_INT, -7, c);
  t[n].what = "null datatype"; t[n++].rc = MPI_Send(&x, 1, MPI_DATATYPE_NULL, 0, 0, c);
  t[n].what = "null op"; t[n++].rc = MPI_Allreduce(&x, &x, 1, MPI_INT, MPI_OP_NULL, c);
  /* errors on MPI_COMM_NULL go to MPI_COMM_WORLD's handler */
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  t[n].what = "null comm"; t[n++].rc = MPI_Barrier(MPI_COMM_NULL);
  /* a truncated receive: a message of 4 ints into room for 2 */
  int four[4] = {1, 2, 3, 4}, two[2];
  MPI_Request r;
  MPI_Isend(four, 4, MPI_INT, rank, 9, c, &r);
  t[n].what = "truncated receive"; t[n++].rc = MPI_Recv(two, 2, MPI_INT, rank, 9, c, MPI_STATUS_IGNORE);
  MPI_Wait(&r, MPI_STATUS_IGNORE);
  for (int i = 0; i < n; i++) {
    int k;
    MPI_Error_class(t[i].rc, &k);
    char msg[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(t[i].rc, msg, &len);
    mt_say("%-18s -> %s (message: %s)\n", t[i].what, cls(k), len > 0 && (int)strlen(msg) == len ? "yes" : "no");
  }
  mt_say("the user handler was not called again: %s\n", calls == 1 ? "yes" : "no");
  MPI_Errhandler_free(&eh);
  MPI_Comm_free(&c);
  MPI_Finalize();
  return 0;
}
