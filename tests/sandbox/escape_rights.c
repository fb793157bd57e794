/* Hostile guest: do more with a file descriptor than its rights allow —
 * read a write-only file, write a read-only one, use an fd after dropping
 * rights, take dropped rights back, open through a directory fd whose
 * inheritable rights exclude writing, and use fds that were never given. */
#include "attempt.h"
#include <wasi/api.h>

static __wasi_fdstat_t fdstat(int fd) {
  __wasi_fdstat_t st = {0};
  if (__wasi_fd_fdstat_get(fd, &st)) st.fs_rights_base = st.fs_rights_inheriting = 0;
  return st;
}

/* Set an fd's rights directly (wasi-libc has no libc call for it). */
static int set_rights(int fd, __wasi_rights_t base, __wasi_rights_t inh) {
  __wasi_errno_t e = __wasi_fd_fdstat_set_rights(fd, base, inh);
  if (e) {
    errno = e;
    return -1;
  }
  return 0;
}

int main(void) {
  int s = open("sandbox", O_RDONLY | O_DIRECTORY);
  report("control open sandbox dir", s);
  char buf[64];

  int w = openat(s, "inside.txt", O_WRONLY);
  report("control open inside.txt O_WRONLY", w);
  report("read write-only fd", (int)read(w, buf, sizeof buf));
  close(w);
  int r = openat(s, "inside.txt", O_RDONLY);
  report("control open inside.txt O_RDONLY", r);
  report("write read-only fd", (int)write(r, "x", 1));
  report("ftruncate read-only fd", ftruncate(r, 0));

  __wasi_fdstat_t st = fdstat(r);
  report("control drop FD_READ", set_rights(r, st.fs_rights_base & ~__WASI_RIGHTS_FD_READ, st.fs_rights_inheriting));
  report("read after dropping FD_READ", (int)read(r, buf, sizeof buf));
  report("pread after dropping FD_READ", (int)pread(r, buf, sizeof buf, 0));
  report("take FD_READ back", set_rights(r, st.fs_rights_base, st.fs_rights_inheriting));
  report("read after taking FD_READ back", (int)read(r, buf, sizeof buf));
  close(r);

  /* A directory fd that may only hand out read rights. */
  int d = openat(s, "sub", O_RDONLY | O_DIRECTORY);
  report("control open sub", d);
  st = fdstat(d);
  __wasi_rights_t no_write = __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
                             __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_PATH_CREATE_FILE;
  report("control drop write rights of sub",
         set_rights(d, st.fs_rights_base & ~__WASI_RIGHTS_PATH_CREATE_FILE, st.fs_rights_inheriting & ~no_write));
  report("openat sub/f O_CREAT without PATH_CREATE_FILE", openat(d, "f", O_CREAT | O_WRONLY, 0644));
  /* wasi-libc asks only for the rights the directory can hand out, so this
   * open succeeds without FD_WRITE; the write must then fail. */
  int wo = openat(d, "present.txt", O_WRONLY);
  report("write present.txt opened O_WRONLY under read-only inheritance", wo < 0 ? -1 : (int)write(wo, "x", 1));
  close(wo);
  /* Asking the host for FD_WRITE directly. */
  __wasi_fd_t nfd;
  __wasi_errno_t pe = __wasi_path_open(d, 0, "present.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &nfd);
  errno = pe;
  report("path_open sub/present.txt asking FD_WRITE beyond inheritance", pe ? -1 : 0);
  if (!pe) {
    /* The host may open it with the rights it can give: not FD_WRITE. */
    errno = ENOTCAPABLE;
    report("FD_WRITE granted beyond inheritance", fdstat(nfd).fs_rights_base & __WASI_RIGHTS_FD_WRITE ? 0 : -1);
    report("write through that fd", (int)write(nfd, "x", 1));
    close(nfd);
  }
  int ro = openat(d, "present.txt", O_RDONLY);
  report("control open sub/present.txt O_RDONLY", ro);
  report("write fd opened under read-only inheritance", (int)write(ro, "x", 1));
  report("gain FD_WRITE on that fd", set_rights(ro, fdstat(ro).fs_rights_base | __WASI_RIGHTS_FD_WRITE, 0));
  close(ro);
  st = fdstat(d);
  report("control drop PATH_OPEN of sub", set_rights(d, st.fs_rights_base & ~__WASI_RIGHTS_PATH_OPEN, st.fs_rights_inheriting));
  report("openat through sub without PATH_OPEN", openat(d, "present.txt", O_RDONLY));
  close(d);

  /* Descriptors never given to the guest (the host's own fds are not the guest's). */
  report("read fd 64", (int)read(64, buf, sizeof buf));
  report("read fd 1000000", (int)read(1000000, buf, sizeof buf));
  report_open("openat fd 64 secret", openat(64, "secret", O_RDONLY));
  __wasi_errno_t e = __wasi_fd_fdstat_get(0x7fffffff, &st);
  errno = e;
  report("fd_fdstat_get fd 0x7fffffff", e ? -1 : 0);
  printf("done\n");
  return 0;
}
