/* w2c_host.c — a host for the benchmark kernels translated by wabt's wasm2c
 * (`wasm2c -n kernel K.wasm -o module.c`): main, and the few WASI preview1
 * functions the kernels import (args, fd_write to stdout/stderr, fd_close,
 * fd_fdstat_get, fd_seek, proc_exit).  This is a benchmark harness, not a
 * WASI implementation: anything else is refused with EBADF/ESPIPE.  Guest
 * pointers are checked against the memory's size.  Traps (through
 * wasm-rt-impl.c's guard pages and signal handler) print and exit 134. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "module.h"
#include "wasm-rt-impl.h"

/* WASI errno values (preview1). */
enum { W2C_ESUCCESS = 0, W2C_EBADF = 8, W2C_EFAULT = 21, W2C_EIO = 29, W2C_ESPIPE = 70 };

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *mem;
  int argc;
  char **argv;
};

static int in_bounds(const wasm_rt_memory_t *m, uint64_t off, uint64_t len) {
  return off <= m->size && len <= m->size - off;
}

static void put32(wasm_rt_memory_t *m, uint32_t off, uint32_t v) { memcpy(m->data + off, &v, 4); }

static uint32_t get32(const wasm_rt_memory_t *m, uint32_t off) {
  uint32_t v;
  memcpy(&v, m->data + off, 4);
  return v;
}

u32 Z_wasi_snapshot_preview1Z_args_sizes_get(struct Z_wasi_snapshot_preview1_instance_t *w,
                                             u32 argc_p, u32 size_p) {
  if (!in_bounds(w->mem, argc_p, 4) || !in_bounds(w->mem, size_p, 4))
    return W2C_EFAULT;
  uint32_t size = 0;
  for (int i = 0; i < w->argc; i++)
    size += (uint32_t)strlen(w->argv[i]) + 1;
  put32(w->mem, argc_p, (uint32_t)w->argc);
  put32(w->mem, size_p, size);
  return W2C_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_args_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 argv_p,
                                       u32 buf_p) {
  for (int i = 0; i < w->argc; i++) {
    uint32_t len = (uint32_t)strlen(w->argv[i]) + 1;
    if (!in_bounds(w->mem, argv_p + 4ull * i, 4) || !in_bounds(w->mem, buf_p, len))
      return W2C_EFAULT;
    put32(w->mem, argv_p + 4 * i, buf_p);
    memcpy(w->mem->data + buf_p, w->argv[i], len);
    buf_p += len;
  }
  return W2C_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                       u32 iovs, u32 niovs, u32 nwritten_p) {
  if (fd != 1 && fd != 2)
    return W2C_EBADF;
  if (!in_bounds(w->mem, iovs, 8ull * niovs) || !in_bounds(w->mem, nwritten_p, 4))
    return W2C_EFAULT;
  uint32_t total = 0;
  for (uint32_t i = 0; i < niovs; i++) {
    uint32_t buf = get32(w->mem, iovs + 8 * i), len = get32(w->mem, iovs + 8 * i + 4);
    if (!in_bounds(w->mem, buf, len))
      return W2C_EFAULT;
    for (uint32_t done = 0; done < len;) {
      ssize_t n = write((int)fd, w->mem->data + buf + done, len - done);
      if (n <= 0)
        return W2C_EIO;
      done += (uint32_t)n;
    }
    total += len;
  }
  put32(w->mem, nwritten_p, total);
  return W2C_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd) {
  return fd <= 2 ? W2C_ESUCCESS : W2C_EBADF;
}

/* stdin/out/err as files of unknown type with no rights: wasi-libc then
 * treats stdout as not a terminal (fully buffered), as a pipe would be. */
u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                            u32 stat_p) {
  if (fd > 2)
    return W2C_EBADF;
  if (!in_bounds(w->mem, stat_p, 24))
    return W2C_EFAULT;
  memset(w->mem->data + stat_p, 0, 24);
  return W2C_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                      u64 offset, u32 whence, u32 result_p) {
  return fd <= 2 ? W2C_ESPIPE : W2C_EBADF;
}

void Z_wasi_snapshot_preview1Z_proc_exit(struct Z_wasi_snapshot_preview1_instance_t *w, u32 code) {
  exit((int)code);
}

int main(int argc, char **argv) {
  static Z_kernel_instance_t inst;
  struct Z_wasi_snapshot_preview1_instance_t wasi = {.argc = argc, .argv = argv};
  wasm_rt_init();
  Z_kernel_init_module();
  Z_kernel_instantiate(&inst, &wasi);
  wasi.mem = Z_kernelZ_memory(&inst);
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "%s: trap: %s\n", argv[0], wasm_rt_strerror(trap));
    return 134;
  }
  Z_kernelZ__start(&inst);
  Z_kernel_free(&inst);
  wasm_rt_free();
  return 0;
}
