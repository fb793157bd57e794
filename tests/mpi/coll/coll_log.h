/* coll_log.h — shared by the collective test programs (tests/mpi/coll).
 * Each rank logs its checks (with the values it saw) into a buffer; at the
 * end rank 0 fetches every rank's log with point-to-point calls and prints
 * them in rank order, so a broken collective cannot garble the report and
 * the native and Wasm runs compare line by line.  The exit status is 1 if
 * any check failed on this rank. */
#ifndef COLL_LOG_H
#define COLL_LOG_H

#include <mpi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char cl_buf[32768];
static int cl_len, cl_fail, cl_checks, cl_rank, cl_size;

static void cl_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cl_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int room = (int)sizeof cl_buf - cl_len;
  int n = vsnprintf(cl_buf + cl_len, (size_t)room, fmt, ap);
  va_end(ap);
  if (n > 0) cl_len += n < room ? n : room - 1;
}

/* One check: "ok: what" or "FAIL: what". */
#define CHECK(cond, ...)                  \
  do {                                    \
    int ok_ = (cond) != 0;                \
    cl_checks++;                          \
    if (!ok_) cl_fail++;                  \
    cl_printf("%s: ", ok_ ? "ok" : "FAIL"); \
    cl_printf(__VA_ARGS__);               \
    cl_printf("\n");                      \
  } while (0)

/* The MPI name of an error code's class (same text natively and in Wasm). */
static inline const char *cl_class(int rc) {
  int cls = rc;
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &cls);
  switch (cls) {
#define C(x) \
  case x: return #x;
    C(MPI_SUCCESS) C(MPI_ERR_BUFFER) C(MPI_ERR_COUNT) C(MPI_ERR_TYPE) C(MPI_ERR_TAG)
    C(MPI_ERR_COMM) C(MPI_ERR_RANK) C(MPI_ERR_REQUEST) C(MPI_ERR_ROOT) C(MPI_ERR_GROUP)
    C(MPI_ERR_OP) C(MPI_ERR_TOPOLOGY) C(MPI_ERR_ARG) C(MPI_ERR_UNKNOWN) C(MPI_ERR_TRUNCATE)
    C(MPI_ERR_OTHER) C(MPI_ERR_INTERN) C(MPI_ERR_PENDING) C(MPI_ERR_IN_STATUS) C(MPI_ERR_NO_MEM)
#undef C
  default: return "(another class)";
  }
}

static void cl_init(int *argc, char ***argv) {
  MPI_Init(argc, argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &cl_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &cl_size);
}

static int cl_finish(void) {
  cl_printf("rank %d: %d checks, %d failed\n", cl_rank, cl_checks, cl_fail);
  if (cl_rank == 0) {
    fwrite(cl_buf, 1, (size_t)cl_len, stdout);
    for (int r = 1; r < cl_size; r++) {
      static char other[sizeof cl_buf];
      MPI_Status st;
      int n = 0;
      MPI_Send(NULL, 0, MPI_CHAR, r, 9998, MPI_COMM_WORLD);
      MPI_Recv(other, (int)sizeof other, MPI_CHAR, r, 9999, MPI_COMM_WORLD, &st);
      MPI_Get_count(&st, MPI_CHAR, &n);
      fwrite(other, 1, (size_t)n, stdout);
    }
    fflush(stdout);
  } else {
    MPI_Recv(NULL, 0, MPI_CHAR, 0, 9998, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Send(cl_buf, cl_len, MPI_CHAR, 0, 9999, MPI_COMM_WORLD);
  }
  int failed = cl_fail;
  MPI_Finalize();
  return failed != 0;
}

/* Sum of ints, for compact logs of whole arrays. */
static inline long long cl_isum(const int *a, int n) {
  long long s = 0;
  for (int i = 0; i < n; i++) s += (long long)a[i] * (i + 1);
  return s;
}

#endif
