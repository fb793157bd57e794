/* wl_cache.c — the per-user translation cache of `wasmload app.wasm`.
 *
 * An entry is DIR/<key>.so, key = BLAKE3 (LLVM's C API, no new dependency)
 * of the module bytes, the translation options, the target, the wasm2so
 * version and ABI, the LLVM version and this wasmload's GNU build-id (so a
 * rebuilt translator never reuses its predecessor's code).
 *
 * Many ranks of one job start together on the same module, often on a shared
 * file system.  Readers only ever see complete files: a writer translates to
 * a unique temporary file in DIR and rename()s it into place, which is atomic.
 * An advisory lock on DIR/<key>.lock lets one process translate while the
 * others wait and then reuse its result; if locking is unavailable (some
 * network file systems), every process translates and the renames still
 * leave one complete entry.  Lock files stay: removing them would race. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <llvm-c/Core.h>
#include <llvm-c/blake3.h>

#include "config.h"
#include "w2s.h"
#include "wasmso_abi.h"
#include "wl_cache.h"

#if defined(__x86_64__)
#define HOST_ARCH "x86_64"
#elif defined(__aarch64__)
#define HOST_ARCH "aarch64"
#else
#define HOST_ARCH "unknown"
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

/* ---- the key ---- */
struct build_id { const uint8_t *bytes; size_t len; };

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  struct build_id *b = data;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_NOTE) continue;
    const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
    while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
      const ElfW(Nhdr) *n = (const void *)p;
      size_t name = (n->n_namesz + 3u) & ~3u, desc = (n->n_descsz + 3u) & ~3u;
      if ((size_t)(end - p) - sizeof *n < name + desc) break;
      const uint8_t *np = p + sizeof *n;
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(np, "GNU", 4) == 0) {
        b->bytes = np + name;
        b->len = n->n_descsz;
        return 1;
      }
      p = np + name + desc;
    }
  }
  return 1; /* the first object is the executable: stop either way */
}

static void add_str(llvm_blake3_hasher *h, const char *s) {
  llvm_blake3_hasher_update(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void cache_key(const uint8_t *wasm, size_t size, const w2s_options *o, char hex[65]) {
  llvm_blake3_hasher h;
  llvm_blake3_hasher_init(&h);
  add_str(&h, "wasm2so cache 1");
  add_str(&h, PACKAGE_VERSION);
  uint32_t abi = WASMSO_ABI_VERSION;
  llvm_blake3_hasher_update(&h, &abi, sizeof abi);
  unsigned v[3];
  LLVMGetVersion(&v[0], &v[1], &v[2]);
  llvm_blake3_hasher_update(&h, v, sizeof v);
  struct build_id b = {0};
  dl_iterate_phdr(find_build_id, &b);
  uint64_t n = b.len;
  llvm_blake3_hasher_update(&h, &n, sizeof n);
  if (b.len) llvm_blake3_hasher_update(&h, b.bytes, b.len);
  add_str(&h, o->target ? o->target : HOST_ARCH);
  add_str(&h, o->cpu);
  add_str(&h, o->features);
  int32_t opt = o->opt_level;
  llvm_blake3_hasher_update(&h, &opt, sizeof opt);
  n = size;
  llvm_blake3_hasher_update(&h, &n, sizeof n);
  llvm_blake3_hasher_update(&h, wasm, size);
  uint8_t out[LLVM_BLAKE3_OUT_LEN];
  llvm_blake3_hasher_finalize(&h, out, sizeof out);
  for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", out[i]);
}

/* ---- translation ---- */
/* The translator's own "FILE:0xOFF: error: MSG" wording. */
static bool diag_msg(const w2s_diag *d, const char *name, char *msg, size_t msg_size) {
  FILE *f = fmemopen(msg, msg_size, "w");
  if (f) {
    w2s_diag_print(d, name, f);
    fclose(f);
    msg[strcspn(msg, "\n")] = 0;
  } else {
    snprintf(msg, msg_size, "%s: error: %s", name, d->msg);
  }
  return false;
}

static bool translate(const uint8_t *wasm, size_t size, const w2s_options *o, const char *out,
                      const char *name, char *msg, size_t msg_size) {
  w2s_diag d;
  memset(&d, 0, sizeof d);
  return w2s_translate(wasm, size, o, out, &d) || diag_msg(&d, name, msg, msg_size);
}

static char *translate_temp(const uint8_t *wasm, size_t size, const w2s_options *o,
                            const char *name, char *msg, size_t msg_size) {
  const char *tmp = getenv("TMPDIR");
  char *path = join(tmp && *tmp ? tmp : "/tmp", "wasmload-XXXXXX.so");
  int fd = path ? mkstemps(path, 3) : -1;
  if (fd < 0) {
    snprintf(msg, msg_size, "cannot create a temporary file: %s", strerror(errno));
    free(path);
    return NULL;
  }
  close(fd);
  if (!translate(wasm, size, o, path, name, msg, msg_size)) {
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

char *wl_cache_get(const uint8_t *wasm, size_t size, const char *name, const char *dir,
                   bool *temp, bool *hit, char *msg, size_t msg_size) {
  w2s_options o;
  w2s_options_default(&o);
  *temp = false;
  *hit = false;
  if (!dir) {
    *temp = true;
    return translate_temp(wasm, size, &o, name, msg, msg_size);
  }
  if (!make_dirs(dir)) {
    snprintf(msg, msg_size, "cache directory %s: %s (use --cache-dir=DIR or --no-cache)", dir,
             errno == EPERM ? "not private to this user (others may write to it)" : strerror(errno));
    return NULL;
  }
  char hex[65], file[80];
  cache_key(wasm, size, &o, hex);
  snprintf(file, sizeof file, "%s.so", hex);
  char *final = join(dir, file);
  if (!final) goto oom;
  if (is_file(final)) {
    *hit = true;
    return final;
  }
  /* An invalid module is refused before it leaves a lock file behind. */
  w2s_diag d;
  memset(&d, 0, sizeof d);
  if (!w2s_check(wasm, size, &d)) {
    diag_msg(&d, name, msg, msg_size);
    free(final);
    return NULL;
  }
  snprintf(file, sizeof file, "%s.lock", hex);
  char *lock = join(dir, file);
  int lfd = lock ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
  free(lock);
  /* Blocks while another process translates this module. */
  if (lfd >= 0) while (flock(lfd, LOCK_EX) != 0 && errno == EINTR) {}
  if (is_file(final)) {
    *hit = true;
  } else {
    snprintf(file, sizeof file, "%s.so.tmp.XXXXXX", hex);
    char *tmp = join(dir, file);
    int fd = tmp ? mkstemp(tmp) : -1;
    if (fd < 0) {
      snprintf(msg, msg_size, "cache directory %s: %s (use --no-cache)", dir, strerror(errno));
      free(tmp);
      goto fail;
    }
    close(fd);
    bool ok = translate(wasm, size, &o, tmp, name, msg, msg_size);
    if (ok && rename(tmp, final) != 0) {
      snprintf(msg, msg_size, "cannot store %s: %s", final, strerror(errno));
      ok = false;
    }
    if (!ok) unlink(tmp);
    free(tmp);
    if (!ok) goto fail;
  }
  if (lfd >= 0) close(lfd); /* releases the lock */
  return final;
fail:
  if (lfd >= 0) close(lfd);
  free(final);
  return NULL;
oom:
  snprintf(msg, msg_size, "out of memory");
  return NULL;
}

void wl_cache_drop(const char *so_path) { unlink(so_path); }
