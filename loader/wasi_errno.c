/* wasi_errno.c — conversions between host and WASI values: errno, file
 * types, filestat, timestamps, iovecs. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>

#include "wasi_internal.h"

uint32_t wasi_errno(int e) {
  switch (e) {
  case 0: return WASI_ESUCCESS;
  case E2BIG: return WASI_E2BIG;
  case EACCES: return WASI_EACCES;
  case EADDRINUSE: return WASI_EADDRINUSE;
  case EADDRNOTAVAIL: return WASI_EADDRNOTAVAIL;
  case EAFNOSUPPORT: return WASI_EAFNOSUPPORT;
  case EAGAIN: return WASI_EAGAIN;
  case EALREADY: return WASI_EALREADY;
  case EBADF: return WASI_EBADF;
  case EBADMSG: return WASI_EBADMSG;
  case EBUSY: return WASI_EBUSY;
  case ECANCELED: return WASI_ECANCELED;
  case ECHILD: return WASI_ECHILD;
  case ECONNABORTED: return WASI_ECONNABORTED;
  case ECONNREFUSED: return WASI_ECONNREFUSED;
  case ECONNRESET: return WASI_ECONNRESET;
  case EDEADLK: return WASI_EDEADLK;
  case EDESTADDRREQ: return WASI_EDESTADDRREQ;
  case EDOM: return WASI_EDOM;
  case EDQUOT: return WASI_EDQUOT;
  case EEXIST: return WASI_EEXIST;
  case EFAULT: return WASI_EFAULT;
  case EFBIG: return WASI_EFBIG;
  case EHOSTUNREACH: return WASI_EHOSTUNREACH;
  case EIDRM: return WASI_EIDRM;
  case EILSEQ: return WASI_EILSEQ;
  case EINPROGRESS: return WASI_EINPROGRESS;
  case EINTR: return WASI_EINTR;
  case EINVAL: return WASI_EINVAL;
  case EIO: return WASI_EIO;
  case EISCONN: return WASI_EISCONN;
  case EISDIR: return WASI_EISDIR;
  case ELOOP: return WASI_ELOOP;
  case EMFILE: return WASI_EMFILE;
  case EMLINK: return WASI_EMLINK;
  case EMSGSIZE: return WASI_EMSGSIZE;
  case EMULTIHOP: return WASI_EMULTIHOP;
  case ENAMETOOLONG: return WASI_ENAMETOOLONG;
  case ENETDOWN: return WASI_ENETDOWN;
  case ENETRESET: return WASI_ENETRESET;
  case ENETUNREACH: return WASI_ENETUNREACH;
  case ENFILE: return WASI_ENFILE;
  case ENOBUFS: return WASI_ENOBUFS;
  case ENODEV: return WASI_ENODEV;
  case ENOENT: return WASI_ENOENT;
  case ENOEXEC: return WASI_ENOEXEC;
  case ENOLCK: return WASI_ENOLCK;
  case ENOLINK: return WASI_ENOLINK;
  case ENOMEM: return WASI_ENOMEM;
  case ENOMSG: return WASI_ENOMSG;
  case ENOPROTOOPT: return WASI_ENOPROTOOPT;
  case ENOSPC: return WASI_ENOSPC;
  case ENOSYS: return WASI_ENOSYS;
  case ENOTCONN: return WASI_ENOTCONN;
  case ENOTDIR: return WASI_ENOTDIR;
  case ENOTEMPTY: return WASI_ENOTEMPTY;
  case ENOTRECOVERABLE: return WASI_ENOTRECOVERABLE;
  case ENOTSOCK: return WASI_ENOTSOCK;
  case ENOTSUP: return WASI_ENOTSUP;
  case ENOTTY: return WASI_ENOTTY;
  case ENXIO: return WASI_ENXIO;
  case EOVERFLOW: return WASI_EOVERFLOW;
  case EOWNERDEAD: return WASI_EOWNERDEAD;
  case EPERM: return WASI_EPERM;
  case EPIPE: return WASI_EPIPE;
  case EPROTO: return WASI_EPROTO;
  case EPROTONOSUPPORT: return WASI_EPROTONOSUPPORT;
  case EPROTOTYPE: return WASI_EPROTOTYPE;
  case ERANGE: return WASI_ERANGE;
  case EROFS: return WASI_EROFS;
  case ESPIPE: return WASI_ESPIPE;
  case ESRCH: return WASI_ESRCH;
  case ESTALE: return WASI_ESTALE;
  case ETIMEDOUT: return WASI_ETIMEDOUT;
  case ETXTBSY: return WASI_ETXTBSY;
  /* A cross-device link or rename stays EXDEV; openat2's escape EXDEV is
   * turned into ENOTCAPABLE by the resolver before it gets here. */
  case EXDEV: return WASI_EXDEV;
  default: return WASI_EIO;
  }
}

uint8_t wasi_filetype(mode_t mode) {
  switch (mode & S_IFMT) {
  case S_IFBLK: return WASI_FT_BLOCK;
  case S_IFCHR: return WASI_FT_CHAR;
  case S_IFDIR: return WASI_FT_DIR;
  case S_IFREG: return WASI_FT_REG;
  case S_IFSOCK: return WASI_FT_STREAM;
  case S_IFLNK: return WASI_FT_SYMLINK;
  default: return WASI_FT_UNKNOWN; /* FIFOs have no WASI type */
  }
}

static uint64_t ns(struct timespec t) { return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec; }

void wasi_put_filestat(uint8_t *p, const struct stat *st) {
  __builtin_memset(p, 0, 64);
  wasi_put64(p + 0, st->st_dev);
  wasi_put64(p + 8, st->st_ino);
  p[16] = wasi_filetype(st->st_mode);
  wasi_put64(p + 24, st->st_nlink);
  wasi_put64(p + 32, (uint64_t)st->st_size);
  wasi_put64(p + 40, ns(st->st_atim));
  wasi_put64(p + 48, ns(st->st_mtim));
  wasi_put64(p + 56, ns(st->st_ctim));
}

static uint32_t one_time(uint64_t t, bool set, bool now, struct timespec *ts) {
  if (set && now) return WASI_EINVAL;
  if (now) *ts = (struct timespec){0, UTIME_NOW};
  else if (set) *ts = (struct timespec){(time_t)(t / 1000000000u), (long)(t % 1000000000u)};
  else *ts = (struct timespec){0, UTIME_OMIT};
  return WASI_ESUCCESS;
}

uint32_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]) {
  if (fst & ~15u) return WASI_EINVAL;
  uint32_t e = one_time(atim, fst & WASI_FST_ATIM, fst & WASI_FST_ATIM_NOW, &ts[0]);
  return e ? e : one_time(mtim, fst & WASI_FST_MTIM, fst & WASI_FST_MTIM_NOW, &ts[1]);
}

uint32_t wasi_iovs(wasmso_vmctx *vm, uint32_t iovs, uint32_t n, struct iovec *out) {
  if (n > WASI_MAX_IOVS) return WASI_EINVAL;
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
