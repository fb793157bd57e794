/* ms_errcodes.c — error classes and codes the program adds
 * (MPI_Add_error_class/code/string).  They are numbered above
 * ABI_ERR_LASTCODE and live only in the shim: the host never sees them.
 * hand-written: MPI_Add_error_class, MPI_Add_error_code,
 *   MPI_Add_error_string (the shim's own table, no host call) */
#include <stdlib.h>
#include <string.h>

#include "ms_core.h"
#include "ms_env.h"

struct ucode {
  int cls;       /* its class (itself for a class) */
  char *text;    /* MPI_Add_error_string, or NULL */
};
static struct ucode *codes;
static int ncodes, capcodes;

static struct ucode *user(int code) {
  int i = code - (ABI_ERR_LASTCODE + 1);
  return i >= 0 && i < ncodes ? &codes[i] : NULL;
}

int ms_last_used_code(void) { return ABI_ERR_LASTCODE + ncodes; }

int ms_code_class(int code) {
  if (ms_class_name(code)) return code;
  const struct ucode *u = user(code);
  return u ? u->cls : -1;
}

const char *ms_code_text(int code) {
  const struct ucode *u = user(code);
  if (u) return u->text ? u->text : "";
  return ms_class_text(code);
}

static int add(int cls, int *code) {
  if (ncodes == capcodes) {
    int cap = capcodes ? 2 * capcodes : 16;
    struct ucode *c = realloc(codes, (size_t)cap * sizeof *c);
    if (!c) return ABI_ERR_NO_MEM;
    codes = c;
    capcodes = cap;
  }
  *code = ABI_ERR_LASTCODE + 1 + ncodes;
  codes[ncodes++] = (struct ucode){.cls = cls < 0 ? *code : cls};
  return 0;
}

int32_t ms_MPI_Add_error_class(vmx *vm, uint32_t errorclass) {
  const char *fn = "MPI_Add_error_class";
  int code;
  if (!ms_ptr(vm, errorclass, 4)) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "errorclass points outside the program's memory");
  if (add(-1, &code)) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no memory for another class");
  return ms_put_i32(vm, errorclass, code);
}

int32_t ms_MPI_Add_error_code(vmx *vm, int32_t errorclass, uint32_t errorcode) {
  const char *fn = "MPI_Add_error_code";
  int cls = (int32_t)errorclass, code;
  const struct ucode *u = user(cls);
  if (!ms_class_name(cls) && !(u && u->cls == cls))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "%d is no error class", cls);
  if (!ms_ptr(vm, errorcode, 4)) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "errorcode points outside the program's memory");
  if (add(cls, &code)) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no memory for another code");
  return ms_put_i32(vm, errorcode, code);
}

int32_t ms_MPI_Add_error_string(vmx *vm, int32_t errorcode, uint32_t string) {
  const char *fn = "MPI_Add_error_string";
  struct ucode *u = user((int32_t)errorcode);
  if (!u) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "%d is no code or class the program added", (int32_t)errorcode);
  const char *s = ms_str(vm, string);
  if (!s) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "the string does not end inside the program's memory");
  if (strlen(s) >= ABI_MAX_ERROR_STRING)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "the string is longer than MPI_MAX_ERROR_STRING - 1");
  char *t = strdup(s);
  if (!t) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no memory for the string");
  free(u->text);
  u->text = t;
  return 0;
}
