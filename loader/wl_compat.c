/* wl_compat.c — host functions for the sdk's compat library (see wl_compat.h):
 * import module "wasm2so_compat".  Each follows the WASI host's pattern:
 * the guest's vmctx first, then i32 arguments; every guest buffer is checked
 * against the current memory size before it is touched. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "wasi_internal.h"
#include "wl_compat.h"

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX 255
#endif

/* gethostname(buf, len): the host's name and its NUL into the guest's
 * [buf, buf+len).  EFAULT if that range is not wholly in guest memory;
 * ENAMETOOLONG (nothing written) if the name and its NUL do not fit, as
 * glibc reports truncation. */
static uint32_t compat_gethostname(wasmso_vmctx *vm, uint32_t buf, uint32_t len) {
  uint8_t *dst = wasi_mem(vm, buf, len);
  if (!dst) return WASI_EFAULT;
  char name[HOST_NAME_MAX + 1];
  if (gethostname(name, sizeof name) != 0) return wasi_errno(errno);
  name[sizeof name - 1] = '\0';
  size_t n = strlen(name) + 1;
  if (n > len) return WASI_ENAMETOOLONG;
  memcpy(dst, name, n);
  return 0;
}

/* phys_pages(avail): the memory this guest can really use, in 64 KiB Wasm
 * pages: the host's physical memory (avail 0) or its available memory
 * (avail 1), bounded by the guest's maximum memory (less what it already
 * has, for avail 1).  -1 if the host cannot tell. */
static int64_t compat_phys_pages(wasmso_vmctx *vm, uint32_t avail) {
  long page = sysconf(_SC_PAGESIZE);
  long n = sysconf(avail ? _SC_AVPHYS_PAGES : _SC_PHYS_PAGES);
  if (page <= 0 || n < 0) return -1;
  uint64_t host = (uint64_t)n * (uint64_t)page;
  uint64_t max = 0, cur = 0;
  if (vm->memory) {
    max = (uint64_t)vm->memory->max_pages * WASMSO_PAGE_SIZE;
    cur = vm->memory->size;
  }
  uint64_t guest = avail ? (max > cur ? max - cur : 0) : max;
  return (int64_t)((host < guest ? host : guest) / WASMSO_PAGE_SIZE);
}

static const wl_host_fn fns[] = {
  {"gethostname", (void *)compat_gethostname, "ii", "i"},
  {"phys_pages", (void *)compat_phys_pages, "i", "I"},
};

bool wl_compat_resolve(void *user, const char *module, size_t module_len, const char *name,
                       size_t name_len, uint8_t kind, wl_extern *out) {
  (void)user;
  return wl_resolve_host("wasm2so_compat", fns, sizeof fns / sizeof fns[0], module,
                         module_len, name, name_len, kind, out);
}
