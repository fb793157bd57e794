/* ms_status.c — guest statuses (32 bytes: source, tag, error, internal[5])
 * against the host's (Open MPI 4.1: source, tag, error, _cancelled,
 * _ucount).  The guest keeps the cancelled flag in internal[0] and the
 * received byte count in internal[1..2], where the host keeps them, so
 * MPI_Get_count & co. rebuild a host status from it, and the host may write
 * an aligned guest status in place (MS_STATUS_IN_PLACE). */
#include <stddef.h>
#include <string.h>

#include "ms_core.h"

_Static_assert(MS_STATUS_SIZE == 32, "the ABI's MPI_Status is 32 bytes");
#if MS_STATUS_IN_PLACE
_Static_assert(offsetof(MPI_Status, MPI_SOURCE) == 0 && offsetof(MPI_Status, MPI_TAG) == 4 &&
                   offsetof(MPI_Status, MPI_ERROR) == 8 &&
                   offsetof(MPI_Status, _cancelled) == 12 &&
                   offsetof(MPI_Status, _ucount) == 16 && sizeof(MPI_Status) <= MS_STATUS_SIZE,
               "the host's MPI_Status is laid out as the guest's");
#endif

void *ms_statuses(const wasmso_vmctx *vm, ms_gaddr g, int64_t n, bool *ignore) {
  *ignore = g == ABI_STATUS_IGNORE;
  if (*ignore || n < 0 || n > UINT32_MAX) return NULL; /* (keeps n * 32 exact) */
  return ms_ptr(vm, g, (uint64_t)n * MS_STATUS_SIZE);
}

void ms_status_out_slow(void *guest_status, const MPI_Status *host) {
  int32_t w[8] = {0};
  uint64_t count = (uint64_t)host->_ucount;
  w[0] = ms_rank_out(host->MPI_SOURCE);
  w[1] = ms_tag_out(host->MPI_TAG);
  w[2] = ms_class_to_guest(host->MPI_ERROR);
  w[3] = host->_cancelled;
  w[4] = (int32_t)(uint32_t)count;
  w[5] = (int32_t)(uint32_t)(count >> 32);
  memcpy(guest_status, w, sizeof w);
}

void ms_status_in(const void *guest_status, MPI_Status *host) {
  int32_t w[8];
  memcpy(w, guest_status, sizeof w);
  memset(host, 0, sizeof *host);
  host->MPI_SOURCE = ms_rank_in(w[0]);
  host->MPI_TAG = ms_tag_in(w[1]);
  host->MPI_ERROR = ms_class_to_host(w[2]);
  host->_cancelled = w[3];
  host->_ucount = (size_t)((uint64_t)(uint32_t)w[4] | (uint64_t)(uint32_t)w[5] << 32);
}
