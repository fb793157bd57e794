/* spec.h — the spec runner's shared state: options, per-file state, the
 * spectest host module and the command handlers. */
#ifndef SPEC_H
#define SPEC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "spec_expect.h"
#include "w2s.h"
#include "wl_runtime.h"

typedef struct spec_options {
  int opt_level;            /* -O */
  bool bounds_checks;       /* --bounds-checks: translate with explicit bounds checks */
  const char *target;       /* --target: translate only */
  const char *tmpdir;       /* where each file's .so files go */
  const char *so_dir;       /* --so-dir: with --target, keep every translated
                               module there as FILENAME.so; otherwise load
                               modules from there instead of translating */
  const char *label;        /* --label: the summary line's name (default "spec") */
  int jobs;                 /* -j */
  unsigned timeout;         /* seconds per file, 0: none */
  unsigned cmd_timeout;     /* seconds per command (SIGALRM ends the file), 0: none */
  bool verbose;             /* -v: also print notes (diag kind mismatches) */
  const spec_expect *expect;
} spec_options;

#define SPEC_MAX_RESTARTS 32

/* Counts for one file.  They live in memory shared with the parent, so what a
 * child counted before it crashed is still reported. */
typedef struct spec_counts {
  uint64_t passed, failed, skipped;
  uint64_t translated, translate_failed;  /* --target mode */
  uint64_t notes;                         /* passes with a remark (diag kind) */
  int last_line;                          /* line of the command being run */
  int cur_cmd;                            /* its index, -1 before the first */
  int resume_from;                        /* after a crash: the first command to count */
  int ncrashed;
  int crashed[SPEC_MAX_RESTARTS];         /* commands that crashed: skipped in the replay */
  char tmpdir[256];                       /* for the parent to clean up after a crash */
} spec_counts;

/* The spectest host module. */
typedef struct spec_host spec_host;
spec_host *spec_host_new(wl_error *err);
void spec_host_free(spec_host *h);
bool spec_host_resolve(spec_host *h, const char *name, uint8_t kind, wl_extern *out);

/* A module instance the script can refer to by name or registration. */
typedef struct spec_binding {
  char *name;
  wl_instance *inst;        /* NULL if that module failed */
} spec_binding;

typedef enum spec_result { SPEC_PASS, SPEC_FAIL, SPEC_SKIP, SPEC_NOTE } spec_result;

/* The state of one JSON file being run (in its child process). */
typedef struct spec_file {
  const spec_options *opts;
  const char *json_path;
  char *dir;                /* the JSON file's directory (module filenames are relative) */
  char wast[256];           /* "i32.wast": the name used in reports and the list */
  FILE *out;
  spec_counts *counts;
  unsigned nmods;           /* modules translated so far: unique .so names */

  spec_host *host;
  wl_instance *current;     /* the most recent module, NULL if it failed */
  bool have_current;
  spec_binding *named;  size_t nnamed;
  spec_binding *registered; size_t nregistered;

  char why[2048];           /* what differed, for the command being run */
  /* Consecutive failures for the same reason (every command after a module
   * that failed to load) are reported once with a count. */
  bool silent;              /* replaying commands before a crash: no counting */
  bool cascade;             /* this failure is only a consequence of an earlier one */
  char prev_why[2048];
  int prev_last_line;
  unsigned prev_repeats;
} spec_file;

/* Run every command of one JSON file, reporting into f->out and f->counts. */
void spec_run_file(spec_file *f);

/* One handler per command kind; each returns the result and fills f->why. */
spec_result spec_cmd_module(spec_file *f, const json_t *cmd);
spec_result spec_cmd_register(spec_file *f, const json_t *cmd);
spec_result spec_cmd_action(spec_file *f, const json_t *cmd);
spec_result spec_cmd_assert_return(spec_file *f, const json_t *cmd);
spec_result spec_cmd_assert_trap(spec_file *f, const json_t *cmd);
spec_result spec_cmd_assert_exhaustion(spec_file *f, const json_t *cmd);
spec_result spec_cmd_assert_invalid(spec_file *f, const json_t *cmd);
spec_result spec_cmd_assert_malformed(spec_file *f, const json_t *cmd);
spec_result spec_cmd_assert_unlinkable(spec_file *f, const json_t *cmd);
spec_result spec_cmd_assert_uninstantiable(spec_file *f, const json_t *cmd);
/* --target mode: translate the command's module, if it is one that must be valid. */
spec_result spec_cmd_translate_only(spec_file *f, const json_t *cmd);

/* Module files: read the bytes, translate to a fresh .so, load and instantiate. */
bool spec_read_module(spec_file *f, const json_t *cmd, uint8_t **bytes, size_t *size);
wl_module *spec_translate_and_open(spec_file *f, const json_t *cmd);
wl_instance *spec_instantiate(spec_file *f, wl_module *mod, wl_error *err);

#endif
