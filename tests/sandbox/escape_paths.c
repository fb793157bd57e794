/* Hostile guest: leave the preopen "sandbox" by path — "..", absolute paths,
 * ".." after a real subdirectory — to open, stat, create, remove and list
 * things outside it.  Paths given to the *at calls reach the WASI host
 * verbatim (wasi-libc passes them on); the plain calls go through wasi-libc's
 * preopen lookup first.  The first lines are controls that must succeed. */
#include "attempt.h"
#include <stdlib.h>
#include <sys/stat.h>

int main(void) {
  int s = open("sandbox", O_RDONLY | O_DIRECTORY);
  report("control open sandbox dir", s);
  report_open("control open sandbox/inside.txt", open("sandbox/inside.txt", O_RDONLY));
  report_open("control openat inside.txt", openat(s, "inside.txt", O_RDONLY));
  report_open("control openat sub/../inside.txt", openat(s, "sub/../inside.txt", O_RDONLY));

  /* Opening files outside. */
  report_open("open sandbox/../outside/secret", open("sandbox/../outside/secret", O_RDONLY));
  report_open("open sandbox/../../outside/secret", open("sandbox/../../outside/secret", O_RDONLY));
  report_open("open /etc/passwd", open("/etc/passwd", O_RDONLY));
  report_open("open /sandbox/../etc/passwd", open("/sandbox/../etc/passwd", O_RDONLY));
  report_open("openat ../outside/secret", openat(s, "../outside/secret", O_RDONLY));
  report_open("openat sub/../../outside/secret", openat(s, "sub/../../outside/secret", O_RDONLY));
  report_open("openat ./../outside/secret", openat(s, "./../outside/secret", O_RDONLY));
  report_open("openat /etc/passwd", openat(s, "/etc/passwd", O_RDONLY));
  report_open("openat ../../../../../../etc/passwd", openat(s, "../../../../../../etc/passwd", O_RDONLY));
  report_open("openat ../outside/secret O_RDWR", openat(s, "../outside/secret", O_RDWR));

  /* Learning about files outside. */
  struct stat st;
  report("stat sandbox/../outside/secret", stat("sandbox/../outside/secret", &st));
  report("fstatat ../outside/secret", fstatat(s, "../outside/secret", &st, 0));
  report("fstatat /etc/passwd", fstatat(s, "/etc/passwd", &st, 0));
  report("access sandbox/../outside/secret", access("sandbox/../outside/secret", F_OK));

  /* Changing things outside. */
  report_open("creat sandbox/../outside/new", open("sandbox/../outside/new", O_CREAT | O_WRONLY, 0644));
  report_open("openat creat ../outside/new", openat(s, "../outside/new", O_CREAT | O_WRONLY, 0644));
  report_open("openat trunc ../outside/secret", openat(s, "../outside/secret", O_WRONLY | O_TRUNC));
  report("mkdir sandbox/../outside/newdir", mkdir("sandbox/../outside/newdir", 0755));
  report("mkdirat ../outside/newdir", mkdirat(s, "../outside/newdir", 0755));
  report("mkdirat /tmp/wasm2so-sandbox-escape", mkdirat(s, "/tmp/wasm2so-sandbox-escape", 0755));
  report("unlink sandbox/../outside/victim", unlink("sandbox/../outside/victim"));
  report("unlinkat ../outside/victim", unlinkat(s, "../outside/victim", 0));
  report("unlinkat ../outside/secret", unlinkat(s, "../outside/secret", 0));
  report("rmdir sandbox/../outside/sub", rmdir("sandbox/../outside/sub"));
  report("unlinkat AT_REMOVEDIR ../outside/sub", unlinkat(s, "../outside/sub", AT_REMOVEDIR));
  report("unlinkat AT_REMOVEDIR ..", unlinkat(s, "..", AT_REMOVEDIR));

  /* Listing directories outside. */
  report_dir("opendir sandbox/..", opendir("sandbox/.."));
  report_dir("opendir /", opendir("/"));
  report_dir("opendir sandbox/../outside", opendir("sandbox/../outside"));
  int up = openat(s, "..", O_RDONLY | O_DIRECTORY);
  report_dir("fdopendir openat ..", up < 0 ? NULL : fdopendir(up));
  int sub = openat(s, "sub", O_RDONLY | O_DIRECTORY);
  int upup = openat(sub, "../..", O_RDONLY | O_DIRECTORY);
  report_dir("fdopendir openat sub/../..", upup < 0 ? NULL : fdopendir(upup));

  /* Moving the current directory out, then using it. */
  report("control chdir sandbox", chdir("sandbox"));
  report_open("control open inside.txt after chdir", open("inside.txt", O_RDONLY));
  report("chdir ..", chdir(".."));
  report_open("open outside/secret after chdir ..", open("outside/secret", O_RDONLY));
  report_open("open ../outside/secret after chdir ..", open("../outside/secret", O_RDONLY));
  report_dir("opendir . after chdir ..", opendir("."));
  report("chdir /", chdir("/"));
  report_open("open outside/secret after chdir /", open("outside/secret", O_RDONLY));
  report_dir("opendir . after chdir /", opendir("."));
  printf("done\n");
  return 0;
}
