/* reentry_malloc.c — the guest's own malloc, which the shim calls for
 * scratch memory from inside MPI calls (a generalized request's status for
 * its query function inside MPI_Wait, an error handler's arguments inside
 * the failing call), calls MPI: it frees the communicator whose error
 * handler is about to run, or finalizes.  The re-entrancy rule
 * (mpi-shim/ms_internal.h): refused with MPI_ERR_OTHER, and the outer call
 * goes on.  The program replaces the C library's allocator with a bump
 * allocator that, when armed, makes one MPI call.  Expected:
 * reentry_malloc.expected, written from the rule.  One argument runs one
 * case (for valgrind runs). */
//! RUN 2 => return reentry_malloc.expected
#include "hostile.h"
#include <errno.h>
#include <stdlib.h>

#define NOT_RUN 12345

/* ---- the allocator (hostile_arena.h) ---- */
#define HOSTILE_ARENA_BYTES (4 << 20)
#include "hostile_arena.h"
enum { ARM_NONE, ARM_COMM_FREE, ARM_FINALIZE };
static int armed, nested_rc = NOT_RUN;
static MPI_Comm victim;

static void on_malloc(void) {
  int a = armed;
  armed = ARM_NONE;
  if (a == ARM_COMM_FREE) nested_rc = MPI_Comm_free(&victim);
  if (a == ARM_FINALIZE) nested_rc = MPI_Finalize();
}

static void arena_hook(void) {
  if (armed) on_malloc();
}

/* ---- callbacks ---- */
static int query_ok(void *extra, MPI_Status *st) {
  (void)extra;
  MPI_Status_set_elements(st, MPI_INT, 0);
  MPI_Status_set_cancelled(st, 0);
  return MPI_SUCCESS;
}
static int free_ok(void *extra) { (void)extra; return MPI_SUCCESS; }
static int cancel_ok(void *extra, int complete) { (void)extra; (void)complete; return MPI_SUCCESS; }
static int handler_calls;
static MPI_Comm handler_comm;
static void handler(MPI_Comm *c, int *code, ...) {
  (void)code;
  handler_calls++;
  handler_comm = *c;
}

static int rank, size;
static void report(const char *label, int rc) {
  int all[64], cls = rc;
  if (rc != NOT_RUN && MPI_Error_class(rc, &cls) != MPI_SUCCESS) cls = -1;
  MPI_Gather(&cls, 1, MPI_INT, all, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank != 0) return;
  int same = 1;
  for (int i = 1; i < size; i++) same &= all[i] == all[0];
  printf("%s: %s\n", label, !same ? "DISAGREE" : all[0] == NOT_RUN ? "NOT_RUN" : class_name(all[0]));
  fflush(stdout);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);

  if (want(argc, argv, "greq_comm_free")) {
    /* malloc runs inside the host's MPI_Wait (the query function's status) */
    MPI_Request r;
    MPI_Comm_dup(MPI_COMM_WORLD, &victim);
    MPI_Grequest_start(query_ok, free_ok, cancel_ok, NULL, &r);
    MPI_Grequest_complete(r);
    nested_rc = NOT_RUN;
    armed = ARM_COMM_FREE;
    int rc = MPI_Wait(&r, MPI_STATUS_IGNORE);
    armed = ARM_NONE;
    report("greq_comm_free_nested", nested_rc);
    report("greq_comm_free_outer", rc);
    report("greq_comm_free_after", MPI_Barrier(victim));
    report("greq_comm_free_free", MPI_Comm_free(&victim));
  }
  if (want(argc, argv, "errh_comm_free")) {
    /* malloc runs for the arguments of victim's own error handler */
    MPI_Errhandler eh;
    MPI_Comm_create_errhandler(handler, &eh);
    MPI_Comm_dup(MPI_COMM_WORLD, &victim);
    MPI_Comm_set_errhandler(victim, eh);
    MPI_Comm keep = victim;
    handler_calls = 0;
    nested_rc = NOT_RUN;
    int x = 0;
    armed = ARM_COMM_FREE;
    int rc = MPI_Send(&x, 1, MPI_INT, size, 0, victim); /* bad rank */
    armed = ARM_NONE;
    report("errh_comm_free_nested", nested_rc);
    report("errh_comm_free_outer", rc);
    if (rank == 0)
      printf("errh_comm_free_handler: %d call(s), %s communicator\n", handler_calls,
             handler_comm == keep ? "its own" : "another");
    MPI_Comm_set_errhandler(victim, MPI_ERRORS_RETURN);
    report("errh_comm_free_free", MPI_Comm_free(&victim));
    MPI_Errhandler_free(&eh);
  }
  if (want(argc, argv, "errh_finalize")) {
    MPI_Errhandler eh;
    MPI_Comm d;
    MPI_Comm_create_errhandler(handler, &eh);
    MPI_Comm_dup(MPI_COMM_WORLD, &d);
    MPI_Comm_set_errhandler(d, eh);
    nested_rc = NOT_RUN;
    int x = 0;
    armed = ARM_FINALIZE;
    int rc = MPI_Send(&x, 1, MPI_INT, size, 0, d);
    armed = ARM_NONE;
    report("errh_finalize_nested", nested_rc);
    report("errh_finalize_outer", rc);
    report("errh_finalize_after", MPI_Barrier(d));
    MPI_Comm_free(&d);
    MPI_Errhandler_free(&eh);
  }
  int frc = MPI_Finalize();
  if (rank == 0) printf("finalize: %s\ndone\n", frc == MPI_SUCCESS ? "MPI_SUCCESS" : "failed");
  return 0;
}
