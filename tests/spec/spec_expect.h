/* spec_expect.h — the expected-failures list (tests/spec/expected-failures.txt).
 *
 * Lines:  FILE.wast:LINE  reason      one command (every command on that line)
 *         *:text-modules  reason      the rule that skips assert_malformed of
 *                                     text-only modules (the runner reads binary
 *                                     modules only); it must be present
 *         # comment, blank lines
 * A listed command that fails counts as skipped; one that passes is reported
 * as an unexpected pass (a failure), so the list cannot go stale silently. */
#ifndef SPEC_EXPECT_H
#define SPEC_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct spec_expect_entry {
  char *file;      /* "i32.wast" */
  int line;
  char *reason;
} spec_expect_entry;

typedef struct spec_expect {
  spec_expect_entry *entries;
  size_t n;
  bool text_rule;  /* the *:text-modules rule is present */
} spec_expect;

/* Parse the list from text; false with err (naming the line) on a bad line. */
bool spec_expect_parse(spec_expect *x, const char *text, char *err, size_t errlen);
bool spec_expect_load(spec_expect *x, const char *path, char *err, size_t errlen);
void spec_expect_free(spec_expect *x);

/* The reason if FILE:LINE is listed, else NULL. */
const char *spec_expect_lookup(const spec_expect *x, const char *file, int line);

#endif
