/* wasi_fdtable.c — the guest's file descriptor table: guest fd -> host fd,
 * file type and rights.  Guest fds 0-2 start as the host's stdio, the
 * preopened directories follow.  Process-wide: one guest per process. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_internal.h"

#define MAX_FDS 65536u

static wasi_fd *tab;
static uint32_t ntab;   /* entries allocated */
static bool ready;      /* stdio entries set up */

#define FILE_RIGHTS                                                                          \
  (WR_FD_DATASYNC | WR_FD_READ | WR_FD_SEEK | WR_FD_FDSTAT_SET_FLAGS | WR_FD_SYNC |           \
   WR_FD_TELL | WR_FD_WRITE | WR_FD_ADVISE | WR_FD_ALLOCATE | WR_FD_FILESTAT_GET |            \
   WR_FD_FILESTAT_SET_SIZE | WR_FD_FILESTAT_SET_TIMES | WR_POLL_FD_READWRITE)
#define SOCK_RIGHTS                                                                          \
  (WR_FD_READ | WR_FD_WRITE | WR_FD_FDSTAT_SET_FLAGS | WR_FD_FILESTAT_GET |                  \
   WR_POLL_FD_READWRITE | WR_SOCK_SHUTDOWN | WR_SOCK_ACCEPT)

uint64_t wasi_rights_for(uint8_t type) {
  switch (type) {
  case WASI_FT_DIR: return WASI_DIR_RIGHTS;
  case WASI_FT_STREAM: case WASI_FT_DGRAM: return SOCK_RIGHTS;
  default: return FILE_RIGHTS;
  }
}

static bool grow(uint32_t n) {
  if (n <= ntab) return true;
  if (n > MAX_FDS) return false;
  uint32_t cap = ntab ? ntab : 16;
  while (cap < n) cap *= 2;
  if (cap > MAX_FDS) cap = MAX_FDS;
  wasi_fd *t = realloc(tab, cap * sizeof *t);
  if (!t) return false;
  for (uint32_t i = ntab; i < cap; i++) t[i] = (wasi_fd){.host = -1};
  tab = t;
  ntab = cap;
  return true;
}

static void set_entry(uint32_t fd, int host, uint8_t type, uint64_t base, uint64_t inh) {
  tab[fd] = (wasi_fd){.host = host, .type = type, .base = base, .inh = inh};
}

static void init_stdio(void) {
  if (ready) return;
  ready = true;
  if (!grow(3)) return;
  for (int i = 0; i < 3; i++) {
    struct stat st;
    if (fstat(i, &st) != 0) continue;
    uint8_t type = wasi_filetype(st.st_mode);
    uint64_t r = wasi_rights_for(type);
    /* wasi-libc's isatty(): a character device without seek/tell rights. */
    if (type == WASI_FT_CHAR && isatty(i)) r &= ~(WR_FD_SEEK | WR_FD_TELL);
    set_entry((uint32_t)i, i, type, r, r);
  }
}

wasi_fd *wasi_fd_get(uint32_t fd, uint64_t need, uint32_t *e) {
  init_stdio();
  if (fd >= ntab || tab[fd].host < 0) {
    *e = WASI_EBADF;
    return NULL;
  }
  if ((tab[fd].base & need) != need) {
    *e = WASI_ENOTCAPABLE;
    return NULL;
  }
  *e = WASI_ESUCCESS;
  return &tab[fd];
}

static uint32_t install_from(uint32_t fd, int host, uint8_t type, uint64_t base, uint64_t inh, uint32_t *guest_fd) {
  init_stdio();
  /* Host fds 0-2 are the host's stdio to release: if one was closed and got
   * reused, move the new file above them. */
  if (host <= 2) {
    int moved = fcntl(host, F_DUPFD_CLOEXEC, 3);
    close(host);
    if (moved < 0) return wasi_errno(errno);
    host = moved;
  }
  while (fd < ntab && tab[fd].host >= 0) fd++;
  if (!grow(fd + 1)) {
    close(host);
    return WASI_EMFILE;
  }
  set_entry(fd, host, type, base, inh);
  *guest_fd = fd;
  return WASI_ESUCCESS;
}

uint32_t wasi_fd_install(int host, uint8_t type, uint64_t base, uint64_t inh, uint32_t *guest_fd) {
  return install_from(0, host, type, base, inh, guest_fd);
}

/* The loader itself still reports on the host's stderr: never close 0-2. */
void wasi_fd_release(wasi_fd *f) {
  if (f->host > 2) close(f->host);
  free(f->preopen);
  *f = (wasi_fd){.host = -1};
}

void wasi_fd_move(uint32_t from, uint32_t to) {
  if (from == to) return;
  wasi_fd_release(&tab[to]);
  tab[to] = tab[from];
  tab[from] = (wasi_fd){.host = -1};
}

static bool fail(wl_error *err, const char *fmt, const char *a, const char *b) {
  if (err) {
    memset(err, 0, sizeof *err);
    err->kind = WL_ERR_RESOURCE;
    snprintf(err->msg, sizeof err->msg, fmt, a, b);
  }
  return false;
}

bool wl_wasi_preopen(const char *host_path, const char *guest_name, wl_error *err) {
  if (!guest_name) guest_name = host_path;
  init_stdio(); /* before the open below can take a closed stdio's number */
  int d = open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0) return fail(err, "cannot preopen directory '%s': %s", host_path, strerror(errno));
  char *name = strdup(guest_name);
  uint32_t fd;
  /* wasi-libc looks for preopens from fd 3 on, even if stdio is closed */
  if (!name || install_from(3, d, WASI_FT_DIR, WASI_DIR_RIGHTS, WR_ALL, &fd) != 0) {
    free(name);
    return fail(err, "cannot preopen directory '%s': %s", host_path, "too many open files");
  }
  tab[fd].preopen = name;
  tab[fd].preopen_len = (uint32_t)strlen(name);
  return true;
}

void wasi_fdtable_reset(void) {
  for (uint32_t i = 0; i < ntab; i++)
    if (tab[i].host >= 0) wasi_fd_release(&tab[i]);
  free(tab);
  tab = NULL;
  ntab = 0;
  ready = false;
}
