/* wasi_dir.c — fd_readdir.  Entries come straight from getdents64 on a
 * private open of the directory (so reading never moves the guest's own fd
 * offset); a cookie is the kernel's d_off of the previous entry, 0 the start. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_internal.h"

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static uint8_t dtype(int dir, const struct linux_dirent64 *d) {
  switch (d->d_type) {
  case DT_BLK: return WASI_FT_BLOCK;
  case DT_CHR: return WASI_FT_CHAR;
  case DT_DIR: return WASI_FT_DIR;
  case DT_REG: return WASI_FT_REG;
  case DT_SOCK: return WASI_FT_STREAM;
  case DT_LNK: return WASI_FT_SYMLINK;
  case DT_UNKNOWN: {
    struct stat st;
    return fstatat(dir, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? wasi_filetype(st.st_mode) : WASI_FT_UNKNOWN;
  }
  default: return WASI_FT_UNKNOWN;
  }
}

uint32_t wasi_fd_readdir(wasmso_vmctx *vm, uint32_t fd, uint32_t buf, uint32_t len, uint64_t cookie,
                         uint32_t used_p) {
  uint32_t e;
  wasi_fd *f = wasi_fd_get(fd, WR_FD_READDIR, &e);
  if (!f) return e;
  uint8_t *out = wasi_mem(vm, buf, len), *u = wasi_mem(vm, used_p, 4);
  if (!out || !u) return WASI_EFAULT;
  if (f->type != WASI_FT_DIR) return WASI_ENOTDIR;
  if (cookie > INT64_MAX) return WASI_EINVAL;
  int d = openat(f->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0) return wasi_errno(errno);
  if (lseek(d, (off_t)cookie, SEEK_SET) < 0) {
    e = wasi_errno(errno);
    close(d);
    return e;
  }
  char kbuf[8192] __attribute__((aligned(8)));
  uint32_t used = 0;
  while (used < len) {
    long n = getdents64(d, kbuf, sizeof kbuf);
    if (n < 0) {
      e = wasi_errno(errno);
      close(d);
      return e;
    }
    if (n == 0) break;
    for (long off = 0; off < n && used < len;) {
      struct linux_dirent64 *de = (struct linux_dirent64 *)(kbuf + off);
      off += de->d_reclen;
      uint8_t ent[24] = {0};
      uint32_t namlen = (uint32_t)strlen(de->d_name);
      wasi_put64(ent, (uint64_t)de->d_off);
      wasi_put64(ent + 8, de->d_ino);
      wasi_put32(ent + 16, namlen);
      ent[20] = dtype(d, de);
      /* The last entry may be cut short: the guest sees a full buffer and
       * asks again from the previous cookie with a bigger one. */
      uint32_t k = len - used < 24 ? len - used : 24;
      memcpy(out + used, ent, k);
      used += k;
      k = len - used < namlen ? len - used : namlen;
      memcpy(out + used, de->d_name, k);
      used += k;
    }
  }
  close(d);
  wasi_put32(u, used);
  return WASI_ESUCCESS;
}
