/* ms_errhandler.c — error classes and strings, communicator error handlers.
 * The shim reports classes as codes (it adds no codes of its own); the
 * program may add classes and codes (ms_errcodes.c).
 * hand-written: all of them (the shim's own classes and handler records; no
 *   host call): MPI_Error_class, MPI_Error_string,
 *   MPI_Comm_create_errhandler, MPI_Comm_set_errhandler,
 *   MPI_Comm_get_errhandler, MPI_Errhandler_free, MPI_Comm_call_errhandler */
#include <stdio.h>

#include "ms_core.h"
#include "ms_env.h"

int32_t ms_MPI_Error_class(vmx *vm, int32_t code, uint32_t cls) {
  int c = ms_code_class((int32_t)code);
  if (c < 0) return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Error_class", "%d is no error code", (int32_t)code);
  if (ms_put_i32(vm, cls, c))
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Error_class", "errorclass points outside the program's memory");
  return 0;
}

int32_t ms_MPI_Error_string(vmx *vm, int32_t code, uint32_t str, uint32_t len) {
  const char *name = ms_class_name((int32_t)code);
  if (!name && ms_code_class((int32_t)code) < 0)
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Error_string", "%d is no error code", (int32_t)code);
  char text[ABI_MAX_ERROR_STRING];
  if (name) snprintf(text, sizeof text, "%s: %s", name, ms_class_text((int32_t)code));
  else snprintf(text, sizeof text, "%s", ms_code_text((int32_t)code)); /* the program's own */
  int n;
  if (!ms_ptr(vm, len, 4) || ms_str_out(vm, str, text, ABI_MAX_ERROR_STRING, &n))
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Error_string", "string or resultlen points outside the program's memory");
  return ms_put_i32(vm, len, n);
}

/* fn: the guest's void f(MPI_Comm *, int *, ...), Wasm (i32, i32, i32). */
int32_t ms_MPI_Comm_create_errhandler(vmx *vm, uint32_t fn, uint32_t errhandler) {
  const char *name = "MPI_Comm_create_errhandler";
  if (!ms_guest_func(vm, fn, "iii", ""))
    return ms_raise(vm, NULL, ABI_ERR_ARG, name, "function %u is no void (MPI_Comm *, int *, ...) in the program's table", fn);
  if (!ms_ptr(vm, errhandler, 4))
    return ms_raise(vm, NULL, ABI_ERR_ARG, name, "errhandler points outside the program's memory");
  ms_gh h;
  ms_errhandler *e = ms_obj_new(MS_ERRHANDLER, &h);
  if (!e) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, name, "no room for another error handler");
  e->host = MPI_ERRHANDLER_NULL;
  e->guest_fn = fn;
  return ms_put_i32(vm, errhandler, (int32_t)h);
}

/* A handler the program may still attach: predefined, or user and not freed. */
static ms_errhandler *usable(ms_gh h) {
  ms_errhandler *e = ms_obj_get(MS_ERRHANDLER, h);
  return e && !e->freed ? e : NULL;
}

int32_t ms_MPI_Comm_set_errhandler(vmx *vm, uint32_t comm, uint32_t errhandler) {
  ms_comm *c;
  if (ms_comm_get(comm, &c)) return ms_raise(vm, NULL, ABI_ERR_COMM, "MPI_Comm_set_errhandler", "invalid communicator 0x%x", comm);
  if (!usable(errhandler))
    return ms_raise(vm, c, ABI_ERR_ARG, "MPI_Comm_set_errhandler", "invalid error handler 0x%x", errhandler);
  c->errhandler = errhandler;
  return 0;
}

int32_t ms_MPI_Comm_get_errhandler(vmx *vm, uint32_t comm, uint32_t errhandler) {
  ms_comm *c;
  if (ms_comm_get(comm, &c)) return ms_raise(vm, NULL, ABI_ERR_COMM, "MPI_Comm_get_errhandler", "invalid communicator 0x%x", comm);
  if (ms_put_i32(vm, errhandler, (int32_t)c->errhandler))
    return ms_raise(vm, c, ABI_ERR_ARG, "MPI_Comm_get_errhandler", "errhandler points outside the program's memory");
  return 0;
}

/* A freed user handler stays in force on the communicators that have it
 * (as the standard says); its slot is kept for them and never reused. */
int32_t ms_MPI_Errhandler_free(vmx *vm, uint32_t errhandler) {
  MS_NO_REENTRY(vm, "MPI_Errhandler_free");
  int32_t h;
  if (ms_get_i32(vm, errhandler, &h))
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Errhandler_free", "errhandler points outside the program's memory");
  ms_errhandler *e = usable((uint32_t)h);
  if (!e) return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Errhandler_free", "invalid error handler 0x%x", (uint32_t)h);
  if ((uint32_t)h >= ABI_PREDEF_LIMIT) e->freed = true;
  return ms_put_i32(vm, errhandler, ABI_ERRHANDLER_NULL);
}

int32_t ms_MPI_Comm_call_errhandler(vmx *vm, uint32_t comm, int32_t code) {
  ms_comm *c;
  if (ms_comm_get(comm, &c)) return ms_raise(vm, NULL, ABI_ERR_COMM, "MPI_Comm_call_errhandler", "invalid communicator 0x%x", comm);
  ms_raise(vm, c, (int32_t)code, "MPI_Comm_call_errhandler", "raised by the program");
  return 0; /* the handler ran (or returned): success, as the standard says */
}
