/* spec_expect.c — read the expected-failures list. */
#include "spec_expect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_RULE "*:text-modules"

static bool add_entry(spec_expect *x, const char *file, size_t flen, int line, const char *reason) {
  spec_expect_entry *e = realloc(x->entries, (x->n + 1) * sizeof *e);
  if (!e) return false;
  x->entries = e;
  e[x->n].file = strndup(file, flen);
  e[x->n].line = line;
  e[x->n].reason = strdup(reason);
  if (!e[x->n].file || !e[x->n].reason) return false;
  x->n++;
  return true;
}

/* One non-comment line: "FILE:LINE<space>reason". */
static bool parse_line(spec_expect *x, char *s, int lineno, char *err, size_t errlen) {
  char *sp = s;
  while (*sp && !isspace((unsigned char)*sp)) sp++;
  char *reason = sp;
  while (*reason && isspace((unsigned char)*reason)) reason++;
  if (!*reason) {
    snprintf(err, errlen, "line %d: missing reason", lineno);
    return false;
  }
  size_t keylen = (size_t)(sp - s);
  if (keylen == strlen(TEXT_RULE) && strncmp(s, TEXT_RULE, keylen) == 0) {
    x->text_rule = true;
    return true;
  }
  char *colon = memchr(s, ':', keylen);
  char *end = NULL;
  long line = colon ? strtol(colon + 1, &end, 10) : 0;
  if (!colon || colon == s || end != sp || line <= 0 || line > 1000000) {
    snprintf(err, errlen, "line %d: expected FILE.wast:LINE  reason", lineno);
    return false;
  }
  if (!add_entry(x, s, (size_t)(colon - s), (int)line, reason)) {
    snprintf(err, errlen, "out of memory");
    return false;
  }
  return true;
}

bool spec_expect_parse(spec_expect *x, const char *text, char *err, size_t errlen) {
  memset(x, 0, sizeof *x);
  char *copy = strdup(text);
  if (!copy) { snprintf(err, errlen, "out of memory"); return false; }
  int lineno = 0;
  bool ok = true;
  /* A plain loop over lines (strtok would skip empty ones and shift the numbers). */
  for (char *p = copy; ok && p && *p;) {
    char *nl = strchr(p, '\n');
    if (nl) *nl = '\0';
    lineno++;
    char *s = p;
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    if (*s && *s != '#') ok = parse_line(x, s, lineno, err, errlen);
    p = nl ? nl + 1 : NULL;
  }
  free(copy);
  if (!ok) spec_expect_free(x);
  return ok;
}

bool spec_expect_load(spec_expect *x, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) { snprintf(err, errlen, "%s: cannot open", path); return false; }
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  char chunk[4096];
  size_t got;
  while (mem && (got = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, got, mem);
  fclose(f);
  if (!mem) { snprintf(err, errlen, "out of memory"); return false; }
  fclose(mem);
  char inner[400];
  bool ok = spec_expect_parse(x, buf, inner, sizeof inner);
  if (!ok) snprintf(err, errlen, "%s: %s", path, inner);
  free(buf);
  return ok;
}

void spec_expect_free(spec_expect *x) {
  for (size_t i = 0; i < x->n; i++) {
    free(x->entries[i].file);
    free(x->entries[i].reason);
  }
  free(x->entries);
  memset(x, 0, sizeof *x);
}

const char *spec_expect_lookup(const spec_expect *x, const char *file, int line) {
  for (size_t i = 0; x && i < x->n; i++)
    if (x->entries[i].line == line && strcmp(x->entries[i].file, file) == 0)
      return x->entries[i].reason;
  return NULL;
}
