/* wasi_sock.c — sock_accept, sock_recv, sock_send, sock_shutdown on guest
 * fds that are host sockets (inherited stdio, or accepted connections). */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "wasi_internal.h"

uint32_t wasi_sock_accept(wasmso_vmctx *vm, uint32_t fd, uint32_t flags, uint32_t fd_p) {
  uint32_t e;
  wasi_fd *f = wasi_fd_get(fd, WR_SOCK_ACCEPT, &e);
  if (!f) return e;
  uint8_t *out = wasi_mem(vm, fd_p, 4);
  if (!out) return WASI_EFAULT;
  if (flags & ~(uint32_t)WASI_FDFLAG_NONBLOCK) return WASI_EINVAL;
  int h;
  do h = accept4(f->host, NULL, NULL, SOCK_CLOEXEC | (flags ? SOCK_NONBLOCK : 0));
  while (h < 0 && errno == EINTR);
  if (h < 0) return wasi_errno(errno);
  uint64_t r = wasi_rights_for(WASI_FT_STREAM) & f->inh;
  uint32_t g;
  if ((e = wasi_fd_install(h, WASI_FT_STREAM, r, r, &g))) return e;
  wasi_put32(out, g);
  return WASI_ESUCCESS;
}

static uint32_t sock_io(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, int flags, uint32_t len_p,
                        bool send, int *msg_flags) {
  uint32_t e;
  wasi_fd *f = wasi_fd_get(fd, send ? WR_FD_WRITE : WR_FD_READ, &e);
  if (!f) return e;
  uint8_t *lp = wasi_mem(vm, len_p, 4);
  if (!lp) return WASI_EFAULT;
  struct iovec v[WASI_MAX_IOVS];
  if ((e = wasi_iovs(vm, iovs, n, v))) return e;
  struct msghdr m = {.msg_iov = v, .msg_iovlen = n};
  ssize_t r;
  do r = send ? sendmsg(f->host, &m, flags | MSG_NOSIGNAL) : recvmsg(f->host, &m, flags);
  while (r < 0 && errno == EINTR);
  if (r < 0) return wasi_errno(errno);
  wasi_put32(lp, (uint32_t)r);
  if (msg_flags) *msg_flags = m.msg_flags;
  return WASI_ESUCCESS;
}

uint32_t wasi_sock_recv(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t flags,
                        uint32_t len_p, uint32_t oflags_p) {
  uint8_t *op = wasi_mem(vm, oflags_p, 2);
  if (!op) return WASI_EFAULT;
  if (flags & ~3u) return WASI_EINVAL;
  int hf = ((flags & 1) ? MSG_PEEK : 0) | ((flags & 2) ? MSG_WAITALL : 0), mf = 0;
  uint32_t e = sock_io(vm, fd, iovs, n, hf, len_p, false, &mf);
  if (!e) wasi_put16(op, (mf & MSG_TRUNC) ? 1 : 0);
  return e;
}

uint32_t wasi_sock_send(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t flags, uint32_t len_p) {
  if (flags) return WASI_EINVAL; /* no siflags are defined */
  return sock_io(vm, fd, iovs, n, 0, len_p, true, NULL);
}

uint32_t wasi_sock_shutdown(wasmso_vmctx *vm, uint32_t fd, uint32_t how) {
  uint32_t e;
  wasi_fd *f = wasi_fd_get(fd, WR_SOCK_SHUTDOWN, &e);
  if (!f) return e;
  static const int map[] = {-1, SHUT_RD, SHUT_WR, SHUT_RDWR};
  if (how == 0 || how > 3) return WASI_EINVAL;
  return shutdown(f->host, map[how]) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}
