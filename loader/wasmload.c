/* wasmload — run a shared object made by wasm2so.
 *
 *   wasmload [OPTION]... [--] app.so [ARG]...
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
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "wl_runtime.h"
#include "wl_wasi.h"

#define DEFAULT_STACK (8u << 20)
#define MAX_ENV 4096

struct run {
  const char *path;
  const char *invoke;
  int argc;          /* guest argv, argv[0] = module path */
  char **argv;
  int envc;
  char **env;
  wl_module *mod;
  int status;
};

static void usage(FILE *f) {
  fprintf(f,
          "Usage: wasmload [OPTION]... [--] app.so [ARG]...\n"
          "Run a WebAssembly module translated by wasm2so.\n\n"
          "  --invoke=FUNC      call export FUNC with ARGs (typed per its signature) and\n"
          "                     print its results, one per line, instead of running _start\n"
          "  --stack-size=SIZE  stack of the guest thread (default 8M; suffixes K, M, G)\n"
          "  --max-memory=SIZE  cap on the guest's linear memory (default 4G)\n"
          "  --env=K=V          add K=V to the guest's environment (repeatable)\n"
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

static const char *type_name(uint8_t t) {
  switch (t) {
  case WASMSO_I32: return "i32";
  case WASMSO_I64: return "i64";
  case WASMSO_F32: return "f32";
  case WASMSO_F64: return "f64";
  case WASMSO_V128: return "v128";
  case WASMSO_FUNCREF: return "funcref";
  case WASMSO_EXTERNREF: return "externref";
  default: return "?";
  }
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
  switch (err->kind) {
  case WL_ERR_EXIT: return err->exit_code;
  case WL_ERR_TRAP:
    fflush(stdout);
    fprintf(stderr, "wasmload: trap: %s\n", err->msg);
    if (err->backtrace[0]) fprintf(stderr, "%s\n", err->backtrace);
    return 134;
  default:
    fprintf(stderr, "wasmload: %s\n", err->msg);
    return 1;
  }
}

static bool resolve(void *user, const char *module, size_t module_len, const char *name,
                    size_t name_len, uint8_t kind, wl_extern *out) {
  return wl_wasi_resolve(user, module, module_len, name, name_len, kind, out);
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
    for (uint32_t i = 0; i < np; i++) fprintf(stderr, "%s%s", i ? ", " : "", type_name(ps[i]));
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
              type_name(ps[i]));
      status = 2;
      goto out;
    }
  if (!wl_call(ex.u.func.ref, args, res, &err)) {
    status = report(&err);
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
  wl_wasi_setup(r->argc, r->argv, r->envc, r->env);
  wl_instance *in = wl_instantiate(r->mod, resolve, NULL, &err);
  if (!in) {
    r->status = report(&err);
    return NULL;
  }
  wl_extern ex;
  if (r->invoke) {
    /* A WASI reactor initialises itself before any other export runs. */
    if (wl_instance_export(in, "_initialize", &ex) && ex.kind == WASMSO_EXTERN_FUNC &&
        !wl_call(ex.u.func.ref, NULL, NULL, &err)) {
      r->status = report(&err);
      return NULL;
    }
    r->status = invoke(r, in);
  } else if (!wl_instance_export(in, "_start", &ex) || ex.kind != WASMSO_EXTERN_FUNC) {
    fprintf(stderr, "wasmload: %s: no _start export (use --invoke=FUNC for a library module)\n", r->path);
    r->status = 1;
  } else {
    r->status = wl_call(ex.u.func.ref, NULL, NULL, &err) ? 0 : report(&err);
  }
  fflush(stdout);
  /* The instance is not freed: the process ends right after. */
  return NULL;
}

int main(int argc, char **argv) {
  static const struct option opts[] = {
    {"invoke", required_argument, 0, 'i'},
    {"stack-size", required_argument, 0, 's'},
    {"max-memory", required_argument, 0, 'm'},
    {"env", required_argument, 0, 'e'},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0},
  };
  struct run r = {0};
  uint64_t stack = DEFAULT_STACK;
  static char *env[MAX_ENV + 1];
  int c;
  /* '+': stop at the first non-option, the module path. */
  while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
    switch (c) {
    case 'i': r.invoke = optarg; break;
    case 's':
      if (!parse_size(optarg, &stack) || stack < (64u << 10) || stack > (1ull << 34)) {
        fprintf(stderr, "wasmload: bad --stack-size '%s' (64K to 16G)\n", optarg);
        return 2;
      }
      break;
    case 'm': {
      uint64_t m;
      if (!parse_size(optarg, &m)) {
        fprintf(stderr, "wasmload: bad --max-memory '%s'\n", optarg);
        return 2;
      }
      wl_memory_set_limit(m);
      break;
    }
    case 'e':
      if (!strchr(optarg, '=') || optarg[0] == '=') {
        fprintf(stderr, "wasmload: --env wants K=V, not '%s'\n", optarg);
        return 2;
      }
      if (r.envc == MAX_ENV) {
        fprintf(stderr, "wasmload: too many --env options\n");
        return 2;
      }
      env[r.envc++] = optarg;
      break;
    case 'h': usage(stdout); return 0;
    case 'V': printf("wasmload (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION); return 0;
    default: usage(stderr); return 2;
    }
  }
  if (optind >= argc) {
    usage(stderr);
    return 2;
  }
  r.path = argv[optind];
  r.argc = argc - optind;
  r.argv = argv + optind;
  r.env = env;

  wl_error err;
  r.mod = wl_module_open(r.path, &err);
  if (!r.mod) {
    fprintf(stderr, "wasmload: %s\n", err.msg);
    return 1;
  }
  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  if (pthread_attr_setstacksize(&attr, stack) != 0) {
    fprintf(stderr, "wasmload: cannot use a stack of %" PRIu64 " bytes\n", stack);
    return 2;
  }
  int e = pthread_create(&th, &attr, guest_main, &r);
  if (e != 0) {
    fprintf(stderr, "wasmload: cannot start the guest thread: %s\n", strerror(e));
    return 1;
  }
  pthread_join(th, NULL);
  fflush(stdout);
  return r.status;
}
