/* wl_memory.c — linear memories: one fixed 8 GiB (+ guards) PROT_NONE
 * reservation each, of which the first `size` bytes are read/write.  A guard
 * of WASMSO_MEMORY_FOLD_MAX bytes sits below base, and no memory grows past
 * WASMSO_MEMORY_MAX_PAGES: wasm2so's folded addresses rely on both.  Growing
 * only changes protections, so base never moves (zero-copy host access stays
 * valid).  The reservations are registered for the fault handler. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "wl_internal.h"

/* A guard page past the 8 GiB an i32 index plus a u32 offset can reach, for
 * the few bytes of a wide access that starts just below 8 GiB. */
#define GUARD_BYTES (64u * 1024u)
#define BELOW_BYTES ((uint64_t)WASMSO_MEMORY_FOLD_MAX)
#define RESERVE_BYTES (BELOW_BYTES + WASMSO_MEMORY_RESERVATION + GUARD_BYTES)

/* The fault handler scans this without locking: slots are published with
 * atomic stores (hi last, cleared first). 47-bit address space / 8 GiB. */
#define MAX_RESERVATIONS 16384
static struct { _Atomic uintptr_t lo, hi; } reservations[MAX_RESERVATIONS];
static _Atomic unsigned nreservations; /* high-water mark */
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
#define MAX_BYTES ((uint64_t)WASMSO_MEMORY_MAX_PAGES * WASMSO_PAGE_SIZE)
static _Atomic uint64_t limit_bytes = MAX_BYTES;

void wl_memory_set_limit(uint64_t max_bytes) {
  if (max_bytes > MAX_BYTES) max_bytes = MAX_BYTES;
  atomic_store(&limit_bytes, max_bytes);
}

static bool register_reservation(uintptr_t lo) {
  pthread_mutex_lock(&reg_lock);
  unsigned n = atomic_load(&nreservations);
  for (unsigned i = 0; i < MAX_RESERVATIONS; i++) {
    if (atomic_load(&reservations[i].hi) == 0) {
      atomic_store(&reservations[i].lo, lo);
      atomic_store(&reservations[i].hi, lo + RESERVE_BYTES);
      if (i >= n) atomic_store(&nreservations, i + 1);
      pthread_mutex_unlock(&reg_lock);
      return true;
    }
  }
  pthread_mutex_unlock(&reg_lock);
  return false;
}

static void unregister_reservation(uintptr_t lo) {
  pthread_mutex_lock(&reg_lock);
  unsigned n = atomic_load(&nreservations);
  for (unsigned i = 0; i < n; i++)
    if (atomic_load(&reservations[i].lo) == lo && atomic_load(&reservations[i].hi) != 0) {
      atomic_store(&reservations[i].hi, 0);
      break;
    }
  pthread_mutex_unlock(&reg_lock);
}

bool wl_memory_contains(uintptr_t addr) {
  unsigned n = atomic_load(&nreservations);
  for (unsigned i = 0; i < n; i++) {
    uintptr_t hi = atomic_load(&reservations[i].hi);
    if (hi && addr >= atomic_load(&reservations[i].lo) && addr < hi) return true;
  }
  return false;
}

static uint32_t limit_pages(const wasmso_memory *m) {
  uint64_t cap = atomic_load(&limit_bytes) / WASMSO_PAGE_SIZE;
  return m->max_pages < cap ? m->max_pages : (uint32_t)cap;
}

/* Make [old pages, new pages) read/write. */
static bool commit(wasmso_memory *m, uint32_t new_pages) {
  if (new_pages == m->pages) return true;
  uint64_t from = (uint64_t)m->pages * WASMSO_PAGE_SIZE;
  uint64_t len = (uint64_t)(new_pages - m->pages) * WASMSO_PAGE_SIZE;
  if (mprotect(m->base + from, len, PROT_READ | PROT_WRITE) != 0) return false;
  m->pages = new_pages;
  m->size = (uint64_t)new_pages * WASMSO_PAGE_SIZE;
  return true;
}

wasmso_memory *wl_memory_new(uint32_t min_pages, uint32_t max_pages, bool has_max, wl_error *err) {
  if (!has_max || max_pages > 65536) max_pages = 65536;
  if (min_pages > 65536 || min_pages > max_pages) {
    wl_fail(err, WL_ERR_RESOURCE, "memory size %u pages is beyond its maximum", min_pages);
    return NULL;
  }
  wasmso_memory *m = calloc(1, sizeof *m);
  if (!m) {
    wl_fail(err, WL_ERR_RESOURCE, "out of memory");
    return NULL;
  }
  m->max_pages = max_pages;
  m->has_max = has_max;
  if (min_pages > limit_pages(m)) {
    wl_fail(err, WL_ERR_RESOURCE, "memory of %u pages exceeds the limit of %u pages",
            min_pages, limit_pages(m));
    free(m);
    return NULL;
  }
  void *p = mmap(NULL, RESERVE_BYTES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    wl_fail(err, WL_ERR_RESOURCE, "cannot reserve 8 GiB of address space for a memory: %s",
            strerror(errno));
    free(m);
    return NULL;
  }
  m->base = (uint8_t *)p + BELOW_BYTES;
  if (!register_reservation((uintptr_t)p)) {
    wl_fail(err, WL_ERR_RESOURCE, "too many memories");
    munmap(p, RESERVE_BYTES);
    free(m);
    return NULL;
  }
  if (!commit(m, min_pages)) {
    wl_fail(err, WL_ERR_RESOURCE, "cannot commit %u pages of memory: %s", min_pages, strerror(errno));
    wl_memory_free(m);
    return NULL;
  }
  return m;
}

void wl_memory_free(wasmso_memory *m) {
  if (!m) return;
  unregister_reservation((uintptr_t)(m->base - BELOW_BYTES));
  munmap(m->base - BELOW_BYTES, RESERVE_BYTES);
  free(m);
}

uint32_t wl_memory_grow(wasmso_memory *m, uint32_t delta) {
  uint32_t old = m->pages;
  if ((uint64_t)old + delta > limit_pages(m)) return 0xffffffffu;
  if (!commit(m, old + delta)) return 0xffffffffu;
  return old;
}
