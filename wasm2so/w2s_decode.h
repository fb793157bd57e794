/* w2s_decode.h — decoding one instruction of a function body.  Shared by the
 * validator and the lowering, both driven by w2s_opcodes.def. */
#ifndef W2S_DECODE_H
#define W2S_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "w2s_diag.h"

typedef enum w2s_op {
#define W2S_OP(name, prefix, code, text, imm, cls, sig, arg) W2S_OP_##name,
#include "w2s_opcodes.def"
#undef W2S_OP
  W2S_OP_COUNT
} w2s_op;

typedef enum w2s_imm_kind {
  W2S_IMM_NONE, W2S_IMM_BLOCKTYPE, W2S_IMM_INDEX, W2S_IMM_BR_TABLE, W2S_IMM_CALL_INDIRECT,
  W2S_IMM_SELECT_T, W2S_IMM_MEMARG, W2S_IMM_MEMIDX, W2S_IMM_I32, W2S_IMM_I64, W2S_IMM_F32,
  W2S_IMM_F64, W2S_IMM_REFTYPE, W2S_IMM_DATA_MEM, W2S_IMM_MEM_MEM, W2S_IMM_PAIR,
  W2S_IMM_V128, W2S_IMM_SHUFFLE, W2S_IMM_LANE, W2S_IMM_MEMARG_LANE,
} w2s_imm_kind;

typedef enum w2s_class {
  W2S_CLASS_CONTROL, W2S_CLASS_CALL, W2S_CLASS_PARAMETRIC, W2S_CLASS_VARIABLE,
  W2S_CLASS_TABLE, W2S_CLASS_MEMORY, W2S_CLASS_NUMERIC, W2S_CLASS_CONVERT, W2S_CLASS_REF,
  W2S_CLASS_SIMD_MEM, /* v128 loads and stores, incl. splat/zero/extend/lane */
  W2S_CLASS_SIMD,     /* every other SIMD128 instruction */
} w2s_class;

typedef struct w2s_opinfo {
  const char *text;
  uint8_t prefix;
  uint32_t code;
  w2s_imm_kind imm;
  w2s_class cls;
  const char *sig;   /* "params:results" (i I f F v), "" when special */
  uint8_t arg;       /* loads/stores: log2 of the natural alignment */
} w2s_opinfo;

extern const w2s_opinfo w2s_opinfo_table[W2S_OP_COUNT];

enum w2s_blocktype_kind { W2S_BLOCK_EMPTY, W2S_BLOCK_VALUE, W2S_BLOCK_TYPEIDX };

typedef struct w2s_instr {
  w2s_op op;
  size_t offset;                 /* byte offset of the opcode in the file */
  union {
    struct { uint8_t kind; uint8_t valtype; uint32_t typeidx; } block;
    uint32_t index;              /* label, func, local, global, table, data, elem, memory */
    struct { uint32_t type, table; } call_indirect;
    struct { uint32_t align, memory; uint64_t offset; } memarg; /* align as log2 */
    struct { uint32_t a, b; } pair; /* table.init: elem, table; table.copy: dst, src; memory.init: data, mem */
    uint32_t i32;
    uint64_t i64;
    uint32_t f32;                /* raw bits */
    uint64_t f64;                /* raw bits */
    uint8_t reftype;             /* ref.null */
    struct { uint32_t count; uint8_t type; } select_t;   /* count is 1 in Wasm 2.0 */
    struct { uint32_t count; const uint8_t *targets; } br_table; /* count labels + default, LEB */
    uint8_t v128[16];            /* v128.const: the bytes, little-endian (lane 0 first) */
    uint8_t shuffle[16];         /* i8x16.shuffle: lane indices, checked < 32 by the validator */
    uint8_t lane;                /* extract_lane/replace_lane */
    struct { uint32_t align, memory; uint64_t offset; uint8_t lane; } memlane; /* load/store*_lane */
  } imm;
} w2s_instr;

/* Decode the instruction at *p (file offset base_offset + (*p - start) is
 * computed from `file_start`).  Advances *p past it.  Returns false with d
 * filled (MALFORMED) on an unknown opcode, a bad LEB or truncated input. */
bool w2s_decode_instr(const uint8_t **p, const uint8_t *end, const uint8_t *file_start,
                      w2s_instr *out, w2s_diag *d);

/* Iterate br_table targets (already checked by w2s_decode_instr): call with
 * *cursor = imm.br_table.targets; count+1 calls return the labels, the last one
 * being the default. */
uint32_t w2s_br_table_next(const uint8_t **cursor);

/* LEB128 readers used across the reader: false on overlong/overflowing/truncated. */
bool w2s_read_u32(const uint8_t **p, const uint8_t *end, uint32_t *out);
bool w2s_read_s32(const uint8_t **p, const uint8_t *end, int32_t *out);
bool w2s_read_s33(const uint8_t **p, const uint8_t *end, int64_t *out);
bool w2s_read_s64(const uint8_t **p, const uint8_t *end, int64_t *out);
bool w2s_read_u64(const uint8_t **p, const uint8_t *end, uint64_t *out);

#endif
