/* attempt.h — shared by the hostile guests: report one escape attempt per line,
 * "NAME: denied (ERRNO)" or "NAME: ok ...".  Anything the guest managed to
 * read is printed on that line, so the test sees it if it came from outside. */
#ifndef SANDBOX_ATTEMPT_H
#define SANDBOX_ATTEMPT_H
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static __attribute__((unused)) const char *errno_name(int e) {
  switch (e) {
  case ENOENT: return "ENOENT";
  case EACCES: return "EACCES";
  case EPERM: return "EPERM";
  case EBADF: return "EBADF";
  case ENOTCAPABLE: return "ENOTCAPABLE";
  case EEXIST: return "EEXIST";
  case ENOTDIR: return "ENOTDIR";
  case EISDIR: return "EISDIR";
  case ELOOP: return "ELOOP";
  case EXDEV: return "EXDEV";
  case EINVAL: return "EINVAL";
  case ENOTEMPTY: return "ENOTEMPTY";
  case ENOSYS: return "ENOSYS";
  case ENOTSUP: return "ENOTSUP";
  case EROFS: return "EROFS";
  case ENAMETOOLONG: return "ENAMETOOLONG";
  default: return "E?";
  }
}

static __attribute__((unused)) void denied(const char *what) {
  printf("%s: denied (%s)\n", what, errno_name(errno));
}

/* Report a call returning -1 on failure; on success just "ok". */
static __attribute__((unused)) void report(const char *what, int r) {
  if (r < 0)
    denied(what);
  else
    printf("%s: ok\n", what);
}

/* Report an open: on success, read what the fd holds and print it. */
static __attribute__((unused)) void report_open(const char *what, int fd) {
  if (fd < 0) {
    denied(what);
    return;
  }
  char buf[256];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  if (n < 0) {
    printf("%s: ok (opened; read %s)\n", what, errno_name(errno));
  } else {
    buf[n] = 0;
    for (ssize_t i = 0; i < n; i++)
      if (buf[i] == '\n') buf[i] = '|';
    printf("%s: ok (read %zd bytes: %s)\n", what, n, buf);
  }
  close(fd);
}

/* Report an opendir: on success, the entries it lists. */
static __attribute__((unused)) void report_dir(const char *what, DIR *d) {
  if (!d) {
    denied(what);
    return;
  }
  printf("%s: ok (entries:", what);
  struct dirent *e;
  while ((e = readdir(d)))
    printf(" %s", e->d_name);
  printf(")\n");
  closedir(d);
}
#endif
