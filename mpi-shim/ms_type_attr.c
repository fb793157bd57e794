/* ms_type_attr.c — datatype attributes: keyvals with guest copy and delete
 * callbacks (run by host MPI from MPI_Type_dup, MPI_Type_free and
 * MPI_Type_delete_attr), attribute values as the guest's 32-bit words.
 *
 * A guest keyval is a host keyval whose extra_state is our record; the
 * record outlives MPI_Type_free_keyval because the host may still call back
 * for attributes set before.  The predefined callbacks (guest 0 and 1) are
 * the host's own: the guest is not called for them.
 *
 * hand-written: MPI_Type_create_keyval (the guest callbacks checked and
 * bound to the host's through a keyval record of ours). */
#include <stdlib.h>

#include "ms_type.h"

/* Guest type keyvals: their own range, clear of MPI_KEYVAL_INVALID (0), of
 * the predefined attribute keys and of communicator keyvals. */
#define BASE 0x20000

struct keyval {
  int host, guest;
  uint32_t copy_fn, delete_fn, extra_state; /* guest values */
  bool freed;
};
static struct keyval **keyvals;
static size_t nkeyvals, cap;

/* MPI_Type_copy_attr_function and MPI_Type_delete_attr_function in Wasm. */
static const char COPY_SIG[] = "iiiiii", DELETE_SIG[] = "iiii";

static struct keyval *keyval_get(int guest) {
  if (guest < BASE || (size_t)(guest - BASE) >= nkeyvals) return NULL;
  struct keyval *k = keyvals[guest - BASE];
  return k->freed ? NULL : k;
}

/* ---- callbacks from host MPI ---- */

static int copy_cb(MPI_Datatype old, int hk, void *extra, void *in, void *out, int *flag) {
  struct keyval *k = extra;
  wasmso_vmctx *vm = ms_vm();
  *flag = 0;
  wasmso_funcref *f = vm ? ms_guest_func(vm, k->copy_fn, COPY_SIG, "i") : NULL;
  if (!f) return MPI_ERR_OTHER;
  /* attribute_val_out and flag are guest pointers: staged in guest memory */
  ms_gaddr s = ms_guest_malloc(vm, 8);
  if (!s) return MPI_ERR_NO_MEM;
  ms_put32(vm, s, 0);
  ms_put32(vm, s + 4, 0);
  wasmso_value args[6] = {{.i32 = ms_type_from_host(old)}, {.i32 = (uint32_t)k->guest},
                          {.i32 = k->extra_state}, {.i32 = (uint32_t)(uintptr_t)in},
                          {.i32 = s}, {.i32 = s + 4}};
  wasmso_value res[1];
  ms_guest_call(vm, f, args, res);
  int32_t value = ms_get32(vm, s), gflag = ms_get32(vm, s + 4);
  ms_guest_free(vm, s);
  if ((int32_t)res[0].i32 != 0) return ms_class_to_host((int32_t)res[0].i32);
  if (gflag) {
    *(void **)out = (void *)(uintptr_t)(uint32_t)value;
    *flag = 1;
  }
  return MPI_SUCCESS;
}

static int delete_cb(MPI_Datatype type, int hk, void *value, void *extra) {
  struct keyval *k = extra;
  wasmso_vmctx *vm = ms_vm();
  wasmso_funcref *f = vm ? ms_guest_func(vm, k->delete_fn, DELETE_SIG, "i") : NULL;
  if (!f) return MPI_ERR_OTHER;
  wasmso_value args[4] = {{.i32 = ms_type_from_host(type)}, {.i32 = (uint32_t)k->guest},
                          {.i32 = (uint32_t)(uintptr_t)value}, {.i32 = k->extra_state}};
  wasmso_value res[1];
  ms_guest_call(vm, f, args, res);
  return (int32_t)res[0].i32 == 0 ? MPI_SUCCESS : ms_class_to_host((int32_t)res[0].i32);
}

/* ---- keyvals ---- */

int32_t ms_MPI_Type_create_keyval(V *vm, uint32_t copy_fn, uint32_t delete_fn, uint32_t keyval, uint32_t extra) {
  static const char fn[] = "MPI_Type_create_keyval";
  if (!ms_in_mem(vm, keyval, 4)) return MS_BADPTR(vm, fn, "type_keyval", keyval);
  MPI_Type_copy_attr_function *hcopy = copy_cb;
  MPI_Type_delete_attr_function *hdelete = delete_cb;
  if (copy_fn == ABI_NULL_COPY_FN) hcopy = MPI_TYPE_NULL_COPY_FN;
  else if (copy_fn == ABI_DUP_FN) hcopy = MPI_TYPE_DUP_FN;
  else if (!ms_guest_func(vm, copy_fn, COPY_SIG, "i"))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn,
                    "copy function %u is no (i32 x6) -> i32 function of the guest's table",
                    (unsigned)copy_fn);
  if (delete_fn == ABI_NULL_DELETE_FN) hdelete = MPI_TYPE_NULL_DELETE_FN;
  else if (!ms_guest_func(vm, delete_fn, DELETE_SIG, "i"))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn,
                    "delete function %u is no (i32 x4) -> i32 function of the guest's table",
                    (unsigned)delete_fn);
  if (nkeyvals == cap) {
    size_t c = cap ? 2 * cap : 16;
    struct keyval **p = c < (size_t)(INT32_MAX - BASE) ? realloc(keyvals, c * sizeof *p) : NULL;
    if (!p) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no room for another keyval");
    keyvals = p, cap = c;
  }
  struct keyval *k = calloc(1, sizeof *k);
  if (!k) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no room for another keyval");
  k->guest = BASE + (int)nkeyvals;
  k->copy_fn = copy_fn, k->delete_fn = delete_fn, k->extra_state = extra;
  int rc = MPI_Type_create_keyval(hcopy, hdelete, &k->host, k);
  if (rc != MPI_SUCCESS) {
    free(k);
    return ms_check(vm, NULL, rc, fn);
  }
  keyvals[nkeyvals++] = k;
  ms_put32(vm, keyval, k->guest);
  return 0;
}

/* MPI_Type_free_keyval (generated wrapper): the record stays, marked freed. */
int ms_ty_free_keyval(int guest) {
  struct keyval *k = keyval_get(guest);
  int host = k->host;
  int rc = MPI_Type_free_keyval(&host);
  if (rc == MPI_SUCCESS) k->freed = true;
  return rc;
}

/* ---- attributes (their wrappers are generated) ---- */

int ms_ty_keyval(int guest, int *host) {
  struct keyval *k = keyval_get(guest);
  if (!k) return ABI_ERR_KEYVAL;
  *host = k->host;
  return 0;
}
