/* ms_guest.c — calling back into the guest: its function table, its heap. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ms_core.h"
#include "wl_internal.h"

wasmso_funcref *ms_guest_func(wasmso_vmctx *vm, uint32_t index, const char *params,
                              const char *results) {
  const wl_instance *in = vm ? vm->host : NULL;
  if (!in || in->ntables == 0 || !vm->tables) return NULL;
  const wasmso_table *t = vm->tables[0];
  if (!t || t->elem_type != WASMSO_FUNCREF || index >= t->size) return NULL;
  wasmso_funcref *f = t->elems[index];
  return f && f->type_id == wl_sig_type_id(params, results) ? f : NULL;
}

void ms_guest_call(wasmso_vmctx *vm, wasmso_funcref *f, const wasmso_value *args,
                   wasmso_value *results) {
  wl_error err;
  ms_guest_depth++;
  bool ok = wl_call(f, args, results, &err);
  ms_guest_depth--;
  if (ok) return;
  if (err.kind == WL_ERR_EXIT) {
    /* proc_exit inside a callback: there is no way back through host MPI. */
    ms_on_exit(err.exit_code);
    fflush(stdout);
    _exit(err.exit_code);
  }
  ms_on_trap(&err); /* ends the job when MPI is active */
  /* MPI not active: no host MPI frame is in between, unwind into the guest. */
  wl_host_trap(vm, err.trap ? err.trap : WASMSO_TRAP_HOST, err.msg);
}

int ms_guest_depth;

/* MPI_ERR_OTHER: the standard has no class for "not allowed from inside a
 * callback"; ERR_OTHER is its "known error not in this list".  The class of
 * the object (MPI_ERR_COMM...) would wrongly say the handle is invalid. */
int ms_reentry_refused(wasmso_vmctx *vm, const char *fn) {
  return ms_raise(vm, NULL, ABI_ERR_OTHER, fn,
                  "called from guest code (a user op, attribute or generalized-request "
                  "function, error handler or malloc) that runs inside another MPI call, "
                  "which may still use the objects it would free or complete");
}

/* Every call that begins with MS_NO_REENTRY (tests/mpi/reentry-list.sh checks
 * the wrappers against this list). */
const char *const ms_reentry_refused_fns[] = {
    "MPI_Finalize", "MPI_Comm_free", "MPI_Comm_disconnect", "MPI_Type_free", "MPI_Op_free",
    "MPI_Group_free", "MPI_Errhandler_free", "MPI_Info_free", "MPI_Comm_free_keyval",
    "MPI_Keyval_free", "MPI_Type_free_keyval", "MPI_Comm_delete_attr", "MPI_Attr_delete",
    "MPI_Type_delete_attr", "MPI_Comm_set_attr", "MPI_Attr_put", "MPI_Type_set_attr",
    "MPI_Request_free", "MPI_Cancel", "MPI_Buffer_detach", "MPI_Wait", "MPI_Test",
    "MPI_Waitall", "MPI_Testall", "MPI_Waitany", "MPI_Testany", "MPI_Waitsome",
    "MPI_Testsome", "MPI_Start", "MPI_Startall", NULL};

/* The guest's exported malloc/free, looked up once per instance. */
static wasmso_vmctx *heap_vm;
static wasmso_funcref *heap_malloc, *heap_free;

static void find_heap(wasmso_vmctx *vm) {
  if (heap_vm == vm) return;
  heap_vm = vm;
  heap_malloc = heap_free = NULL;
  wl_extern ex;
  if (!vm || !vm->host) return;
  if (wl_instance_export(vm->host, "malloc", &ex) && ex.kind == WASMSO_EXTERN_FUNC &&
      ex.u.func.ref->type_id == wl_sig_type_id("i", "i"))
    heap_malloc = ex.u.func.ref;
  if (wl_instance_export(vm->host, "free", &ex) && ex.kind == WASMSO_EXTERN_FUNC &&
      ex.u.func.ref->type_id == wl_sig_type_id("i", ""))
    heap_free = ex.u.func.ref;
}

ms_gaddr ms_guest_malloc(wasmso_vmctx *vm, uint32_t size) {
  find_heap(vm);
  if (!heap_malloc) return 0;
  wasmso_value arg = {.i32 = size}, res = {0};
  ms_guest_call(vm, heap_malloc, &arg, &res);
  ms_gaddr p = res.i32;
  /* A broken allocator must not hand the host memory outside the guest. */
  return p && ms_in_mem(vm, p, size) ? p : 0;
}

void ms_guest_free(wasmso_vmctx *vm, ms_gaddr p) {
  find_heap(vm);
  if (!heap_free || !p) return;
  wasmso_value arg = {.i32 = p};
  ms_guest_call(vm, heap_free, &arg, NULL);
}

bool ms_guest_has_heap(wasmso_vmctx *vm) {
  find_heap(vm);
  return heap_malloc && heap_free;
}
