/* spec_module.c — a script's module files: read them, translate them in-process
 * into a fresh shared object, load it, instantiate it against the registered
 * instances and the spectest host module. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "spec.h"

/* Module files are small; anything beyond this is not a spec test module. */
#define MAX_MODULE_SIZE (256u << 20)

bool spec_read_module(spec_file *f, const json_t *cmd, uint8_t **bytes, size_t *size) {
  const char *name = json_string_value(json_object_get(cmd, "filename"));
  if (!name) {
    snprintf(f->why, sizeof f->why, "command has no filename");
    return false;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", f->dir, name);
  FILE *in = fopen(path, "rb");
  if (!in) {
    snprintf(f->why, sizeof f->why, "cannot open %.1000s", path);
    return false;
  }
  long len = -1;
  if (fseek(in, 0, SEEK_END) == 0) len = ftell(in);
  if (len < 0 || (unsigned long)len > MAX_MODULE_SIZE || fseek(in, 0, SEEK_SET) != 0) {
    fclose(in);
    snprintf(f->why, sizeof f->why, "cannot read %.1000s", path);
    return false;
  }
  uint8_t *buf = malloc(len ? (size_t)len : 1);
  if (!buf || fread(buf, 1, (size_t)len, in) != (size_t)len) {
    free(buf);
    fclose(in);
    snprintf(f->why, sizeof f->why, "cannot read %.1000s", path);
    return false;
  }
  fclose(in);
  *bytes = buf;
  *size = (size_t)len;
  return true;
}

/* The module of a command as a shared object at so_path: translated into
 * f's temporary directory under a name used once (dlopen returns the old
 * handle for a path it has already loaded), or, with --so-dir, the one the
 * build host translated beforehand (a cross-built runner has no translator).
 * *keep: the file must not be removed after loading. */
static bool translate(spec_file *f, const json_t *cmd, char *so_path, size_t so_len, bool *keep) {
  const char *name = json_string_value(json_object_get(cmd, "filename"));
  *keep = false;
  if (f->opts->so_dir && !f->opts->target) {
    if (!name) {
      snprintf(f->why, sizeof f->why, "command has no filename");
      return false;
    }
    snprintf(so_path, so_len, "%s/%s.so", f->opts->so_dir, name);
    *keep = true;
    if (access(so_path, R_OK) != 0) {
      snprintf(f->why, sizeof f->why, "no translated module %s (translate with --target --so-dir first)",
               so_path);
      return false;
    }
    return true;
  }
#ifdef WITH_TRANSLATOR
  uint8_t *bytes;
  size_t size;
  if (!spec_read_module(f, cmd, &bytes, &size)) return false;
  if (f->opts->so_dir && name) {
    snprintf(so_path, so_len, "%s/%s.so", f->opts->so_dir, name);
    *keep = true;
  } else {
    snprintf(so_path, so_len, "%s/m%u.so", f->counts->tmpdir, f->nmods++);
  }
  w2s_options o;
  w2s_options_default(&o);
  o.opt_level = f->opts->opt_level;
  o.bounds_checks = f->opts->bounds_checks;
  o.target = f->opts->target;
  o.threads = 1;  /* the runner already runs one file per CPU */
  w2s_diag d;
  memset(&d, 0, sizeof d);
  bool ok = w2s_translate(bytes, size, &o, so_path, &d);
  free(bytes);
  if (!ok) {
    if (d.offset != (size_t)-1)
      snprintf(f->why, sizeof f->why, "translation of %s failed at 0x%zx: %s", name, d.offset, d.msg);
    else
      snprintf(f->why, sizeof f->why, "translation of %s failed: %s", name, d.msg);
  }
  return ok;
#else
  snprintf(f->why, sizeof f->why, "this runner has no translator: give --so-dir");
  return false;
#endif
}

wl_module *spec_translate_and_open(spec_file *f, const json_t *cmd) {
  char so_path[4600];
  bool keep;
  if (!translate(f, cmd, so_path, sizeof so_path, &keep)) return NULL;
  wl_error err;
  memset(&err, 0, sizeof err);
  wl_module *m = wl_module_open(so_path, &err);
  if (!keep) unlink(so_path);  /* the mapping stays; nothing is left behind */
  if (!m)
    snprintf(f->why, sizeof f->why, "loading %s failed: %s",
             json_string_value(json_object_get(cmd, "filename")), err.msg);
  return m;
}

spec_result spec_cmd_translate_only(spec_file *f, const json_t *cmd) {
  const char *type = json_string_value(json_object_get(cmd, "type"));
  if (strcmp(type, "module") != 0 && strcmp(type, "assert_unlinkable") != 0 &&
      strcmp(type, "assert_uninstantiable") != 0)
    return SPEC_SKIP;
  char so_path[4600];
  bool keep;
  bool ok = translate(f, cmd, so_path, sizeof so_path, &keep);
  if (ok && !keep) unlink(so_path);
  return ok ? SPEC_PASS : SPEC_FAIL;
}

static wl_instance *find_binding(const spec_binding *b, size_t n, const char *name, bool *found) {
  for (size_t i = n; i-- > 0;)  /* the latest binding of a name wins */
    if (strcmp(b[i].name, name) == 0) { *found = true; return b[i].inst; }
  *found = false;
  return NULL;
}

static bool resolve(void *user, const char *module, size_t module_len, const char *name,
                    size_t name_len, uint8_t kind, wl_extern *out) {
  spec_file *f = user;
  /* Registered names and the spectest names hold no NUL byte. */
  if (strlen(module) != module_len) return false;
  if (strcmp(module, "spectest") == 0) {
    if (strlen(name) != name_len) return false;
    if (!f->host) {
      wl_error err;
      memset(&err, 0, sizeof err);
      f->host = spec_host_new(&err);
      if (!f->host) return false;
    }
    return spec_host_resolve(f->host, name, kind, out);
  }
  bool found;
  wl_instance *inst = find_binding(f->registered, f->nregistered, module, &found);
  if (!inst) return false;
  if (!wl_instance_export_n(inst, name, name_len, out)) return false;
  return out->kind == kind;
}

wl_instance *spec_instantiate(spec_file *f, wl_module *mod, wl_error *err) {
  memset(err, 0, sizeof *err);
  return wl_instantiate(mod, resolve, f, err);
}
