/* cm_log.h — shared by the comm test programs: every rank records its
 * checks (description with the values seen, and ok/FAIL) in a buffer; at the
 * end rank 0 prints all ranks' records in rank order, so the output is the
 * same from run to run and the native and Wasm runs compare line by line.
 * The exit status is non-zero if any check failed on any rank. */
#ifndef CM_LOG_H
#define CM_LOG_H

#include <mpi.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char cm_buf[32768];
static int cm_len, cm_failed, cm_checks, cm_rank, cm_size;

static void cm_logf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cm_logf(const char *fmt, ...) {
  va_list ap;
  int room = (int)sizeof cm_buf - cm_len;
  if (room <= 1) return;
  va_start(ap, fmt);
  int n = vsnprintf(cm_buf + cm_len, (size_t)room, fmt, ap);
  va_end(ap);
  if (n > 0) cm_len += n < room ? n : room - 1;
}

#define CHECK(cond, ...)                        \
  do {                                          \
    int ok_ = (cond) != 0;                      \
    cm_checks++;                                \
    cm_failed += !ok_;                          \
    cm_logf("%s ", ok_ ? "ok  " : "FAIL");      \
    cm_logf(__VA_ARGS__);                       \
    cm_logf("\n");                              \
  } while (0)

/* Names of the results the tests print (the same text natively and in Wasm). */
static inline const char *cm_cmp(int r) {
  return r == MPI_IDENT ? "IDENT" : r == MPI_CONGRUENT ? "CONGRUENT"
       : r == MPI_SIMILAR ? "SIMILAR" : r == MPI_UNEQUAL ? "UNEQUAL" : "(bad)";
}
static inline const char *cm_topo(int t) {
  return t == MPI_CART ? "CART" : t == MPI_GRAPH ? "GRAPH" : t == MPI_DIST_GRAPH ? "DIST_GRAPH"
       : t == MPI_UNDEFINED ? "UNDEFINED" : "(bad)";
}
/* A rank, with the sentinels by name. */
static inline const char *cm_r(int r) {
  static char bufs[8][16];
  static int next;
  if (r == MPI_PROC_NULL) return "PROC_NULL";
  if (r == MPI_UNDEFINED) return "UNDEFINED";
  if (r == MPI_ANY_SOURCE) return "ANY_SOURCE";
  char *b = bufs[next++ % 8];
  snprintf(b, 16, "%d", r);
  return b;
}
static inline const char *cm_class(int rc) {
  int cls = rc;
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &cls);
  switch (cls) {
#define C(x) case x: return #x;
    C(MPI_SUCCESS) C(MPI_ERR_BUFFER) C(MPI_ERR_COUNT) C(MPI_ERR_TYPE) C(MPI_ERR_TAG)
    C(MPI_ERR_COMM) C(MPI_ERR_RANK) C(MPI_ERR_REQUEST) C(MPI_ERR_ROOT) C(MPI_ERR_GROUP)
    C(MPI_ERR_OP) C(MPI_ERR_TOPOLOGY) C(MPI_ERR_DIMS) C(MPI_ERR_ARG) C(MPI_ERR_UNKNOWN)
    C(MPI_ERR_TRUNCATE) C(MPI_ERR_OTHER) C(MPI_ERR_INTERN) C(MPI_ERR_INFO) C(MPI_ERR_KEYVAL)
    C(MPI_ERR_NO_MEM) C(MPI_ERR_NAME)
#undef C
  default: return "(another class)";
  }
}

static inline void cm_init(int *argc, char ***argv) {
  MPI_Init(argc, argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &cm_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &cm_size);
}

/* Rank 0 prints every rank's record; MPI_Finalize; the exit status. */
static inline int cm_finish(void) {
  cm_logf("rank %d: %d checks, %d failed\n", cm_rank, cm_checks, cm_failed);
  int anyfail = 0;
  MPI_Allreduce(&cm_failed, &anyfail, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (cm_rank == 0) {
    printf("=== %d ranks\n", cm_size);
    fwrite(cm_buf, 1, (size_t)cm_len, stdout);
    for (int r = 1; r < cm_size; r++) {
      static char other[sizeof cm_buf];
      MPI_Status st;
      int n = 0;
      MPI_Recv(other, (int)sizeof other, MPI_CHAR, r, 4242, MPI_COMM_WORLD, &st);
      MPI_Get_count(&st, MPI_CHAR, &n);
      fwrite(other, 1, (size_t)n, stdout);
    }
    fflush(stdout);
  } else {
    MPI_Send(cm_buf, cm_len, MPI_CHAR, 0, 4242, MPI_COMM_WORLD);
  }
  MPI_Finalize();
  return anyfail != 0;
}

#endif
