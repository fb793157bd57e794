/* The rarer file calls: fsync/fdatasync, posix_fallocate, posix_fadvise,
 * futimens/utimensat with fixed times read back by stat, hard links (link
 * count), relative symlinks inside the directory (readlink, open through,
 * lstat), sched_yield. */
//! DIR: yes
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  printf("open %d\n", fd >= 0);
  printf("write %zd\n", write(fd, "some data\n", 10));
  printf("fsync %d fdatasync %d\n", fsync(fd), fdatasync(fd));
  printf("fallocate %d\n", posix_fallocate(fd, 0, 5000));
  struct stat st;
  fstat(fd, &st);
  printf("size after fallocate %lld\n", (long long)st.st_size);
  printf("fadvise %d\n", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
  struct timespec ts[2] = {{1000000000, 5000}, {1234567890, 123456789}};
  printf("futimens %d\n", futimens(fd, ts));
  fstat(fd, &st);
  printf("mtime %lld.%09ld atime %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_atim.tv_sec);
  close(fd);
  struct timespec ts2[2] = {{2000000000, 0}, {1500000000, 42}};
  printf("utimensat %d\n", utimensat(AT_FDCWD, "a.txt", ts2, 0));
  stat("a.txt", &st);
  printf("mtime %lld.%09ld atime %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_atim.tv_sec);
  printf("link %d\n", link("a.txt", "b.txt"));
  stat("a.txt", &st);
  printf("nlink %ld\n", (long)st.st_nlink);
  printf("symlink %d\n", symlink("a.txt", "c.lnk"));
  char buf[64] = {0};
  ssize_t n = readlink("c.lnk", buf, sizeof buf - 1);
  printf("readlink %zd '%s'\n", n, n > 0 ? buf : "");
  struct stat lst;
  printf("lstat %d islnk %d stat isreg %d\n", lstat("c.lnk", &lst), S_ISLNK(lst.st_mode), stat("c.lnk", &st) == 0 && S_ISREG(st.st_mode));
  FILE *f = fopen("c.lnk", "r");
  printf("read through link: %s", f && fgets(buf, sizeof buf, f) ? buf : "failed\n");
  if (f) fclose(f);
  errno = 0;
  printf("readlink on a file %zd %d\n", readlink("a.txt", buf, sizeof buf), errno == EINVAL);
  printf("unlink link %d, target still there %d\n", unlink("c.lnk"), access("a.txt", F_OK) == 0);
  printf("unlink a %d, b still there %d\n", unlink("a.txt"), access("b.txt", F_OK) == 0);
  stat("b.txt", &st);
  printf("b nlink %ld size %lld\n", (long)st.st_nlink, (long long)st.st_size);
  printf("sched_yield %d\n", sched_yield());
  return 0;
}
