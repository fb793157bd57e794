/* wasi_path.c — path_* functions.  A path is always relative to a guest
 * directory fd and resolved beneath it (wasi_resolve.c); operations on a
 * directory entry itself (mkdir, unlink, rename, link, symlink, readlink,
 * no-follow stat) resolve the parent beneath and act on the last component
 * with the *at() calls, which never follow it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_internal.h"

/* The directory fd (with rights need) and the guest path copied to buf. */
static uint32_t dir_and_path(wasmso_vmctx *vm, uint32_t fd, uint64_t need, uint32_t ptr, uint32_t len,
                             char buf[WASI_PATH_MAX], wasi_fd **dir) {
  uint32_t e;
  /* as POSIX: a path relative to a non-directory is ENOTDIR, whatever its rights */
  if (!(*dir = wasi_fd_get(fd, 0, &e))) return e;
  if ((*dir)->type != WASI_FT_DIR) return WASI_ENOTDIR;
  if (((*dir)->base & need) != need) return WASI_ENOTCAPABLE;
  return wasi_path(vm, ptr, len, buf);
}

static bool dot_or_dotdot(const char *n) { return !strcmp(n, ".") || !strcmp(n, ".."); }

/* The parent of path beneath dir, and its last component: an entry. */
struct entry {
  int parent;
  char name[WASI_PATH_MAX];
  bool slash; /* the path ended in '/': the entry must be a directory */
};

static uint32_t open_entry(wasmso_vmctx *vm, uint32_t fd, uint64_t need, uint32_t ptr, uint32_t len,
                           struct entry *en) {
  char path[WASI_PATH_MAX];
  wasi_fd *d;
  uint32_t e = dir_and_path(vm, fd, need, ptr, len, path, &d);
  if (e) return e;
  int p = wasi_open_parent(d->host, path, en->name, &en->slash);
  if (p < 0) return (uint32_t)-p;
  en->parent = p;
  return WASI_ESUCCESS;
}

/* The two entries of a link or a rename, source then target; on failure
 * neither stays open. */
static uint32_t open_pair(wasmso_vmctx *vm, uint32_t from_fd, uint64_t from_need, uint32_t from_ptr,
                          uint32_t from_len, uint32_t to_fd, uint64_t to_need, uint32_t to_ptr,
                          uint32_t to_len, struct entry *from, struct entry *to) {
  uint32_t e = open_entry(vm, from_fd, from_need, from_ptr, from_len, from);
  if (e) return e;
  if ((e = open_entry(vm, to_fd, to_need, to_ptr, to_len, to))) close(from->parent);
  return e;
}

/* A trailing slash on something that is not a directory is ENOTDIR. */
static uint32_t check_slash(const struct entry *en) {
  struct stat st;
  if (en->slash && fstatat(en->parent, en->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
    return WASI_ENOTDIR;
  return WASI_ESUCCESS;
}

static uint32_t ret(int r) { return r == 0 ? WASI_ESUCCESS : wasi_errno(errno); }

uint32_t wasi_path_open(wasmso_vmctx *vm, uint32_t fd, uint32_t dirflags, uint32_t path, uint32_t path_len,
                        uint32_t oflags, uint64_t base, uint64_t inh, uint32_t fdflags, uint32_t fd_p) {
  uint64_t need = WR_PATH_OPEN;
  if (oflags & WASI_O_CREAT) need |= WR_PATH_CREATE_FILE;
  if (oflags & WASI_O_TRUNC) need |= WR_PATH_FILESTAT_SET_SIZE;
  char buf[WASI_PATH_MAX];
  wasi_fd *d;
  uint32_t e = dir_and_path(vm, fd, need, path, path_len, buf, &d);
  if (e) return e;
  uint8_t *out = wasi_mem(vm, fd_p, 4);
  if (!out) return WASI_EFAULT;
  if (oflags & ~15u || fdflags & ~31u) return WASI_EINVAL;
  /* A new fd has at most the rights its directory passes on. */
  base &= d->inh;
  inh &= d->inh;
  if ((fdflags & WASI_FDFLAG_DSYNC) && !(base & WR_FD_DATASYNC)) return WASI_ENOTCAPABLE;
  if ((fdflags & (WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) && !(base & WR_FD_SYNC)) return WASI_ENOTCAPABLE;

  bool rd = base & (WR_FD_READ | WR_FD_READDIR);
  bool wr = base & (WR_FD_WRITE | WR_FD_ALLOCATE | WR_FD_FILESTAT_SET_SIZE);
  int flags = O_NOCTTY;
  if (oflags & WASI_O_DIRECTORY) flags |= O_RDONLY | O_DIRECTORY;
  else flags |= wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (oflags & WASI_O_CREAT) flags |= O_CREAT;
  if (oflags & WASI_O_EXCL) flags |= O_EXCL;
  if (oflags & WASI_O_TRUNC) flags |= O_TRUNC;
  if (fdflags & WASI_FDFLAG_APPEND) flags |= O_APPEND;
  if (fdflags & WASI_FDFLAG_NONBLOCK) flags |= O_NONBLOCK;
  if (fdflags & WASI_FDFLAG_DSYNC) flags |= O_DSYNC;
  if (fdflags & (WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) flags |= O_SYNC;
  int h = wasi_open_beneath(d->host, buf, flags, 0666, dirflags & WASI_LOOKUP_SYMLINK_FOLLOW);
  if (h < 0) return (uint32_t)-h;
  struct stat st;
  if (fstat(h, &st) != 0) {
    e = wasi_errno(errno);
    close(h);
    return e;
  }
  uint8_t type = wasi_filetype(st.st_mode);
  uint64_t typed = wasi_rights_for(type);
  uint32_t g;
  if ((e = wasi_fd_install(h, type, base & typed, inh, &g))) return e;
  uint32_t ignored;
  wasi_fd_get(g, 0, &ignored)->sync_flags = (uint16_t)(fdflags & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC));
  wasi_put32(out, g);
  return WASI_ESUCCESS;
}

uint32_t wasi_path_create_directory(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len) {
  struct entry en;
  uint32_t e = open_entry(vm, fd, WR_PATH_CREATE_DIRECTORY, path, len, &en);
  if (e) return e;
  e = dot_or_dotdot(en.name) ? WASI_EEXIST : ret(mkdirat(en.parent, en.name, 0777));
  close(en.parent);
  return e;
}

uint32_t wasi_path_remove_directory(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len) {
  struct entry en;
  uint32_t e = open_entry(vm, fd, WR_PATH_REMOVE_DIRECTORY, path, len, &en);
  if (e) return e;
  if (dot_or_dotdot(en.name)) e = strcmp(en.name, ".") ? WASI_ENOTEMPTY : WASI_EINVAL;
  else e = ret(unlinkat(en.parent, en.name, AT_REMOVEDIR));
  close(en.parent);
  return e;
}

uint32_t wasi_path_unlink_file(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len) {
  struct entry en;
  uint32_t e = open_entry(vm, fd, WR_PATH_UNLINK_FILE, path, len, &en);
  if (e) return e;
  if (dot_or_dotdot(en.name)) e = WASI_EISDIR;
  else if (!(e = check_slash(&en))) e = ret(unlinkat(en.parent, en.name, 0));
  close(en.parent);
  return e;
}

/* Without SYMLINK_FOLLOW the last component is opened itself (O_PATH of a
 * symlink is the link): stat and times then apply to it, as lstat does. */
static int open_target(wasmso_vmctx *vm, uint32_t fd, uint64_t need, uint32_t flags, uint32_t path,
                       uint32_t len, uint32_t *e) {
  char buf[WASI_PATH_MAX];
  wasi_fd *d;
  if ((*e = dir_and_path(vm, fd, need, path, len, buf, &d))) return -1;
  int h = wasi_open_beneath(d->host, buf, O_PATH, 0, flags & WASI_LOOKUP_SYMLINK_FOLLOW);
  if (h < 0) *e = (uint32_t)-h;
  return h;
}

uint32_t wasi_path_filestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t flags, uint32_t path, uint32_t len,
                                uint32_t buf) {
  uint32_t e;
  int h = open_target(vm, fd, WR_PATH_FILESTAT_GET, flags, path, len, &e);
  if (h < 0) return e;
  uint8_t *p = wasi_mem(vm, buf, 64);
  struct stat st;
  if (!p) e = WASI_EFAULT;
  else if (fstat(h, &st) != 0) e = wasi_errno(errno);
  else wasi_put_filestat(p, &st);
  close(h);
  return e;
}

uint32_t wasi_path_filestat_set_times(wasmso_vmctx *vm, uint32_t fd, uint32_t flags, uint32_t path,
                                      uint32_t len, uint64_t atim, uint64_t mtim, uint32_t fst) {
  struct timespec ts[2];
  uint32_t e = wasi_times(atim, mtim, fst, ts);
  if (e) return e;
  int h = open_target(vm, fd, WR_PATH_FILESTAT_SET_TIMES, flags, path, len, &e);
  if (h < 0) return e;
  e = ret(utimensat(h, "", ts, AT_EMPTY_PATH));
  close(h);
  return e;
}

uint32_t wasi_path_readlink(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len, uint32_t buf,
                            uint32_t buf_len, uint32_t used_p) {
  struct entry en;
  uint32_t e = open_entry(vm, fd, WR_PATH_READLINK, path, len, &en);
  if (e) return e;
  uint8_t *b = wasi_mem(vm, buf, buf_len), *u = wasi_mem(vm, used_p, 4);
  char target[WASI_PATH_MAX];
  ssize_t n = -1;
  if (!b || !u) e = WASI_EFAULT;
  else if (en.slash || dot_or_dotdot(en.name)) e = WASI_EINVAL;
  else if ((n = readlinkat(en.parent, en.name, target, sizeof target)) < 0) e = wasi_errno(errno);
  else {
    /* Like readlink(2): as much as fits, not NUL-terminated. */
    size_t k = (size_t)n < buf_len ? (size_t)n : buf_len;
    memcpy(b, target, k);
    wasi_put32(u, (uint32_t)k);
  }
  close(en.parent);
  return e;
}

/* The link's text is stored as given: it is only ever followed by the
 * resolver, beneath a guest directory.  Absolute targets can never resolve,
 * so they are refused up front (as they would also mislead the host). */
uint32_t wasi_path_symlink(wasmso_vmctx *vm, uint32_t old, uint32_t old_len, uint32_t fd, uint32_t path,
                           uint32_t len) {
  char target[WASI_PATH_MAX];
  uint32_t e = wasi_path(vm, old, old_len, target);
  if (e) return e;
  struct entry en;
  if ((e = open_entry(vm, fd, WR_PATH_SYMLINK, path, len, &en))) return e;
  if (target[0] == '/') e = WASI_ENOTCAPABLE;
  else if (dot_or_dotdot(en.name)) e = WASI_EEXIST;
  else e = ret(symlinkat(target, en.parent, en.name));
  if (e == WASI_ESUCCESS && en.slash) {
    /* "link/" names a directory, which a new symlink is not. */
    unlinkat(en.parent, en.name, 0);
    e = WASI_ENOENT;
  }
  close(en.parent);
  return e;
}

uint32_t wasi_path_link(wasmso_vmctx *vm, uint32_t old_fd, uint32_t old_flags, uint32_t old, uint32_t old_len,
                        uint32_t new_fd, uint32_t path, uint32_t len) {
  struct entry from, to;
  uint32_t e = open_pair(vm, old_fd, WR_PATH_LINK_SOURCE, old, old_len, new_fd, WR_PATH_LINK_TARGET,
                         path, len, &from, &to);
  if (e) return e;
  if (dot_or_dotdot(from.name) || dot_or_dotdot(to.name)) e = WASI_EPERM;
  else if (!(e = check_slash(&from)) && !(e = check_slash(&to))) {
    if (old_flags & WASI_LOOKUP_SYMLINK_FOLLOW) {
      /* Follow the source beneath its directory, then link the inode it
       * reaches through the host's /proc entry for that fd (the host's own
       * magic link, never one the guest can name). */
      int h = wasi_open_beneath(from.parent, from.name, O_PATH, 0, true);
      if (h < 0) e = (uint32_t)-h;
      else {
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", h);
        e = ret(linkat(AT_FDCWD, proc, to.parent, to.name, AT_SYMLINK_FOLLOW));
        close(h);
      }
    } else {
      e = ret(linkat(from.parent, from.name, to.parent, to.name, 0));
    }
  }
  close(from.parent);
  close(to.parent);
  return e;
}

uint32_t wasi_path_rename(wasmso_vmctx *vm, uint32_t fd, uint32_t old, uint32_t old_len, uint32_t new_fd,
                          uint32_t path, uint32_t len) {
  struct entry from, to;
  uint32_t e = open_pair(vm, fd, WR_PATH_RENAME_SOURCE, old, old_len, new_fd, WR_PATH_RENAME_TARGET,
                         path, len, &from, &to);
  if (e) return e;
  if (dot_or_dotdot(from.name) || dot_or_dotdot(to.name)) e = WASI_EBUSY;
  else if (!(e = check_slash(&from)) && !(e = check_slash(&to))) {
    /* "a" -> "b/": a must be a directory too. */
    from.slash |= to.slash;
    if (!(e = check_slash(&from))) e = ret(renameat(from.parent, from.name, to.parent, to.name));
  }
  close(from.parent);
  close(to.parent);
  return e;
}
