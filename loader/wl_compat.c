/* wl_compat.c — host functions for the sdk's compat library (see wl_compat.h):
 * import module "wasm2so_compat".  Each follows the WASI host's pattern:
 * the guest's vmctx first, i32 arguments, a WASI errno as the result, every
 * guest buffer checked against the current memory size before it is
 * touched. */
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

struct compat_fn {
  const char *name;
  void *fn;
  const char *params, *results; /* 'i' i32 */
};

static const struct compat_fn fns[] = {
  {"gethostname", (void *)compat_gethostname, "ii", "i"},
};

static uint32_t sig_id(const char *p, const char *r) {
  uint8_t ps[8], rs[2];
  uint32_t np = 0, nr = 0;
  for (; *p && np < sizeof ps; p++) ps[np++] = WASMSO_I32;
  for (; *r && nr < sizeof rs; r++) rs[nr++] = WASMSO_I32;
  return wl_type_id(ps, np, rs, nr);
}

bool wl_compat_resolve(void *user, const char *module, size_t module_len, const char *name,
                       size_t name_len, uint8_t kind, wl_extern *out) {
  (void)user;
  static const char compat[] = "wasm2so_compat";
  if (module_len != sizeof compat - 1 || memcmp(module, compat, module_len) != 0 ||
      kind != WASMSO_EXTERN_FUNC)
    return false;
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    if (strlen(fns[i].name) != name_len || memcmp(fns[i].name, name, name_len) != 0) continue;
    memset(out, 0, sizeof *out);
    out->kind = WASMSO_EXTERN_FUNC;
    out->u.func.host_fn = fns[i].fn;
    out->u.func.type_id = sig_id(fns[i].params, fns[i].results);
    return true;
  }
  return false;
}
