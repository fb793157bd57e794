/* link.c — the object -> a self-contained shared object, by ld.lld.
 *
 * -z defs: the .so may need nothing from outside (no libcalls slipped in);
 * no -l flags: no DT_NEEDED; -z text: no text relocations.  The output is
 * written to a temporary name beside out_path and renamed over it, so a
 * failed link never leaves a file at out_path. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "w2s_lower_priv.h"

extern char **environ;

static bool write_all(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n > 0) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    p += k;
    n -= (size_t)k;
  }
  return true;
}

/* "<out_path><suffix>" made unique by mkstemps; returns the open fd or -1. */
static int temp_beside(const char *out_path, const char *suffix, char **name) {
  size_t n = strlen(out_path) + strlen(suffix) + 16;
  *name = malloc(n);
  if (!*name)
    return -1;
  snprintf(*name, n, "%s.tmp-XXXXXX%s", out_path, suffix);
  int fd = mkstemps(*name, (int)strlen(suffix));
  if (fd < 0) {
    free(*name);
    *name = NULL;
  }
  return fd;
}

/* Run ld.lld; its stderr goes into the diagnostic on failure. */
static bool run_lld(const char *lld, const char *obj, const char *out, w2s_diag *d) {
  const char *argv[] = {
      lld, "-shared", "-z", "now", "-z", "relro", "-z", "noexecstack", "-z", "text", "-z", "defs",
      "--hash-style=gnu", "--build-id=sha1", "--gc-sections", "-o", out, obj, NULL,
  };
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0)
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "pipe: %s", strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
  posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
  pid_t pid;
  int rc = posix_spawn(&pid, lld, &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(pipefd[1]);
  if (rc != 0) {
    close(pipefd[0]);
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot run %s: %s", lld, strerror(rc));
  }
  char out_text[400];
  size_t len = 0;
  for (;;) {
    char buf[512];
    ssize_t k = read(pipefd[0], buf, sizeof buf);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      break;
    size_t room = sizeof out_text - 1 - len;
    size_t take = (size_t)k < room ? (size_t)k : room;
    memcpy(out_text + len, buf, take);
    len += take;
  }
  out_text[len] = 0;
  close(pipefd[0]);
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "waitpid: %s", strerror(errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (len > 0 && out_text[len - 1] == '\n')
      out_text[--len] = 0;
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "linking failed: %s",
                    len ? out_text : "ld.lld exited abnormally");
  }
  return true;
}

bool w2s_link(const void *obj, size_t size, const w2s_options *o, const char *out_path,
              w2s_diag *d) {
  const char *lld = o->ld_lld ? o->ld_lld : W2S_LD_LLD;
  char *obj_name = NULL, *so_name = NULL;
  bool ok = false, kept = false;
  int fd = temp_beside(out_path, ".o", &obj_name);
  if (fd < 0)
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create a file beside %s: %s",
                    out_path, strerror(errno));
  bool written = write_all(fd, obj, size);
  if (close(fd) != 0)
    written = false;
  if (!written) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot write %s: %s", obj_name, strerror(errno));
    goto out;
  }
  fd = temp_beside(out_path, ".so", &so_name);
  if (fd < 0) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create a file beside %s: %s", out_path,
             strerror(errno));
    goto out;
  }
  close(fd);
  if (!run_lld(lld, obj_name, so_name, d))
    goto out;
  if (o->keep_object) {
    size_t n = strlen(out_path) + 3;
    char *keep = malloc(n);
    if (keep) {
      snprintf(keep, n, "%s.o", out_path);
      if (rename(obj_name, keep) == 0) {
        free(obj_name);
        obj_name = keep;
        kept = true;
      } else {
        free(keep);
      }
    }
  }
  if (rename(so_name, out_path) != 0) {
    if (kept)
      unlink(obj_name);
    kept = false;
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create %s: %s", out_path, strerror(errno));
    goto out;
  }
  free(so_name);
  so_name = NULL;
  ok = true;
out:
  if (obj_name && !kept)
    unlink(obj_name);
  if (so_name) {
    unlink(so_name);
    free(so_name);
  }
  free(obj_name);
  return ok;
}
