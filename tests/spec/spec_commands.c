/* spec_commands.c — one function per command kind of the spec test JSON. */
#include <stdlib.h>
#include <string.h>

#include "spec.h"
#include "spec_values.h"

#define MAX_VALUES 1024  /* params or results of one call */

static const char *str(const json_t *cmd, const char *key) {
  return json_string_value(json_object_get(cmd, key));
}

static bool add_binding(spec_binding **b, size_t *n, const char *name, wl_instance *inst) {
  spec_binding *nb = realloc(*b, (*n + 1) * sizeof *nb);
  if (!nb) return false;
  *b = nb;
  nb[*n].name = strdup(name);
  nb[*n].inst = inst;
  if (!nb[*n].name) return false;
  (*n)++;
  return true;
}

/* The instance an action or register names: "$M1" or, without a name, the most recent. */
static wl_instance *target_instance(spec_file *f, const char *name) {
  f->cascade = true;  /* until an instance is found */
  if (!name) {
    if (!f->have_current) snprintf(f->why, sizeof f->why, "no module defined yet");
    else if (!f->current) snprintf(f->why, sizeof f->why, "the current module failed to load");
    else f->cascade = false;
    return f->current;
  }
  for (size_t i = f->nnamed; i-- > 0;) {
    if (strcmp(f->named[i].name, name) != 0) continue;
    if (!f->named[i].inst) snprintf(f->why, sizeof f->why, "module %s failed to load", name);
    else f->cascade = false;
    return f->named[i].inst;
  }
  snprintf(f->why, sizeof f->why, "no module named %s", name);
  return NULL;
}

spec_result spec_cmd_module(spec_file *f, const json_t *cmd) {
  const char *name = str(cmd, "name");
  f->have_current = true;
  f->current = NULL;
  wl_module *mod = spec_translate_and_open(f, cmd);
  if (mod) {
    wl_error err;
    f->current = spec_instantiate(f, mod, &err);
    if (!f->current)
      snprintf(f->why, sizeof f->why, "instantiation failed (kind %d): %s", err.kind, err.msg);
  }
  /* Modules stay loaded for the whole script: other instances may hold their
   * functions in shared tables. */
  if (name && !add_binding(&f->named, &f->nnamed, name, f->current)) {
    snprintf(f->why, sizeof f->why, "out of memory");
    return SPEC_FAIL;
  }
  return f->current ? SPEC_PASS : SPEC_FAIL;
}

spec_result spec_cmd_register(spec_file *f, const json_t *cmd) {
  const char *as = str(cmd, "as");
  if (!as) {
    snprintf(f->why, sizeof f->why, "register without \"as\"");
    return SPEC_FAIL;
  }
  wl_instance *inst = target_instance(f, str(cmd, "name"));
  if (!inst) return SPEC_FAIL;
  if (!add_binding(&f->registered, &f->nregistered, as, inst)) {
    snprintf(f->why, sizeof f->why, "out of memory");
    return SPEC_FAIL;
  }
  return SPEC_PASS;
}

/* The outcome of one action. */
typedef struct action_result {
  bool ran;                  /* false: could not even be attempted (f->why says why) */
  bool trapped;
  wl_error err;
  uint32_t nresults;
  const uint8_t *types;
  uint8_t global_type;       /* types points here for a get */
  wasmso_value args[MAX_VALUES];
  wasmso_value results[MAX_VALUES];
} action_result;

static bool do_invoke(spec_file *f, wl_instance *inst, const json_t *action, action_result *r) {
  const json_t *jfield = json_object_get(action, "field");
  const char *field = json_string_value(jfield);
  wl_extern ex;
  /* Export names may hold NUL bytes (names.wast): look up with the length. */
  if (!field || !wl_instance_export_n(inst, field, json_string_length(jfield), &ex) ||
      ex.kind != WASMSO_EXTERN_FUNC) {
    snprintf(f->why, sizeof f->why, "no exported function \"%s\"", field ? field : "");
    return false;
  }
  const uint8_t *params, *results;
  uint32_t np, nr;
  if (!wl_func_signature(ex.u.func.ref, &params, &np, &results, &nr)) {
    snprintf(f->why, sizeof f->why, "no signature for \"%s\"", field);
    return false;
  }
  const json_t *args = json_object_get(action, "args");
  size_t nargs = json_array_size(args);
  if (nargs != np || np > MAX_VALUES || nr > MAX_VALUES) {
    snprintf(f->why, sizeof f->why, "\"%s\" takes %u params, the script passes %zu", field, np, nargs);
    return false;
  }
  for (size_t i = 0; i < nargs; i++) {
    spec_value v;
    char err[256];
    if (!spec_value_parse_json(json_array_get(args, i), false, &v, err, sizeof err)) {
      snprintf(f->why, sizeof f->why, "argument %zu: %s", i, err);
      return false;
    }
    if (v.type != params[i]) {
      snprintf(f->why, sizeof f->why, "argument %zu is %s, \"%s\" wants %s", i,
               spec_valtype_name(v.type), field, spec_valtype_name(params[i]));
      return false;
    }
    r->args[i] = v.v;
  }
  memset(&r->err, 0, sizeof r->err);
  r->types = results;
  r->nresults = nr;
  r->trapped = !wl_call(ex.u.func.ref, r->args, r->results, &r->err);
  return true;
}

static bool do_get(spec_file *f, wl_instance *inst, const json_t *action, action_result *r) {
  const json_t *jfield = json_object_get(action, "field");
  const char *field = json_string_value(jfield);
  wl_extern ex;
  /* Export names may hold NUL bytes (names.wast): look up with the length. */
  if (!field || !wl_instance_export_n(inst, field, json_string_length(jfield), &ex) ||
      ex.kind != WASMSO_EXTERN_GLOBAL) {
    snprintf(f->why, sizeof f->why, "no exported global \"%s\"", field ? field : "");
    return false;
  }
  r->global_type = ex.u.global->type;
  r->types = &r->global_type;
  r->nresults = 1;
  r->results[0] = ex.u.global->value;
  r->trapped = false;
  return true;
}

static bool run_action(spec_file *f, const json_t *cmd, action_result *r) {
  const json_t *action = json_object_get(cmd, "action");
  r->ran = false;
  wl_instance *inst = target_instance(f, str(action, "module"));
  if (!inst) return false;
  const char *type = str(action, "type");
  bool ok;
  if (type && strcmp(type, "invoke") == 0) ok = do_invoke(f, inst, action, r);
  else if (type && strcmp(type, "get") == 0) ok = do_get(f, inst, action, r);
  else {
    snprintf(f->why, sizeof f->why, "unknown action type \"%s\"", type ? type : "");
    ok = false;
  }
  r->ran = ok;
  return ok;
}

static const char *trap_text(const wl_error *err) {
  return err->msg[0] ? err->msg : wl_trap_message(err->trap);
}

static action_result *new_result(spec_file *f) {
  action_result *r = calloc(1, sizeof *r);
  if (!r) snprintf(f->why, sizeof f->why, "out of memory");
  return r;
}

spec_result spec_cmd_action(spec_file *f, const json_t *cmd) {
  action_result *r = new_result(f);
  spec_result res = SPEC_FAIL;
  if (r && run_action(f, cmd, r)) {
    if (r->trapped) snprintf(f->why, sizeof f->why, "action failed: %s", trap_text(&r->err));
    else res = SPEC_PASS;
  }
  free(r);
  return res;
}

static spec_result compare_results(spec_file *f, const json_t *cmd, const action_result *r) {
  const json_t *expected = json_object_get(cmd, "expected");
  size_t ne = json_array_size(expected);
  if (ne != r->nresults) {
    snprintf(f->why, sizeof f->why, "%u results, the script expects %zu", r->nresults, ne);
    return SPEC_FAIL;
  }
  spec_result res = SPEC_PASS;
  size_t n = 0;
  for (size_t i = 0; i < ne; i++) {
    spec_value e;
    char err[256];
    if (!spec_value_parse_json(json_array_get(expected, i), true, &e, err, sizeof err)) {
      snprintf(f->why, sizeof f->why, "expected value %zu: %s", i, err);
      return SPEC_FAIL;
    }
    if (spec_value_matches(&e, r->types[i], &r->results[i])) continue;
    char want[256], got[256];
    spec_expected_format(&e, want, sizeof want);
    spec_value_format(r->types[i], &r->results[i], got, sizeof got);
    if (n < sizeof f->why)
      n += (size_t)snprintf(f->why + n, sizeof f->why - n, "%sresult %zu: got %s, expected %s",
                            res == SPEC_FAIL ? "; " : "", i, got, want);
    res = SPEC_FAIL;
  }
  return res;
}

spec_result spec_cmd_assert_return(spec_file *f, const json_t *cmd) {
  action_result *r = new_result(f);
  spec_result res = SPEC_FAIL;
  if (r && run_action(f, cmd, r)) {
    if (r->trapped) snprintf(f->why, sizeof f->why, "trapped: %s", trap_text(&r->err));
    else res = compare_results(f, cmd, r);
  }
  free(r);
  return res;
}

/* Ours must start with the expected text.  The reference interpreter sometimes
 * adds a detail after a space ("uninitialized element 2"): the text before it
 * is the message. */
static bool trap_text_matches(const char *ours, const char *expected) {
  size_t n = strlen(expected), m = strlen(ours);
  if (strncmp(ours, expected, n) == 0) return true;
  return m > 0 && m < n && strncmp(ours, expected, m) == 0 && expected[m] == ' ';
}

static spec_result expect_trap(spec_file *f, const json_t *cmd, bool exhaustion) {
  const char *text = str(cmd, "text");
  action_result *r = new_result(f);
  spec_result res = SPEC_FAIL;
  if (r && run_action(f, cmd, r)) {
    if (!r->trapped) {
      snprintf(f->why, sizeof f->why, "returned instead of trapping (expected \"%s\")", text ? text : "");
    } else if (r->err.kind != WL_ERR_TRAP) {
      snprintf(f->why, sizeof f->why, "failed with error kind %d instead of a trap: %s",
               r->err.kind, r->err.msg);
    } else if (exhaustion && r->err.trap != WASMSO_TRAP_STACK_EXHAUSTED) {
      snprintf(f->why, sizeof f->why, "trapped with \"%s\" (trap %u), expected stack exhaustion",
               trap_text(&r->err), r->err.trap);
    } else if (text && !trap_text_matches(trap_text(&r->err), text)) {
      snprintf(f->why, sizeof f->why, "trap message \"%s\", expected \"%s\"", trap_text(&r->err), text);
    } else {
      res = SPEC_PASS;
    }
  }
  free(r);
  return res;
}

spec_result spec_cmd_assert_trap(spec_file *f, const json_t *cmd) { return expect_trap(f, cmd, false); }
spec_result spec_cmd_assert_exhaustion(spec_file *f, const json_t *cmd) { return expect_trap(f, cmd, true); }

/* w2s_check must reject the module; the diag kind should be the expected one. */
static spec_result expect_rejected(spec_file *f, const json_t *cmd, w2s_diag_kind want) {
  uint8_t *bytes;
  size_t size;
  if (!spec_read_module(f, cmd, &bytes, &size)) return SPEC_FAIL;
  w2s_diag d;
  memset(&d, 0, sizeof d);
  bool accepted = w2s_check(bytes, size, &d);
  free(bytes);
  const char *text = str(cmd, "text");
  if (accepted) {
    snprintf(f->why, sizeof f->why, "module accepted, expected %s (\"%s\")",
             want == W2S_DIAG_INVALID ? "invalid" : "malformed", text ? text : "");
    return SPEC_FAIL;
  }
  if (d.kind != want) {
    static const char *const kinds[] = { "none", "malformed", "invalid", "limit", "backend" };
    snprintf(f->why, sizeof f->why, "rejected as %s, expected %s (\"%s\"): %s",
             (unsigned)d.kind < 5 ? kinds[d.kind] : "?", kinds[want], text ? text : "", d.msg);
    return SPEC_NOTE;
  }
  return SPEC_PASS;
}

spec_result spec_cmd_assert_invalid(spec_file *f, const json_t *cmd) {
  return expect_rejected(f, cmd, W2S_DIAG_INVALID);
}

spec_result spec_cmd_assert_malformed(spec_file *f, const json_t *cmd) {
  const char *mt = str(cmd, "module_type");
  if (mt && strcmp(mt, "text") == 0) {
    snprintf(f->why, sizeof f->why, "text module");
    return SPEC_SKIP;
  }
  return expect_rejected(f, cmd, W2S_DIAG_MALFORMED);
}

/* Translation must succeed and instantiation fail with want. */
static spec_result expect_instantiation_error(spec_file *f, const json_t *cmd, wl_error_kind want) {
  wl_module *mod = spec_translate_and_open(f, cmd);
  if (!mod) return SPEC_FAIL;
  wl_error err;
  wl_instance *inst = spec_instantiate(f, mod, &err);
  if (inst) {
    /* Kept alive: it may have written itself into shared tables. */
    snprintf(f->why, sizeof f->why, "instantiation succeeded, expected %s (\"%s\")",
             want == WL_ERR_LINK ? "a link error" : "a trap", str(cmd, "text") ? str(cmd, "text") : "");
    return SPEC_FAIL;
  }
  if (err.kind != want) {
    snprintf(f->why, sizeof f->why, "instantiation failed with kind %d, expected %s: %s",
             err.kind, want == WL_ERR_LINK ? "WL_ERR_LINK" : "WL_ERR_TRAP", err.msg);
    return SPEC_FAIL;
  }
  /* The module stays loaded: a trapping instantiation may have left its
   * functions in an imported table. */
  return SPEC_PASS;
}

spec_result spec_cmd_assert_unlinkable(spec_file *f, const json_t *cmd) {
  return expect_instantiation_error(f, cmd, WL_ERR_LINK);
}

spec_result spec_cmd_assert_uninstantiable(spec_file *f, const json_t *cmd) {
  return expect_instantiation_error(f, cmd, WL_ERR_TRAP);
}
