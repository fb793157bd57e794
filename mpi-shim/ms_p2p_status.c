/* ms_p2p_status.c — reading and setting guest statuses: Get_elements_x,
 * Status_set_elements(_x) and Status_set_cancelled.  The guest status is
 * rebuilt as a host status (ms_status_in), the host answers, and setters
 * store back only the internal part (count, cancelled): the public fields
 * stay exactly as the guest left them.
 * MPI_Get_count, MPI_Get_elements and MPI_Test_cancelled are generated from
 * mpi-api.tab.
 * hand-written: MPI_Get_elements_x (an MPI_Count result, MPI_UNDEFINED
 *   translated), MPI_Status_set_elements, MPI_Status_set_elements_x,
 *   MPI_Status_set_cancelled (only the status's internal words written back,
 *   the public fields left as the guest set them). */
#include <string.h>

#include "ms_p2p.h"

/* The guest status at g (never STATUS_IGNORE here) and the type dt. */
static int status_and_type(wasmso_vmctx *vm, u32 g, u32 dt, const char *fn, void **gs,
                           ms_type **t) {
  *gs = g ? ms_ptr(vm, g, MS_STATUS_SIZE) : NULL;
  if (!*gs) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "status %#x outside guest memory", g);
  int cls = ms_type_get(dt, t);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid datatype %#x", dt);
  return 0;
}

static void *out_slot(wasmso_vmctx *vm, u32 g, uint64_t len) {
  return g ? ms_ptr(vm, g, len) : NULL;
}


int32_t ms_MPI_Get_elements_x(wasmso_vmctx *vm, uint32_t status, uint32_t dt, uint32_t count) {
  static const char fn[] = "MPI_Get_elements_x";
  void *gs;
  ms_type *t;
  int cls = status_and_type(vm, status, dt, fn, &gs, &t);
  if (cls) return cls;
  ms_i64 *gc = out_slot(vm, count, 8);
  if (!gc) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "count %#x outside guest memory", count);
  MPI_Status hs;
  ms_status_in(gs, &hs);
  MPI_Count n = 0;
  int rc = MPI_Get_elements_x(&hs, t->host, &n);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  *gc = n == MPI_UNDEFINED ? (int64_t)ABI_UNDEFINED : (int64_t)n;
  return 0;
}

/* Store the internal fields of host status hs into the guest status gs. */
static void internal_out(void *gs, const MPI_Status *hs) {
  unsigned char full[MS_STATUS_SIZE];
  ms_status_out(full, hs);
  memcpy((char *)gs + 12, full + 12, MS_STATUS_SIZE - 12);
}

int32_t ms_MPI_Status_set_elements_x(wasmso_vmctx *vm, uint32_t status, uint32_t dt, int64_t count) {
  static const char fn[] = "MPI_Status_set_elements_x";
  void *gs;
  ms_type *t;
  int cls = status_and_type(vm, status, dt, fn, &gs, &t);
  if (cls) return cls;
  MPI_Status hs;
  ms_status_in(gs, &hs);
  int rc = MPI_Status_set_elements_x(&hs, t->host, (MPI_Count)(int64_t)count);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  internal_out(gs, &hs);
  return 0;
}

int32_t ms_MPI_Status_set_elements(wasmso_vmctx *vm, uint32_t status, uint32_t dt, int32_t count) {
  static const char fn[] = "MPI_Status_set_elements";
  void *gs;
  ms_type *t;
  int cls = status_and_type(vm, status, dt, fn, &gs, &t);
  if (cls) return cls;
  MPI_Status hs;
  ms_status_in(gs, &hs);
  int rc = MPI_Status_set_elements(&hs, t->host, (int32_t)count);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  internal_out(gs, &hs);
  return 0;
}

int32_t ms_MPI_Status_set_cancelled(wasmso_vmctx *vm, uint32_t status, int32_t flag) {
  static const char fn[] = "MPI_Status_set_cancelled";
  void *gs = status ? ms_ptr(vm, status, MS_STATUS_SIZE) : NULL;
  if (!gs) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "status %#x outside guest memory", status);
  MPI_Status hs;
  ms_status_in(gs, &hs);
  int rc = MPI_Status_set_cancelled(&hs, (int32_t)flag);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  internal_out(gs, &hs);
  return 0;
}
