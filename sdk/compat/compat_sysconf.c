/* compat_sysconf.c — sysconf() as wasm-mpicc links it (-Wl,--wrap=sysconf):
 * wasi-libc's own answers, except where it has none.  _SC_PHYS_PAGES and
 * _SC_AVPHYS_PAGES come from the host (wasm2so_compat.phys_pages): the
 * memory this guest can really use, in sysconf(_SC_PAGESIZE) units (64 KiB
 * Wasm pages), i.e. the host's physical (available) memory bounded by the
 * guest's maximum memory.  A name wasi-libc cannot compute gives -1 with
 * errno EINVAL, never musl's internal code for it (which wasi-libc returns
 * as a negative number such as -248). */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <unistd.h>

/* Pages of 64 KiB: all (avail 0) or still available (avail 1); -1 if the
 * host cannot tell. */
__attribute__((import_module("wasm2so_compat"), import_name("phys_pages")))
int64_t wasm2so_compat_phys_pages(int32_t avail);

long __real_sysconf(int name);

long __wrap_sysconf(int name) {
  if (name == _SC_PHYS_PAGES || name == _SC_AVPHYS_PAGES) {
    int64_t n = wasm2so_compat_phys_pages(name == _SC_AVPHYS_PAGES);
    if (n < 0) {
      errno = EINVAL;
      return -1;
    }
    return n > LONG_MAX ? LONG_MAX : (long)n;
  }
  long v = __real_sysconf(name);
  if (v < -1) {
    errno = EINVAL;
    return -1;
  }
  return v;
}
