/* validate_func.c — the spec's validation algorithm for function bodies: an
 * operand stack of types and a control stack of frames.  After unreachable,
 * br, br_table or return the frame's stack is polymorphic: pops below its
 * height yield the unknown type (0) instead of failing.  The stacks live for
 * the whole module, so no allocation happens per instruction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_internal.h"

#define UNKNOWN 0

typedef struct ctrl {
  w2s_op op; /* BLOCK (also the function's own frame), LOOP or IF */
  const w2s_valtype *params, *results;
  uint32_t nparams, nresults;
  size_t height;
  bool unreachable, has_else;
} ctrl;

typedef struct opsig {
  uint8_t np, nr;
  w2s_valtype p[3], r[1]; /* Wasm 2.0 scalar ops: at most 3 params, 1 result */
} opsig;

typedef struct vstate {
  const w2s_module *m;
  w2s_diag *d;
  w2s_valtype *vals;
  size_t nvals, capvals;
  ctrl *ctrls;
  size_t nctrls, capctrls;
  uint64_t *group_end; /* local index one past each local group */
  size_t capgroups;
  const w2s_functype *ft;
  const w2s_func *f;
  const w2s_instr *in; /* for messages */
  opsig sigs[W2S_OP_COUNT];
} vstate;

static const w2s_valtype one_type[] = {WASMSO_I32, WASMSO_I64, WASMSO_F32, WASMSO_F64,
                                       WASMSO_V128, WASMSO_FUNCREF, WASMSO_EXTERNREF};

static const w2s_valtype *single(w2s_valtype t) {
  for (size_t i = 0; i < sizeof one_type; i++)
    if (one_type[i] == t)
      return &one_type[i];
  return NULL;
}

const char *w2s_valtype_name(w2s_valtype t) {
  switch (t) {
  case WASMSO_I32: return "i32";
  case WASMSO_I64: return "i64";
  case WASMSO_F32: return "f32";
  case WASMSO_F64: return "f64";
  case WASMSO_V128: return "v128";
  case WASMSO_FUNCREF: return "funcref";
  case WASMSO_EXTERNREF: return "externref";
  default: return "nothing";
  }
}

static bool is_num(w2s_valtype t) {
  return t == UNKNOWN || t == WASMSO_I32 || t == WASMSO_I64 || t == WASMSO_F32 || t == WASMSO_F64;
}
static bool is_vec(w2s_valtype t) { return t == UNKNOWN || t == WASMSO_V128; }
static bool is_ref(w2s_valtype t) {
  return t == UNKNOWN || t == WASMSO_FUNCREF || t == WASMSO_EXTERNREF;
}

/* "MESSAGE in INSTR" so the spec's wording leads the message. */
static bool vfail(vstate *v, const char *msg, const char *detail) {
  return w2s_fail(v->d, W2S_DIAG_INVALID, v->in->offset, "%s in %s%s%s", msg,
                  w2s_opinfo_table[v->in->op].text, detail ? ": " : "", detail ? detail : "");
}
static bool vfail_idx(vstate *v, const char *what, uint32_t idx) {
  return w2s_fail(v->d, W2S_DIAG_INVALID, v->in->offset, "unknown %s %u in %s", what, idx,
                  w2s_opinfo_table[v->in->op].text);
}

static bool reserve(vstate *v, size_t extra) {
  if (v->capvals - v->nvals >= extra)
    return true;
  size_t cap = v->capvals ? v->capvals : 64;
  while (cap - v->nvals < extra)
    cap *= 2;
  w2s_valtype *n = realloc(v->vals, cap);
  if (!n)
    return w2s_fail(v->d, W2S_DIAG_LIMIT, v->in->offset, "out of memory");
  v->vals = n;
  v->capvals = cap;
  return true;
}

static bool push(vstate *v, w2s_valtype t) {
  if (v->nvals == v->capvals && !reserve(v, 1))
    return false;
  v->vals[v->nvals++] = t;
  return true;
}

static bool __attribute__((noinline)) pop_fail(vstate *v, w2s_valtype want, w2s_valtype got) {
  char detail[64];
  if (got == UNKNOWN)
    snprintf(detail, sizeof detail, "expected %s but the stack is empty",
             want ? w2s_valtype_name(want) : "a value");
  else
    snprintf(detail, sizeof detail, "expected %s, got %s", w2s_valtype_name(want), w2s_valtype_name(got));
  return vfail(v, "type mismatch", detail);
}

/* Pops one value expected to be `want` (UNKNOWN: any); *got gets the actual
 * type, UNKNOWN when it came from a polymorphic stack. */
static inline bool pop(vstate *v, w2s_valtype want, w2s_valtype *got) {
  const ctrl *c = &v->ctrls[v->nctrls - 1];
  w2s_valtype t = UNKNOWN;
  if (v->nvals == c->height) {
    if (!c->unreachable)
      return pop_fail(v, want, UNKNOWN);
    t = UNKNOWN;
  } else {
    t = v->vals[--v->nvals];
  }
  if (want != UNKNOWN && t != UNKNOWN && t != want)
    return pop_fail(v, want, t);
  if (got)
    *got = t;
  return true;
}

static bool pop_list(vstate *v, const w2s_valtype *ts, uint32_t n) {
  for (uint32_t i = n; i-- > 0;)
    if (!pop(v, ts[i], NULL))
      return false;
  return true;
}

static bool push_list(vstate *v, const w2s_valtype *ts, uint32_t n) {
  for (uint32_t i = 0; i < n; i++)
    if (!push(v, ts[i]))
      return false;
  return true;
}

static bool push_ctrl(vstate *v, w2s_op op, const w2s_valtype *params, uint32_t np,
                      const w2s_valtype *results, uint32_t nr) {
  if (v->nctrls == v->capctrls) {
    size_t cap = v->capctrls ? v->capctrls * 2 : 16;
    ctrl *n = realloc(v->ctrls, cap * sizeof *n);
    if (!n)
      return w2s_fail(v->d, W2S_DIAG_LIMIT, v->in->offset, "out of memory");
    v->ctrls = n;
    v->capctrls = cap;
  }
  v->ctrls[v->nctrls++] = (ctrl){op, params, results, np, nr, v->nvals, false, false};
  return push_list(v, params, np);
}

/* Pops the frame's results and checks nothing else is left in it. */
static bool close_frame(vstate *v, const ctrl *c) {
  if (!pop_list(v, c->results, c->nresults))
    return false;
  if (v->nvals != c->height)
    return vfail(v, "type mismatch", "values remain on the stack at the end of the block");
  return true;
}

static void set_unreachable(vstate *v) {
  ctrl *c = &v->ctrls[v->nctrls - 1];
  v->nvals = c->height;
  c->unreachable = true;
}

static const w2s_valtype *label_types(const ctrl *c, uint32_t *n) {
  if (c->op == W2S_OP_LOOP) {
    *n = c->nparams;
    return c->params;
  }
  *n = c->nresults;
  return c->results;
}

static bool label(vstate *v, uint32_t depth, const ctrl **out) {
  if (depth >= v->nctrls)
    return vfail_idx(v, "label", depth);
  *out = &v->ctrls[v->nctrls - 1 - depth];
  return true;
}

static w2s_valtype sig_type(char c) {
  switch (c) {
  case 'i': return WASMSO_I32;
  case 'I': return WASMSO_I64;
  case 'f': return WASMSO_F32;
  case 'F': return WASMSO_F64;
  default: return WASMSO_V128;
  }
}

/* Applies an opcode's fixed "params:results" signature, pre-parsed. */
static bool apply_sig(vstate *v, w2s_op op) {
  const opsig *sg = &v->sigs[op];
  for (unsigned i = sg->np; i-- > 0;)
    if (!pop(v, sg->p[i], NULL))
      return false;
  return sg->nr == 0 || push(v, sg->r[0]);
}

static void parse_sigs(opsig *sigs) {
  for (int op = 0; op < W2S_OP_COUNT; op++) {
    const char *s = w2s_opinfo_table[op].sig;
    opsig *sg = &sigs[op];
    sg->np = sg->nr = 0;
    for (; *s && *s != ':' && sg->np < sizeof sg->p; s++)
      sg->p[sg->np++] = sig_type(*s);
    if (*s == ':')
      for (s++; *s && sg->nr < sizeof sg->r; s++)
        sg->r[sg->nr++] = sig_type(*s);
  }
}

static bool local_type(vstate *v, uint32_t idx, w2s_valtype *out) {
  if (idx < v->ft->nparams) {
    *out = v->ft->params[idx];
    return true;
  }
  uint64_t rel = (uint64_t)idx - v->ft->nparams;
  if (rel >= v->f->nlocals)
    return vfail_idx(v, "local", idx);
  /* Binary search: few groups in practice, but a body may declare many. */
  size_t lo = 0, hi = v->f->nlocal_groups;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v->group_end[mid] <= rel)
      lo = mid + 1;
    else
      hi = mid;
  }
  *out = v->f->local_groups[lo].type;
  return true;
}

static bool need_memory(vstate *v) {
  return v->m->nmemories > 0 || vfail_idx(v, "memory", 0);
}
static bool need_table(vstate *v, uint32_t t) {
  return t < v->m->ntables || vfail_idx(v, "table", t);
}
static bool need_data_count(vstate *v, uint32_t idx) {
  /* Without a data count section a data index is malformed; an index no
   * data segment has is reported first as the invalid one it also is (that
   * is what the text-format spec tests, converted to binary, expect). */
  if (!v->m->has_data_count) {
    if (idx >= v->m->ndatas)
      return vfail_idx(v, "data segment", idx);
    return w2s_fail(v->d, W2S_DIAG_MALFORMED, v->in->offset,
                    "data count section required in %s", w2s_opinfo_table[v->in->op].text);
  }
  return idx < v->m->data_count || vfail_idx(v, "data segment", idx);
}

static bool block_sig(vstate *v, const w2s_instr *in, const w2s_valtype **params, uint32_t *np,
                      const w2s_valtype **results, uint32_t *nr) {
  *params = *results = NULL;
  *np = *nr = 0;
  switch (in->imm.block.kind) {
  case W2S_BLOCK_VALUE:
    *results = single(in->imm.block.valtype);
    *nr = 1;
    return true;
  case W2S_BLOCK_TYPEIDX: {
    uint32_t t = in->imm.block.typeidx;
    if (t >= v->m->ntypes)
      return vfail_idx(v, "type", t);
    const w2s_functype *ft = &v->m->types[t];
    *params = ft->params, *np = ft->nparams;
    *results = ft->results, *nr = ft->nresults;
    return true;
  }
  default:
    return true;
  }
}

static bool call_type(vstate *v, const w2s_functype *ft) {
  return pop_list(v, ft->params, ft->nparams) && push_list(v, ft->results, ft->nresults);
}

static bool check_br_table(vstate *v, const w2s_instr *in) {
  if (!pop(v, WASMSO_I32, NULL))
    return false;
  const uint8_t *cur = in->imm.br_table.targets;
  /* The default comes last in the encoding, but fixes the arity. */
  const uint8_t *dcur = cur;
  for (uint32_t i = 0; i < in->imm.br_table.count; i++)
    w2s_br_table_next(&dcur);
  const ctrl *def = NULL;
  if (!label(v, w2s_br_table_next(&dcur), &def))
    return false;
  uint32_t arity;
  const w2s_valtype *dtypes = label_types(def, &arity);
  for (uint32_t i = 0; i < in->imm.br_table.count; i++) {
    const ctrl *c = NULL;
    if (!label(v, w2s_br_table_next(&cur), &c))
      return false;
    uint32_t n;
    const w2s_valtype *ts = label_types(c, &n);
    if (n != arity)
      return vfail(v, "type mismatch", "br_table targets have different arities");
    /* pop_vals then push_vals back (spec): the real values stay where they
     * were; values conjured from a polymorphic stack come back as unknown. */
    size_t before = v->nvals;
    if (!pop_list(v, ts, n) || !reserve(v, n))
      return false;
    size_t real = before - v->nvals, conjured = n - real;
    if (conjured) {
      memmove(&v->vals[v->nvals + conjured], &v->vals[v->nvals], real);
      memset(&v->vals[v->nvals], UNKNOWN, conjured);
    }
    v->nvals += n;
  }
  if (!pop_list(v, dtypes, arity))
    return false;
  set_unreachable(v);
  return true;
}

static bool check_select(vstate *v, const w2s_instr *in) {
  if (in->op == W2S_OP_SELECT_T) {
    if (in->imm.select_t.count != 1)
      return vfail(v, "invalid result arity", NULL);
    w2s_valtype t = in->imm.select_t.type;
    return pop(v, WASMSO_I32, NULL) && pop(v, t, NULL) && pop(v, t, NULL) && push(v, t);
  }
  w2s_valtype t1 = UNKNOWN, t2 = UNKNOWN;
  if (!pop(v, WASMSO_I32, NULL) || !pop(v, UNKNOWN, &t1) || !pop(v, UNKNOWN, &t2))
    return false;
  if (!((is_num(t1) && is_num(t2)) || (is_vec(t1) && is_vec(t2))))
    return vfail(v, "type mismatch", "untyped select needs numeric operands");
  if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN)
    return vfail(v, "type mismatch", "select operands differ");
  return push(v, t1 == UNKNOWN ? t2 : t1);
}

static bool check_control(vstate *v, const w2s_instr *in) {
  const w2s_module *m = v->m;
  const ctrl *c = NULL;
  switch (in->op) {
  case W2S_OP_UNREACHABLE:
    set_unreachable(v);
    return true;
  case W2S_OP_NOP:
    return true;
  case W2S_OP_BLOCK:
  case W2S_OP_LOOP:
  case W2S_OP_IF: {
    const w2s_valtype *ps, *rs;
    uint32_t np, nr;
    if (!block_sig(v, in, &ps, &np, &rs, &nr))
      return false;
    if (in->op == W2S_OP_IF && !pop(v, WASMSO_I32, NULL))
      return false;
    return pop_list(v, ps, np) && push_ctrl(v, in->op, ps, np, rs, nr);
  }
  case W2S_OP_ELSE: {
    ctrl *top = &v->ctrls[v->nctrls - 1];
    if (top->op != W2S_OP_IF || top->has_else)
      return w2s_fail(v->d, W2S_DIAG_MALFORMED, in->offset, "else without matching if");
    if (!close_frame(v, top))
      return false;
    top->has_else = true;
    top->unreachable = false;
    return push_list(v, top->params, top->nparams);
  }
  case W2S_OP_END: {
    ctrl top = v->ctrls[v->nctrls - 1];
    if (!close_frame(v, &top))
      return false;
    if (top.op == W2S_OP_IF && !top.has_else &&
        (top.nparams != top.nresults ||
         (top.nparams && memcmp(top.params, top.results, top.nparams) != 0)))
      return vfail(v, "type mismatch", "if without else must leave its parameters as results");
    v->nctrls--;
    return v->nctrls == 0 || push_list(v, top.results, top.nresults);
  }
  case W2S_OP_BR: {
    uint32_t n;
    if (!label(v, in->imm.index, &c))
      return false;
    const w2s_valtype *ts = label_types(c, &n);
    if (!pop_list(v, ts, n))
      return false;
    set_unreachable(v);
    return true;
  }
  case W2S_OP_BR_IF: {
    uint32_t n;
    if (!pop(v, WASMSO_I32, NULL) || !label(v, in->imm.index, &c))
      return false;
    const w2s_valtype *ts = label_types(c, &n);
    return pop_list(v, ts, n) && push_list(v, ts, n);
  }
  case W2S_OP_BR_TABLE:
    return check_br_table(v, in);
  case W2S_OP_RETURN:
    if (!pop_list(v, v->ft->results, v->ft->nresults))
      return false;
    set_unreachable(v);
    return true;
  case W2S_OP_CALL:
    if (in->imm.index >= m->nfuncs)
      return vfail_idx(v, "function", in->imm.index);
    return call_type(v, &m->types[m->funcs[in->imm.index].type]);
  case W2S_OP_CALL_INDIRECT: {
    uint32_t t = in->imm.call_indirect.table, ty = in->imm.call_indirect.type;
    if (!need_table(v, t))
      return false;
    if (m->tables[t].elem != WASMSO_FUNCREF)
      return vfail(v, "type mismatch", "call_indirect needs a funcref table");
    if (ty >= m->ntypes)
      return vfail_idx(v, "type", ty);
    return pop(v, WASMSO_I32, NULL) && call_type(v, &m->types[ty]);
  }
  default:
    return vfail(v, "unhandled instruction", NULL);
  }
}

static bool check_variable(vstate *v, const w2s_instr *in) {
  const w2s_module *m = v->m;
  w2s_valtype t = UNKNOWN;
  uint32_t x = in->imm.index;
  switch (in->op) {
  case W2S_OP_LOCAL_GET:
    return local_type(v, x, &t) && push(v, t);
  case W2S_OP_LOCAL_SET:
    return local_type(v, x, &t) && pop(v, t, NULL);
  case W2S_OP_LOCAL_TEE:
    return local_type(v, x, &t) && pop(v, t, NULL) && push(v, t);
  case W2S_OP_GLOBAL_GET:
    if (x >= m->nglobals)
      return vfail_idx(v, "global", x);
    return push(v, m->globals[x].type.type);
  default: /* GLOBAL_SET */
    if (x >= m->nglobals)
      return vfail_idx(v, "global", x);
    if (!m->globals[x].type.mut)
      return vfail(v, "global is immutable", NULL);
    return pop(v, m->globals[x].type.type, NULL);
  }
}

static bool check_table(vstate *v, const w2s_instr *in) {
  const w2s_module *m = v->m;
  uint32_t x = in->imm.index;
  switch (in->op) {
  case W2S_OP_TABLE_GET:
    return need_table(v, x) && pop(v, WASMSO_I32, NULL) && push(v, m->tables[x].elem);
  case W2S_OP_TABLE_SET:
    return need_table(v, x) && pop(v, m->tables[x].elem, NULL) && pop(v, WASMSO_I32, NULL);
  case W2S_OP_TABLE_INIT: {
    uint32_t e = in->imm.pair.a, t = in->imm.pair.b;
    if (!need_table(v, t))
      return false;
    if (e >= m->nelems)
      return vfail_idx(v, "elem segment", e);
    if (m->elems[e].type != m->tables[t].elem)
      return vfail(v, "type mismatch", "element segment and table types differ");
    return apply_sig(v, in->op);
  }
  case W2S_OP_ELEM_DROP:
    return x < m->nelems || vfail_idx(v, "elem segment", x);
  case W2S_OP_TABLE_COPY: {
    uint32_t dst = in->imm.pair.a, src = in->imm.pair.b;
    if (!need_table(v, dst) || !need_table(v, src))
      return false;
    if (m->tables[dst].elem != m->tables[src].elem)
      return vfail(v, "type mismatch", "tables have different element types");
    return apply_sig(v, in->op);
  }
  case W2S_OP_TABLE_GROW:
    return need_table(v, x) && pop(v, WASMSO_I32, NULL) && pop(v, m->tables[x].elem, NULL) &&
           push(v, WASMSO_I32);
  case W2S_OP_TABLE_SIZE:
    return need_table(v, x) && push(v, WASMSO_I32);
  default: /* TABLE_FILL */
    return need_table(v, x) && pop(v, WASMSO_I32, NULL) && pop(v, m->tables[x].elem, NULL) &&
           pop(v, WASMSO_I32, NULL);
  }
}

static bool check_memory(vstate *v, const w2s_instr *in) {
  const w2s_opinfo *oi = &w2s_opinfo_table[in->op];
  switch (in->op) {
  case W2S_OP_MEMORY_INIT:
    if (!need_memory(v) || !need_data_count(v, in->imm.pair.a))
      return false;
    break;
  case W2S_OP_DATA_DROP:
    return need_data_count(v, in->imm.index);
  default:
    if (!need_memory(v))
      return false;
    if (oi->imm == W2S_IMM_MEMARG && in->imm.memarg.align > oi->arg)
      return vfail(v, "alignment must not be larger than natural", NULL);
  }
  return apply_sig(v, in->op);
}

/* Lane immediates: ARG is log2 of the lane size, so there are 16 >> ARG lanes. */
static bool check_lane(vstate *v, uint8_t lane, uint8_t arg) {
  return lane < (16u >> arg) || vfail(v, "invalid lane index", NULL);
}

static bool check_simd(vstate *v, const w2s_instr *in) {
  const w2s_opinfo *oi = &w2s_opinfo_table[in->op];
  if (oi->imm == W2S_IMM_LANE && !check_lane(v, in->imm.lane, oi->arg))
    return false;
  if (oi->imm == W2S_IMM_SHUFFLE)
    for (int i = 0; i < 16; i++)
      if (in->imm.shuffle[i] >= 32)
        return vfail(v, "invalid lane index", NULL);
  return apply_sig(v, in->op);
}

static bool check_simd_mem(vstate *v, const w2s_instr *in) {
  const w2s_opinfo *oi = &w2s_opinfo_table[in->op];
  if (!need_memory(v))
    return false;
  uint32_t align = oi->imm == W2S_IMM_MEMARG_LANE ? in->imm.memlane.align : in->imm.memarg.align;
  if (align > oi->arg)
    return vfail(v, "alignment must not be larger than natural", NULL);
  if (oi->imm == W2S_IMM_MEMARG_LANE && !check_lane(v, in->imm.memlane.lane, oi->arg))
    return false;
  return apply_sig(v, in->op);
}

static bool check_ref(vstate *v, const w2s_instr *in) {
  w2s_valtype t = UNKNOWN;
  switch (in->op) {
  case W2S_OP_REF_NULL:
    return push(v, in->imm.reftype);
  case W2S_OP_REF_IS_NULL:
    if (!pop(v, UNKNOWN, &t))
      return false;
    if (!is_ref(t))
      return vfail(v, "type mismatch", "ref.is_null needs a reference");
    return push(v, WASMSO_I32);
  default: /* REF_FUNC */
    if (in->imm.index >= v->m->nfuncs)
      return vfail_idx(v, "function", in->imm.index);
    if (!v->m->func_declared[in->imm.index])
      return vfail(v, "undeclared function reference", NULL);
    return push(v, WASMSO_FUNCREF);
  }
}

static bool check_instr(vstate *v, const w2s_instr *in) {
  const w2s_opinfo *oi = &w2s_opinfo_table[in->op];
  switch (oi->cls) {
  case W2S_CLASS_CONTROL:
  case W2S_CLASS_CALL:
    return check_control(v, in);
  case W2S_CLASS_PARAMETRIC:
    if (in->op == W2S_OP_DROP)
      return pop(v, UNKNOWN, NULL);
    return check_select(v, in);
  case W2S_CLASS_VARIABLE:
    return check_variable(v, in);
  case W2S_CLASS_TABLE:
    return check_table(v, in);
  case W2S_CLASS_MEMORY:
    return check_memory(v, in);
  case W2S_CLASS_REF:
    return check_ref(v, in);
  case W2S_CLASS_SIMD:
    return check_simd(v, in);
  case W2S_CLASS_SIMD_MEM:
    return check_simd_mem(v, in);
  default: /* NUMERIC, CONVERT: fixed signatures */
    return apply_sig(v, in->op);
  }
}

static bool validate_body(vstate *v, uint32_t idx) {
  const w2s_module *m = v->m;
  const w2s_func *f = &m->funcs[idx];
  v->f = f;
  v->ft = &m->types[f->type];
  v->nvals = v->nctrls = 0;
  if (f->nlocal_groups > v->capgroups) {
    uint64_t *g = realloc(v->group_end, f->nlocal_groups * sizeof *g);
    if (!g)
      return w2s_fail(v->d, W2S_DIAG_LIMIT, f->code_offset, "out of memory");
    v->group_end = g;
    v->capgroups = f->nlocal_groups;
  }
  uint64_t sum = 0;
  for (uint32_t i = 0; i < f->nlocal_groups; i++)
    v->group_end[i] = sum += f->local_groups[i].count;

  const uint8_t *p = f->code, *end = f->code_end;
  w2s_instr in = {.op = W2S_OP_BLOCK, .offset = f->code_offset};
  v->in = &in;
  if (!push_ctrl(v, W2S_OP_BLOCK, NULL, 0, v->ft->results, v->ft->nresults))
    return false;
  while (v->nctrls > 0) {
    if (!w2s_decode_instr(&p, end, m->bytes, &in, v->d))
      return false;
    if (!check_instr(v, &in))
      return false;
  }
  if (p != end)
    return w2s_fail(v->d, W2S_DIAG_MALFORMED, (size_t)(p - m->bytes),
                    "section size mismatch (bytes after the function's final end)");
  return true;
}

bool w2s_validate_code(const w2s_module *m, w2s_diag *d) {
  vstate v = {.m = m, .d = d};
  parse_sigs(v.sigs);
  bool ok = true;
  for (uint32_t i = m->nfunc_imports; ok && i < m->nfuncs; i++)
    ok = validate_body(&v, i);
  free(v.vals);
  free(v.ctrls);
  free(v.group_end);
  return ok;
}

/* Decoding only, no typing: used after a validation error, because a module
 * that is also malformed must be reported as malformed (decoding comes
 * first in the spec). */
bool w2s_decode_bodies(const w2s_module *m, w2s_diag *d) {
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
    const w2s_func *f = &m->funcs[i];
    const uint8_t *p = f->code, *end = f->code_end;
    uint64_t depth = 1;
    while (depth > 0) {
      w2s_instr in;
      if (!w2s_decode_instr(&p, end, m->bytes, &in, d))
        return false;
      if (in.op == W2S_OP_BLOCK || in.op == W2S_OP_LOOP || in.op == W2S_OP_IF)
        depth++;
      else if (in.op == W2S_OP_END)
        depth--;
    }
    if (p != end)
      return w2s_fail(d, W2S_DIAG_MALFORMED, (size_t)(p - m->bytes),
                      "section size mismatch (bytes after the function's final end)");
  }
  return true;
}
