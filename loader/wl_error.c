/* wl_error.c — error values and the spec's trap wording. */
#include <stdio.h>
#include <string.h>

#include "wl_internal.h"

bool wl_fail(wl_error *err, wl_error_kind kind, const char *fmt, ...) {
  if (!err) return false;
  err->kind = kind;
  err->trap = WASMSO_TRAP_NONE;
  err->exit_code = 0;
  err->backtrace[0] = 0;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return false;
}

const char *wl_trap_message(uint32_t trap) {
  switch (trap) {
  case WASMSO_TRAP_UNREACHABLE: return "unreachable";
  case WASMSO_TRAP_INT_DIV_ZERO: return "integer divide by zero";
  case WASMSO_TRAP_INT_OVERFLOW: return "integer overflow";
  case WASMSO_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
  case WASMSO_TRAP_MEMORY_OOB: return "out of bounds memory access";
  case WASMSO_TRAP_TABLE_OOB: return "out of bounds table access";
  case WASMSO_TRAP_UNDEFINED_ELEMENT: return "undefined element";
  case WASMSO_TRAP_UNINITIALIZED_ELEMENT: return "uninitialized element";
  case WASMSO_TRAP_INDIRECT_TYPE: return "indirect call type mismatch";
  case WASMSO_TRAP_STACK_EXHAUSTED: return "call stack exhausted";
  case WASMSO_TRAP_HOST: return "host function failed";
  default: return "unknown trap";
  }
}
