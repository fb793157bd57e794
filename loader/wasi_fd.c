/* wasi_fd.c — WASI file descriptors: for now only the three standard
 * streams, mapped to the host's fds 0-2.  Every iovec and out-pointer is
 * bounds-checked against the guest's memory before use. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi_internal.h"

#define NSTDIO 3
#define MAX_IOVS 1024
static _Atomic bool closed[NSTDIO];

static bool fd_ok(uint32_t fd) { return fd < NSTDIO && !atomic_load(&closed[fd]); }

static uint32_t errno_to_wasi(int e) {
  switch (e) {
  case EBADF: return WASI_EBADF;
  case EFAULT: return WASI_EFAULT;
  case EINVAL: return WASI_EINVAL;
  case ESPIPE: return WASI_ESPIPE;
  case EAGAIN: return 6;
  case EPIPE: return 64;
  case ENOSPC: return 51;
  case EINTR: return 27;
  case EOVERFLOW: return WASI_EOVERFLOW;
  default: return WASI_EIO;
  }
}

/* Guest iovec array (8 bytes each: ptr, len) -> host iovecs. */
static uint32_t host_iovs(wasmso_vmctx *vm, uint32_t iovs, uint32_t n, struct iovec *out) {
  if (n > MAX_IOVS) return WASI_EINVAL;
  const uint8_t *g = wasi_mem(vm, iovs, (uint64_t)n * 8);
  if (!g) return WASI_EFAULT;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t ptr = wasi_get32(g + 8 * i), len = wasi_get32(g + 8 * i + 4);
    uint8_t *p = wasi_mem(vm, ptr, len);
    if (!p) return WASI_EFAULT;
    out[i] = (struct iovec){p, len};
  }
  return WASI_ESUCCESS;
}

static uint32_t rw(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t count_p, bool write) {
  if (!fd_ok(fd)) return WASI_EBADF;
  uint8_t *cp = wasi_mem(vm, count_p, 4);
  if (!cp) return WASI_EFAULT;
  struct iovec v[MAX_IOVS];
  uint32_t e = host_iovs(vm, iovs, n, v);
  if (e) return e;
  ssize_t r;
  do r = write ? writev((int)fd, v, (int)n) : readv((int)fd, v, (int)n);
  while (r < 0 && errno == EINTR);
  if (r < 0) return errno_to_wasi(errno);
  wasi_put32(cp, (uint32_t)r);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_write(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nwritten_p) {
  return rw(vm, fd, iovs, n, nwritten_p, true);
}

uint32_t wasi_fd_read(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nread_p) {
  return rw(vm, fd, iovs, n, nread_p, false);
}

/* The host's own stdio stays open: the loader still reports on stderr. */
uint32_t wasi_fd_close(wasmso_vmctx *vm, uint32_t fd) {
  (void)vm;
  if (!fd_ok(fd)) return WASI_EBADF;
  atomic_store(&closed[fd], true);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_seek(wasmso_vmctx *vm, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoff_p) {
  if (!fd_ok(fd)) return WASI_EBADF;
  uint8_t *p = wasi_mem(vm, newoff_p, 8);
  if (!p) return WASI_EFAULT;
  static const int wh[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  if (whence > 2) return WASI_EINVAL;
  off_t r = lseek((int)fd, (off_t)offset, wh[whence]);
  if (r < 0) return errno_to_wasi(errno);
  wasi_put64(p, (uint64_t)r);
  return WASI_ESUCCESS;
}

#define RIGHTS_ALL ((1ull << 30) - 1)
#define RIGHT_FD_SEEK (1ull << 2)
#define RIGHT_FD_TELL (1ull << 5)

uint32_t wasi_fd_fdstat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t stat_p) {
  if (!fd_ok(fd)) return WASI_EBADF;
  uint8_t *p = wasi_mem(vm, stat_p, 24);
  if (!p) return WASI_EFAULT;
  struct stat st;
  if (fstat((int)fd, &st) != 0) return errno_to_wasi(errno);
  uint8_t type = S_ISCHR(st.st_mode) ? 2 : S_ISREG(st.st_mode) ? 4 : S_ISDIR(st.st_mode) ? 3
               : S_ISSOCK(st.st_mode) ? 6 : S_ISBLK(st.st_mode) ? 1 : 0;
  uint64_t rights = RIGHTS_ALL;
  /* wasi-libc's isatty(): a character device without seek/tell rights. */
  if (type == 2) rights &= ~(RIGHT_FD_SEEK | RIGHT_FD_TELL);
  for (int i = 0; i < 24; i++) p[i] = 0;
  p[0] = type;
  wasi_put64(p + 8, rights);
  wasi_put64(p + 16, rights);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_fdstat_set_flags(wasmso_vmctx *vm, uint32_t fd, uint32_t flags) {
  (void)vm;
  (void)flags;
  return fd_ok(fd) ? WASI_ENOTSUP : WASI_EBADF;
}

/* No preopened directories yet: wasi-libc stops scanning at the first EBADF. */
uint32_t wasi_fd_prestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t prestat_p) {
  (void)vm;
  (void)fd;
  (void)prestat_p;
  return WASI_EBADF;
}

uint32_t wasi_fd_prestat_dir_name(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len) {
  (void)vm;
  (void)fd;
  (void)path;
  (void)len;
  return WASI_EBADF;
}
