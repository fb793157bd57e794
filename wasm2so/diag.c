/* diag.c — errors as values: the first error wins, later ones are its echoes. */
#include <stdio.h>

#include "w2s_diag.h"

bool w2s_fail(w2s_diag *d, w2s_diag_kind kind, size_t offset, const char *fmt, ...) {
  if (!d || d->kind != W2S_DIAG_NONE)
    return false;
  d->kind = kind;
  d->offset = offset;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->msg, sizeof d->msg, fmt, ap);
  va_end(ap);
  return false;
}

void w2s_diag_print(const w2s_diag *d, const char *file, void *stream) {
  FILE *f = stream ? (FILE *)stream : stderr;
  const char *name = file ? file : "<input>";
  const char *msg = d->kind == W2S_DIAG_NONE ? "unknown error" : d->msg;
  if (d->offset != (size_t)-1)
    fprintf(f, "%s:0x%zx: error: %s\n", name, d->offset, msg);
  else
    fprintf(f, "%s: error: %s\n", name, msg);
}
