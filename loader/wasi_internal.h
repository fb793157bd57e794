/* wasi_internal.h — shared by the wasi_*.c files. */
#ifndef WASI_INTERNAL_H
#define WASI_INTERNAL_H

#include <stdint.h>

#include "wl_wasi.h"

/* WASI errno values (preview1). */
enum {
  WASI_ESUCCESS = 0, WASI_EBADF = 8, WASI_EFAULT = 21, WASI_EINVAL = 28, WASI_EIO = 29,
  WASI_ENOSYS = 52, WASI_ESPIPE = 70, WASI_EOVERFLOW = 61, WASI_ENOTSUP = 58,
};

/* host address of guest [ptr, ptr+len), or NULL if any of it is outside the
 * importing instance's memory. */
static inline uint8_t *wasi_mem(wasmso_vmctx *vm, uint32_t ptr, uint64_t len) {
  wasmso_memory *m = vm->memory;
  if (!m || (uint64_t)ptr + len > m->size) return 0;
  return m->base + ptr;
}

/* Little-endian stores into guest memory (host is little-endian on both
 * supported targets). */
static inline void wasi_put32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void wasi_put64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
static inline uint32_t wasi_get32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }

uint32_t wasi_args_get(wasmso_vmctx *vm, uint32_t argv, uint32_t buf);
uint32_t wasi_args_sizes_get(wasmso_vmctx *vm, uint32_t argc_p, uint32_t size_p);
uint32_t wasi_environ_get(wasmso_vmctx *vm, uint32_t env, uint32_t buf);
uint32_t wasi_environ_sizes_get(wasmso_vmctx *vm, uint32_t count_p, uint32_t size_p);
uint32_t wasi_clock_res_get(wasmso_vmctx *vm, uint32_t id, uint32_t res_p);
uint32_t wasi_clock_time_get(wasmso_vmctx *vm, uint32_t id, uint64_t precision, uint32_t time_p);
uint32_t wasi_random_get(wasmso_vmctx *vm, uint32_t buf, uint32_t len);
void wasi_proc_exit(wasmso_vmctx *vm, uint32_t code);
uint32_t wasi_sched_yield(wasmso_vmctx *vm);

uint32_t wasi_fd_write(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nwritten_p);
uint32_t wasi_fd_read(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nread_p);
uint32_t wasi_fd_close(wasmso_vmctx *vm, uint32_t fd);
uint32_t wasi_fd_seek(wasmso_vmctx *vm, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoff_p);
uint32_t wasi_fd_fdstat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t stat_p);
uint32_t wasi_fd_fdstat_set_flags(wasmso_vmctx *vm, uint32_t fd, uint32_t flags);
uint32_t wasi_fd_prestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t prestat_p);
uint32_t wasi_fd_prestat_dir_name(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len);

#endif
