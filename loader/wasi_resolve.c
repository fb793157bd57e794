/* wasi_resolve.c — guest paths, resolved beneath a directory fd without
 * races: openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) lets the kernel
 * refuse `..` above the directory, absolute paths and symlinks leading out;
 * where openat2 is missing, a component-by-component walk with O_NOFOLLOW
 * does the same, keeping the directories it went through as fds so `..`
 * never needs a lookup. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "wasi_internal.h"

bool wasi_force_walk;

uint32_t wasi_path(wasmso_vmctx *vm, uint32_t ptr, uint32_t len, char buf[WASI_PATH_MAX]) {
  const uint8_t *p = wasi_mem(vm, ptr, len);
  if (!p) return WASI_EFAULT;
  if (len >= WASI_PATH_MAX) return WASI_ENAMETOOLONG;
  if (memchr(p, 0, len)) return WASI_EILSEQ;
  memcpy(buf, p, len);
  buf[len] = 0;
  return WASI_ESUCCESS;
}

#define MAX_DEPTH 256
#define MAX_LINKS 40

struct walk {
  int fds[MAX_DEPTH + 1]; /* fds[0] = the root (not owned), fds[1..depth] owned */
  int depth;
  char *rest;             /* what is left to resolve (malloc'd) */
};

static void walk_free(struct walk *w) {
  for (int i = 1; i <= w->depth; i++) close(w->fds[i]);
  free(w->rest);
}

/* Replace the component just read (at w->rest, ending at end) by target. */
static int splice_link(struct walk *w, const char *target, const char *end) {
  size_t tl = strlen(target), el = strlen(end);
  char *s = malloc(tl + 1 + el + 1);
  if (!s) return -WASI_ENOMEM;
  memcpy(s, target, tl);
  s[tl] = el ? '/' : 0;
  memcpy(s + tl + (el ? 1 : 0), end, el + 1);
  free(w->rest);
  w->rest = s;
  return 0;
}

/* The fallback resolver: like openat2 with RESOLVE_BENEATH. */
static int walk_open(int dirfd, const char *path, int flags, mode_t mode, bool follow) {
  if (path[0] == '/') return -WASI_ENOTCAPABLE;
  struct walk w = {.fds = {dirfd}, .rest = strdup(path)};
  if (!w.rest) return -WASI_ENOMEM;
  int links = 0, r;
  for (;;) {
    char *s = w.rest, *slash = strchr(s, '/');
    bool last = !slash;
    size_t n = last ? strlen(s) : (size_t)(slash - s);
    const char *after = last ? "" : slash + 1;
    while (*after == '/') after++;
    /* "a/" names a directory: resolve it as "a/." */
    if (!last && !*after) after = ".";
    char comp[WASI_PATH_MAX];
    memcpy(comp, s, n);
    comp[n] = 0;
    int top = w.fds[w.depth];
    if (!last && (n == 0 || strcmp(comp, ".") == 0)) {
      memmove(w.rest, after, strlen(after) + 1);
      continue;
    }
    if (!last && strcmp(comp, "..") == 0) {
      if (w.depth == 0) { r = -WASI_ENOTCAPABLE; break; }
      close(w.fds[w.depth--]);
      memmove(w.rest, after, strlen(after) + 1);
      continue;
    }
    if (last && (n == 0 || strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0)) {
      if (n == 2 && w.depth == 0) { r = -WASI_ENOTCAPABLE; break; }
      int base = n == 2 ? w.fds[w.depth - 1] : top;
      r = openat(base, ".", flags | O_CLOEXEC, mode);
      if (r < 0) r = -(int)wasi_errno(errno);
      break;
    }
    int f = last ? openat(top, comp, flags | O_NOFOLLOW | O_CLOEXEC, mode)
                 : openat(top, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int err = errno;
    struct stat st;
    /* O_NOFOLLOW fails on a symlink with ELOOP (or ENOTDIR with O_DIRECTORY,
     * or O_PATH opens the link itself): read it and resolve its target. */
    bool is_link = (last ? (f < 0 && (err == ELOOP || err == ENOTDIR) && follow) ||
                               (f >= 0 && follow && (flags & O_PATH) && fstat(f, &st) == 0 && S_ISLNK(st.st_mode))
                         : f < 0 && (err == ENOTDIR || err == ELOOP)) &&
                   fstatat(top, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
    if (is_link) {
      if (f >= 0) close(f);
      char target[WASI_PATH_MAX];
      ssize_t tl = readlinkat(top, comp, target, sizeof target - 1);
      if (tl < 0) { r = -(int)wasi_errno(errno); break; }
      target[tl] = 0;
      if (++links > MAX_LINKS) { r = -WASI_ELOOP; break; }
      if (target[0] == '/') { r = -WASI_ENOTCAPABLE; break; }
      if ((r = splice_link(&w, target, after)) < 0) break;
      continue;
    }
    if (f < 0) { r = -(int)wasi_errno(err); break; }
    if (last) { r = f; break; }
    if (w.depth == MAX_DEPTH) { close(f); r = -WASI_ENAMETOOLONG; break; }
    w.fds[++w.depth] = f;
    memmove(w.rest, after, strlen(after) + 1);
  }
  walk_free(&w);
  return r;
}

int wasi_open_beneath(int dirfd, const char *path, int flags, mode_t mode, bool follow) {
  if (!path[0]) return -WASI_ENOENT;
  if (!follow) flags |= O_NOFOLLOW;
  if (!wasi_force_walk) {
    struct open_how how = {
      .flags = (uint64_t)(flags | O_CLOEXEC),
      .mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? mode : 0,
      .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    for (int tries = 0; tries < 16; tries++) {
      long r = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
      if (r >= 0) return (int)r;
      if (errno == EAGAIN || errno == EINTR) continue; /* a concurrent rename: retry */
      if (errno == EXDEV) return -WASI_ENOTCAPABLE;
      if (errno != ENOSYS) return -(int)wasi_errno(errno);
      break;
    }
  }
  return walk_open(dirfd, path, flags, mode, follow);
}

int wasi_open_parent(int dirfd, const char *path, char name[WASI_PATH_MAX], bool *slash) {
  size_t n = strlen(path);
  *slash = false;
  while (n > 1 && path[n - 1] == '/') n--, *slash = true;
  if (n == 0) return -WASI_ENOENT;
  if (path[0] == '/') return -WASI_ENOTCAPABLE;
  size_t i = n;
  while (i > 0 && path[i - 1] != '/') i--;
  memcpy(name, path + i, n - i);
  name[n - i] = 0;
  char parent[WASI_PATH_MAX];
  if (i == 0) {
    strcpy(parent, ".");
  } else {
    memcpy(parent, path, i);
    parent[i] = 0;
  }
  return wasi_open_beneath(dirfd, parent, O_PATH | O_DIRECTORY, 0, true);
}
