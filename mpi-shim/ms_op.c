/* ms_op.c — MPI_Op_create and MPI_Op_free (MPI_Op_commutative is generated
 * from mpi-api.tab).  A user op's function is an index into the guest's
 * function table with the Wasm signature (i32, i32, i32, i32) -> () of
 * void f(void *invec, void *inoutvec, int *len, MPI_Datatype *dt);
 * the host op calls it through a trampoline (ms_op_tramp.c).
 * hand-written: MPI_Op_create (binds the guest function to a trampoline
 * slot, released again if the host fails);
 * MPI_Op_free (refuses predefined ops; pinned ops are freed after the last
 * pending reduction, with their trampoline slot). */
#include <string.h>

#include "ms_coll.h"

/* A guest out-pointer for one 4-byte value (NULL is refused). */
static int32_t *out4(wasmso_vmctx *vm, ms_gaddr g) { return g ? ms_ptr(vm, g, 4) : NULL; }

int32_t ms_MPI_Op_create(wasmso_vmctx *vm, uint32_t fn, int32_t commute, uint32_t opp) {
  static const char F[] = "MPI_Op_create";
  int32_t *out = out4(vm, opp);
  if (!out)
    return ms_raise(vm, NULL, ABI_ERR_ARG, F, "op pointer 0x%x lies outside guest memory", opp);
  wasmso_funcref *f = ms_guest_func(vm, (uint32_t)fn, "iiii", "");
  if (!f)
    return ms_raise(vm, NULL, ABI_ERR_ARG, F,
                    "function %u of the guest's table is not a "
                    "void (void *, void *, int *, MPI_Datatype *)",
                    (uint32_t)fn);
  MPI_User_function *hf;
  int slot = ms_op_slot_bind(f, &hf);
  if (slot < 0)
    return ms_raise(vm, NULL, ABI_ERR_INTERN, F,
                    "all %d user-op trampolines are in use (MPI_Op_free releases one)",
                    ms_op_slots());
  ms_gh h;
  ms_op *op = ms_obj_new(MS_OP, &h);
  if (!op) {
    ms_op_slot_release(slot);
    return ms_raise(vm, NULL, ABI_ERR_INTERN, F, "op table full");
  }
  int rc = MPI_Op_create(hf, commute != 0, &op->host);
  if (rc != MPI_SUCCESS) {
    ms_obj_free(MS_OP, h);
    ms_op_slot_release(slot);
    return ms_check(vm, NULL, rc, F);
  }
  op->predefined = false;
  op->guest_fn = (uint32_t)fn;
  op->commute = commute != 0;
  op->slot = slot;
  memcpy(out, &h, 4);
  return 0;
}

/* The host op and its trampoline, once nothing of ours uses them. */
static int op_release(void *rec, ms_gh h) {
  (void)h;
  ms_op *op = rec;
  int rc = MPI_Op_free(&op->host);
  if (rc == MPI_SUCCESS) ms_op_slot_release(op->slot);
  return rc;
}

int32_t ms_MPI_Op_free(wasmso_vmctx *vm, uint32_t opp) {
  MS_NO_REENTRY(vm, "MPI_Op_free");
  static const char F[] = "MPI_Op_free";
  int32_t *p = out4(vm, opp);
  if (!p)
    return ms_raise(vm, NULL, ABI_ERR_ARG, F, "op pointer 0x%x lies outside guest memory", opp);
  ms_gh h;
  memcpy(&h, p, 4);
  ms_op *op;
  int cls = ms_op_get(h, &op);
  if (cls) return ms_raise(vm, NULL, cls, F, "invalid op 0x%x", h);
  if (op->predefined) return ms_raise(vm, NULL, ABI_ERR_OP, F, "op 0x%x is predefined", h);
  /* Pending nonblocking reductions may still call it (they pin it). */
  ms_orphans_poll();
  int rc = ms_obj_release(MS_OP, h, op_release);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, F);
  ms_gh null = ABI_OP_NULL;
  memcpy(p, &null, 4);
  return 0;
}
