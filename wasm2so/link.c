/* link.c — the object -> a self-contained shared object, by ld.lld.
 *
 * -z defs: the .so may need nothing from outside (no libcalls slipped in);
 * no -l flags: no DT_NEEDED; -z text: no text relocations.  The output is
 * written to a temporary name beside out_path and renamed over it, so a
 * failed translation never touches what is at out_path.  An out_path that exists and
 * is not a regular file (/dev/null, a FIFO) is written through instead:
 * renaming over it would put a regular file in its place. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* Copy the file at from into the existing non-regular file at to. */
static bool write_through(const char *from, const char *to) {
  int in = open(from, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    return false;
  int out = open(to, O_WRONLY | O_CLOEXEC);
  bool ok = out >= 0;
  char buf[65536];
  ssize_t k;
  while (ok && (k = read(in, buf, sizeof buf)) != 0) {
    if (k < 0 && errno == EINTR)
      continue;
    ok = k > 0 && write_all(out, buf, (size_t)k);
  }
  int e = errno;
  close(in);
  if (out >= 0 && close(out) != 0)
    ok = false;
  errno = e;
  return ok;
}

/* Refuse to replace a Wasm module by the .so: `wasm2so app.so -o app.wasm`
 * (arguments swapped) must not destroy the user's only copy of app.wasm. */
bool w2s_output_ok(const char *out_path, w2s_diag *d) {
  struct stat st; /* only a regular file is opened: opening a device may act on it */
  int fd = stat(out_path, &st) == 0 && S_ISREG(st.st_mode) ? open(out_path, O_RDONLY | O_CLOEXEC)
                                                            : -1;
  if (fd < 0)
    return true; /* absent, unreadable or special: the link says what is wrong, if anything */
  unsigned char magic[4];
  bool module = pread(fd, magic, sizeof magic, 0) == (ssize_t)sizeof magic &&
                memcmp(magic, "\0asm", 4) == 0;
  close(fd);
  if (module)
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
                    "the output %s is a WebAssembly module: not overwriting it (were input and "
                    "output swapped? give -o the .so's path, e.g. app.so)",
                    out_path);
  return true;
}

static bool spawn_lld(const char *lld, const char **argv, w2s_diag *d);

/* Run ld.lld on objs[0..n); its stderr goes into the diagnostic on failure. */
static bool run_lld(const char *lld, char *const *objs, unsigned n, const char *out,
                    w2s_diag *d) {
  static const char *const flags[] = {
      "-shared", "-z", "now", "-z", "relro", "-z", "noexecstack", "-z", "text", "-z", "defs",
      "--hash-style=gnu", "--build-id=sha1", "--gc-sections", "-o",
  };
  enum { NFLAGS = sizeof flags / sizeof flags[0] };
  const char **argv = calloc(NFLAGS + n + 4, sizeof *argv);
  if (!argv)
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  size_t k = 0;
  argv[k++] = lld;
  for (size_t i = 0; i < NFLAGS; i++)
    argv[k++] = flags[i];
  argv[k++] = out;
  for (unsigned i = 0; i < n; i++)
    argv[k++] = objs[i];
  argv[k] = NULL;
  bool ok = spawn_lld(lld, argv, d);
  free(argv);
  return ok;
}

static bool spawn_lld(const char *lld, const char **argv, w2s_diag *d) {
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

/* OUT.o for object 0, OUT.N.o for the others. */
static char *kept_name(const char *out_path, unsigned i) {
  size_t n = strlen(out_path) + 16;
  char *name = malloc(n);
  if (name) {
    if (i == 0)
      snprintf(name, n, "%s.o", out_path);
    else
      snprintf(name, n, "%s.%u.o", out_path, i);
  }
  return name;
}

bool w2s_link(const void *const *objs, const size_t *sizes, unsigned nobjs,
              const w2s_options *o, const char *out_path, w2s_diag *d) {
  const char *lld = o->ld_lld ? o->ld_lld : W2S_LD_LLD;
  char **obj_names = calloc(nobjs ? nobjs : 1, sizeof *obj_names);
  char *so_name = NULL;
  bool ok = false;
  if (!obj_names)
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  struct stat st;
  bool special = stat(out_path, &st) == 0 && !S_ISREG(st.st_mode);
  char tmp_base[4096];
  const char *base = out_path; /* where the temporary files go */
  if (special) {
    if (S_ISDIR(st.st_mode)) {
      free(obj_names);
      return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create %s: it is a directory", out_path);
    }
    const char *tmpdir = getenv("TMPDIR");
    snprintf(tmp_base, sizeof tmp_base, "%s/wasm2so-out", tmpdir && *tmpdir ? tmpdir : "/tmp");
    base = tmp_base;
  }
  for (unsigned i = 0; i < nobjs; i++) {
    int fd = temp_beside(base, ".o", &obj_names[i]);
    if (fd < 0) {
      w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create a file beside %s: %s",
               out_path, strerror(errno));
      goto out;
    }
    bool written = write_all(fd, objs[i], sizes[i]);
    if (close(fd) != 0)
      written = false;
    if (!written) {
      w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot write %s: %s", obj_names[i],
               strerror(errno));
      goto out;
    }
  }
  int fd = temp_beside(base, ".so", &so_name);
  if (fd < 0) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create a file beside %s: %s", out_path,
             strerror(errno));
    goto out;
  }
  close(fd);
  if (!run_lld(lld, obj_names, nobjs, so_name, d))
    goto out;
  if (special ? !write_through(so_name, out_path) : rename(so_name, out_path) != 0) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create %s: %s", out_path, strerror(errno));
    goto out;
  }
  if (!special) {
    free(so_name);
    so_name = NULL;
  }
  ok = true;
  /* --keep-object: the objects beside the .so, for debugging. */
  for (unsigned i = 0; o->keep_object && i < nobjs; i++) {
    char *keep = kept_name(special ? base : out_path, i);
    if (keep && rename(obj_names[i], keep) == 0) {
      free(obj_names[i]);
      obj_names[i] = NULL;
    }
    free(keep);
  }
out:
  for (unsigned i = 0; i < nobjs; i++) {
    if (obj_names[i]) {
      unlink(obj_names[i]);
      free(obj_names[i]);
    }
  }
  free(obj_names);
  if (so_name) {
    unlink(so_name);
    free(so_name);
  }
  return ok;
}
