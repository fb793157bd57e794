/* p2p_log.h — what the p2p test programs share: each rank logs its checks
 * into a buffer; at the end rank 0 prints every rank's log in rank order (so
 * the output does not depend on scheduling and the native and Wasm runs can
 * be compared line by line).  Uses only point-to-point calls. */
#ifndef P2P_LOG_H
#define P2P_LOG_H

#include <mpi.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char log_buf[16384];
static int log_len, log_fail, log_checks, log_rank, log_size;
/* The logs travel on their own communicator: no test's ANY_SOURCE/ANY_TAG
 * receive or probe can match them. */
static MPI_Comm log_comm;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int room = (int)sizeof log_buf - log_len;
  int n = vsnprintf(log_buf + log_len, (size_t)room, fmt, ap);
  va_end(ap);
  if (n > 0) log_len += n < room ? n : room - 1;
}

/* A check: prints its description and ok/FAIL. */
#define CHECK(cond, ...)                       \
  do {                                         \
    log_checks++;                              \
    int ok_ = (cond) != 0;                     \
    if (!ok_) log_fail++;                      \
    logf_("%s: ", ok_ ? "ok" : "FAIL");        \
    logf_(__VA_ARGS__);                        \
    logf_("\n");                               \
  } while (0)

/* The name of an error class, from the MPI constants (the same text for
 * the native and the Wasm build). */
static const char *class_name(int rc) __attribute__((unused));
static const char *class_name(int rc) {
  int cls = rc;
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &cls);
  switch (cls) {
#define C(x) case x: return #x;
    C(MPI_SUCCESS) C(MPI_ERR_BUFFER) C(MPI_ERR_COUNT) C(MPI_ERR_TYPE) C(MPI_ERR_TAG)
    C(MPI_ERR_COMM) C(MPI_ERR_RANK) C(MPI_ERR_REQUEST) C(MPI_ERR_ROOT) C(MPI_ERR_GROUP)
    C(MPI_ERR_OP) C(MPI_ERR_ARG) C(MPI_ERR_UNKNOWN) C(MPI_ERR_TRUNCATE) C(MPI_ERR_OTHER)
    C(MPI_ERR_INTERN) C(MPI_ERR_PENDING) C(MPI_ERR_IN_STATUS) C(MPI_ERR_NO_MEM)
#undef C
  default: return "(another class)";
  }
}

static void log_init(int *argc, char ***argv) {
  MPI_Init(argc, argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &log_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &log_size);
  MPI_Comm_dup(MPI_COMM_WORLD, &log_comm);
}

/* Print every rank's log at rank 0, finalize; the exit status says whether
 * every check passed. */
static int log_finish(void) {
  logf_("rank %d: %d checks, %d failed\n", log_rank, log_checks, log_fail);
  if (log_rank == 0) {
    fputs(log_buf, stdout);
    for (int r = 1; r < log_size; r++) {
      static char other[sizeof log_buf];
      MPI_Status st;
      int n = 0;
      MPI_Recv(other, (int)sizeof other, MPI_CHAR, r, 999, log_comm, &st);
      MPI_Get_count(&st, MPI_CHAR, &n);
      fwrite(other, 1, (size_t)n, stdout);
    }
    fflush(stdout);
  } else {
    MPI_Send(log_buf, log_len, MPI_CHAR, 0, 999, log_comm);
  }
  int failed = log_fail;
  MPI_Comm_free(&log_comm);
  MPI_Finalize();
  return failed != 0;
}

#endif
