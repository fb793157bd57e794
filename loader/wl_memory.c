/* wl_memory.c — linear memories: one fixed PROT_NONE reservation each, of
 * which the first `size` bytes are read/write.  For code that relies on guard
 * regions (WASMSO_MEMORY_GUARDED) it is 8 GiB plus guards: a guard of
 * WASMSO_MEMORY_FOLD_MAX bytes sits below base, and no memory grows past
 * WASMSO_MEMORY_MAX_PAGES: wasm2so's folded addresses rely on both.  For
 * bounds-checked code (WASMSO_MEMORY_CHECKED) it is only what the memory may
 * grow to: its maximum, capped by the limit (--max-memory).  Growing only
 * changes protections, so base never moves (zero-copy host access stays
 * valid).  The reservations are registered for the fault handler. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "wl_internal.h"

/* A guard page past the 8 GiB an i32 index plus a u32 offset can reach, for
 * the few bytes of a wide access that starts just below 8 GiB. */
#define GUARD_BYTES (64u * 1024u)
#define BELOW_BYTES ((uint64_t)WASMSO_MEMORY_FOLD_MAX)
#define GUARDED_BYTES (BELOW_BYTES + WASMSO_MEMORY_RESERVATION + GUARD_BYTES)

/* The loader's view of a memory: the ABI part first, so a wasmso_memory *
 * from wl_memory_new points to one of these. */
typedef struct wl_memory {
  wasmso_memory pub;
  uint8_t *lo;      /* start of the reservation (base - BELOW_BYTES when guarded) */
  uint64_t reserve; /* bytes reserved from lo */
  uint64_t room;    /* bytes from base the memory may grow into */
  bool guarded;
} wl_memory;

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

static bool register_reservation(uintptr_t lo, uint64_t bytes) {
  pthread_mutex_lock(&reg_lock);
  unsigned n = atomic_load(&nreservations);
  for (unsigned i = 0; i < MAX_RESERVATIONS; i++) {
    if (atomic_load(&reservations[i].hi) == 0) {
      atomic_store(&reservations[i].lo, lo);
      atomic_store(&reservations[i].hi, lo + bytes);
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

/* "4 GiB", "8.0 GiB", "256 MiB", "1.5 MiB": sizes in messages. */
static void fmt_bytes(char *buf, size_t n, uint64_t v) {
  static const char *unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  double x = (double)v;
  uint64_t whole = v;
  while (x >= 1024 && u < 4) {
    x /= 1024;
    u++;
  }
  for (int i = 0; i < u; i++)
    whole = whole % 1024 ? 0 : whole / 1024;
  if (whole || v == 0)
    snprintf(buf, n, "%llu %s", (unsigned long long)(u ? whole : v), unit[u]);
  else
    snprintf(buf, n, "%.1f %s", x, unit[u]);
}

/* A failed reservation: under RLIMIT_AS (ulimit -v, often set on clusters),
 * say what the limit is, what this memory needs and what to do. */
static void reserve_failed(wl_error *err, uint64_t need, bool guarded, int e) {
  char needs[32], lim[32];
  fmt_bytes(needs, sizeof needs, need);
  struct rlimit rl;
  if (e != ENOMEM || getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) {
    wl_fail(err, WL_ERR_RESOURCE, "cannot reserve %s of address space for a memory: %s", needs,
            strerror(e));
    return;
  }
  fmt_bytes(lim, sizeof lim, (uint64_t)rl.rlim_cur);
  if (guarded)
    wl_fail(err, WL_ERR_RESOURCE,
            "cannot reserve %s of address space for a memory: RLIMIT_AS is %s (ulimit -v); "
            "a .so translated without --bounds-checks needs %s per memory (guard regions), "
            "whatever --max-memory says; raise the limit (ulimit -v unlimited) or translate "
            "with `wasm2so --bounds-checks`, which needs only the memory's maximum size "
            "(capped by --max-memory)",
            needs, lim, needs);
  else
    wl_fail(err, WL_ERR_RESOURCE,
            "cannot reserve %s of address space for a memory: RLIMIT_AS is %s (ulimit -v); "
            "this bounds-checked .so needs the memory's maximum size (%s), capped by "
            "--max-memory, on top of what the process already uses; lower --max-memory or "
            "raise the limit",
            needs, lim, needs);
}

static wasmso_memory *memory_new(uint32_t min_pages, uint32_t max_pages, bool has_max,
                                 bool guarded, wl_error *err) {
  if (!has_max || max_pages > 65536) max_pages = 65536;
  if (min_pages > 65536 || min_pages > max_pages) {
    wl_fail(err, WL_ERR_RESOURCE, "memory size %u pages is beyond its maximum", min_pages);
    return NULL;
  }
  wl_memory *w = calloc(1, sizeof *w);
  if (!w) {
    wl_fail(err, WL_ERR_RESOURCE, "out of memory");
    return NULL;
  }
  wasmso_memory *m = &w->pub;
  m->max_pages = max_pages;
  m->has_max = has_max;
  if (min_pages > limit_pages(m)) {
    wl_fail(err, WL_ERR_RESOURCE, "memory of %u pages exceeds the limit of %u pages",
            min_pages, limit_pages(m));
    free(w);
    return NULL;
  }
  w->guarded = guarded;
  /* Bounds-checked code never touches a byte past the size, so the memory
   * needs room only for what it may grow to (at least a page, for mmap). */
  uint64_t room = (uint64_t)limit_pages(m) * WASMSO_PAGE_SIZE;
  w->room = guarded ? WASMSO_MEMORY_RESERVATION : room ? room : WASMSO_PAGE_SIZE;
  w->reserve = guarded ? GUARDED_BYTES : w->room;
  void *p = mmap(NULL, w->reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    reserve_failed(err, w->reserve, guarded, errno);
    free(w);
    return NULL;
  }
  w->lo = p;
  m->base = (uint8_t *)p + (guarded ? BELOW_BYTES : 0);
  if (!register_reservation((uintptr_t)p, w->reserve)) {
    wl_fail(err, WL_ERR_RESOURCE, "too many memories");
    munmap(p, w->reserve);
    free(w);
    return NULL;
  }
  if (!commit(m, min_pages)) {
    wl_fail(err, WL_ERR_RESOURCE, "cannot commit %u pages of memory: %s", min_pages, strerror(errno));
    wl_memory_free(m);
    return NULL;
  }
  return m;
}

wasmso_memory *wl_memory_new(uint32_t min_pages, uint32_t max_pages, bool has_max, wl_error *err) {
  return memory_new(min_pages, max_pages, has_max, true, err);
}

wasmso_memory *wl_memory_new_mode(uint32_t min_pages, uint32_t max_pages, bool has_max,
                                  uint32_t mode, wl_error *err) {
  return memory_new(min_pages, max_pages, has_max, mode != WASMSO_MEMORY_CHECKED, err);
}

bool wl_memory_guarded(const wasmso_memory *m) { return ((const wl_memory *)m)->guarded; }

void wl_memory_free(wasmso_memory *m) {
  if (!m) return;
  wl_memory *w = (wl_memory *)m;
  unregister_reservation((uintptr_t)w->lo);
  munmap(w->lo, w->reserve);
  free(w);
}

uint32_t wl_memory_grow(wasmso_memory *m, uint32_t delta) {
  uint32_t old = m->pages;
  if ((uint64_t)old + delta > limit_pages(m)) return 0xffffffffu;
  /* A lower limit is all --max-memory can set, but keep within the room
   * reserved at creation whatever happens. */
  if (((uint64_t)old + delta) * WASMSO_PAGE_SIZE > ((wl_memory *)m)->room) return 0xffffffffu;
  if (!commit(m, old + delta)) return 0xffffffffu;
  return old;
}
