/* w2s_diag.h — errors as values: every failing stage returns false and fills
 * one w2s_diag with the Wasm byte offset and a message.  No global error state. */
#ifndef W2S_DIAG_H
#define W2S_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum w2s_diag_kind {
  W2S_DIAG_NONE = 0,
  W2S_DIAG_MALFORMED,   /* the binary cannot be decoded (spec: assert_malformed) */
  W2S_DIAG_INVALID,     /* decodes, but fails validation (spec: assert_invalid) */
  W2S_DIAG_LIMIT,       /* beyond an implementation limit */
  W2S_DIAG_BACKEND,     /* LLVM, the linker or the file system failed */
} w2s_diag_kind;

typedef struct w2s_diag {
  w2s_diag_kind kind;
  size_t offset;        /* byte offset in the .wasm; (size_t)-1 when none applies */
  char msg[512];
} w2s_diag;

/* Record the first error only (later ones are consequences); always returns false. */
bool w2s_fail(w2s_diag *d, w2s_diag_kind kind, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "FILE:0xOFF: error: MSG" (without the offset part when there is none). */
void w2s_diag_print(const w2s_diag *d, const char *file, void *stream /* FILE* */);

#endif
