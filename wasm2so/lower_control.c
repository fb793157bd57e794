/* lower_control.c — structured control flow as LLVM blocks and phis.
 *
 * A block or if gets a continuation block whose phis take its results; a loop
 * gets a header whose phis take its params (a branch to a loop label carries
 * the params).  Every edge into such a block adds one incoming value per phi.
 * After br, br_table, return and unreachable the frame is marked unreachable
 * and the walker skips to its else/end. */
#include <stdlib.h>

#include "w2s_lower_priv.h"

static bool oom(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  f->priv->oom = true;
  return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "out of memory");
}

static w2s_ctrl *label(w2s_lower_fn *f, uint32_t depth) {
  struct w2s_lower_priv *p = f->priv;
  if (depth >= p->nctrl)
    return NULL;
  return &p->ctrl[p->nctrl - 1 - depth];
}

/* Add incoming values from the current block to the phis of c's branch
 * target, taking the top of the operand stack (left in place). */
static LLVMBasicBlockRef edge(w2s_lower_fn *f, w2s_ctrl *c, bool loop) {
  struct w2s_lower_priv *p = f->priv;
  LLVMBasicBlockRef from = LLVMGetInsertBlock(f->b);
  uint32_t n = loop ? c->nparams : c->nresults;
  LLVMValueRef *phis = loop ? c->header_phis : c->cont_phis;
  if (n > p->nstack) {
    p->oom = true;
    n = 0;
  }
  for (uint32_t i = 0; i < n; i++) {
    LLVMValueRef v = p->stack[p->nstack - n + i];
    LLVMAddIncoming(phis[i], &v, &from, 1);
  }
  if (loop)
    return c->header;
  c->cont_preds++;
  return c->cont;
}

/* A branch to c's label: a loop's label is its header, any other's its end. */
static LLVMBasicBlockRef add_edge(w2s_lower_fn *f, w2s_ctrl *c) {
  return edge(f, c, c->kind == W2S_CTRL_LOOP);
}

static LLVMValueRef *make_phis(w2s_lower_fn *f, LLVMBasicBlockRef bb, const w2s_valtype *types,
                               uint32_t n) {
  LLVMValueRef *phis = calloc(n ? n : 1, sizeof *phis);
  if (!phis)
    return NULL;
  LLVMBasicBlockRef here = LLVMGetInsertBlock(f->b);
  LLVMPositionBuilderAtEnd(f->b, bb);
  for (uint32_t i = 0; i < n; i++)
    phis[i] = LLVMBuildPhi(f->b, w2s_llvm_valtype(f->ctx, types[i]), "");
  LLVMPositionBuilderAtEnd(f->b, here);
  return phis;
}

static void block_sig(w2s_lower_fn *f, const w2s_instr *in, w2s_ctrl *c) {
  switch (in->imm.block.kind) {
  case W2S_BLOCK_VALUE:
    c->single[0] = in->imm.block.valtype;
    c->results = c->single;
    c->nresults = 1;
    break;
  case W2S_BLOCK_TYPEIDX: {
    const w2s_functype *ft = &f->m->types[in->imm.block.typeidx];
    c->params = ft->params;
    c->nparams = ft->nparams;
    c->results = ft->results;
    c->nresults = ft->nresults;
    break;
  }
  default:
    break;
  }
}

static w2s_ctrl *push_ctrl(w2s_lower_fn *f, w2s_ctrl_kind kind, const w2s_instr *in) {
  struct w2s_lower_priv *p = f->priv;
  if (p->nctrl == p->capctrl) {
    size_t cap = 2 * p->capctrl;
    w2s_ctrl *c = realloc(p->ctrl, cap * sizeof *c);
    if (!c)
      return NULL;
    p->ctrl = c;
    p->capctrl = cap;
  }
  w2s_ctrl *c = &p->ctrl[p->nctrl];
  *c = (w2s_ctrl){.kind = kind};
  block_sig(f, in, c);
  if (c->nparams > p->nstack)
    return NULL;
  c->height = p->nstack - c->nparams;
  c->cont = LLVMAppendBasicBlockInContext(f->ctx, f->fn, kind == W2S_CTRL_LOOP ? "loop_end"
                                                         : kind == W2S_CTRL_IF ? "if_end"
                                                                               : "block_end");
  c->cont_phis = make_phis(f, c->cont, c->results, c->nresults);
  if (!c->cont_phis)
    return NULL;
  p->nctrl++;
  return c;
}

static void set_unreachable(w2s_lower_fn *f) {
  struct w2s_lower_priv *p = f->priv;
  w2s_ctrl *c = &p->ctrl[p->nctrl - 1];
  c->unreachable = true;
  p->nstack = c->height;
}

static bool lower_loop(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  struct w2s_lower_priv *p = f->priv;
  w2s_ctrl *c = push_ctrl(f, W2S_CTRL_LOOP, in);
  if (!c)
    return oom(f, in, d);
  c->header = LLVMAppendBasicBlockInContext(f->ctx, f->fn, "loop");
  c->header_phis = make_phis(f, c->header, c->params, c->nparams);
  if (!c->header_phis)
    return oom(f, in, d);
  LLVMBuildBr(f->b, edge(f, c, true));
  LLVMPositionBuilderAtEnd(f->b, c->header);
  w2s_keep_arm(f, true);
  p->nstack = c->height;
  for (uint32_t i = 0; i < c->nparams; i++)
    w2s_push(f, c->header_phis[i]);
  return true;
}

static bool lower_if(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  struct w2s_lower_priv *p = f->priv;
  LLVMValueRef cond = w2s_i32_to_bool(f, w2s_pop(f));
  w2s_ctrl *c = push_ctrl(f, W2S_CTRL_IF, in);
  if (!c)
    return oom(f, in, d);
  c->if_params = calloc(c->nparams ? c->nparams : 1, sizeof *c->if_params);
  if (!c->if_params)
    return oom(f, in, d);
  for (uint32_t i = 0; i < c->nparams; i++)
    c->if_params[i] = p->stack[c->height + i];
  LLVMBasicBlockRef then_bb = LLVMAppendBasicBlockInContext(f->ctx, f->fn, "then");
  c->else_bb = LLVMAppendBasicBlockInContext(f->ctx, f->fn, "else");
  LLVMBuildCondBr(f->b, cond, then_bb, c->else_bb);
  LLVMPositionBuilderAtEnd(f->b, then_bb);
  w2s_keep_arm(f, false);
  return true;
}

/* The end of the reachable part of the current arm: fall through to cont. */
static void fall_through(w2s_lower_fn *f, w2s_ctrl *c) {
  if (!c->unreachable)
    LLVMBuildBr(f->b, edge(f, c, false));
}

static bool lower_else(w2s_lower_fn *f) {
  struct w2s_lower_priv *p = f->priv;
  w2s_ctrl *c = &p->ctrl[p->nctrl - 1];
  fall_through(f, c);
  LLVMPositionBuilderAtEnd(f->b, c->else_bb);
  w2s_keep_arm(f, false);
  c->else_bb = NULL;
  c->unreachable = false;
  p->nstack = c->height;
  for (uint32_t i = 0; i < c->nparams; i++)
    w2s_push(f, c->if_params[i]);
  return true;
}

static void build_return(w2s_lower_fn *f, w2s_ctrl *c) {
  if (c->nresults == 0) {
    LLVMBuildRetVoid(f->b);
  } else if (c->nresults == 1) {
    LLVMBuildRet(f->b, c->cont_phis[0]);
  } else {
    LLVMBuildAggregateRet(f->b, c->cont_phis, c->nresults);
  }
}

static bool lower_end(w2s_lower_fn *f) {
  struct w2s_lower_priv *p = f->priv;
  w2s_ctrl *c = &p->ctrl[p->nctrl - 1];
  fall_through(f, c);
  if (c->kind == W2S_CTRL_IF && c->else_bb) {
    /* No else arm: the params pass through as the results. */
    LLVMPositionBuilderAtEnd(f->b, c->else_bb);
    p->nstack = c->height;
    for (uint32_t i = 0; i < c->nparams; i++)
      w2s_push(f, c->if_params[i]);
    c->unreachable = false;
    fall_through(f, c);
  }
  LLVMPositionBuilderAtEnd(f->b, c->cont);
  p->nstack = c->height;
  bool dead = c->cont_preds == 0;
  if (dead) {
    /* Nothing reaches the end: phis without incoming values are invalid. */
    for (uint32_t i = 0; i < c->nresults; i++)
      LLVMInstructionEraseFromParent(c->cont_phis[i]);
    LLVMBuildUnreachable(f->b);
  } else if (c->kind == W2S_CTRL_FUNC) {
    build_return(f, c);
  } else {
    for (uint32_t i = 0; i < c->nresults; i++)
      w2s_push(f, c->cont_phis[i]);
  }
  free(c->cont_phis);
  free(c->header_phis);
  free(c->if_params);
  p->nctrl--;
  if (dead && p->nctrl > 0)
    set_unreachable(f);
  return true;
}

static bool lower_br(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  w2s_ctrl *c = label(f, in->imm.index);
  if (!c)
    return oom(f, in, d);
  LLVMBuildBr(f->b, add_edge(f, c));
  set_unreachable(f);
  return true;
}

static bool lower_br_if(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  LLVMValueRef cond = w2s_i32_to_bool(f, w2s_pop(f));
  w2s_ctrl *c = label(f, in->imm.index);
  if (!c)
    return oom(f, in, d);
  LLVMBasicBlockRef next = LLVMAppendBasicBlockInContext(f->ctx, f->fn, "br_if_else");
  LLVMBuildCondBr(f->b, cond, add_edge(f, c), next);
  LLVMPositionBuilderAtEnd(f->b, next);
  /* What follows up to the end of the block it skips is an arm too (a
   * guard: block $b (br_if $b c) ... end).  Not other br_ifs: a loop's exit
   * test and the like are no arm to speculate, and a sideeffect there costs
   * loops (spmv +12% instructions). */
  if (in->imm.index == 0 && c->kind == W2S_CTRL_BLOCK)
    w2s_keep_arm(f, false);
  return true;
}

/* Each distinct target gets one small block that carries the edge, so a
 * target named several times still sees one phi entry per predecessor. */
static bool lower_br_table(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  struct w2s_lower_priv *p = f->priv;
  LLVMValueRef index = w2s_pop(f);
  LLVMBasicBlockRef *via = calloc(p->nctrl, sizeof *via);
  if (!via)
    return oom(f, in, d);
  LLVMBasicBlockRef from = LLVMGetInsertBlock(f->b);
  const uint8_t *cur = in->imm.br_table.targets;
  uint32_t n = in->imm.br_table.count;
  LLVMBasicBlockRef *dest = malloc(((size_t)n + 1) * sizeof *dest);
  if (!dest) {
    free(via);
    return oom(f, in, d);
  }
  for (uint32_t i = 0; i <= n; i++) {
    uint32_t depth = w2s_br_table_next(&cur);
    w2s_ctrl *c = label(f, depth);
    if (!c) {
      free(via);
      free(dest);
      return oom(f, in, d);
    }
    if (!via[depth]) {
      via[depth] = LLVMAppendBasicBlockInContext(f->ctx, f->fn, "br_table_case");
      LLVMPositionBuilderAtEnd(f->b, via[depth]);
      LLVMBuildBr(f->b, add_edge(f, c));
    }
    dest[i] = via[depth];
  }
  LLVMPositionBuilderAtEnd(f->b, from);
  LLVMValueRef sw = LLVMBuildSwitch(f->b, index, dest[n], n);
  for (uint32_t i = 0; i < n; i++)
    LLVMAddCase(sw, LLVMConstInt(f->t_i32, i, 0), dest[i]);
  free(via);
  free(dest);
  set_unreachable(f);
  return true;
}

bool w2s_lower_control(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  switch (in->op) {
  case W2S_OP_NOP:
    return true;
  case W2S_OP_UNREACHABLE:
    w2s_trap(f, WASMSO_TRAP_UNREACHABLE);
    set_unreachable(f);
    return true;
  case W2S_OP_BLOCK:
    return push_ctrl(f, W2S_CTRL_BLOCK, in) ? true : oom(f, in, d);
  case W2S_OP_LOOP:
    return lower_loop(f, in, d);
  case W2S_OP_IF:
    return lower_if(f, in, d);
  case W2S_OP_ELSE:
    return lower_else(f);
  case W2S_OP_END:
    return lower_end(f);
  case W2S_OP_BR:
    return lower_br(f, in, d);
  case W2S_OP_BR_IF:
    return lower_br_if(f, in, d);
  case W2S_OP_BR_TABLE:
    return lower_br_table(f, in, d);
  case W2S_OP_RETURN: {
    w2s_ctrl *c = &f->priv->ctrl[0];
    LLVMBuildBr(f->b, add_edge(f, c));
    set_unreachable(f);
    return true;
  }
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "not a control instruction: %s",
                    w2s_opinfo_table[in->op].text);
  }
}
