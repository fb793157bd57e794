/* wl_cache.c — the per-user translation cache of `wasmload app.wasm`.
 *
 * An entry is DIR/<key>.so, key = SHA-512/256 (nettle) of the module bytes,
 * the translation options and target, the wasm2so version and ABI, and the
 * identity of the wasm2so command that translates (wl_translator.c: its
 * build-id, size and mtime), so a rebuilt or replaced translator never
 * reuses its predecessor's code.
 *
 * Many ranks of one job start together on the same module, often on a shared
 * file system.  Readers only ever see complete files: a writer translates to
 * a unique temporary file in DIR and rename()s it into place, which is atomic.
 * An advisory lock on DIR/<key>.lock lets one process translate while the
 * others wait and then reuse its result; if locking is unavailable (some
 * network file systems), every process translates and the renames still
 * leave one complete entry.  Lock files stay: removing them would race.  The
 * exception is a failed translation: its lock file is removed (by the holder,
 * while still holding it), which tells the waiters to translate for
 * themselves, in parallel, and each report the error. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "config.h"
#include "wasmso_abi.h"
#include "wl_cache.h"
#include "wl_translator.h"

#if defined(__x86_64__)
#define HOST_TARGET_OPT "--target=x86_64"
#elif defined(__aarch64__)
#define HOST_TARGET_OPT "--target=aarch64"
#endif

static char *join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s/%s", a, b);
  return s;
}

char *wl_cache_dir(const char *dir, char *msg, size_t size) {
  const char *e;
  if (dir) return strdup(dir);
  if ((e = getenv("WASM2SO_CACHE_DIR")) && *e) return strdup(e);
  /* XDG: a relative XDG_CACHE_HOME is invalid and ignored. */
  if ((e = getenv("XDG_CACHE_HOME")) && e[0] == '/') return join(e, "wasm2so");
  const char *home = getenv("HOME");
  if (!home || !*home) {
    struct passwd *pw = getpwuid(getuid());
    home = pw ? pw->pw_dir : NULL;
  }
  if (!home || !*home) {
    snprintf(msg, size, "no cache directory (no HOME): set WASM2SO_CACHE_DIR or use --no-cache");
    return NULL;
  }
  return join(home, ".cache/wasm2so");
}

/* mkdir -p, private to the user like the XDG base directories.  An existing
 * directory others can write to is refused: they could plant code there
 * that this process would then run.  errno is EPERM then. */
static bool make_dirs(const char *dir) {
  char *p = strdup(dir);
  if (!p) return false;
  for (char *s = p + 1; ; s++) {
    if (*s == '/' || *s == 0) {
      char c = *s;
      *s = 0;
      if (mkdir(p, 0700) != 0 && errno != EEXIST) {
        free(p);
        return false;
      }
      *s = c;
      if (!c) break;
    }
  }
  free(p);
  struct stat st;
  if (stat(dir, &st) != 0) return false;
  if (!S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return false;
  }
  if (st.st_uid != geteuid() || (st.st_mode & 022)) {
    errno = EPERM;
    return false;
  }
  return true;
}

/* The options given to wasm2so that shape its output, all in the key:
 * wasm2so's defaults but for an explicit target, so that any wasm2so found
 * (even one made for another host) translates for this one; and
 * --bounds-checks where the address space is capped too tightly for guard
 * regions (ulimit -v, often set on clusters), so that `wasmload app.wasm`
 * runs there too. */
#define MAX_KEY_OPTS 4

static bool address_space_capped(void) {
  struct rlimit rl;
  /* A guarded memory needs WASMSO_MEMORY_RESERVATION and its guards, the
   * process (MPI included) room beside it. */
  return getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
         rl.rlim_cur < WASMSO_MEMORY_RESERVATION + (4ull << 30);
}

static void key_opts(const char *opts[MAX_KEY_OPTS]) {
  size_t n = 0;
  opts[n++] = "-O2";
#ifdef HOST_TARGET_OPT
  opts[n++] = HOST_TARGET_OPT;
#endif
  if (address_space_capped())
    opts[n++] = "--bounds-checks";
  opts[n] = NULL;
}

/* ---- the key ---- */
static void add(struct sha512_256_ctx *h, const void *p, size_t n) {
  sha512_256_update(h, n, p);
}

static void add_u64(struct sha512_256_ctx *h, uint64_t v) { add(h, &v, sizeof v); }

static void add_str(struct sha512_256_ctx *h, const char *s) { add(h, s, strlen(s) + 1); }

static void cache_key(const uint8_t *wasm, size_t size, const wl_translator *t, char hex[65]) {
  const char *opts[MAX_KEY_OPTS];
  key_opts(opts);
  struct sha512_256_ctx h;
  sha512_256_init(&h);
  add_str(&h, "wasm2so cache 2");
  add_str(&h, PACKAGE_VERSION);
  add_u64(&h, WASMSO_ABI_VERSION);
  add_u64(&h, t->build_id_len);
  add(&h, t->build_id, t->build_id_len);
  add_u64(&h, t->size);
  add_u64(&h, (uint64_t)t->mtime_sec);
  add_u64(&h, (uint64_t)t->mtime_nsec);
  for (const char *const *o = opts; *o; o++) add_str(&h, *o);
  add_u64(&h, size);
  add(&h, wasm, size);
  uint8_t out[SHA512_256_DIGEST_SIZE];
  sha512_256_digest(&h, sizeof out, out);
  for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", out[i]);
}

/* ---- translation ---- */
/* key_opts and -j N, N = the CPUs this process may run on (the translator
 * inherits that set; under a launcher that binds ranks it may be one). */
struct run_opts {
  const char *argv[MAX_KEY_OPTS + 1];
  char jobs[16];
};

static const char *const *run_opts(struct run_opts *r) {
  size_t n = 0;
  key_opts(r->argv);
  while (r->argv[n]) n++;
  cpu_set_t set;
  long cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : sysconf(_SC_NPROCESSORS_ONLN);
  snprintf(r->jobs, sizeof r->jobs, "-j%ld", cpus < 1 ? 1 : cpus > 1024 ? 1024 : cpus);
  r->argv[n++] = r->jobs;
  r->argv[n] = NULL;
  return r->argv;
}

static bool translate(const wl_translator *t, const uint8_t *wasm, size_t size, const char *out,
                      const char *name, char *msg, size_t msg_size) {
  struct run_opts r;
  return wl_translator_run(t, run_opts(&r), wasm, size, name, out, msg, msg_size);
}

static char *translate_temp(const wl_translator *t, const uint8_t *wasm, size_t size,
                            const char *name, char *msg, size_t msg_size) {
  const char *tmp = getenv("TMPDIR");
  char *path = join(tmp && *tmp ? tmp : "/tmp", "wasmload-XXXXXX.so");
  int fd = path ? mkstemps(path, 3) : -1;
  if (fd < 0) {
    snprintf(msg, msg_size, "wasmload: cannot create a temporary file: %s", strerror(errno));
    free(path);
    return NULL;
  }
  close(fd);
  if (!translate(t, wasm, size, path, name, msg, msg_size)) {
    unlink(path);
    free(path);
    return NULL;
  }
  return path;
}

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Remove the lock file if lfd is still the file at that path (another
 * process may have replaced it after a failure of its own). */
static void drop_lock(int lfd, const char *lock) {
  struct stat a, b;
  if (lfd >= 0 && lock && fstat(lfd, &a) == 0 && stat(lock, &b) == 0 && a.st_dev == b.st_dev &&
      a.st_ino == b.st_ino)
    unlink(lock);
}

static char *cached(const wl_translator *t, const uint8_t *wasm, size_t size, const char *name,
                    const char *dir, bool *hit, char *msg, size_t msg_size) {
  if (!make_dirs(dir)) {
    snprintf(msg, msg_size, "wasmload: cache directory %s: %s (use --cache-dir=DIR or --no-cache)", dir,
             errno == EPERM ? "not private to this user (others may write to it)" : strerror(errno));
    return NULL;
  }
  char hex[65], file[80];
  cache_key(wasm, size, t, hex);
  snprintf(file, sizeof file, "%s.so", hex);
  char *final = join(dir, file);
  if (!final) goto oom;
  if (is_file(final)) {
    *hit = true;
    return final;
  }
  snprintf(file, sizeof file, "%s.lock", hex);
  char *lock = join(dir, file);
  int lfd = lock ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
  if (lfd >= 0) {
    /* Blocks while another process translates this module. */
    while (flock(lfd, LOCK_EX) != 0 && errno == EINTR) {}
    /* Removed meanwhile: that translation failed; go on without a lock. */
    struct stat st;
    if (fstat(lfd, &st) == 0 && st.st_nlink == 0) {
      close(lfd);
      lfd = -1;
    }
  }
  if (is_file(final)) {
    *hit = true;
  } else {
    snprintf(file, sizeof file, "%s.so.tmp.XXXXXX", hex);
    char *tmp = join(dir, file);
    int fd = tmp ? mkstemp(tmp) : -1;
    if (fd < 0) {
      snprintf(msg, msg_size, "wasmload: cache directory %s: %s (use --no-cache)", dir, strerror(errno));
      free(tmp);
      goto fail;
    }
    close(fd);
    bool ok = translate(t, wasm, size, tmp, name, msg, msg_size);
    if (ok && rename(tmp, final) != 0) {
      snprintf(msg, msg_size, "wasmload: cannot store %s: %s", final, strerror(errno));
      ok = false;
    }
    if (!ok) unlink(tmp);
    free(tmp);
    if (!ok) goto fail;
  }
  if (lfd >= 0) close(lfd); /* releases the lock */
  free(lock);
  return final;
fail:
  drop_lock(lfd, lock);
  if (lfd >= 0) close(lfd);
  free(lock);
  free(final);
  return NULL;
oom:
  snprintf(msg, msg_size, "wasmload: out of memory");
  return NULL;
}

char *wl_cache_get(const uint8_t *wasm, size_t size, const char *name, const char *dir,
                   bool *temp, bool *hit, char *msg, size_t msg_size) {
  *temp = false;
  *hit = false;
  wl_translator t;
  if (!wl_translator_find(&t, name, msg, msg_size)) return NULL;
  char *so;
  if (dir) {
    so = cached(&t, wasm, size, name, dir, hit, msg, msg_size);
  } else {
    *temp = true;
    so = translate_temp(&t, wasm, size, name, msg, msg_size);
  }
  wl_translator_free(&t);
  return so;
}

void wl_cache_drop(const char *so_path) { unlink(so_path); }
