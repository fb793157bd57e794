/* w2s_module.h — the module IR: plain data produced by the reader, checked by
 * the validator, read by the lowering.  All pointers into the original bytes
 * (code bodies, data segments, names) stay valid while the input buffer lives;
 * everything else is owned by the module and freed by w2s_module_free(). */
#ifndef W2S_MODULE_H
#define W2S_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wasmso_abi.h"

typedef uint8_t w2s_valtype; /* enum wasmso_valtype */

typedef struct w2s_functype {
  uint32_t nparams, nresults;
  w2s_valtype *params;
  w2s_valtype *results;
} w2s_functype;

typedef struct w2s_limits {
  uint64_t min, max;
  bool has_max;
} w2s_limits;

typedef struct w2s_tabletype {
  w2s_valtype elem;        /* WASMSO_FUNCREF or WASMSO_EXTERNREF */
  w2s_limits limits;
} w2s_tabletype;

typedef struct w2s_globaltype {
  w2s_valtype type;
  bool mut;
} w2s_globaltype;

/* A constant expression; Wasm 2.0 allows exactly one instruction plus `end`. */
typedef struct w2s_constexpr {
  uint8_t op;              /* enum wasmso_const_op */
  w2s_valtype type;        /* the value's type (ref.null: the reference type) */
  uint32_t index;          /* global.get / ref.func */
  uint64_t bits[2];        /* t.const: raw bits, little-endian (v128 uses both) */
  size_t offset;           /* byte offset of the instruction */
} w2s_constexpr;

typedef struct w2s_import {
  const char *module, *name;   /* copied, NUL-terminated */
  uint32_t module_len, name_len;
  uint8_t kind;                /* enum wasmso_extern_kind */
  uint32_t func_type;          /* FUNC: type index */
  w2s_tabletype table;         /* TABLE */
  w2s_limits memory;           /* MEMORY */
  w2s_globaltype global;       /* GLOBAL */
  size_t offset;
} w2s_import;

typedef struct w2s_local_group { uint32_t count; w2s_valtype type; } w2s_local_group;

typedef struct w2s_func {
  uint32_t type;               /* type index */
  /* Defined functions only: */
  uint32_t nlocal_groups;
  w2s_local_group *local_groups;
  uint32_t nlocals;            /* locals beyond the params (sum of the groups) */
  const uint8_t *code;         /* first instruction of the body ... */
  const uint8_t *code_end;     /* ... one past its final `end` */
  size_t code_offset;          /* byte offset of `code` in the file */
  const char *name;            /* from the name section, or NULL (copied, NUL-terminated) */
} w2s_func;

typedef struct w2s_global {
  w2s_globaltype type;
  w2s_constexpr init;
} w2s_global;

typedef struct w2s_export {
  const char *name;            /* copied, NUL-terminated */
  uint32_t name_len;
  uint8_t kind;
  uint32_t index;
} w2s_export;

typedef struct w2s_elem {
  uint8_t mode;                /* enum wasmso_seg_mode */
  uint32_t table;
  w2s_constexpr offset;        /* active only */
  w2s_valtype type;            /* element type */
  uint32_t count;
  w2s_constexpr *items;        /* each ref.func / ref.null / global.get */
  size_t file_offset;
} w2s_elem;

typedef struct w2s_data {
  uint8_t mode;                /* ACTIVE or PASSIVE */
  uint32_t memory;
  w2s_constexpr offset;
  const uint8_t *bytes;
  uint32_t size;
  size_t file_offset;
} w2s_data;

typedef struct w2s_module {
  const uint8_t *bytes;        /* the input, not owned */
  size_t size;

  uint32_t ntypes;        w2s_functype *types;
  uint32_t nimports;      w2s_import *imports;
  /* Index spaces: imports come first in each. */
  uint32_t nfuncs, nfunc_imports;       w2s_func *funcs;        /* funcs[i].type valid for all */
  uint32_t ntables, ntable_imports;     w2s_tabletype *tables;
  uint32_t nmemories, nmemory_imports;  w2s_limits *memories;
  uint32_t nglobals, nglobal_imports;   w2s_global *globals;    /* init valid for defined only */
  uint32_t nexports;      w2s_export *exports;
  uint32_t nelems;        w2s_elem *elems;
  uint32_t ndatas;        w2s_data *datas;
  bool has_start;         uint32_t start;
  bool has_data_count;    uint32_t data_count;
  /* Functions referenced outside function bodies (exports, elements, global
   * inits): the only ones ref.func may name (spec "C.refs"). */
  bool *func_declared;    /* nfuncs entries */
} w2s_module;

/* Read (decode) a binary module.  Returns false with d filled (MALFORMED or
 * LIMIT) on error; on success *out must later go to w2s_module_free. */
struct w2s_diag;
bool w2s_read_module(const uint8_t *bytes, size_t size, w2s_module *out, struct w2s_diag *d);
void w2s_module_free(w2s_module *m);

/* Validate the whole module (types, indices, constant expressions, every
 * function body).  Returns false with d filled (INVALID, or MALFORMED for the
 * few body-level decoding errors the reader defers) on error. */
bool w2s_validate_module(const w2s_module *m, struct w2s_diag *d);

/* Name of function idx for symbols and backtraces: the name section's, else an
 * export's, else "wasm-function[idx]" written into buf. */
const char *w2s_func_name(const w2s_module *m, uint32_t idx, char *buf, size_t buflen);

#endif
