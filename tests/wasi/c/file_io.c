/* Files: create, write, read, seek, tell, truncate, append, rename, unlink,
 * with both stdio and POSIX calls.  Errors are shown by errno name (the
 * strerror texts of musl and glibc differ).  Leaves some files behind, which
 * the harness compares with the native run's. */
//! DIR: yes
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *en(int e) {
  switch (e) {
  case 0: return "0";
  case ENOENT: return "ENOENT";
  case EEXIST: return "EEXIST";
  case EBADF: return "EBADF";
  case EISDIR: return "EISDIR";
  case ENOTDIR: return "ENOTDIR";
  case EINVAL: return "EINVAL";
  default: return "other";
  }
}

static int check(int ok, const char *what) {
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}

int main(void) {
  int bad = 0;
  FILE *f = fopen("data.txt", "w");
  bad |= check(f != NULL, "fopen w");
  for (int i = 0; i < 1000; i++) fprintf(f, "line %04d %s\n", i, i % 3 ? "abc" : "xyzzy");
  bad |= check(fclose(f) == 0, "fclose");
  f = fopen("data.txt", "r");
  char line[64];
  int n = 0;
  long sum = 0;
  while (fgets(line, sizeof line, f)) n++, sum += (long)strlen(line);
  printf("lines %d bytes %ld feof %d ferror %d\n", n, sum, feof(f) != 0, ferror(f) != 0);
  bad |= check(fseek(f, 15 * 500, SEEK_SET) == 0, "fseek set");
  printf("ftell %ld\n", ftell(f));
  fgets(line, sizeof line, f);
  printf("at 7500: %s", line);
  fseek(f, -16, SEEK_END);
  fgets(line, sizeof line, f);
  printf("last: %s", line);
  fseek(f, -32, SEEK_CUR);
  printf("cur %ld\n", ftell(f));
  rewind(f);
  printf("getc %c%c%c\n", getc(f), getc(f), getc(f));
  ungetc('L', f);
  printf("ungetc %c\n", getc(f));
  fclose(f);

  /* POSIX descriptors: write at offsets, pread/pwrite, ftruncate, fstat. */
  int fd = open("raw.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
  bad |= check(fd >= 0, "open creat");
  unsigned char buf[4096];
  for (int i = 0; i < 4096; i++) buf[i] = (unsigned char)(i * 7 + 3);
  printf("write %zd\n", write(fd, buf, sizeof buf));
  printf("lseek %lld\n", (long long)lseek(fd, 100, SEEK_SET));
  printf("write %zd\n", write(fd, "HELLO", 5));
  printf("lseek end %lld\n", (long long)lseek(fd, 0, SEEK_END));
  printf("lseek past %lld\n", (long long)lseek(fd, 10000, SEEK_SET));
  printf("write %zd\n", write(fd, "tail", 4));
  struct stat st;
  fstat(fd, &st);
  printf("size after hole %lld reg %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  memset(buf, 0, sizeof buf);
  printf("pread %zd\n", pread(fd, buf, 8, 98));
  printf("got %02x %02x %.5s %02x\n", buf[0], buf[1], buf + 2, buf[7]);
  printf("pread hole %zd %d\n", pread(fd, buf, 4, 5000), buf[0] | buf[1] | buf[2] | buf[3]);
  printf("pwrite %zd\n", pwrite(fd, "PW", 2, 0));
  printf("lseek cur %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  bad |= check(ftruncate(fd, 2000) == 0, "ftruncate");
  fstat(fd, &st);
  printf("size %lld\n", (long long)st.st_size);
  printf("read at end %zd\n", read(fd, buf, 10));
  close(fd);
  errno = 0;
  printf("read closed %zd %s\n", read(fd, buf, 1), en(errno));
  bad |= check(truncate("data.txt", 30) == 0, "truncate");
  stat("data.txt", &st);
  printf("data.txt size %lld\n", (long long)st.st_size);

  /* Append mode writes at the end whatever the offset. */
  f = fopen("log.txt", "a");
  fputs("first\n", f);
  fclose(f);
  f = fopen("log.txt", "a+");
  fseek(f, 0, SEEK_SET);
  fputs("second\n", f);
  fseek(f, 0, SEEK_SET);
  while (fgets(line, sizeof line, f)) printf("log: %s", line);
  fclose(f);

  /* Rename over an existing file, then unlink. */
  f = fopen("old.txt", "w");
  fputs("old contents\n", f);
  fclose(f);
  f = fopen("victim.txt", "w");
  fputs("victim\n", f);
  fclose(f);
  bad |= check(rename("old.txt", "victim.txt") == 0, "rename over");
  errno = 0;
  printf("old gone %d %s\n", access("old.txt", F_OK), en(errno));
  f = fopen("victim.txt", "r");
  fgets(line, sizeof line, f);
  printf("victim now: %s", line);
  fclose(f);
  bad |= check(rename("victim.txt", "renamed.txt") == 0, "rename");
  f = fopen("scratch.tmp", "w");
  fclose(f);
  bad |= check(unlink("scratch.tmp") == 0, "unlink");
  errno = 0;
  printf("unlink again %d %s\n", unlink("scratch.tmp"), en(errno));
  errno = 0;
  f = fopen("missing.txt", "r");
  printf("fopen missing %s %s\n", f ? "opened" : "NULL", en(errno));
  errno = 0;
  fd = open("raw.bin", O_CREAT | O_EXCL | O_WRONLY, 0644);
  printf("excl %d %s\n", fd, en(errno));
  /* Read a file larger than any stdio buffer back in one go. */
  f = fopen("big.bin", "wb");
  static unsigned char big[300000];
  for (size_t i = 0; i < sizeof big; i++) big[i] = (unsigned char)(i ^ (i >> 8));
  printf("fwrite %zu\n", fwrite(big, 1, sizeof big, f));
  fclose(f);
  memset(big, 0, sizeof big);
  f = fopen("big.bin", "rb");
  printf("fread %zu\n", fread(big, 1, sizeof big + 10, f));
  unsigned long h = 0;
  for (size_t i = 0; i < sizeof big; i++) h = h * 31 + big[i];
  printf("hash %lu\n", h & 0xffffffff);
  fclose(f);
  return bad;
}
