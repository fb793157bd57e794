/* lower_simd.h — helpers shared by the SIMD128 lowering files
 * (lower_simd_arith.c, _lane.c, _int.c, _float.c).  A v128 travels on the
 * operand stack as <4 x i32>; each operation bitcasts it to the lane shape
 * named by the prefix of its text name ("i8x16.", "f64x2.", ...). */
#ifndef LOWER_SIMD_H
#define LOWER_SIMD_H

#include <string.h>

#include "w2s_lower.h"

typedef struct w2s_simd_shape {
  bool fp;          /* f32x4 / f64x2 */
  unsigned bits;    /* lane width */
  unsigned lanes;   /* 128 / bits */
} w2s_simd_shape;

/* The shape of a text prefix such as "i16x8" (also inside "..._i16x8_s");
 * "v128" counts as i32x4. */
w2s_simd_shape w2s_simd_shape_of(const char *text);
LLVMTypeRef w2s_simd_lane_type(w2s_lower_fn *f, w2s_simd_shape s);
LLVMTypeRef w2s_simd_vec_type(w2s_lower_fn *f, w2s_simd_shape s);
/* Pop a v128 as shape s; push any 128-bit vector as a v128. */
LLVMValueRef w2s_simd_pop(w2s_lower_fn *f, w2s_simd_shape s);
void w2s_simd_push(w2s_lower_fn *f, LLVMValueRef v);
/* A vector of n copies of the scalar x. */
LLVMValueRef w2s_simd_splat(w2s_lower_fn *f, LLVMValueRef x, unsigned n);
/* Lanes [first, first + n) of v (stride 1), or every second lane from first
 * (stride 2), as a vector of n lanes. */
LLVMValueRef w2s_simd_lanes(w2s_lower_fn *f, LLVMValueRef v, unsigned first, unsigned n,
                            unsigned stride);
/* Intrinsic overloaded on the type of its first argument. */
LLVMValueRef w2s_simd_call1(w2s_lower_fn *f, const char *name, LLVMValueRef a);
LLVMValueRef w2s_simd_call2(w2s_lower_fn *f, const char *name, LLVMValueRef a, LLVMValueRef b);

/* x86_64 with SSSE3 (lower_simd_lane.c). */
bool w2s_simd_has_ssse3(const w2s_target *t);

/* Each lowers the instruction and returns true if it is one of its own
 * (`op` is the text after the shape prefix and the dot), false otherwise
 * without touching the stack. */
bool w2s_lower_simd_lane(w2s_lower_fn *f, const w2s_instr *in, w2s_simd_shape s, const char *op);
bool w2s_lower_simd_int(w2s_lower_fn *f, const w2s_instr *in, w2s_simd_shape s, const char *op);
bool w2s_lower_simd_float(w2s_lower_fn *f, const w2s_instr *in, w2s_simd_shape s, const char *op);

#endif
