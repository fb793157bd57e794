/* ms_errors.c — errors through the guest's error handler.  Host
 * communicators always return errors (MPI_ERRORS_RETURN); what the guest
 * asked for is applied here. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ms_core.h"
#include "ms_errclass.h"
#include "ms_fast.h"

const char *ms_class_name(int cls) {
  if (cls == 0) return "MPI_SUCCESS";
  for (size_t i = 0; i < ms_nerrclasses; i++)
    if (ms_errclasses[i].abi == cls) return ms_errclasses[i].name;
  return NULL;
}

const char *ms_class_text(int cls) {
  if (cls == 0) return "no error";
  for (size_t i = 0; i < ms_nerrclasses; i++)
    if (ms_errclasses[i].abi == cls) return ms_errclasses[i].text;
  return NULL;
}

void ms_die(int code) {
  fflush(stdout);
  fflush(stderr);
  if (ms_initialized() && !ms_finalized()) MPI_Abort(MPI_COMM_WORLD, code);
  _exit(code); /* not reached after MPI_Abort; before MPI_Init there is no job to end */
}

/* The guest handle of record c, for the user handler's first argument. */
static ms_gh comm_handle(ms_comm *c) {
  return ms_obj_find(MS_COMM, &c->host, sizeof c->host);
}

/* Call a user handler: void f(MPI_Comm *, int *, ...), Wasm (i32, i32, i32).
 * Both pointers point at guest scratch memory. */
static void call_user(wasmso_vmctx *vm, ms_comm *c, const ms_errhandler *eh, int cls,
                      const char *fn) {
  wasmso_funcref *f = vm ? ms_guest_func(vm, eh->guest_fn, "iii", "") : NULL;
  ms_gaddr scratch = f ? ms_guest_malloc(vm, 8) : 0;
  if (!scratch) {
    fprintf(stderr, "wasmload: rank %d: %s: %s: cannot call the program's error handler (%s)\n",
            ms_world_rank(), fn, ms_class_name(cls),
            f ? "no guest memory for its arguments" : "no such function in its table");
    return;
  }
  uint32_t w[2] = {comm_handle(c), (uint32_t)cls};
  memcpy(vm->mem_base + scratch, w, sizeof w);
  wasmso_value args[3] = {{.i32 = scratch}, {.i32 = scratch + 4}, {.i32 = 0}};
  ms_guest_call(vm, f, args, NULL);
  ms_guest_free(vm, scratch);
}

int ms_raise(wasmso_vmctx *vm, ms_comm *c, int cls, const char *fn, const char *fmt, ...) {
  if (cls == 0) return 0;
  if (!c) c = ms_comm_world();
  ms_gh h = c->errhandler;
  if (h == ABI_ERRORS_RETURN) return cls;
  const ms_errhandler *eh = h == ABI_ERRORS_ARE_FATAL || h == ABI_ERRORS_ABORT
                                ? NULL : ms_obj_get(MS_ERRHANDLER, h);
  if (eh) {
    call_user(vm, c, eh, cls, fn);
    return cls;
  }
  char detail[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
  const char *name = ms_class_name(cls);
  char unknown[48];
  if (!name) {
    int base = ms_code_class(cls);
    if (base >= 0) snprintf(unknown, sizeof unknown, "error code %d (class %d)", cls, base);
    else snprintf(unknown, sizeof unknown, "error %d", cls);
    name = unknown;
  }
  fprintf(stderr, "wasmload: rank %d: %s: %s: %s\n", ms_world_rank(), fn, name, detail);
  ms_die(1);
  return cls;
}

int ms_check(wasmso_vmctx *vm, ms_comm *c, int host_rc, const char *fn) {
  if (host_rc == MPI_SUCCESS) return 0;
  int hc = MPI_ERR_UNKNOWN, len = 0;
  char text[MPI_MAX_ERROR_STRING];
  if (MPI_Error_class(host_rc, &hc) != MPI_SUCCESS) hc = MPI_ERR_UNKNOWN;
  if (MPI_Error_string(host_rc, text, &len) != MPI_SUCCESS) snprintf(text, sizeof text, "host error %d", host_rc);
  return ms_raise(vm, c, ms_class_to_guest(hc), fn, "%s", text);
}

int ms_fast_fail(wasmso_vmctx *vm, ms_gh comm, int rc, const char *fn) {
  return ms_check(vm, (ms_comm *)ms_obj_get(MS_COMM, comm), rc, fn);
}
