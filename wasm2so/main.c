/* main.c — the wasm2so command: wasm2so [options] INPUT.wasm [-o OUT.so] */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "w2s.h"

static void usage(FILE *out) {
  fprintf(out,
          "Usage: wasm2so [options] INPUT.wasm [-o OUT.so]\n"
          "Translate a WebAssembly module into a native shared object for wasmload.\n\n"
          "  -o FILE               output (default: INPUT with .wasm replaced by .so)\n"
          "  --target=ARCH         x86_64, aarch64 or a full triple (default: the host's)\n"
          "  --cpu=NAME            target CPU, e.g. neoverse-n1 or native\n"
          "                        (default: x86-64-v2 / generic)\n"
          "  --cpu-features=LIST   LLVM features to add or remove, e.g. +avx2,-sse4.2\n"
          "  -O0 .. -O3            optimisation level (default: -O2)\n"
          "  -j N, --threads=N     compile a large module's parts on N threads\n"
          "                        (default: the number of CPUs)\n"
          "  --bounds-checks       check every memory access in the code instead of relying\n"
          "                        on guard regions: the .so then needs only as much address\n"
          "                        space as its memory may grow to (for clusters that set\n"
          "                        ulimit -v), at some cost in speed\n"
          "  --check               decode and validate only\n"
          "  --keep-object         also write the object(s): OUT.so.o (OUT.so.N.o for parts)\n"
          "  --help                show this help\n"
          "  --version             show the version\n");
}

static char *default_output(const char *in) {
  size_t n = strlen(in);
  const char *ext = ".wasm";
  size_t base = n >= 5 && strcmp(in + n - 5, ext) == 0 ? n - 5 : n;
  char *out = malloc(base + 4);
  if (!out)
    return NULL;
  memcpy(out, in, base);
  memcpy(out + base, ".so", 4);
  return out;
}

/* The whole file, or NULL with errno set. */
static uint8_t *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  uint8_t *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len == cap) {
      cap = cap ? 2 * cap : 65536;
      uint8_t *b = realloc(buf, cap);
      if (!b) {
        free(buf);
        fclose(f);
        errno = ENOMEM;
        return NULL;
      }
      buf = b;
    }
    size_t k = fread(buf + len, 1, cap - len, f);
    len += k;
    if (k == 0)
      break;
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    free(buf);
    errno = EIO;
    return NULL;
  }
  *size = len;
  return buf;
}

int main(int argc, char **argv) {
  enum { OPT_TARGET = 256, OPT_CPU, OPT_FEATURES, OPT_CHECK, OPT_KEEP, OPT_BOUNDS, OPT_HELP, OPT_VERSION };
  static const struct option longopts[] = {
      {"target", required_argument, NULL, OPT_TARGET},
      {"cpu", required_argument, NULL, OPT_CPU},
      {"cpu-features", required_argument, NULL, OPT_FEATURES},
      {"check", no_argument, NULL, OPT_CHECK},
      {"threads", required_argument, NULL, 'j'},
      {"keep-object", no_argument, NULL, OPT_KEEP},
      {"bounds-checks", no_argument, NULL, OPT_BOUNDS},
      {"help", no_argument, NULL, OPT_HELP},
      {"version", no_argument, NULL, OPT_VERSION},
      {NULL, 0, NULL, 0},
  };
  w2s_options o;
  w2s_options_default(&o);
  const char *out = NULL;
  bool check_only = false;
  int c;
  while ((c = getopt_long(argc, argv, "o:O:j:", longopts, NULL)) != -1) {
    switch (c) {
    case 'o': out = optarg; break;
    case 'O':
      if (strlen(optarg) != 1 || optarg[0] < '0' || optarg[0] > '3') {
        fprintf(stderr, "wasm2so: bad optimisation level -O%s (expected -O0..-O3)\n", optarg);
        return 2;
      }
      o.opt_level = optarg[0] - '0';
      break;
    case 'j': {
      char *end;
      long n = strtol(optarg, &end, 10);
      if (*optarg == 0 || *end != 0 || n < 1 || n > 1024) {
        fprintf(stderr, "wasm2so: bad thread count '%s' (expected 1..1024)\n", optarg);
        return 2;
      }
      o.threads = (unsigned)n;
      break;
    }
    case OPT_TARGET: o.target = optarg; break;
    case OPT_CPU: o.cpu = optarg; break;
    case OPT_FEATURES: o.features = optarg; break;
    case OPT_CHECK: check_only = true; break;
    case OPT_KEEP: o.keep_object = true; break;
    case OPT_BOUNDS: o.bounds_checks = true; break;
    case OPT_HELP: usage(stdout); return 0;
    case OPT_VERSION: printf("wasm2so %s\n", PACKAGE_VERSION); return 0;
    default: usage(stderr); return 2;
    }
  }
  if (optind != argc - 1) {
    fprintf(stderr, "wasm2so: %s\n", optind >= argc ? "no input file" : "more than one input file");
    usage(stderr);
    return 2;
  }
  const char *in = argv[optind];
  size_t size = 0;
  uint8_t *wasm = read_file(in, &size);
  if (!wasm) {
    fprintf(stderr, "%s: error: %s\n", in, strerror(errno));
    return 1;
  }
  w2s_diag d;
  memset(&d, 0, sizeof d);
  bool ok;
  char *def_out = NULL;
  if (check_only) {
    ok = w2s_check(wasm, size, &d);
  } else {
    if (!out)
      out = def_out = default_output(in);
    struct stat si, so;
    if (!out) {
      ok = w2s_fail(&d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
    } else if (stat(in, &si) == 0 && stat(out, &so) == 0 && si.st_dev == so.st_dev &&
               si.st_ino == so.st_ino) {
      /* stat follows links: a symlink, a hard link or ./ spelling of the input too */
      ok = w2s_fail(&d, W2S_DIAG_BACKEND, (size_t)-1,
                    "the output %s is the input file itself: give -o another path "
                    "(without -o the output is INPUT with .wasm replaced by .so)",
                    out);
    } else {
      ok = w2s_translate(wasm, size, &o, out, &d);
    }
  }
  if (!ok)
    w2s_diag_print(&d, in, stderr);
  free(def_out);
  free(wasm);
  return ok ? 0 : 1;
}
