/* wasi_fd.c — operations on open guest fds: read/write (positional too),
 * seek/tell, close/renumber, fdstat, filestat, advise/allocate/sync and the
 * preopen queries.  Each checks the fd's rights, and every iovec and
 * out-pointer against the guest's memory, before touching the host. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi_internal.h"

#define GET(f, fd, need)                       \
  uint32_t e_;                                 \
  wasi_fd *f = wasi_fd_get((fd), (need), &e_); \
  if (!f) return e_

enum { RW_READ, RW_WRITE, RW_PREAD, RW_PWRITE };

static uint32_t rw(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off,
                   uint32_t count_p, int op) {
  static const uint64_t need[] = {WR_FD_READ, WR_FD_WRITE, WR_FD_READ | WR_FD_SEEK, WR_FD_WRITE | WR_FD_SEEK};
  GET(f, fd, need[op]);
  uint8_t *cp = wasi_mem(vm, count_p, 4);
  if (!cp) return WASI_EFAULT;
  struct iovec v[WASI_MAX_IOVS];
  uint32_t e = wasi_iovs(vm, iovs, n, v);
  if (e) return e;
  if (off > INT64_MAX) return WASI_EINVAL;
  ssize_t r;
  do {
    switch (op) {
    case RW_READ: r = readv(f->host, v, (int)n); break;
    case RW_WRITE: r = writev(f->host, v, (int)n); break;
    case RW_PREAD: r = preadv(f->host, v, (int)n, (off_t)off); break;
    default: r = pwritev(f->host, v, (int)n, (off_t)off); break;
    }
  } while (r < 0 && errno == EINTR);
  if (r < 0) return wasi_errno(errno);
  wasi_put32(cp, (uint32_t)r);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_read(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nread_p) {
  return rw(vm, fd, iovs, n, 0, nread_p, RW_READ);
}
uint32_t wasi_fd_write(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nwritten_p) {
  return rw(vm, fd, iovs, n, 0, nwritten_p, RW_WRITE);
}
uint32_t wasi_fd_pread(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off, uint32_t nread_p) {
  return rw(vm, fd, iovs, n, off, nread_p, RW_PREAD);
}
uint32_t wasi_fd_pwrite(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off, uint32_t nwritten_p) {
  return rw(vm, fd, iovs, n, off, nwritten_p, RW_PWRITE);
}

uint32_t wasi_fd_close(wasmso_vmctx *vm, uint32_t fd) {
  GET(f, fd, 0);
  wasi_fd_release(f);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_renumber(wasmso_vmctx *vm, uint32_t fd, uint32_t to) {
  GET(f, fd, 0);
  uint32_t e;
  if (!wasi_fd_get(to, 0, &e)) return e;
  (void)f;
  wasi_fd_move(fd, to);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_seek(wasmso_vmctx *vm, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoff_p) {
  /* lseek(fd, 0, SEEK_CUR) is how a guest asks where it is: tell is enough. */
  GET(f, fd, whence == 1 && offset == 0 ? WR_FD_TELL : WR_FD_SEEK);
  uint8_t *p = wasi_mem(vm, newoff_p, 8);
  if (!p) return WASI_EFAULT;
  static const int wh[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  if (whence > 2) return WASI_EINVAL;
  off_t r = lseek(f->host, (off_t)offset, wh[whence]);
  if (r < 0) return wasi_errno(errno);
  wasi_put64(p, (uint64_t)r);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_tell(wasmso_vmctx *vm, uint32_t fd, uint32_t off_p) {
  GET(f, fd, WR_FD_TELL);
  uint8_t *p = wasi_mem(vm, off_p, 8);
  if (!p) return WASI_EFAULT;
  off_t r = lseek(f->host, 0, SEEK_CUR);
  if (r < 0) return wasi_errno(errno);
  wasi_put64(p, (uint64_t)r);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_fdstat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t stat_p) {
  GET(f, fd, 0);
  uint8_t *p = wasi_mem(vm, stat_p, 24);
  if (!p) return WASI_EFAULT;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return wasi_errno(errno);
  uint16_t flags = f->sync_flags;
  if (fl & O_APPEND) flags |= WASI_FDFLAG_APPEND;
  if (fl & O_NONBLOCK) flags |= WASI_FDFLAG_NONBLOCK;
  memset(p, 0, 24);
  p[0] = f->type;
  wasi_put16(p + 2, flags);
  wasi_put64(p + 8, f->base);
  wasi_put64(p + 16, f->inh);
  return WASI_ESUCCESS;
}

/* Linux changes only O_APPEND and O_NONBLOCK after open. */
uint32_t wasi_fd_fdstat_set_flags(wasmso_vmctx *vm, uint32_t fd, uint32_t flags) {
  GET(f, fd, WR_FD_FDSTAT_SET_FLAGS);
  if (flags & ~31u) return WASI_EINVAL;
  uint32_t sync = WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC;
  if ((flags & sync) != f->sync_flags) return WASI_ENOTSUP;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return wasi_errno(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & WASI_FDFLAG_APPEND) fl |= O_APPEND;
  if (flags & WASI_FDFLAG_NONBLOCK) fl |= O_NONBLOCK;
  if (fcntl(f->host, F_SETFL, fl) != 0) return wasi_errno(errno);
  return WASI_ESUCCESS;
}

/* Rights only ever shrink. */
uint32_t wasi_fd_fdstat_set_rights(wasmso_vmctx *vm, uint32_t fd, uint64_t base, uint64_t inh) {
  GET(f, fd, 0);
  if ((base & ~f->base) || (inh & ~f->inh)) return WASI_ENOTCAPABLE;
  f->base = base;
  f->inh = inh;
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_filestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t buf) {
  GET(f, fd, WR_FD_FILESTAT_GET);
  uint8_t *p = wasi_mem(vm, buf, 64);
  if (!p) return WASI_EFAULT;
  struct stat st;
  if (fstat(f->host, &st) != 0) return wasi_errno(errno);
  wasi_put_filestat(p, &st);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_filestat_set_size(wasmso_vmctx *vm, uint32_t fd, uint64_t size) {
  GET(f, fd, WR_FD_FILESTAT_SET_SIZE);
  if (size > INT64_MAX) return WASI_EINVAL;
  return ftruncate(f->host, (off_t)size) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

uint32_t wasi_fd_filestat_set_times(wasmso_vmctx *vm, uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t fst) {
  GET(f, fd, WR_FD_FILESTAT_SET_TIMES);
  struct timespec ts[2];
  uint32_t e = wasi_times(atim, mtim, fst, ts);
  if (e) return e;
  return futimens(f->host, ts) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

uint32_t wasi_fd_advise(wasmso_vmctx *vm, uint32_t fd, uint64_t off, uint64_t len, uint32_t advice) {
  GET(f, fd, WR_FD_ADVISE);
  static const int adv[] = {POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                            POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  if (advice > 5 || off > INT64_MAX || len > INT64_MAX) return WASI_EINVAL;
  return wasi_errno(posix_fadvise(f->host, (off_t)off, (off_t)len, adv[advice]));
}

uint32_t wasi_fd_allocate(wasmso_vmctx *vm, uint32_t fd, uint64_t off, uint64_t len) {
  GET(f, fd, WR_FD_ALLOCATE);
  if (off > INT64_MAX || len > INT64_MAX || off + len > INT64_MAX) return WASI_EFBIG;
  int r;
  do r = posix_fallocate(f->host, (off_t)off, (off_t)len);
  while (r == EINTR);
  return wasi_errno(r);
}

uint32_t wasi_fd_datasync(wasmso_vmctx *vm, uint32_t fd) {
  GET(f, fd, WR_FD_DATASYNC);
  return fdatasync(f->host) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

uint32_t wasi_fd_sync(wasmso_vmctx *vm, uint32_t fd) {
  GET(f, fd, WR_FD_SYNC);
  return fsync(f->host) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

/* wasi-libc scans fds from 3 and stops at the first EBADF. */
uint32_t wasi_fd_prestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t prestat_p) {
  GET(f, fd, 0);
  if (!f->preopen) return WASI_EBADF;
  uint8_t *p = wasi_mem(vm, prestat_p, 8);
  if (!p) return WASI_EFAULT;
  memset(p, 0, 8);
  wasi_put32(p + 4, f->preopen_len);
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_prestat_dir_name(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len) {
  GET(f, fd, 0);
  if (!f->preopen) return WASI_EBADF;
  if (len < f->preopen_len) return WASI_ENAMETOOLONG;
  uint8_t *p = wasi_mem(vm, path, f->preopen_len);
  if (!p) return WASI_EFAULT;
  memcpy(p, f->preopen, f->preopen_len);
  return WASI_ESUCCESS;
}
