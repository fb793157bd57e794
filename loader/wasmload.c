/* wasmload — run a shared object made by wasm2so, or a .wasm module
 * translated on the fly, by running wasm2so, into a per-user cache
 * (wl_cache.c).  It never loads LLVM itself.
 *
 *   wasmload [OPTION]... [--] app.so|app.wasm [ARG]...
 *
 * Options end at the module path: every word after it belongs to the guest.
 * Without --invoke, runs the WASI command entry `_start`; the exit status is
 * the guest's proc_exit code (0 if _start returns).  --invoke=FUNC calls an
 * export with the ARGs parsed per its parameter types and prints each result
 * on its own line:
 *   i32, i64   signed decimal (the bits as a two's-complement integer)
 *   f32, f64   hex-float ("%a", reads back exactly), "inf"/"-inf", "nan"/"-nan"
 *   refs       "null" or "ref"
 * Integer arguments are decimal (negative allowed, or up to 2^N-1 unsigned)
 * or 0x-hex; floats anything strtod accepts (decimal, hex-float, inf, nan).
 * A trap prints "wasmload: trap: MESSAGE" and "  at FUNC" lines on stderr and
 * exits 134.  The guest runs on its own thread with a --stack-size stack
 * (default 8 MiB, like a Linux main thread). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "wl_cache.h"
#include "wl_elf_check.h"
#include "wl_runtime.h"
#include "wl_compat.h"
#include "wl_wasi.h"
#ifdef WITH_MPI
#include "ms_loader.h"
#endif

#define DEFAULT_STACK (8u << 20)

struct run {
  const char *path;
  const char *invoke;
  int argc;          /* guest argv, argv[0] = module path */
  char **argv;
  wl_module *mod;
  int status;
};

static void usage(FILE *f) {
  fprintf(f,
          "Usage: wasmload [OPTION]... [--] app.so|app.wasm [ARG]...\n"
          "Run a WebAssembly module translated by wasm2so, or a .wasm module (translated\n"
          "on the fly into a per-user cache and reused the next time).\n\n"
          "  --dir=HOST[::GUEST]\n"
          "                     give the guest the host directory HOST, named GUEST\n"
          "                     (default: HOST); repeatable; nothing else is reachable\n"
          "  --env=K=V          add K=V to the guest's environment (repeatable)\n"
          "  --env-inherit      pass this process's environment to the guest (--env wins)\n"
          "  --invoke=FUNC      call export FUNC with ARGs (typed per its signature) and\n"
          "                     print its results, one per line, instead of running _start\n"
          "  --stack-size=SIZE  stack of the guest thread (default 8M; suffixes K, M, G)\n"
          "  --max-memory=SIZE  cap on the guest's linear memory (default and most:\n"
          "                     65535 pages, 64 KiB short of 4G); for a .so made with\n"
          "                     wasm2so --bounds-checks also the address space reserved\n"
          "  --cache-dir=DIR    cache of translated .wasm modules (default: $WASM2SO_CACHE_DIR,\n"
          "                     else $XDG_CACHE_HOME/wasm2so, else ~/.cache/wasm2so)\n"
          "  --no-cache         translate a .wasm module into a temporary file, removed after\n"
          "  --help             show this help and exit\n"
          "  --version          show the version and exit\n\n"
          "Options end at the module path; later words go to the guest.\n"
          "--invoke prints integers as signed decimal, floats as hex-floats (%%a), inf, nan.\n"
          "Exit status: the guest's, 134 on a trap, 1 if the module cannot run, 2 on bad usage.\n");
}

static bool parse_size(const char *s, uint64_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || end == s || *s == '-') return false;
  uint64_t mul = 1;
  switch (*end) {
  case 'k': case 'K': mul = 1ull << 10; end++; break;
  case 'm': case 'M': mul = 1ull << 20; end++; break;
  case 'g': case 'G': mul = 1ull << 30; end++; break;
  }
  if (mul > 1 && end[0] == 'i' && end[1] == 'B') end += 2;
  else if (end[0] == 'B') end++;
  if (*end || v > UINT64_MAX / mul) return false;
  *out = v * mul;
  return true;
}

static bool parse_int(const char *s, int bits, uint64_t *out) {
  char *end;
  errno = 0;
  if (*s == '-') {
    long long v = strtoll(s, &end, 0);
    long long lo = bits == 32 ? INT32_MIN : INT64_MIN;
    if (errno || *end || end == s || v < lo) return false;
    *out = (uint64_t)v & (bits == 32 ? 0xffffffffull : UINT64_MAX);
    return true;
  }
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end || end == s || (bits == 32 && v > 0xffffffffull)) return false;
  *out = v;
  return true;
}

static bool parse_arg(const char *s, uint8_t t, wasmso_value *v) {
  char *end;
  memset(v, 0, sizeof *v);
  switch (t) {
  case WASMSO_I32: {
    uint64_t x;
    if (!parse_int(s, 32, &x)) return false;
    v->i32 = (uint32_t)x;
    return true;
  }
  case WASMSO_I64: return parse_int(s, 64, &v->i64);
  case WASMSO_F32: v->f32 = strtof(s, &end); return *s && !*end;
  case WASMSO_F64: v->f64 = strtod(s, &end); return *s && !*end;
  case WASMSO_FUNCREF: case WASMSO_EXTERNREF: return strcmp(s, "null") == 0;
  default: return false;
  }
}

static void print_float(double x) {
  if (isnan(x)) puts(signbit(x) ? "-nan" : "nan");
  else if (isinf(x)) puts(x < 0 ? "-inf" : "inf");
  else printf("%a\n", x);
}

static void print_result(uint8_t t, const wasmso_value *v) {
  switch (t) {
  case WASMSO_I32: printf("%" PRId32 "\n", (int32_t)v->i32); break;
  case WASMSO_I64: printf("%" PRId64 "\n", (int64_t)v->i64); break;
  case WASMSO_F32: print_float(v->f32); break;
  case WASMSO_F64: print_float(v->f64); break;
  case WASMSO_V128:
    for (int i = 0; i < 16; i++) printf("%02x%s", v->v128[i], i == 15 ? "\n" : " ");
    break;
  default: puts(v->ref ? "ref" : "null"); break;
  }
}

static int report(const wl_error *err) {
  fflush(stdout); /* the guest's output first, also after proc_exit */
  switch (err->kind) {
  case WL_ERR_EXIT: return err->exit_code;
  case WL_ERR_TRAP:
    fprintf(stderr, "wasmload: trap: %s\n", err->msg);
    if (err->backtrace[0]) fprintf(stderr, "%s\n", err->backtrace);
    return 134;
  default:
    fprintf(stderr, "wasmload: %s\n", err->msg);
    return 1;
  }
}

#ifndef WITH_MPI
/* Say why an "mpi" import cannot link before the loader says which one. */
static bool ms_resolve(void *user, const char *module, size_t module_len, const char *name,
                       size_t name_len, uint8_t kind, wl_extern *out) {
  (void)user, (void)name, (void)name_len, (void)kind, (void)out;
  static bool told;
  if (!told && module_len == 3 && memcmp(module, "mpi", 3) == 0) {
    told = true;
    fprintf(stderr, "wasmload: this wasmload was built without MPI support (configure found "
                    "no Open MPI); the module needs it\n");
  }
  return false;
}
static void ms_on_trap(const wl_error *err) { (void)err; }
static void ms_on_exit(int code) { (void)code; }
#endif

static bool resolve(void *user, const char *module, size_t module_len, const char *name,
                    size_t name_len, uint8_t kind, wl_extern *out) {
  return wl_wasi_resolve(user, module, module_len, name, name_len, kind, out) ||
         wl_compat_resolve(user, module, module_len, name, name_len, kind, out) ||
         ms_resolve(user, module, module_len, name, name_len, kind, out);
}

/* A guest call ended with err: with MPI active, a trap or a nonzero exit
 * ends the whole job (ms_on_trap/ms_on_exit do not return then). */
static int finish(const wl_error *err) {
  if (err->kind == WL_ERR_TRAP) ms_on_trap(err);
  else if (err->kind == WL_ERR_EXIT) ms_on_exit(err->exit_code);
  return report(err);
}

static int invoke(struct run *r, wl_instance *in) {
  wl_extern ex;
  wl_error err;
  if (!wl_instance_export(in, r->invoke, &ex) || ex.kind != WASMSO_EXTERN_FUNC) {
    fprintf(stderr, "wasmload: %s: no exported function '%s'\n", r->path, r->invoke);
    return 1;
  }
  const uint8_t *ps, *rs;
  uint32_t np, nr;
  if (!wl_func_signature(ex.u.func.ref, &ps, &np, &rs, &nr)) {
    fprintf(stderr, "wasmload: %s: cannot find the signature of '%s'\n", r->path, r->invoke);
    return 1;
  }
  int nargs = r->argc - 1;
  if ((uint32_t)nargs != np) {
    fprintf(stderr, "wasmload: '%s' takes %u argument%s (", r->invoke, np, np == 1 ? "" : "s");
    for (uint32_t i = 0; i < np; i++) fprintf(stderr, "%s%s", i ? ", " : "", wl_valtype_name(ps[i]));
    fprintf(stderr, "), %d given\n", nargs);
    return 2;
  }
  wasmso_value *args = calloc(np + 1, sizeof *args), *res = calloc(nr + 1, sizeof *res);
  if (!args || !res) {
    fprintf(stderr, "wasmload: out of memory\n");
    return 1;
  }
  int status = 0;
  for (uint32_t i = 0; i < np; i++)
    if (!parse_arg(r->argv[i + 1], ps[i], &args[i])) {
      fprintf(stderr, "wasmload: argument %u: '%s' is not a valid %s\n", i + 1, r->argv[i + 1],
              wl_valtype_name(ps[i]));
      status = 2;
      goto out;
    }
  if (!wl_call(ex.u.func.ref, args, res, &err)) {
    status = finish(&err);
    goto out;
  }
  for (uint32_t i = 0; i < nr; i++) print_result(rs[i], &res[i]);
out:
  free(args);
  free(res);
  return status;
}

/* Instantiate and run on the guest thread, so its stack bounds are the ones
 * the instance's stack limit is computed from. */
static void *guest_main(void *arg) {
  struct run *r = arg;
  wl_error err;
  wl_instance *in = wl_instantiate(r->mod, resolve, NULL, &err);
  if (!in && err.kind == WL_ERR_LINK) {
    /* Every import that failed, named with the module they belong to. */
    fprintf(stderr, "wasmload: %s: %s\n", r->path, err.msg);
    r->status = 1;
    return NULL;
  }
  if (!in) {
    r->status = finish(&err);
    return NULL;
  }
  wl_extern ex;
  if (r->invoke) {
    /* A WASI reactor initialises itself before any other export runs. */
    if (wl_instance_export(in, "_initialize", &ex) && ex.kind == WASMSO_EXTERN_FUNC &&
        !wl_call(ex.u.func.ref, NULL, NULL, &err)) {
      r->status = finish(&err);
      return NULL;
    }
    r->status = invoke(r, in);
  } else if (!wl_instance_export(in, "_start", &ex) || ex.kind != WASMSO_EXTERN_FUNC) {
    fprintf(stderr, "wasmload: %s: no _start export (use --invoke=FUNC for a library module)\n", r->path);
    r->status = 1;
  } else {
    r->status = wl_call(ex.u.func.ref, NULL, NULL, &err) ? 0 : finish(&err);
  }
  fflush(stdout);
  /* The instance is not freed: the process ends right after. */
  return NULL;
}

/* ---- options ---- */
struct opts {
  struct run r;
  uint64_t stack;
  const char *cache_dir;
  bool no_cache, env_inherit;
  int ndirs;
  const char **dir_host, **dir_guest;
  char **env;           /* --env entries */
  int nenv, capenv;
};

static bool push_env(struct opts *o, char *kv) {
  if (o->nenv == o->capenv) {
    int cap = o->capenv ? 2 * o->capenv : 16;
    char **e = realloc(o->env, (size_t)cap * sizeof *e);
    if (!e) return false;
    o->env = e;
    o->capenv = cap;
  }
  o->env[o->nenv++] = kv;
  return true;
}

/* HOST[::GUEST]; guest NULL: named as the host path. */
static bool add_dir(struct opts *o, char *arg) {
  char *sep = strstr(arg, "::");
  const char *guest = NULL;
  if (sep) {
    *sep = 0;
    guest = sep + 2;
  }
  if (!*arg || (guest && !*guest)) return false;
  const char **h = realloc(o->dir_host, (size_t)(o->ndirs + 1) * sizeof *h);
  if (h) o->dir_host = h;
  const char **g = realloc(o->dir_guest, (size_t)(o->ndirs + 1) * sizeof *g);
  if (g) o->dir_guest = g;
  if (!h || !g) return false;
  o->dir_host[o->ndirs] = arg;
  o->dir_guest[o->ndirs++] = guest;
  return true;
}

enum { OPT_INVOKE = 256, OPT_STACK, OPT_MAXMEM, OPT_ENV, OPT_ENV_INHERIT, OPT_DIR,
       OPT_CACHE_DIR, OPT_NO_CACHE, OPT_HELP, OPT_VERSION };

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct opts *o) {
  static const struct option longopts[] = {
    {"invoke", required_argument, 0, OPT_INVOKE},
    {"stack-size", required_argument, 0, OPT_STACK},
    {"max-memory", required_argument, 0, OPT_MAXMEM},
    {"env", required_argument, 0, OPT_ENV},
    {"env-inherit", no_argument, 0, OPT_ENV_INHERIT},
    {"dir", required_argument, 0, OPT_DIR},
    {"cache-dir", required_argument, 0, OPT_CACHE_DIR},
    {"no-cache", no_argument, 0, OPT_NO_CACHE},
    {"help", no_argument, 0, OPT_HELP},
    {"version", no_argument, 0, OPT_VERSION},
    {0, 0, 0, 0},
  };
  int c;
  /* '+': stop at the first non-option, the module path. */
  while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
    switch (c) {
    case OPT_INVOKE: o->r.invoke = optarg; break;
    case OPT_STACK:
      if (!parse_size(optarg, &o->stack) || o->stack < (64u << 10) || o->stack > (1ull << 34)) {
        fprintf(stderr, "wasmload: bad --stack-size '%s' (64K to 16G)\n", optarg);
        return 2;
      }
      break;
    case OPT_MAXMEM: {
      uint64_t m;
      if (!parse_size(optarg, &m)) {
        fprintf(stderr, "wasmload: bad --max-memory '%s' (bytes, or with K, M, G)\n", optarg);
        return 2;
      }
      wl_memory_set_limit(m);
      break;
    }
    case OPT_ENV:
      if (!strchr(optarg, '=') || optarg[0] == '=') {
        fprintf(stderr, "wasmload: --env wants K=V, not '%s'\n", optarg);
        return 2;
      }
      if (!push_env(o, optarg)) goto oom;
      break;
    case OPT_ENV_INHERIT: o->env_inherit = true; break;
    case OPT_DIR:
      if (add_dir(o, optarg)) break;
      fprintf(stderr, "wasmload: --dir wants HOST or HOST::GUEST, not '%s'\n", optarg);
      return 2;
    case OPT_CACHE_DIR:
      if (!*optarg) {
        fprintf(stderr, "wasmload: --cache-dir wants a directory\n");
        return 2;
      }
      o->cache_dir = optarg;
      break;
    case OPT_NO_CACHE: o->no_cache = true; break;
    case OPT_HELP: usage(stdout); return 0;
    case OPT_VERSION:
      printf("wasmload (%s) %s\nABI version %u\n", PACKAGE_NAME, PACKAGE_VERSION, WASMSO_ABI_VERSION);
      return 0;
    default: usage(stderr); return 2;
    }
  }
  if (optind >= argc) {
    fprintf(stderr, "wasmload: no module given\n");
    usage(stderr);
    return 2;
  }
  return -1;
oom:
  fprintf(stderr, "wasmload: out of memory\n");
  return 1;
}

static uint8_t *read_all(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  uint8_t *buf = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n == cap) {
      cap = cap ? 2 * cap : 1 << 16;
      uint8_t *b = realloc(buf, cap);
      if (!b) break;
      buf = b;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) {
      if (ferror(f)) break;
      fclose(f);
      *size = n;
      return buf;
    }
  }
  int e = errno;
  fclose(f);
  free(buf);
  errno = e ? e : ENOMEM;
  return NULL;
}

/* Hand args, environment and preopens to the WASI host.  Returns -1 to go
 * on, else the exit status. */
static int configure_wasi(const struct opts *o) {
  wl_error err;
  if (!wl_wasi_set_args(o->r.argc, o->r.argv, &err)) goto fail;
  for (int i = 0; i < o->nenv; i++)
    if (!wl_wasi_env_add(o->env[i], &err)) goto fail;
  if (o->env_inherit && !wl_wasi_env_inherit(&err)) goto fail;
  for (int i = 0; i < o->ndirs; i++)
    if (!wl_wasi_preopen(o->dir_host[i], o->dir_guest[i], &err)) {
      fprintf(stderr, "wasmload: --dir: %s\n", err.msg);
      return 2;
    }
  return -1;
fail:
  fprintf(stderr, "wasmload: %s\n", err.msg);
  return 1;
}

/* A .wasm module: from the cache, translated first if it is not there.  A
 * cached entry that no longer loads (e.g. cut short by a crash before it was
 * complete on disk) is dropped and translated again, once. */
static wl_module *open_wasm(const struct opts *o, const char *path) {
  size_t size = 0;
  uint8_t *wasm = read_all(path, &size);
  if (!wasm) {
    fprintf(stderr, "wasmload: %s: %s\n", path, strerror(errno));
    return NULL;
  }
  char msg[4096]; /* room for the translator's diagnostics */
  char *dir = NULL;
  if (!o->no_cache && !(dir = wl_cache_dir(o->cache_dir, msg, sizeof msg))) {
    fprintf(stderr, "wasmload: %s\n", msg);
    free(wasm);
    return NULL;
  }
  wl_module *mod = NULL;
  for (int attempt = 0; attempt < 2 && !mod; attempt++) {
    bool temp, hit;
    char *so = wl_cache_get(wasm, size, path, dir, &temp, &hit, msg, sizeof msg);
    if (!so) {
      fprintf(stderr, "%s\n", msg);
      break;
    }
    wl_error err;
    mod = wl_module_open(so, &err);
    if (temp) unlink(so); /* the mapping stays valid */
    if (!mod && (!hit || attempt)) fprintf(stderr, "wasmload: %s\n", err.msg);
    else if (!mod) wl_cache_drop(so);
    free(so);
    if (!hit) break;
  }
  free(dir);
  free(wasm);
  return mod;
}

int main(int argc, char **argv) {
  struct opts o = {.stack = DEFAULT_STACK};
  int status = parse_options(argc, argv, &o);
  if (status >= 0) return status;
  struct run *r = &o.r;
  r->path = argv[optind];
  r->argc = argc - optind;
  r->argv = argv + optind;
  status = configure_wasi(&o);
  if (status >= 0) return status;

  char msg[600];
  switch (wl_elf_check(r->path, msg, sizeof msg)) {
  case WL_FILE_WASM: r->mod = open_wasm(&o, r->path); break;
  case WL_FILE_SO: {
    wl_error err;
    r->mod = wl_module_open(r->path, &err);
    if (!r->mod) fprintf(stderr, "wasmload: %s\n", err.msg);
    break;
  }
  default: fprintf(stderr, "wasmload: %s\n", msg); break;
  }
  if (!r->mod) return 1;

  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  if (pthread_attr_setstacksize(&attr, o.stack) != 0) {
    fprintf(stderr, "wasmload: cannot use a stack of %" PRIu64 " bytes\n", o.stack);
    return 2;
  }
  int e = pthread_create(&th, &attr, guest_main, r);
  if (e != 0) {
    fprintf(stderr, "wasmload: cannot start the guest thread: %s\n", strerror(e));
    return 1;
  }
  pthread_join(th, NULL);
  /* Whatever the guest's or our own stdio still holds, before the status. */
  fflush(stdout);
  fflush(stderr);
  return r->status;
}
