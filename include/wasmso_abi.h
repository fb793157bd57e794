/* wasmso_abi.h — the contract between a shared object made by wasm2so and the
 * loader that runs it.  Everything a generated .so exposes is reachable from one
 * exported, versioned descriptor (WASMSO_DESCRIPTOR_SYMBOL); everything the
 * generated code needs from the host (imports, memory, tables, globals, runtime
 * helpers) is reached through the instance context (wasmso_vmctx) that every
 * generated function takes as its first argument.  The .so therefore needs no
 * DT_NEEDED and no text relocations.
 *
 * Layouts here are fixed for LP64 targets (x86_64 and aarch64): wasm2so emits
 * these structures as LLVM constants, so any change must bump
 * WASMSO_ABI_VERSION and be mirrored in wasm2so/emit_descriptor.c.
 */
#ifndef WASMSO_ABI_H
#define WASMSO_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASMSO_ABI_VERSION 4u
#define WASMSO_MAGIC 0x4f533257u /* "W2SO" little-endian */
#define WASMSO_DESCRIPTOR_SYMBOL "wasmso_module_descriptor"

#define WASMSO_PAGE_SIZE 65536u
/* Every 32-bit memory of unchecked code (WASMSO_MEMORY_GUARDED, below)
 * reserves this much address space (4 GiB of index space, plus 4 GiB for the
 * static offset of a load/store), so no access made by generated code can
 * leave the reservation: no bounds checks are needed. */
#define WASMSO_MEMORY_RESERVATION (8ull << 30)
/* ABI 3: generated code may compute the address of an access to i32.add(a, C),
 * C a constant in [-WASMSO_MEMORY_FOLD_MAX, WASMSO_MEMORY_FOLD_MAX], as
 * zext(a) + sext(C) (wasm2so/fold_addresses.c).  That is exact when a memory
 * is smaller than 4 GiB by at least WASMSO_MEMORY_FOLD_MAX (so the loader
 * grows none beyond WASMSO_MEMORY_MAX_PAGES, as memory.grow may always fail)
 * and the WASMSO_MEMORY_FOLD_MAX bytes below base fault too. */
#define WASMSO_MEMORY_FOLD_MAX 65536u
#define WASMSO_MEMORY_MAX_PAGES 65535u

/* ABI 4: how generated code keeps its accesses inside memory 0
 * (wasmso_module_desc.memory_mode).  GUARDED code has no checks and needs
 * the WASMSO_MEMORY_RESERVATION and guards above; CHECKED code (wasm2so
 * --bounds-checks) compares every access with wasmso_memory.size and traps
 * itself, so its memory needs a reservation only as large as the memory may
 * grow: for address spaces capped by RLIMIT_AS (ulimit -v). */
enum wasmso_memory_mode {
  WASMSO_MEMORY_GUARDED = 0,
  WASMSO_MEMORY_CHECKED = 1,
};

/* Value types, by their binary-format codes. */
enum wasmso_valtype {
  WASMSO_I32 = 0x7f,
  WASMSO_I64 = 0x7e,
  WASMSO_F32 = 0x7d,
  WASMSO_F64 = 0x7c,
  WASMSO_V128 = 0x7b,
  WASMSO_FUNCREF = 0x70,
  WASMSO_EXTERNREF = 0x6f,
};

/* External kinds, by their binary-format codes. */
enum wasmso_extern_kind {
  WASMSO_EXTERN_FUNC = 0,
  WASMSO_EXTERN_TABLE = 1,
  WASMSO_EXTERN_MEMORY = 2,
  WASMSO_EXTERN_GLOBAL = 3,
};

/* Trap reasons passed to wasmso_runtime.trap; wasmso_trap_message() in the
 * loader gives the spec's wording for each. */
enum wasmso_trap {
  WASMSO_TRAP_NONE = 0,
  WASMSO_TRAP_UNREACHABLE,          /* "unreachable" */
  WASMSO_TRAP_INT_DIV_ZERO,         /* "integer divide by zero" */
  WASMSO_TRAP_INT_OVERFLOW,         /* "integer overflow" */
  WASMSO_TRAP_INVALID_CONVERSION,   /* "invalid conversion to integer" */
  WASMSO_TRAP_MEMORY_OOB,           /* "out of bounds memory access" */
  WASMSO_TRAP_TABLE_OOB,            /* "out of bounds table access" */
  WASMSO_TRAP_UNDEFINED_ELEMENT,    /* "undefined element" (call_indirect index >= size) */
  WASMSO_TRAP_UNINITIALIZED_ELEMENT,/* "uninitialized element" (null funcref) */
  WASMSO_TRAP_INDIRECT_TYPE,        /* "indirect call type mismatch" */
  WASMSO_TRAP_STACK_EXHAUSTED,      /* "call stack exhausted" */
  WASMSO_TRAP_HOST,                 /* a host function failed; message set by the host */
  WASMSO_TRAP_COUNT
};

/* One Wasm value in memory: globals, trampoline argument/result slots. */
typedef union wasmso_value {
  uint32_t i32;
  uint64_t i64;
  float f32;
  double f64;
  uint8_t v128[16];
  void *ref; /* funcref: wasmso_funcref* (NULL = null); externref: opaque, NULL = null */
} __attribute__((aligned(16))) wasmso_value;

struct wasmso_vmctx;

/* Calls a function of one signature from C: unpacks args[], calls fn(vmctx,
 * ...), stores the results in results[].  wasm2so emits one per function type. */
typedef void (*wasmso_trampoline)(void *fn, struct wasmso_vmctx *vmctx,
                                  const wasmso_value *args, wasmso_value *results);

/* A function reference: what a funcref value points to, what a table slot
 * holds, and how one instance calls another's (or the host's) functions.
 * Generated code calls fn(vmctx, params...) with the C calling convention;
 * results: none -> void, one -> that type, several -> an LLVM literal struct
 * of them in order.  i32/i64/f32/f64 map to uint32_t/uint64_t/float/double,
 * v128 to a 16-byte vector, references to pointers. */
typedef struct wasmso_funcref {
  void *fn;
  struct wasmso_vmctx *vmctx;   /* first argument for fn */
  uint32_t type_id;             /* process-wide canonical signature id */
  uint32_t reserved;
  wasmso_trampoline tramp;      /* for calls from C; may be NULL for host functions */
} wasmso_funcref;

/* Linear memory (Wasm 2.0: at most one per instance, possibly imported).  base
 * never moves: memory.grow only changes protections within the reservation. */
typedef struct wasmso_memory {
  uint8_t *base;
  uint64_t size;      /* current size in bytes (pages * 64 KiB) */
  uint32_t pages;
  uint32_t max_pages; /* the declared maximum, or 65536 */
  uint32_t has_max;
  uint32_t reserved;
} wasmso_memory;

/* A table: elems[i] is a wasmso_funcref* (funcref tables) or an opaque
 * externref (NULL = null).  elems may be reallocated by table.grow. */
typedef struct wasmso_table {
  void **elems;
  uint32_t size;
  uint32_t max;       /* the declared maximum, or 0xffffffff */
  uint8_t elem_type;  /* WASMSO_FUNCREF or WASMSO_EXTERNREF */
  uint8_t has_max;
  uint8_t reserved[6];
} wasmso_table;

/* A global's storage cell; imported globals are shared cells. */
typedef struct wasmso_global {
  wasmso_value value; /* first, so generated code reads the value at offset 0 */
  uint8_t type;       /* enum wasmso_valtype */
  uint8_t mut;
  uint8_t reserved[14];
} wasmso_global;

/* Runtime helpers the generated code calls through vmctx->rt.  Each takes the
 * calling instance's vmctx; helpers that can fail trap (never return). */
typedef struct wasmso_runtime {
  void (*trap)(struct wasmso_vmctx *, uint32_t trap) __attribute__((noreturn));
  uint32_t (*memory_grow)(struct wasmso_vmctx *, uint32_t delta_pages); /* old pages or 0xffffffff */
  void (*memory_init)(struct wasmso_vmctx *, uint32_t data, uint32_t dst, uint32_t src, uint32_t n);
  void (*data_drop)(struct wasmso_vmctx *, uint32_t data);
  void (*memory_copy)(struct wasmso_vmctx *, uint32_t dst, uint32_t src, uint32_t n);
  void (*memory_fill)(struct wasmso_vmctx *, uint32_t dst, uint32_t val, uint32_t n);
  void (*table_init)(struct wasmso_vmctx *, uint32_t table, uint32_t elem, uint32_t dst, uint32_t src, uint32_t n);
  void (*elem_drop)(struct wasmso_vmctx *, uint32_t elem);
  void (*table_copy)(struct wasmso_vmctx *, uint32_t dst_table, uint32_t src_table, uint32_t dst, uint32_t src, uint32_t n);
  uint32_t (*table_grow)(struct wasmso_vmctx *, uint32_t table, void *init, uint32_t delta); /* old size or 0xffffffff */
  void (*table_fill)(struct wasmso_vmctx *, uint32_t table, uint32_t dst, void *val, uint32_t n);
} wasmso_runtime;

/* The instance context.  The loader allocates it and fills every field before
 * any generated code runs; generated code reads it at these fixed offsets. */
typedef struct wasmso_vmctx {
  uint8_t *mem_base;              /*  0: memory 0 base (copy of memory->base; never moves) */
  wasmso_memory *memory;          /*  8: memory 0, or NULL */
  uintptr_t stack_limit;          /* 16: trap "call stack exhausted" when sp < this */
  const wasmso_runtime *rt;       /* 24: runtime helpers */
  wasmso_funcref **funcs;         /* 32: every function index (imports first) -> its funcref */
  wasmso_table **tables;          /* 40: every table index -> table */
  wasmso_global **globals;        /* 48: every global index -> cell */
  const uint32_t *type_ids;       /* 56: module type index -> canonical type id */
  void *host;                     /* 64: the loader's instance (opaque to generated code) */
} wasmso_vmctx;

/* ---- The descriptor: static data in the .so ---- */

/* A function type: params then results, as wasmso_valtype bytes. */
typedef struct wasmso_functype {
  uint32_t nparams;
  uint32_t nresults;
  const uint8_t *types;           /* nparams + nresults entries */
  wasmso_trampoline tramp;
} wasmso_functype;

typedef struct wasmso_limits {
  uint64_t min;
  uint64_t max;
  uint32_t has_max;
  uint32_t reserved;
} wasmso_limits;

/* A constant expression (Wasm 2.0: exactly one instruction). */
enum wasmso_const_op {
  WASMSO_CONST_I32 = 0x41,
  WASMSO_CONST_I64 = 0x42,
  WASMSO_CONST_F32 = 0x43,
  WASMSO_CONST_F64 = 0x44,
  WASMSO_CONST_V128 = 0xfd,
  WASMSO_CONST_GLOBAL_GET = 0x23,
  WASMSO_CONST_REF_NULL = 0xd0,
  WASMSO_CONST_REF_FUNC = 0xd2,
};
typedef struct wasmso_constexpr {
  uint32_t op;                    /* enum wasmso_const_op */
  uint32_t index;                 /* global.get / ref.func index; ref.null: the type */
  wasmso_value value;             /* t.const bits (little-endian in the union) */
} wasmso_constexpr;

typedef struct wasmso_import {
  const char *module;             /* UTF-8, NUL-terminated, but may hold NUL bytes: use the lengths */
  const char *name;
  uint32_t kind;                  /* enum wasmso_extern_kind */
  uint32_t type;                  /* func: type index; global: valtype; table: elem type */
  uint32_t mut;                   /* global */
  uint32_t reserved;
  wasmso_limits limits;           /* table, memory */
  uint32_t module_len;            /* bytes, without the terminating NUL */
  uint32_t name_len;
} wasmso_import;

typedef struct wasmso_export {
  const char *name;               /* UTF-8, NUL-terminated, but may hold NUL bytes */
  uint32_t kind;
  uint32_t index;                 /* in the kind's index space (imports first) */
  uint32_t name_len;              /* bytes, without the terminating NUL */
  uint32_t reserved;
} wasmso_export;

/* wasmso_func.flags.  A bit that an older .so leaves 0 must mean what it
 * meant there, so adding one needs no new ABI version. */
enum {
  /* On every function of a module whose name section names none of them (or
   * that has none): names are exports' or "wasm-function[N]", and a trap
   * report says that the others are unavailable. */
  WASMSO_FUNC_NO_NAME_SECTION = 1u,
};

typedef struct wasmso_func {
  void *fn;                       /* the generated code */
  uint32_t type;                  /* module type index */
  uint32_t flags;                 /* WASMSO_FUNC_* */
  const char *name;               /* name section / export name / "wasm-function[N]" */
} wasmso_func;

typedef struct wasmso_table_def { uint32_t elem_type; uint32_t reserved; wasmso_limits limits; } wasmso_table_def;
typedef struct wasmso_global_def { uint32_t type; uint32_t mut; wasmso_constexpr init; } wasmso_global_def;

enum wasmso_seg_mode { WASMSO_SEG_ACTIVE = 0, WASMSO_SEG_PASSIVE = 1, WASMSO_SEG_DECLARATIVE = 2 };

typedef struct wasmso_data {
  uint32_t mode;
  uint32_t memory;
  wasmso_constexpr offset;        /* active only */
  const uint8_t *bytes;
  uint64_t size;
} wasmso_data;

typedef struct wasmso_elem {
  uint32_t mode;
  uint32_t table;
  uint32_t elem_type;
  uint32_t count;
  wasmso_constexpr offset;        /* active only */
  const wasmso_constexpr *items;  /* ref.func i / ref.null t / global.get g */
} wasmso_elem;

typedef struct wasmso_module_desc {
  uint32_t magic;                 /* WASMSO_MAGIC */
  uint32_t abi_version;           /* WASMSO_ABI_VERSION: checked before anything else */
  const char *target_triple;      /* e.g. "x86_64-unknown-linux-gnu" */
  const char *cpu;                /* e.g. "x86-64-v2" */
  const char *features;           /* LLVM feature string, e.g. "+sse4.2,+popcnt" */
  const char *producer;           /* "wasm2so 0.1.0" */

  uint32_t ntypes;
  uint32_t nimports;
  uint32_t nfuncs;                /* defined functions (index space: imported funcs first) */
  uint32_t ntables;               /* defined tables */
  uint32_t nmemories;             /* defined memories (0 or 1) */
  uint32_t nglobals;              /* defined globals */
  uint32_t nexports;
  uint32_t ndatas;
  uint32_t nelems;
  uint32_t start;                 /* function index, or 0xffffffff */
  uint32_t memory_mode;           /* enum wasmso_memory_mode */
  uint32_t reserved;

  const wasmso_functype *types;
  const wasmso_import *imports;
  const wasmso_func *funcs;
  const wasmso_table_def *tables;
  const wasmso_limits *memories;
  const wasmso_global_def *globals;
  const wasmso_export *exports;
  const wasmso_data *datas;
  const wasmso_elem *elems;
} wasmso_module_desc;

#ifdef __cplusplus
}
#endif
#endif /* WASMSO_ABI_H */
