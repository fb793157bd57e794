/* wasi_env.c — the guest's arguments and environment: configuration
 * (wl_wasi_set_args, wl_wasi_env_*) and args_* / environ_*. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasi_internal.h"

extern char **environ;

struct strs {
  char **v;
  int n;
};

static struct strs args, added; /* added: wl_wasi_env_add, in order */
static bool inherit;
static struct strs env;         /* what the guest sees, built from the two */

static void strs_free(struct strs *s) {
  for (int i = 0; i < s->n; i++) free(s->v[i]);
  free(s->v);
  *s = (struct strs){0};
}

static bool strs_push(struct strs *s, const char *str) {
  char **v = realloc(s->v, (size_t)(s->n + 1) * sizeof *v);
  if (!v) return false;
  s->v = v;
  if (!(v[s->n] = strdup(str))) return false;
  s->n++;
  return true;
}

static size_t keylen(const char *kv) {
  const char *eq = strchr(kv, '=');
  return eq ? (size_t)(eq - kv) : strlen(kv);
}

/* index of the entry of s with kv's key, or -1 */
static int find(const struct strs *s, const char *kv) {
  size_t k = keylen(kv);
  for (int i = 0; i < s->n; i++)
    if (keylen(s->v[i]) == k && memcmp(s->v[i], kv, k) == 0) return i;
  return -1;
}

static bool oom(wl_error *err) {
  if (err) {
    memset(err, 0, sizeof *err);
    err->kind = WL_ERR_RESOURCE;
    snprintf(err->msg, sizeof err->msg, "out of memory setting up the guest's environment");
  }
  return false;
}

/* env = (host environment, with added values replacing) + the rest of added */
static bool rebuild(wl_error *err) {
  strs_free(&env);
  for (int i = 0; inherit && environ && environ[i]; i++) {
    if (!strchr(environ[i], '=')) continue;
    int j = find(&added, environ[i]);
    if (!strs_push(&env, j >= 0 ? added.v[j] : environ[i])) return oom(err);
  }
  for (int i = 0; i < added.n; i++)
    if (find(&env, added.v[i]) < 0 && !strs_push(&env, added.v[i])) return oom(err);
  return true;
}

bool wl_wasi_set_args(int argc, char *const *argv, wl_error *err) {
  strs_free(&args);
  for (int i = 0; i < argc; i++)
    if (!strs_push(&args, argv[i])) return oom(err);
  return true;
}

bool wl_wasi_env_add(const char *kv, wl_error *err) {
  if (!strchr(kv, '=') || kv[0] == '=') {
    if (err) {
      memset(err, 0, sizeof *err);
      err->kind = WL_ERR_LINK;
      snprintf(err->msg, sizeof err->msg, "an environment variable is K=V, not '%s'", kv);
    }
    return false;
  }
  int j = find(&added, kv);
  if (j >= 0) {
    char *s = strdup(kv);
    if (!s) return oom(err);
    free(added.v[j]);
    added.v[j] = s;
  } else if (!strs_push(&added, kv)) {
    return oom(err);
  }
  return rebuild(err);
}

bool wl_wasi_env_inherit(wl_error *err) {
  inherit = true;
  return rebuild(err);
}

void wl_wasi_setup(int argc, char *const *argv, int envc, char *const *envp) {
  wl_wasi_set_args(argc, argv, NULL);
  strs_free(&added);
  inherit = false;
  for (int i = 0; i < envc; i++) wl_wasi_env_add(envp[i], NULL);
  rebuild(NULL);
}

void wl_wasi_reset(void) {
  strs_free(&args);
  strs_free(&added);
  strs_free(&env);
  inherit = false;
  wasi_fdtable_reset();
}

/* Writes n pointers into ptrs[] and the NUL-terminated strings into buf. */
static uint32_t put_strings(wasmso_vmctx *vm, const struct strs *s, uint32_t ptrs, uint32_t buf) {
  uint64_t total = 0;
  for (int i = 0; i < s->n; i++) total += strlen(s->v[i]) + 1;
  uint8_t *p = wasi_mem(vm, ptrs, (uint64_t)s->n * 4), *b = wasi_mem(vm, buf, total);
  if (!p || !b) return WASI_EFAULT;
  uint32_t off = 0;
  for (int i = 0; i < s->n; i++) {
    size_t len = strlen(s->v[i]) + 1;
    memcpy(b + off, s->v[i], len);
    wasi_put32(p + 4 * i, buf + off);
    off += (uint32_t)len;
  }
  return WASI_ESUCCESS;
}

static uint32_t put_sizes(wasmso_vmctx *vm, const struct strs *s, uint32_t count_p, uint32_t size_p) {
  uint8_t *c = wasi_mem(vm, count_p, 4), *z = wasi_mem(vm, size_p, 4);
  if (!c || !z) return WASI_EFAULT;
  uint64_t total = 0;
  for (int i = 0; i < s->n; i++) total += strlen(s->v[i]) + 1;
  if (total > 0xffffffffu) return WASI_EOVERFLOW;
  wasi_put32(c, (uint32_t)s->n);
  wasi_put32(z, (uint32_t)total);
  return WASI_ESUCCESS;
}

uint32_t wasi_args_get(wasmso_vmctx *vm, uint32_t argv, uint32_t buf) {
  return put_strings(vm, &args, argv, buf);
}
uint32_t wasi_args_sizes_get(wasmso_vmctx *vm, uint32_t argc_p, uint32_t size_p) {
  return put_sizes(vm, &args, argc_p, size_p);
}
uint32_t wasi_environ_get(wasmso_vmctx *vm, uint32_t envp, uint32_t buf) {
  return put_strings(vm, &env, envp, buf);
}
uint32_t wasi_environ_sizes_get(wasmso_vmctx *vm, uint32_t count_p, uint32_t size_p) {
  return put_sizes(vm, &env, count_p, size_p);
}
