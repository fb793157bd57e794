/* wasi_poll.c — poll_oneoff: clock subscriptions (relative or absolute, on
 * the realtime or monotonic clock) and fd read/write readiness, waited for
 * together with ppoll. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_internal.h"

enum { EV_CLOCK = 0, EV_FD_READ = 1, EV_FD_WRITE = 2 };
#define SUB_SIZE 48
#define EVENT_SIZE 32

struct sub {
  uint64_t userdata;
  uint8_t type;
  uint16_t error;     /* found while reading the subscription: reported at once */
  clockid_t clock;
  uint64_t deadline;  /* on clock, in ns */
  int host;           /* fd subscriptions */
  int pollix;         /* index in the pollfd array, or -1 */
};

static uint32_t read_sub(const uint8_t *p, struct sub *s) {
  memset(s, 0, sizeof *s);
  s->userdata = wasi_get64(p);
  s->type = p[8];
  s->pollix = -1;
  if (s->type == EV_CLOCK) {
    uint32_t id = wasi_get32(p + 16);
    uint64_t timeout = wasi_get64(p + 24);
    uint16_t flags = wasi_get16(p + 40);
    /* Only realtime and monotonic time pass while the guest sleeps. */
    if (!wasi_clock_of(id, &s->clock)) s->error = WASI_EINVAL;
    else if (id > 1) s->error = WASI_ENOTSUP;
    else if (flags & ~1u) s->error = WASI_EINVAL;
    else if (flags & 1) s->deadline = timeout;
    else {
      uint64_t now = wasi_now(s->clock);
      s->deadline = timeout > UINT64_MAX - now ? UINT64_MAX : now + timeout;
    }
    return WASI_ESUCCESS;
  }
  if (s->type != EV_FD_READ && s->type != EV_FD_WRITE) return WASI_EINVAL;
  uint32_t e;
  wasi_fd *f = wasi_fd_get(wasi_get32(p + 16), WR_POLL_FD_READWRITE, &e);
  if (!f) s->error = (uint16_t)e;
  else s->host = f->host;
  return WASI_ESUCCESS;
}

/* bytes available to read on a ready fd (regular file: up to its end) */
static uint64_t readable(int fd) {
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = lseek(fd, 0, SEEK_CUR);
    return pos >= 0 && st.st_size > pos ? (uint64_t)(st.st_size - pos) : 0;
  }
  int n = 0;
  return ioctl(fd, FIONREAD, &n) == 0 && n > 0 ? (uint64_t)n : 0;
}

static void put_event(uint8_t *p, const struct sub *s, uint16_t error, uint64_t nbytes, uint16_t flags) {
  memset(p, 0, EVENT_SIZE);
  wasi_put64(p, s->userdata);
  wasi_put16(p + 8, error);
  p[10] = s->type;
  wasi_put64(p + 16, nbytes);
  wasi_put16(p + 24, flags);
}

uint32_t wasi_poll_oneoff(wasmso_vmctx *vm, uint32_t in, uint32_t out, uint32_t nsubs, uint32_t nevents_p) {
  const uint8_t *ip = wasi_mem(vm, in, (uint64_t)nsubs * SUB_SIZE);
  uint8_t *op = wasi_mem(vm, out, (uint64_t)nsubs * EVENT_SIZE), *np = wasi_mem(vm, nevents_p, 4);
  if (!ip || !op || !np) return WASI_EFAULT;
  if (nsubs == 0) return WASI_EINVAL;
  struct sub *subs = calloc(nsubs, sizeof *subs);
  struct pollfd *pfds = calloc(nsubs, sizeof *pfds);
  uint32_t e = WASI_ESUCCESS, npfd = 0, nev = 0;
  if (!subs || !pfds) {
    e = WASI_ENOMEM;
    goto out;
  }
  bool immediate = false;
  for (uint32_t i = 0; i < nsubs; i++) {
    if ((e = read_sub(ip + (uint64_t)i * SUB_SIZE, &subs[i]))) goto out;
    struct sub *s = &subs[i];
    if (s->error) immediate = true;
    else if (s->type != EV_CLOCK) {
      s->pollix = (int)npfd;
      pfds[npfd++] = (struct pollfd){s->host, s->type == EV_FD_READ ? POLLIN : POLLOUT, 0};
    }
  }
  for (;;) {
    /* Wait until the earliest deadline (none: forever; errors: not at all). */
    struct timespec ts, *tp = NULL;
    bool any_clock = false;
    uint64_t wait = UINT64_MAX;
    for (uint32_t i = 0; i < nsubs; i++) {
      if (subs[i].type != EV_CLOCK || subs[i].error) continue;
      uint64_t now = wasi_now(subs[i].clock);
      uint64_t left = subs[i].deadline > now ? subs[i].deadline - now : 0;
      if (left < wait) wait = left;
      any_clock = true;
    }
    if (immediate) wait = 0, any_clock = true;
    if (any_clock) {
      ts = (struct timespec){(time_t)(wait / 1000000000u), (long)(wait % 1000000000u)};
      tp = &ts;
    }
    int r = ppoll(pfds, npfd, tp, NULL);
    if (r < 0 && errno != EINTR) {
      e = wasi_errno(errno);
      goto out;
    }
    for (uint32_t i = 0; i < nsubs; i++) {
      struct sub *s = &subs[i];
      uint8_t *ev = op + (uint64_t)nev * EVENT_SIZE;
      if (s->error) put_event(ev, s, s->error, 0, 0), nev++;
      else if (s->type == EV_CLOCK) {
        if (wasi_now(s->clock) >= s->deadline) put_event(ev, s, 0, 0, 0), nev++;
      } else if (r > 0) {
        short re = pfds[s->pollix].revents;
        if (re & POLLNVAL) put_event(ev, s, WASI_EBADF, 0, 0), nev++;
        else if (re & (POLLIN | POLLOUT | POLLHUP | POLLERR))
          put_event(ev, s, 0, s->type == EV_FD_READ ? readable(s->host) : 0, re & POLLHUP ? 1 : 0), nev++;
      }
    }
    if (nev) break;
  }
  wasi_put32(np, nev);
out:
  free(subs);
  free(pfds);
  return e;
}
