/* check_front.c — unit tests of the translator front end: LEB128 edge
 * cases, decoding a small module into the IR, and malformed/invalid modules
 * rejected with the right kind at the right byte offset. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2s_decode.h"
#include "w2s_diag.h"
#include "w2s_module.h"

/* ---- a tiny module builder: sections are appended with their sizes ---- */

typedef struct mb {
  uint8_t b[4096];
  size_t n;
} mb;

static void mb_init(mb *m) {
  static const uint8_t hdr[8] = {0, 'a', 's', 'm', 1, 0, 0, 0};
  memcpy(m->b, hdr, 8);
  m->n = 8;
}

/* Appends section `id` with the given content (content sizes < 128 here). */
static size_t mb_sec(mb *m, uint8_t id, const uint8_t *c, size_t len) {
  size_t at = m->n;
  ck_assert_uint_lt(len, 128);
  m->b[m->n++] = id;
  m->b[m->n++] = (uint8_t)len;
  memcpy(m->b + m->n, c, len);
  m->n += len;
  return at;
}
#define SEC(m, id, ...)                                                   \
  mb_sec((m), (id), (const uint8_t[]){__VA_ARGS__},                       \
         sizeof((const uint8_t[]){__VA_ARGS__}))

/* Type 0: [] -> [], type 1: [i32 i32] -> [i32]. */
static void types(mb *m) {
  SEC(m, 1, 2, 0x60, 0, 0, 0x60, 2, 0x7f, 0x7f, 1, 0x7f);
}

static bool read_validate(const mb *m, w2s_diag *d) {
  w2s_module mod;
  memset(d, 0, sizeof *d);
  if (!w2s_read_module(m->b, m->n, &mod, d))
    return false;
  bool ok = w2s_validate_module(&mod, d);
  w2s_module_free(&mod);
  return ok;
}

/* Builds a module with one function of type 1 and the given body (after the
 * local declarations, which are `locals`).  Returns the body's offset. */
static size_t one_func(mb *m, const uint8_t *body, size_t len) {
  mb_init(m);
  types(m);
  SEC(m, 3, 1, 1);
  uint8_t c[128];
  c[0] = 1;
  c[1] = (uint8_t)(len + 1);
  c[2] = 0; /* no locals */
  memcpy(c + 3, body, len);
  size_t at = mb_sec(m, 10, c, len + 3);
  return at + 2 + 3;
}

/* ---- LEB128 ---- */

static enum { OK, BAD } leb_u32(const uint8_t *b, size_t n, uint32_t *v, size_t *used) {
  const uint8_t *p = b;
  if (!w2s_read_u32(&p, b + n, v))
    return BAD;
  *used = (size_t)(p - b);
  return OK;
}

START_TEST(leb_unsigned) {
  uint32_t v;
  size_t used;
  ck_assert(leb_u32((const uint8_t[]){0x00}, 1, &v, &used) == OK && v == 0 && used == 1);
  ck_assert(leb_u32((const uint8_t[]){0xe5, 0x8e, 0x26}, 3, &v, &used) == OK && v == 624485 && used == 3);
  ck_assert(leb_u32((const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0x0f}, 5, &v, &used) == OK);
  ck_assert_uint_eq(v, 0xffffffffu);
  /* Padded encodings are fine up to the maximum length. */
  ck_assert(leb_u32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x00}, 5, &v, &used) == OK && v == 0);
  /* Unused bits of the last byte set: too large. */
  ck_assert(leb_u32((const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0x1f}, 5, &v, &used) == BAD);
  ck_assert(leb_u32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x70}, 5, &v, &used) == BAD);
  /* Six bytes: too long, even with value 0. */
  ck_assert(leb_u32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 6, &v, &used) == BAD);
  /* Truncated. */
  ck_assert(leb_u32((const uint8_t[]){0x80}, 1, &v, &used) == BAD);
  ck_assert(leb_u32((const uint8_t[]){0}, 0, &v, &used) == BAD);

  uint64_t u;
  const uint8_t max64[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  const uint8_t *p = max64;
  ck_assert(w2s_read_u64(&p, max64 + 10, &u) && u == UINT64_MAX && p == max64 + 10);
  const uint8_t big64[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  p = big64;
  ck_assert(!w2s_read_u64(&p, big64 + 10, &u));
  ck_assert(p == big64); /* the cursor does not move on failure */
}
END_TEST

START_TEST(leb_signed) {
  int32_t s;
  int64_t l;
  const uint8_t m1[] = {0x7f}, min32[] = {0x80, 0x80, 0x80, 0x80, 0x78};
  const uint8_t max32[] = {0xff, 0xff, 0xff, 0xff, 0x07};
  const uint8_t bad32[] = {0xff, 0xff, 0xff, 0xff, 0x4f}; /* sign bits disagree */
  const uint8_t bad32b[] = {0x80, 0x80, 0x80, 0x80, 0x08};
  const uint8_t neg_pad[] = {0xff, 0xff, 0xff, 0xff, 0x7f}; /* -1, padded */
  const uint8_t *p = m1;
  ck_assert(w2s_read_s32(&p, m1 + 1, &s) && s == -1);
  p = min32;
  ck_assert(w2s_read_s32(&p, min32 + 5, &s) && s == INT32_MIN);
  p = max32;
  ck_assert(w2s_read_s32(&p, max32 + 5, &s) && s == INT32_MAX);
  p = neg_pad;
  ck_assert(w2s_read_s32(&p, neg_pad + 5, &s) && s == -1);
  p = bad32;
  ck_assert(!w2s_read_s32(&p, bad32 + 5, &s));
  p = bad32b;
  ck_assert(!w2s_read_s32(&p, bad32b + 5, &s));

  const uint8_t min64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f};
  const uint8_t bad64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x41};
  p = min64;
  ck_assert(w2s_read_s64(&p, min64 + 10, &l) && l == INT64_MIN);
  p = bad64;
  ck_assert(!w2s_read_s64(&p, bad64 + 10, &l));

  /* s33 (block types): 2^32-1 is the largest type index. */
  const uint8_t s33max[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  const uint8_t s33bad[] = {0xff, 0xff, 0xff, 0xff, 0x2f};
  p = s33max;
  ck_assert(w2s_read_s33(&p, s33max + 5, &l) && l == 0xffffffffll);
  p = s33bad;
  ck_assert(!w2s_read_s33(&p, s33bad + 5, &l));
}
END_TEST

/* ---- decoding into the IR ---- */

START_TEST(decode_small_module) {
  mb m;
  mb_init(&m);
  types(&m);
  SEC(&m, 2, 1, 1, 'e', 1, 'g', 3, 0x7f, 0);                  /* import e.g: global i32 */
  SEC(&m, 3, 2, 1, 0);                                         /* funcs: type 1, type 0 */
  SEC(&m, 5, 1, 1, 1, 2);                                      /* memory 1..2 */
  SEC(&m, 6, 1, 0x7e, 1, 0x42, 0x7f, 0x0b);                    /* global mut i64 = -1 */
  SEC(&m, 7, 1, 3, 'a', 'd', 'd', 0, 0);                       /* export "add" = func 0 */
  SEC(&m, 10, 2,
      9, 1, 2, 0x7c, 0x20, 0, 0x20, 1, 0x6a, 0x0b,             /* 2 f64 locals; add */
      2, 0, 0x0b);
  SEC(&m, 11, 1, 0, 0x41, 16, 0x0b, 2, 'h', 'i');              /* data at 16: "hi" */
  SEC(&m, 0, 4, 'n', 'a', 'm', 'e', 1, 6, 1, 1, 3, 'n', 'o', 'p');

  w2s_module mod;
  w2s_diag d = {0};
  ck_assert_msg(w2s_read_module(m.b, m.n, &mod, &d), "%s", d.msg);
  ck_assert_msg(w2s_validate_module(&mod, &d), "%s", d.msg);
  ck_assert_uint_eq(mod.ntypes, 2);
  ck_assert_uint_eq(mod.types[1].nparams, 2);
  ck_assert_uint_eq(mod.types[1].results[0], WASMSO_I32);
  ck_assert_uint_eq(mod.nimports, 1);
  ck_assert_str_eq(mod.imports[0].module, "e");
  ck_assert_str_eq(mod.imports[0].name, "g");
  ck_assert_uint_eq(mod.nglobals, 2);
  ck_assert_uint_eq(mod.nglobal_imports, 1);
  ck_assert(mod.globals[1].type.mut && mod.globals[1].type.type == WASMSO_I64);
  ck_assert_uint_eq(mod.globals[1].init.op, WASMSO_CONST_I64);
  ck_assert_uint_eq(mod.globals[1].init.bits[0], UINT64_MAX);
  ck_assert_uint_eq(mod.nfuncs, 2);
  ck_assert_uint_eq(mod.nfunc_imports, 0);
  ck_assert_uint_eq(mod.funcs[0].type, 1);
  ck_assert_uint_eq(mod.funcs[0].nlocals, 2);
  ck_assert_uint_eq(mod.funcs[0].nlocal_groups, 1);
  ck_assert_uint_eq(mod.funcs[0].local_groups[0].type, WASMSO_F64);
  ck_assert_uint_eq(mod.funcs[0].code_end - mod.funcs[0].code, 6);
  ck_assert_uint_eq(mod.funcs[0].code[0], 0x20);
  ck_assert_uint_eq(mod.funcs[0].code_offset, (size_t)(mod.funcs[0].code - m.b));
  ck_assert_uint_eq(mod.nmemories, 1);
  ck_assert(mod.memories[0].has_max && mod.memories[0].min == 1 && mod.memories[0].max == 2);
  ck_assert_uint_eq(mod.ndatas, 1);
  ck_assert_uint_eq(mod.datas[0].mode, WASMSO_SEG_ACTIVE);
  ck_assert_uint_eq(mod.datas[0].offset.bits[0], 16);
  ck_assert_uint_eq(mod.datas[0].size, 2);
  ck_assert(memcmp(mod.datas[0].bytes, "hi", 2) == 0);
  ck_assert(mod.func_declared[0] && !mod.func_declared[1]);

  char buf[32];
  ck_assert_str_eq(w2s_func_name(&mod, 0, buf, sizeof buf), "add");  /* export */
  ck_assert_str_eq(w2s_func_name(&mod, 1, buf, sizeof buf), "nop");  /* name section */
  ck_assert_str_eq(w2s_func_name(&mod, 7, buf, sizeof buf), "wasm-function[7]");

  /* The body decodes instruction by instruction. */
  const uint8_t *p = mod.funcs[0].code;
  w2s_instr in;
  ck_assert(w2s_decode_instr(&p, mod.funcs[0].code_end, m.b, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_LOCAL_GET);
  ck_assert_uint_eq(in.imm.index, 0);
  ck_assert_uint_eq(in.offset, mod.funcs[0].code_offset);
  ck_assert(w2s_decode_instr(&p, mod.funcs[0].code_end, m.b, &in, &d));
  ck_assert(w2s_decode_instr(&p, mod.funcs[0].code_end, m.b, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_I32_ADD);
  ck_assert_str_eq(w2s_opinfo_table[in.op].text, "i32.add");
  ck_assert_str_eq(w2s_opinfo_table[in.op].sig, "ii:i");
  w2s_module_free(&mod);
}
END_TEST

START_TEST(decode_instructions) {
  w2s_diag d = {0};
  w2s_instr in;
  /* br_table with labels 1, 0 and default 2. */
  const uint8_t bt[] = {0x0e, 2, 1, 0, 2};
  const uint8_t *p = bt;
  ck_assert(w2s_decode_instr(&p, bt + sizeof bt, bt, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_BR_TABLE);
  ck_assert_uint_eq(in.imm.br_table.count, 2);
  const uint8_t *cur = in.imm.br_table.targets;
  ck_assert_uint_eq(w2s_br_table_next(&cur), 1);
  ck_assert_uint_eq(w2s_br_table_next(&cur), 0);
  ck_assert_uint_eq(w2s_br_table_next(&cur), 2);
  ck_assert(p == bt + sizeof bt);
  /* A br_table whose count exceeds the bytes left fails without looping. */
  const uint8_t bt_huge[] = {0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0};
  p = bt_huge;
  ck_assert(!w2s_decode_instr(&p, bt_huge + sizeof bt_huge, bt_huge, &in, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);

  /* Prefixed: i64.trunc_sat_f64_u, table.copy 1 0, memarg. */
  const uint8_t ts[] = {0xfc, 7, 0xfc, 14, 1, 0, 0x29, 3, 0x80, 0x01, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f};
  p = ts;
  ck_assert(w2s_decode_instr(&p, ts + sizeof ts, ts, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_I64_TRUNC_SAT_F64_U);
  ck_assert(w2s_decode_instr(&p, ts + sizeof ts, ts, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_TABLE_COPY);
  ck_assert(in.imm.pair.a == 1 && in.imm.pair.b == 0);
  ck_assert(w2s_decode_instr(&p, ts + sizeof ts, ts, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_I64_LOAD);
  ck_assert(in.imm.memarg.align == 3 && in.imm.memarg.offset == 128);
  ck_assert_uint_eq(in.offset, 6);
  ck_assert(w2s_decode_instr(&p, ts + sizeof ts, ts, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_F64_CONST);
  ck_assert_uint_eq(in.imm.f64, 0x3ff0000000000000ull);

  /* memory.size needs its zero byte; 0xFC 18 does not exist. */
  const uint8_t ms[] = {0x3f, 1};
  memset(&d, 0, sizeof d);
  p = ms;
  ck_assert(!w2s_decode_instr(&p, ms + 2, ms, &in, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  ck_assert_str_eq(d.msg, "zero byte expected");
  ck_assert_uint_eq(d.offset, 1);
  const uint8_t fc[] = {0xfc, 18};
  memset(&d, 0, sizeof d);
  p = fc;
  ck_assert(!w2s_decode_instr(&p, fc + 2, fc, &in, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
}
END_TEST

/* ---- malformed modules ---- */

START_TEST(malformed_header) {
  w2s_diag d;
  mb m;
  mb_init(&m);
  m.b[1] = 'b';
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  ck_assert_uint_eq(d.offset, 0);
  ck_assert_str_eq(d.msg, "magic header not detected");
  mb_init(&m);
  m.b[4] = 2;
  ck_assert(!read_validate(&m, &d));
  ck_assert_uint_eq(d.offset, 4);
  ck_assert_str_eq(d.msg, "unknown binary version");
  mb_init(&m);
  m.n = 6;
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
}
END_TEST

START_TEST(malformed_sections) {
  w2s_diag d;
  mb m;
  /* Function section before the type section: out of order. */
  mb_init(&m);
  SEC(&m, 3, 0);
  size_t at = SEC(&m, 1, 0);
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  ck_assert_uint_eq(d.offset, at);
  /* Unknown section id. */
  mb_init(&m);
  at = SEC(&m, 13, 0);
  ck_assert(!read_validate(&m, &d));
  ck_assert_uint_eq(d.offset, at);
  ck_assert(strstr(d.msg, "malformed section id") == d.msg);
  /* Content shorter than the section size says. */
  mb_init(&m);
  at = SEC(&m, 1, 0, 0);
  ck_assert(!read_validate(&m, &d));
  ck_assert(strstr(d.msg, "section size mismatch") == d.msg);
  ck_assert_uint_eq(d.offset, at + 3);
  /* A function without a code section. */
  mb_init(&m);
  types(&m);
  SEC(&m, 3, 1, 0);
  ck_assert(!read_validate(&m, &d));
  ck_assert(strstr(d.msg, "function and code section have inconsistent lengths") == d.msg);
  /* Two local groups summing past 2^32 - 1. */
  mb_init(&m);
  types(&m);
  SEC(&m, 3, 1, 0);
  at = SEC(&m, 10, 1, 14, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x0b);
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  ck_assert_str_eq(d.msg, "too many locals");
  ck_assert_uint_eq(d.offset, at + 11);
  /* Bad UTF-8 in an import name. */
  mb_init(&m);
  at = SEC(&m, 2, 1, 1, 0xc0, 1, 'x', 2, 0, 1);
  ck_assert(!read_validate(&m, &d));
  ck_assert_str_eq(d.msg, "malformed UTF-8 encoding");
  /* A vector count larger than the bytes left must not be allocated. */
  mb_init(&m);
  SEC(&m, 1, 0xff, 0xff, 0xff, 0xff, 0x0f);
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  /* data.drop without a data count section (a data segment exists). */
  mb_init(&m);
  types(&m);
  SEC(&m, 3, 1, 0);
  SEC(&m, 5, 1, 0, 0);
  at = SEC(&m, 10, 1, 5, 0, 0xfc, 9, 0, 0x0b);
  SEC(&m, 11, 1, 1, 0);
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  ck_assert_uint_eq(d.offset, at + 5);
  /* A broken name section is ignored. */
  mb_init(&m);
  SEC(&m, 0, 4, 'n', 'a', 'm', 'e', 1, 0x7f, 3);
  ck_assert(read_validate(&m, &d));
  /* Malformed wins over invalid: a type error followed by a bad opcode. */
  size_t body = one_func(&m, (const uint8_t[]){0x6a, 0xff, 0x0b}, 3);
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  ck_assert_uint_eq(d.offset, body + 1);
}
END_TEST

/* ---- invalid modules ---- */

static void expect_invalid(const mb *m, size_t offset, const char *prefix) {
  w2s_diag d;
  ck_assert(!read_validate(m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_INVALID);
  ck_assert_uint_eq(d.offset, offset);
  ck_assert_msg(strncmp(d.msg, prefix, strlen(prefix)) == 0, "got \"%s\", want \"%s...\"", d.msg, prefix);
}

START_TEST(invalid_bodies) {
  mb m;
  w2s_diag d;
  /* Type 1 is [i32 i32] -> [i32]. */
  size_t b = one_func(&m, (const uint8_t[]){0x20, 0, 0x20, 1, 0x6a, 0x0b}, 6);
  ck_assert(read_validate(&m, &d));
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0x43, 0, 0, 0, 0, 0x6a, 0x0b}, 9);
  expect_invalid(&m, b + 7, "type mismatch in i32.add");
  b = one_func(&m, (const uint8_t[]){0x20, 3, 0x0b}, 3);
  expect_invalid(&m, b, "unknown local 3");
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0x0b, 0x0b}, 4);
  ck_assert(!read_validate(&m, &d)); /* bytes after the final end */
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0x20, 1, 0x1a, 0x0b}, 6);
  ck_assert(read_validate(&m, &d));
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0x0c, 1, 0x0b}, 5);
  expect_invalid(&m, b + 2, "unknown label 1");
  /* Polymorphic stack after unreachable: i32.add pops unknowns. */
  b = one_func(&m, (const uint8_t[]){0x00, 0x6a, 0x0b}, 3);
  ck_assert(read_validate(&m, &d));
  /* ... but the types it does see must still fit. */
  b = one_func(&m, (const uint8_t[]){0x00, 0x42, 0, 0x6a, 0x0b}, 5);
  expect_invalid(&m, b + 3, "type mismatch");
  /* Untyped select on references is invalid; typed select is fine. */
  b = one_func(&m, (const uint8_t[]){0xd0, 0x70, 0xd0, 0x70, 0x20, 0, 0x1b, 0x1a, 0x20, 0, 0x0b}, 11);
  expect_invalid(&m, b + 6, "type mismatch in select");
  b = one_func(&m, (const uint8_t[]){0xd0, 0x70, 0xd0, 0x70, 0x20, 0, 0x1c, 1, 0x70, 0x1a, 0x20, 0, 0x0b}, 13);
  ck_assert(read_validate(&m, &d));
  /* Loads need a memory, then a natural alignment. */
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0x28, 2, 0, 0x0b}, 6);
  expect_invalid(&m, b + 2, "unknown memory 0");
  /* ref.func of a function no export/element/global declares. */
  b = one_func(&m, (const uint8_t[]){0xd2, 0, 0x1a, 0x20, 0, 0x0b}, 6);
  expect_invalid(&m, b, "undeclared function reference");
  /* Block with a type index: params come from the stack. */
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0x20, 1, 0x02, 1, 0x6a, 0x0b, 0x0b}, 9);
  ck_assert(read_validate(&m, &d));
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0x02, 1, 0x6a, 0x0b, 0x0b}, 7);
  expect_invalid(&m, b + 2, "type mismatch in block");
  /* br_table targets must agree in arity. */
  b = one_func(&m, (const uint8_t[]){0x02, 0x40, 0x20, 0, 0x20, 1, 0x0e, 1, 0, 1, 0x0b, 0x20, 0, 0x0b}, 14);
  expect_invalid(&m, b + 6, "type mismatch in br_table");
}
END_TEST

START_TEST(invalid_module_level) {
  mb m;
  /* Memory with an alignment check: memory present, align 3 > 2. */
  mb_init(&m);
  types(&m);
  SEC(&m, 3, 1, 1);
  SEC(&m, 5, 1, 0, 1);
  size_t at = SEC(&m, 10, 1, 8, 0, 0x20, 0, 0x28, 3, 0, 0x1a, 0x0b);
  (void)at;
  w2s_diag d;
  ck_assert(!read_validate(&m, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_INVALID);
  ck_assert_str_eq(d.msg, "alignment must not be larger than natural in i32.load");
  ck_assert_uint_eq(d.offset, at + 5 + 2);
  /* Two memories. */
  mb_init(&m);
  at = SEC(&m, 5, 2, 0, 1, 0, 1);
  expect_invalid(&m, at, "multiple memories");
  /* Memory above 4 GiB. */
  mb_init(&m);
  at = SEC(&m, 5, 1, 0, 0x81, 0x80, 0x04);
  expect_invalid(&m, at, "memory size must be at most 65536 pages (4GiB)");
  /* A global initialised by a non-constant instruction. */
  mb_init(&m);
  at = SEC(&m, 6, 1, 0x7f, 0, 0x41, 0, 0x45, 0x0b);
  expect_invalid(&m, at + 7, "constant expression required");
  /* ... by a global.get of a defined global. */
  mb_init(&m);
  at = SEC(&m, 6, 2, 0x7f, 0, 0x41, 0, 0x0b, 0x7f, 0, 0x23, 0, 0x0b);
  expect_invalid(&m, at + 10, "unknown global 0");
  /* Duplicate export names. */
  mb_init(&m);
  SEC(&m, 5, 1, 0, 0);
  at = SEC(&m, 7, 2, 1, 'm', 2, 0, 1, 'm', 2, 0);
  expect_invalid(&m, at, "duplicate export name");
  /* Start function must be [] -> []. */
  mb_init(&m);
  types(&m);
  SEC(&m, 3, 1, 1);
  at = SEC(&m, 8, 0);
  SEC(&m, 10, 1, 4, 0, 0x41, 0, 0x0b);
  expect_invalid(&m, at, "start function");
}
END_TEST

/* ---- SIMD128 (prefix 0xFD) ---- */

START_TEST(decode_simd) {
  w2s_diag d = {0};
  w2s_instr in;
  /* v128.const (16 bytes), i8x16.shuffle, i16x8.replace_lane 7,
   * v128.load16_lane offset=5 lane 2, i16x8.abs as a two-byte LEB (128). */
  const uint8_t code[] = {0xfd, 12, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                          0xfd, 13, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16,
                          0xfd, 26, 7, 0xfd, 85, 1, 5, 2, 0xfd, 0x80, 0x01};
  const uint8_t *p = code, *end = code + sizeof code;
  ck_assert(w2s_decode_instr(&p, end, code, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_V128_CONST);
  for (int i = 0; i < 16; i++)
    ck_assert_uint_eq(in.imm.v128[i], i);
  ck_assert(w2s_decode_instr(&p, end, code, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_I8X16_SHUFFLE);
  ck_assert_uint_eq(in.imm.shuffle[0], 31);
  ck_assert_uint_eq(in.imm.shuffle[15], 16);
  ck_assert(w2s_decode_instr(&p, end, code, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_I16X8_REPLACE_LANE);
  ck_assert_uint_eq(in.imm.lane, 7);
  ck_assert(w2s_decode_instr(&p, end, code, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_V128_LOAD16_LANE);
  ck_assert(in.imm.memlane.align == 1 && in.imm.memlane.offset == 5 && in.imm.memlane.lane == 2);
  ck_assert(w2s_decode_instr(&p, end, code, &in, &d));
  ck_assert_int_eq(in.op, W2S_OP_I16X8_ABS);
  ck_assert_uint_eq(in.offset, sizeof code - 3);
  ck_assert(p == end);

  /* 0xFD 154 is a hole in the opcode space; 256 is beyond it; a v128.const
   * cut short is malformed too. */
  const uint8_t hole[] = {0xfd, 0x9a, 0x01}, big[] = {0xfd, 0x80, 0x02}, cut[] = {0xfd, 12, 1, 2};
  const uint8_t *bad[] = {hole, big, cut};
  for (int i = 0; i < 3; i++) {
    memset(&d, 0, sizeof d);
    p = bad[i];
    ck_assert(!w2s_decode_instr(&p, bad[i] + (i == 2 ? sizeof cut : 3), bad[i], &in, &d));
    ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  }
}
END_TEST

START_TEST(invalid_simd) {
  mb m;
  w2s_diag d;
#define V128_ZERO 0xfd, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  /* Type 1 is [i32 i32] -> [i32]: extract a lane of a v128.const. */
  size_t b = one_func(&m, (const uint8_t[]){V128_ZERO, 0xfd, 21, 15, 0x0b}, 22);
  ck_assert(read_validate(&m, &d));
  b = one_func(&m, (const uint8_t[]){V128_ZERO, 0xfd, 21, 16, 0x0b}, 22);
  expect_invalid(&m, b + 18, "invalid lane index");
  b = one_func(&m, (const uint8_t[]){V128_ZERO, 0xfd, 27, 4, 0x0b}, 22);
  expect_invalid(&m, b + 18, "invalid lane index");
  /* Shuffle lanes index both operands: 0..31. */
  b = one_func(&m, (const uint8_t[]){V128_ZERO, V128_ZERO, 0xfd, 13, 31, 0, 0, 0, 0, 0, 0, 0,
                                     0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 27, 3, 0x0b}, 58);
  ck_assert(read_validate(&m, &d));
  b = one_func(&m, (const uint8_t[]){V128_ZERO, V128_ZERO, 0xfd, 13, 32, 0, 0, 0, 0, 0, 0, 0,
                                     0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 27, 3, 0x0b}, 58);
  expect_invalid(&m, b + 36, "invalid lane index");
  /* A v128 is not an i32 result; loads need a memory. */
  b = one_func(&m, (const uint8_t[]){V128_ZERO, 0x0b}, 19);
  expect_invalid(&m, b + 18, "type mismatch");
  b = one_func(&m, (const uint8_t[]){0x20, 0, 0xfd, 0, 4, 0, 0xfd, 27, 0, 0x0b}, 10);
  expect_invalid(&m, b + 2, "unknown memory 0");
#undef V128_ZERO
}
END_TEST

START_TEST(diag_output) {
  w2s_diag d = {0};
  ck_assert(!w2s_fail(&d, W2S_DIAG_INVALID, 0x1a2b, "type mismatch in %s", "i32.add"));
  ck_assert(!w2s_fail(&d, W2S_DIAG_MALFORMED, 3, "later")); /* first error wins */
  char out[256] = {0};
  FILE *f = tmpfile();
  ck_assert_ptr_nonnull(f);
  w2s_diag_print(&d, "app.wasm", f);
  rewind(f);
  ck_assert_ptr_nonnull(fgets(out, sizeof out, f));
  fclose(f);
  ck_assert_str_eq(out, "app.wasm:0x1a2b: error: type mismatch in i32.add\n");
}
END_TEST

int main(void) {
  Suite *s = suite_create("front");
  TCase *t = tcase_create("front");
  tcase_add_test(t, leb_unsigned);
  tcase_add_test(t, leb_signed);
  tcase_add_test(t, decode_small_module);
  tcase_add_test(t, decode_instructions);
  tcase_add_test(t, malformed_header);
  tcase_add_test(t, malformed_sections);
  tcase_add_test(t, invalid_bodies);
  tcase_add_test(t, invalid_module_level);
  tcase_add_test(t, decode_simd);
  tcase_add_test(t, invalid_simd);
  tcase_add_test(t, diag_output);
  suite_add_tcase(s, t);
  SRunner *r = srunner_create(s);
  srunner_run_all(r, CK_NORMAL);
  int failed = srunner_ntests_failed(r);
  srunner_free(r);
  return failed ? 1 : 0;
}
