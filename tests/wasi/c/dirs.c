/* Directories: mkdir (nested, existing), readdir listed sorted (without "."
 * and "..", which hosts need not return), stat of files and directories,
 * rmdir of full and empty directories, opendir on a file. */
//! DIR: yes
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *en(int e) {
  switch (e) {
  case 0: return "0";
  case ENOENT: return "ENOENT";
  case EEXIST: return "EEXIST";
  case ENOTEMPTY: return "ENOTEMPTY";
  case ENOTDIR: return "ENOTDIR";
  default: return "other";
  }
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
  DIR *d = opendir(path);
  if (!d) {
    printf("opendir %s failed: %s\n", path, en(errno));
    return;
  }
  char *names[256];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 256) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  printf("%s: %d entries\n", path, n);
  for (int i = 0; i < n; i++) {
    char full[512];
    snprintf(full, sizeof full, "%s/%s", path, names[i]);
    struct stat st;
    if (stat(full, &st) != 0) printf("  %s stat failed\n", names[i]);
    else printf("  %s %s size %lld\n", names[i], S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other",
                S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size);
    free(names[i]);
  }
}

static void touch(const char *path, int size) {
  FILE *f = fopen(path, "w");
  if (!f) {
    printf("cannot create %s\n", path);
    return;
  }
  for (int i = 0; i < size; i++) fputc('a' + i % 26, f);
  fclose(f);
}

int main(void) {
  printf("mkdir top %d\n", mkdir("top", 0755));
  errno = 0;
  printf("mkdir again %d %s\n", mkdir("top", 0755), en(errno));
  printf("mkdir nested %d %d\n", mkdir("top/sub", 0755), mkdir("top/sub/deeper", 0755));
  errno = 0;
  printf("mkdir no parent %d %s\n", mkdir("nope/x", 0755), en(errno));
  const char *files[] = {"top/zeta", "top/alpha", "top/Mid", "top/sub/one", "top/sub/two", "top/b.txt"};
  for (int i = 0; i < 6; i++) touch(files[i], 10 * i + 1);
  for (int i = 0; i < 40; i++) {
    char p[64];
    snprintf(p, sizeof p, "top/sub/deeper/f%02d", (i * 17) % 40);
    touch(p, i);
  }
  list("top");
  list("top/sub");
  list("top/sub/deeper");
  list(".");
  struct stat st;
  printf("stat dir %d isdir %d\n", stat("top/sub", &st), S_ISDIR(st.st_mode));
  errno = 0;
  printf("stat missing %d %s\n", stat("top/none", &st), en(errno));
  errno = 0;
  printf("opendir file %s %s\n", opendir("top/alpha") ? "opened" : "NULL", en(errno));
  errno = 0;
  printf("rmdir full %d %s\n", rmdir("top/sub"), en(errno));
  for (int i = 0; i < 40; i++) {
    char p[64];
    snprintf(p, sizeof p, "top/sub/deeper/f%02d", i);
    unlink(p);
  }
  printf("rmdir emptied %d\n", rmdir("top/sub/deeper"));
  errno = 0;
  printf("rmdir gone %d %s\n", rmdir("top/sub/deeper"), en(errno));
  errno = 0;
  printf("rmdir file %d %s\n", rmdir("top/alpha"), en(errno));
  errno = 0;
  printf("unlink dir %d %d\n", unlink("top/sub") == 0, errno != 0);
  list("top");
  printf("chdir %d\n", chdir("top"));
  list(".");
  touch("made-in-top", 3);
  printf("chdir back %d\n", chdir(".."));
  list("top");
  return 0;
}
