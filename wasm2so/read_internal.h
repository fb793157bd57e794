/* read_internal.h — helpers shared by the front end's own files (reader,
 * decoder, validator).  Not part of any contract: other stages use
 * w2s_module.h and w2s_decode.h only. */
#ifndef W2S_READ_INTERNAL_H
#define W2S_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "w2s_decode.h"
#include "w2s_diag.h"
#include "w2s_module.h"

/* LEB128 decoding with the reason for a failure, so the reader can name it. */
enum w2s_leb_status { W2S_LEB_OK, W2S_LEB_END, W2S_LEB_TOO_LONG, W2S_LEB_TOO_LARGE };
enum w2s_leb_status w2s_leb_unsigned(const uint8_t **p, const uint8_t *end, unsigned bits,
                                     uint64_t *out);
enum w2s_leb_status w2s_leb_signed(const uint8_t **p, const uint8_t *end, unsigned bits,
                                   int64_t *out);
/* The spec interpreter's wording for a LEB failure. */
const char *w2s_leb_message(enum w2s_leb_status s);

/* Constant expressions the reader could not reduce to one constant
 * instruction keep one of these in w2s_constexpr.op, for the validator to
 * report (they decode, so they are invalid, not malformed). */
enum {
  W2S_CONSTEXPR_NONCONST = 0, /* some instruction is not constant (offset names it) */
  W2S_CONSTEXPR_ARITY = 1,    /* zero or several values */
};

static inline bool w2s_is_valtype(uint8_t b) {
  return b == 0x7f || b == 0x7e || b == 0x7d || b == 0x7c || b == 0x7b || b == 0x70 || b == 0x6f;
}
static inline bool w2s_is_reftype(uint8_t b) { return b == 0x70 || b == 0x6f; }

/* A cursor over the input; offsets reported relative to base. */
typedef struct w2s_rd {
  const uint8_t *p, *end, *base;
  w2s_diag *d;
} w2s_rd;

static inline size_t w2s_rd_off(const w2s_rd *r) { return (size_t)(r->p - r->base); }

bool w2s_rd_u8(w2s_rd *r, uint8_t *out);
bool w2s_rd_u32(w2s_rd *r, uint32_t *out);
bool w2s_rd_count(w2s_rd *r, uint32_t *out); /* a vector length, at most the bytes left */
bool w2s_rd_name(w2s_rd *r, const char **out, uint32_t *len); /* UTF-8 checked, copied */
bool w2s_rd_name_view(w2s_rd *r, const uint8_t **out, uint32_t *len); /* checked, not copied */
bool w2s_rd_valtype(w2s_rd *r, w2s_valtype *out);
bool w2s_rd_reftype(w2s_rd *r, w2s_valtype *out);
bool w2s_rd_limits(w2s_rd *r, w2s_limits *out);
bool w2s_rd_tabletype(w2s_rd *r, w2s_tabletype *out);
bool w2s_rd_globaltype(w2s_rd *r, w2s_globaltype *out);
bool w2s_rd_constexpr(w2s_rd *r, const w2s_module *m, w2s_constexpr *out);
bool w2s_utf8_valid(const uint8_t *s, size_t n);

/* Sections (read_sections.c, read_segments.c, read_code.c, read_names.c). */
bool w2s_read_types(w2s_rd *r, w2s_module *m);
bool w2s_read_imports(w2s_rd *r, w2s_module *m);
bool w2s_read_functions(w2s_rd *r, w2s_module *m);
bool w2s_read_tables(w2s_rd *r, w2s_module *m);
bool w2s_read_memories(w2s_rd *r, w2s_module *m);
bool w2s_read_globals(w2s_rd *r, w2s_module *m);
bool w2s_read_exports(w2s_rd *r, w2s_module *m);
bool w2s_read_elems(w2s_rd *r, w2s_module *m);
bool w2s_read_datas(w2s_rd *r, w2s_module *m);
bool w2s_read_code(w2s_rd *r, w2s_module *m, uint32_t ndefined);
/* Best effort: a broken name section is ignored, never an error. */
void w2s_read_names(const uint8_t *p, const uint8_t *end, w2s_module *m);

/* Checked array growth; false with a LIMIT diagnostic when out of memory. */
/* Resize *arr from n to n + add zeroed-tail entries (n itself is the caller's). */
bool w2s_grow(w2s_rd *r, void **arr, uint32_t n, uint32_t add, size_t elem);

/* Validation of every function body (validate_func.c), after the
 * module-level checks of validate_module.c. */
bool w2s_validate_code(const w2s_module *m, w2s_diag *d);
bool w2s_decode_bodies(const w2s_module *m, w2s_diag *d);
const char *w2s_valtype_name(w2s_valtype t);

#endif
