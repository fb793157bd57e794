/* wl_translator.c — find the wasm2so command and run it as a subprocess.
 *
 * wasmload used to link the translator (libw2s, hence libLLVM) to translate
 * a .wasm on the fly; every start of every rank then paid for loading
 * libLLVM, even to run a .so, and compute nodes needed LLVM installed.  Now
 * only a cache miss runs wasm2so; a hit costs a few system calls.
 *
 * The module is handed over as the exact bytes wasmload hashed for the
 * cache key (a memory file, /proc/self/fd/N in the child), so a .wasm
 * rewritten meanwhile can never be stored under the old bytes' key.  The
 * translator's stderr is captured so its diagnostics can name the module as
 * the user gave it, and so the guest's stdout never carries its chatter. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wl_translator.h"

extern char **environ;

/* ---- finding it ---- */
static bool is_exe(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

/* cmd looked up in $PATH like a shell does (an empty entry is the current
 * directory).  malloc'd, or NULL. */
static char *search_path(const char *cmd) {
  const char *path = getenv("PATH");
  if (!path) path = "/usr/local/bin:/usr/bin:/bin";
  for (const char *p = path;;) {
    const char *e = strchrnul(p, ':');
    int n = (int)(e - p);
    size_t len = (size_t)n + strlen(cmd) + 3;
    char *cand = malloc(len);
    if (!cand) return NULL;
    snprintf(cand, len, "%.*s/%s", n ? n : 1, n ? p : ".", cmd);
    if (is_exe(cand)) return cand;
    free(cand);
    if (!*e) return NULL;
    p = e + 1;
  }
}

/* rel, relative to the directory of this executable. */
static char *beside_self(const char *rel) {
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return NULL;
  self[n] = 0;
  char *slash = strrchr(self, '/');
  if (!slash) return NULL;
  *slash = 0;
  size_t len = strlen(self) + strlen(rel) + 2;
  char *p = malloc(len);
  if (p) snprintf(p, len, "%s/%s", self, rel);
  return p;
}

/* The GNU build-id note of an ELF file of this host's class and byte order,
 * read with bounds checked everywhere: the file is only looked at. */
static void read_build_id(int fd, wl_translator *t) {
  Elf64_Ehdr eh;
  if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 ||
      eh.e_phnum > 64)
    return;
  Elf64_Phdr ph[64];
  size_t phsize = eh.e_phnum * sizeof *ph;
  if (pread(fd, ph, phsize, (off_t)eh.e_phoff) != (ssize_t)phsize) return;
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    if (ph[i].p_type != PT_NOTE || ph[i].p_filesz < sizeof(Elf64_Nhdr) || ph[i].p_filesz > 65536)
      continue;
    size_t len = ph[i].p_filesz, align = ph[i].p_align == 8 ? 8 : 4;
    uint8_t *buf = malloc(len);
    if (!buf) return;
    if (pread(fd, buf, len, (off_t)ph[i].p_offset) != (ssize_t)len) {
      free(buf);
      continue;
    }
    size_t off = 0;
    while (len - off >= sizeof(Elf64_Nhdr)) {
      Elf64_Nhdr nh;
      memcpy(&nh, buf + off, sizeof nh);
      off += sizeof nh;
      size_t name = ((size_t)nh.n_namesz + align - 1) & ~(align - 1);
      size_t desc = ((size_t)nh.n_descsz + align - 1) & ~(align - 1);
      if (name > len - off || desc > len - off - name) break;
      if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && memcmp(buf + off, "GNU", 4) == 0 &&
          nh.n_descsz > 0 && nh.n_descsz <= WL_BUILD_ID_MAX) {
        memcpy(t->build_id, buf + off + name, nh.n_descsz);
        t->build_id_len = nh.n_descsz;
        free(buf);
        return;
      }
      off += name + desc;
    }
    free(buf);
  }
}

/* Size and mtime catch a translator replaced by another build, even one
 * without a build-id (or a wrapper script). */
static void identify(wl_translator *t) {
  struct stat st;
  if (stat(t->path, &st) == 0) {
    t->size = (uint64_t)st.st_size;
    t->mtime_sec = st.st_mtim.tv_sec;
    t->mtime_nsec = st.st_mtim.tv_nsec;
  }
  int fd = open(t->path, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    read_build_id(fd, t);
    close(fd);
  }
}

bool wl_translator_find(wl_translator *t, const char *name, char *msg, size_t msg_size) {
  memset(t, 0, sizeof *t);
  const char *env = getenv("WASM2SO");
  if (env && *env) {
    /* Named explicitly: used or refused, never silently replaced. */
    bool is_path = strchr(env, '/') != NULL;
    t->path = is_path ? (is_exe(env) ? strdup(env) : NULL) : search_path(env);
    if (!t->path) {
      snprintf(msg, msg_size, "wasmload: %s: cannot translate: WASM2SO=%s %s", name, env,
               is_path ? "is not an executable file" : "is not found in PATH");
      return false;
    }
  } else {
    /* An installed bin/ holds both; so does a build tree, in sibling dirs. */
    static const char *const beside[] = {"wasm2so", "../wasm2so/wasm2so"};
    for (size_t i = 0; i < sizeof beside / sizeof *beside && !t->path; i++) {
      char *c = beside_self(beside[i]);
      if (c && is_exe(c)) t->path = c;
      else free(c);
    }
    if (!t->path) t->path = search_path("wasm2so");
    if (!t->path) {
      snprintf(msg, msg_size,
               "wasmload: %s: cannot translate: no wasm2so found (set WASM2SO or install wasm2so "
               "next to wasmload)", name);
      return false;
    }
  }
  identify(t);
  return true;
}

void wl_translator_free(wl_translator *t) {
  free(t->path);
  t->path = NULL;
}

/* ---- running it ---- */
static bool write_all(int fd, const uint8_t *p, size_t n) {
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= (size_t)k;
  }
  return true;
}

/* The child's stderr, up to cap-1 bytes kept (the rest read and dropped, so
 * the child never blocks on a full pipe). */
static size_t drain(int fd, char *buf, size_t cap) {
  size_t n = 0;
  char sink[4096];
  for (;;) {
    char *to = n + 1 < cap ? buf + n : sink;
    size_t room = n + 1 < cap ? cap - 1 - n : sizeof sink;
    ssize_t k = read(fd, to, room);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    if (to != sink) n += (size_t)k;
  }
  buf[n] = 0;
  return n;
}

/* text into msg, each line that names the module by the memory file's path
 * renamed to name; without trailing newlines. */
static void rename_input(const char *text, const char *in, const char *name, char *msg, size_t msg_size) {
  size_t inlen = strlen(in), m = 0;
  msg[0] = 0;
  for (const char *line = text; *line && m + 1 < msg_size;) {
    const char *end = strchrnul(line, '\n');
    bool named = strcmp(in, name) != 0 && strncmp(line, in, inlen) == 0 && line[inlen] == ':';
    int k = snprintf(msg + m, msg_size - m, "%s%.*s%s", named ? name : "",
                     (int)(end - line - (named ? (ptrdiff_t)inlen : 0)), line + (named ? inlen : 0),
                     *end ? "\n" : "");
    if (k < 0) break;
    m += (size_t)k < msg_size - m ? (size_t)k : msg_size - 1 - m;
    line = *end ? end + 1 : end;
  }
  while (m && msg[m - 1] == '\n') msg[--m] = 0;
}

bool wl_translator_run(const wl_translator *t, const char *const *opts, const uint8_t *wasm,
                       size_t size, const char *name, const char *out, char *msg, size_t msg_size) {
  char input[40];
  const char *in = name; /* without a memory file, the file itself */
  int mfd = memfd_create("wasmload-module", 0); /* inherited by the child */
  if (mfd >= 0 && write_all(mfd, wasm, size)) {
    snprintf(input, sizeof input, "/proc/self/fd/%d", mfd);
    in = input;
  }
  size_t nopts = 0;
  while (opts[nopts]) nopts++;
  const char **argv = calloc(nopts + 6, sizeof *argv);
  int pipefd[2] = {-1, -1};
  if (!argv || pipe2(pipefd, O_CLOEXEC) != 0) {
    snprintf(msg, msg_size, "wasmload: %s: cannot translate: %s", name, strerror(errno));
    free(argv);
    if (mfd >= 0) close(mfd);
    return false;
  }
  size_t a = 0;
  argv[a++] = t->path;
  for (size_t i = 0; i < nopts; i++) argv[a++] = opts[i];
  argv[a++] = "-o";
  argv[a++] = out;
  argv[a++] = "--";
  argv[a++] = in;
  argv[a] = NULL;

  /* stdin: nothing; stdout: our stderr; stderr: the pipe. */
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, 2, 1);
  posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
  /* An inherited SIG_IGN for SIGCHLD would reap the child before we can
   * read its status. */
  struct sigaction dfl = {.sa_handler = SIG_DFL}, old;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGCHLD, &dfl, &old);
  pid_t pid;
  int e = posix_spawn(&pid, t->path, &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(pipefd[1]);
  if (mfd >= 0) close(mfd);
  free(argv);
  if (e != 0) {
    sigaction(SIGCHLD, &old, NULL);
    close(pipefd[0]);
    snprintf(msg, msg_size, "wasmload: %s: cannot translate: cannot run %s: %s", name, t->path,
             strerror(e));
    return false;
  }
  char text[4096];
  drain(pipefd[0], text, sizeof text);
  close(pipefd[0]);
  int st = 0;
  pid_t w;
  while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {}
  int werr = errno;
  sigaction(SIGCHLD, &old, NULL);
  rename_input(text, in, name, msg, msg_size);
  if (w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
    if (msg[0]) fprintf(stderr, "%s\n", msg); /* warnings: passed on */
    return true;
  }
  /* The translator's own words say what is wrong; a crash or silence needs ours. */
  if (msg[0] && w == pid && WIFEXITED(st)) return false;
  size_t m = strlen(msg);
  if (m && m + 1 < msg_size) msg[m++] = '\n';
  if (w != pid)
    snprintf(msg + m, msg_size - m, "wasmload: %s: cannot translate: lost track of %s: %s", name,
             t->path, strerror(werr));
  else if (WIFSIGNALED(st))
    snprintf(msg + m, msg_size - m, "wasmload: %s: cannot translate: %s was killed by signal %d (%s)",
             name, t->path, WTERMSIG(st), strsignal(WTERMSIG(st)));
  else
    snprintf(msg + m, msg_size - m, "wasmload: %s: cannot translate: %s failed (exit status %d) "
             "without a message", name, t->path, WEXITSTATUS(st));
  return false;
}
