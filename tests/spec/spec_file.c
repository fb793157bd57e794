/* spec_file.c — run the commands of one converted script in order, apply the
 * expected-failures list and report each failure with its line. */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec.h"

typedef spec_result (*spec_handler)(spec_file *, const json_t *);

static const struct { const char *type; spec_handler fn; bool counted; } handlers[] = {
  { "module", spec_cmd_module, true },
  { "register", spec_cmd_register, false },  /* not a test (as in spectest-interp) */
  { "action", spec_cmd_action, true },
  { "assert_return", spec_cmd_assert_return, true },
  { "assert_trap", spec_cmd_assert_trap, true },
  { "assert_exhaustion", spec_cmd_assert_exhaustion, true },
  { "assert_invalid", spec_cmd_assert_invalid, true },
  { "assert_malformed", spec_cmd_assert_malformed, true },
  { "assert_unlinkable", spec_cmd_assert_unlinkable, true },
  { "assert_uninstantiable", spec_cmd_assert_uninstantiable, true },
};

static void flush_repeats(spec_file *f) {
  if (f->prev_repeats)
    fprintf(f->out, "  %s:%d: ... and %u more commands up to here failed the same way\n", f->wast,
            f->prev_last_line, f->prev_repeats);
  f->prev_repeats = 0;
  f->prev_why[0] = '\0';
}

static void report(spec_file *f, int line, const char *type, const char *what) {
  if (f->cascade && f->prev_why[0] && strcmp(what, f->prev_why) == 0) {
    f->prev_repeats++;
    f->prev_last_line = line;
    return;
  }
  flush_repeats(f);
  fprintf(f->out, "  %s:%d: %s: %s\n", f->wast, line, type, what);
  snprintf(f->prev_why, sizeof f->prev_why, "%s", what);
}

static void run_command(spec_file *f, const json_t *cmd) {
  const char *type = json_string_value(json_object_get(cmd, "type"));
  int line = (int)json_integer_value(json_object_get(cmd, "line"));
  f->counts->last_line = line;
  f->why[0] = '\0';
  f->cascade = false;
  if (!type) type = "(no type)";

  if (f->silent) {  /* only the state matters (modules, registrations, side effects) */
    size_t k;
    for (k = 0; k < sizeof handlers / sizeof handlers[0]; k++)
      if (strcmp(type, handlers[k].type) == 0) break;
    alarm(f->opts->cmd_timeout);
    if (!f->opts->target && k < sizeof handlers / sizeof handlers[0]) handlers[k].fn(f, cmd);
    alarm(0);
    return;
  }
  if (f->opts->target) {  /* translate-only mode */
    alarm(f->opts->cmd_timeout);
    spec_result r = spec_cmd_translate_only(f, cmd);
    alarm(0);
    if (r == SPEC_PASS) f->counts->translated++;
    if (r == SPEC_FAIL) {
      f->counts->translate_failed++;
      report(f, line, type, f->why);
    }
    fflush(f->out);
    return;
  }

  size_t i;
  for (i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
    if (strcmp(type, handlers[i].type) == 0) break;
  if (i == sizeof handlers / sizeof handlers[0]) {
    f->counts->failed++;
    report(f, line, type, "unknown command type");
    return;
  }
  /* A guest that never returns cannot be interrupted safely: SIGALRM's default
   * action ends the child, and the parent reports the line. */
  alarm(f->opts->cmd_timeout);
  spec_result r = handlers[i].fn(f, cmd);
  alarm(0);
  const char *listed = spec_expect_lookup(f->opts->expect, f->wast, line);
  if (listed && r != SPEC_SKIP) {
    if (r == SPEC_FAIL) {
      f->counts->skipped++;
      if (f->opts->verbose) report(f, line, type, "expected failure");
    } else {
      f->counts->failed++;
      char what[512];
      snprintf(what, sizeof what, "unexpected pass (listed in expected-failures: %s)", listed);
      report(f, line, type, what);
    }
  } else if (r == SPEC_FAIL) {
    f->counts->failed++;
    report(f, line, type, f->why[0] ? f->why : "failed");
  } else if (!handlers[i].counted) {
    flush_repeats(f);
    /* register: only its failures count */
  } else if (r == SPEC_SKIP) {
    f->counts->skipped++;
  } else {
    flush_repeats(f);
    f->counts->passed++;
    if (r == SPEC_NOTE) {
      f->counts->notes++;
      if (f->opts->verbose) fprintf(f->out, "  note %s:%d: %s: %s\n", f->wast, line, type, f->why);
    }
  }
  fflush(f->out);  /* so a crash loses nothing already reported */
}

void spec_run_file(spec_file *f) {
  json_error_t jerr;
  json_t *root = json_load_file(f->json_path, JSON_ALLOW_NUL, &jerr);
  const json_t *cmds = root ? json_object_get(root, "commands") : NULL;
  if (!json_is_array(cmds)) {
    f->counts->failed++;
    fprintf(f->out, "  %s: cannot read %s: %s\n", f->wast, f->json_path,
            root ? "no commands array" : jerr.text);
    json_decref(root);
    return;
  }
  char *copy = strdup(f->json_path);
  f->dir = copy ? strdup(dirname(copy)) : NULL;
  free(copy);
  if (!f->dir) {
    f->counts->failed++;
    json_decref(root);
    return;
  }
  for (size_t i = 0; i < json_array_size(cmds); i++) {
    bool crashed_before = false;
    for (int k = 0; k < f->counts->ncrashed; k++)
      if (f->counts->crashed[k] == (int)i) crashed_before = true;
    if (crashed_before) continue;
    f->silent = (int)i < f->counts->resume_from;
    f->counts->cur_cmd = (int)i;
    run_command(f, json_array_get(cmds, i));
  }
  flush_repeats(f);
  json_decref(root);
  /* Instances, modules and the host module are left to process exit: the
   * child ends right after this, and freeing them in dependency order buys
   * nothing. */
  free(f->dir);
  f->dir = NULL;
}
