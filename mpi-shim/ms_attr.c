/* ms_attr.c — communicator attributes: keyvals with guest copy/delete
 * callbacks, and the predefined attributes.
 * hand-written: MPI_Comm_create_keyval, MPI_Keyval_create, MPI_Comm_free_keyval,
 *   MPI_Keyval_free, MPI_Comm_set_attr, MPI_Attr_put, MPI_Comm_get_attr,
 *   MPI_Attr_get, MPI_Comm_delete_attr, MPI_Attr_delete (the shim's keyval
 *   registry, guest callbacks through host trampolines, predefined
 *   attributes kept in guest memory)
 *
 * Each guest keyval is a host keyval whose extra_state is our record; the
 * host calls our copy/delete functions, which call the guest's through its
 * function table.  Attribute values are the guest's 32-bit pointer-sized
 * values, kept host-side as (void *)(uintptr_t)value.  MPI_COMM_NULL_COPY_FN,
 * MPI_COMM_DUP_FN and MPI_COMM_NULL_DELETE_FN (guest 0, 1, 0) are the host's
 * own functions: the guest is not called for them.
 *
 * Predefined attributes (MPI_TAG_UB...) are pointers to int: the int lives
 * in guest memory (one block from the guest's malloc, allocated at first
 * use) and is refreshed from the host's value, mapped, on every get. */
#include <stdio.h>
#include <stdlib.h>

#include "ms_comm.h"

/* Guest keyval ids: clear of MPI_KEYVAL_INVALID (0) and of the predefined
 * keys (501..507, 601..605). */
#define KEYVAL_BASE 0x1000

struct keyval {
  int host;
  int guest;
  uint32_t copy_fn, delete_fn, extra_state; /* guest values */
  bool freed;                               /* by the guest; the host may still call back */
};

/* Records are never freed: the host may call back with one as extra_state
 * until its last attribute is deleted. */
static struct keyval **keyvals;
static size_t nkeyvals, capkeyvals;

static struct keyval *keyval_get(int guest) {
  if (guest < KEYVAL_BASE || (size_t)(guest - KEYVAL_BASE) >= nkeyvals) return NULL;
  struct keyval *k = keyvals[guest - KEYVAL_BASE];
  return k->freed ? NULL : k;
}

/* Guest signatures of MPI_Comm_copy_attr_function and _delete_attr_function. */
static const char COPY_SIG[] = "iiiiii", DELETE_SIG[] = "iiii";

/* ---- host callbacks ---- */

static int copy_cb(MPI_Comm old, int hk, void *extra, void *in, void *out, int *flag) {
  struct keyval *k = extra;
  wasmso_vmctx *vm = ms_vm();
  *flag = 0;
  wasmso_funcref *f = vm ? ms_guest_func(vm, k->copy_fn, COPY_SIG, "i") : NULL;
  if (!f) return MPI_ERR_OTHER;
  /* attribute_val_out and flag are guest out-parameters: stage them. */
  ms_gaddr scratch = ms_guest_malloc(vm, 8);
  if (!scratch) return MPI_ERR_NO_MEM;
  ms_put_i32(vm, scratch, 0);
  ms_put_i32(vm, scratch + 4, 0);
  wasmso_value args[6] = {{.i32 = ms_cm_guest_handle(old)},
                          {.i32 = (uint32_t)k->guest},
                          {.i32 = k->extra_state},
                          {.i32 = (uint32_t)(uintptr_t)in},
                          {.i32 = scratch},
                          {.i32 = scratch + 4}};
  wasmso_value res[1];
  ms_guest_call(vm, f, args, res);
  int32_t value = 0, gflag = 0;
  ms_get_i32(vm, scratch, &value);
  ms_get_i32(vm, scratch + 4, &gflag);
  ms_guest_free(vm, scratch);
  if ((int32_t)res[0].i32 != 0) return ms_class_to_host((int32_t)res[0].i32);
  if (gflag) {
    *(void **)out = (void *)(uintptr_t)(uint32_t)value;
    *flag = 1;
  }
  return MPI_SUCCESS;
}

static int delete_cb(MPI_Comm comm, int hk, void *value, void *extra) {
  struct keyval *k = extra;
  wasmso_vmctx *vm = ms_vm();
  wasmso_funcref *f = vm ? ms_guest_func(vm, k->delete_fn, DELETE_SIG, "i") : NULL;
  if (!f) return MPI_ERR_OTHER;
  wasmso_value args[4] = {{.i32 = ms_cm_guest_handle(comm)},
                          {.i32 = (uint32_t)k->guest},
                          {.i32 = (uint32_t)(uintptr_t)value},
                          {.i32 = k->extra_state}};
  wasmso_value res[1];
  ms_guest_call(vm, f, args, res);
  return (int32_t)res[0].i32 == 0 ? MPI_SUCCESS : ms_class_to_host((int32_t)res[0].i32);
}

/* ---- keyvals ---- */

/* The ABI's MPI_COMM_DUP_FN is the function pointer 1, which wasm-ld gives
 * the guest's first address-taken function unless linked with
 * --table-base=2 (wasm-mpicc does).  If that slot holds a copy function,
 * the guest may have meant it: say so once (the ABI's meaning wins). */
static void warn_ambiguous_dup_fn(wasmso_vmctx *vm, const char *fn) {
  static bool warned;
  if (warned || !ms_guest_func(vm, ABI_DUP_FN, COPY_SIG, "i")) return;
  warned = true;
  fprintf(stderr,
          "wasmload: rank %d: warning: %s: copy function 1 is MPI_COMM_DUP_FN, but the "
          "guest's table also holds a copy function there (link with -Wl,--table-base=2); "
          "taken as MPI_COMM_DUP_FN\n",
          ms_world_rank(), fn);
}

static int32_t create_keyval(wasmso_vmctx *vm, uint32_t copy_fn, uint32_t delete_fn,
                             ms_gaddr keyval, uint32_t extra, const char *fn) {
  int32_t *out;
  int rc;
  if ((rc = ms_cm_int(vm, NULL, keyval, &out, fn, "keyval"))) return rc;
  MPI_Comm_copy_attr_function *hcopy = copy_cb;
  MPI_Comm_delete_attr_function *hdelete = delete_cb;
  if (copy_fn == ABI_NULL_COPY_FN) hcopy = MPI_COMM_NULL_COPY_FN;
  else if (copy_fn == ABI_DUP_FN) {
    hcopy = MPI_COMM_DUP_FN;
    warn_ambiguous_dup_fn(vm, fn);
  }
  else if (!ms_guest_func(vm, copy_fn, COPY_SIG, "i"))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn,
                    "copy function %u is no (i32 x6) -> i32 function of the guest's table",
                    copy_fn);
  if (delete_fn == ABI_NULL_DELETE_FN) hdelete = MPI_COMM_NULL_DELETE_FN;
  else if (!ms_guest_func(vm, delete_fn, DELETE_SIG, "i"))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn,
                    "delete function %u is no (i32 x4) -> i32 function of the guest's table",
                    delete_fn);
  if (nkeyvals == capkeyvals) {
    size_t cap = capkeyvals ? 2 * capkeyvals : 16;
    struct keyval **p = cap < (size_t)(INT32_MAX - KEYVAL_BASE)
                            ? realloc(keyvals, cap * sizeof *p) : NULL;
    if (!p) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no room for another keyval");
    keyvals = p;
    capkeyvals = cap;
  }
  struct keyval *k = calloc(1, sizeof *k);
  if (!k) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no room for another keyval");
  k->guest = KEYVAL_BASE + (int)nkeyvals;
  k->copy_fn = copy_fn;
  k->delete_fn = delete_fn;
  k->extra_state = extra;
  if ((rc = ms_check(vm, NULL, MPI_Comm_create_keyval(hcopy, hdelete, &k->host, k), fn))) {
    free(k);
    return rc;
  }
  keyvals[nkeyvals++] = k;
  *out = k->guest;
  return 0;
}

int32_t ms_MPI_Comm_create_keyval(wasmso_vmctx *vm, uint32_t copy_fn, uint32_t delete_fn, uint32_t keyval, uint32_t extra_state) {
  return create_keyval(vm, copy_fn, delete_fn, keyval, extra_state, "MPI_Comm_create_keyval");
}

int32_t ms_MPI_Keyval_create(wasmso_vmctx *vm, uint32_t copy_fn, uint32_t delete_fn, uint32_t keyval, uint32_t extra_state) {
  return create_keyval(vm, copy_fn, delete_fn, keyval, extra_state, "MPI_Keyval_create");
}

static int32_t free_keyval(wasmso_vmctx *vm, ms_gaddr keyval, const char *fn) {
  int32_t *p;
  int rc;
  if ((rc = ms_cm_int(vm, NULL, keyval, &p, fn, "keyval"))) return rc;
  struct keyval *k = keyval_get(*p);
  if (!k) return ms_raise(vm, NULL, ABI_ERR_KEYVAL, fn, "invalid keyval %d", *p);
  int host = k->host;
  if ((rc = ms_check(vm, NULL, MPI_Comm_free_keyval(&host), fn))) return rc;
  k->freed = true;
  *p = ABI_KEYVAL_INVALID;
  return 0;
}

int32_t ms_MPI_Comm_free_keyval(wasmso_vmctx *vm, uint32_t keyval) {
  MS_NO_REENTRY(vm, "MPI_Comm_free_keyval");
  return free_keyval(vm, keyval, "MPI_Comm_free_keyval");
}

int32_t ms_MPI_Keyval_free(wasmso_vmctx *vm, uint32_t keyval) {
  MS_NO_REENTRY(vm, "MPI_Keyval_free");
  return free_keyval(vm, keyval, "MPI_Keyval_free");
}

/* ---- predefined attributes ---- */

/* The guest's code space is not the host's: user codes live in the shim. */
static int last_used_code(int host_value) {
  (void)host_value;
  return ms_last_used_code();
}

static const struct {
  int guest, host;
  int (*map)(int);
} predefined[] = {
    {ABI_TAG_UB, MPI_TAG_UB, NULL},
    {ABI_IO, MPI_IO, ms_rank_out},
    {ABI_HOST, MPI_HOST, ms_rank_out},
    {ABI_WTIME_IS_GLOBAL, MPI_WTIME_IS_GLOBAL, NULL},
    {ABI_UNIVERSE_SIZE, MPI_UNIVERSE_SIZE, NULL},
    {ABI_APPNUM, MPI_APPNUM, NULL},
    {ABI_LASTUSEDCODE, MPI_LASTUSEDCODE, last_used_code},
};
#define NPREDEFINED (sizeof predefined / sizeof predefined[0])

static int predefined_index(int guest) {
  for (size_t i = 0; i < NPREDEFINED; i++)
    if (predefined[i].guest == guest) return (int)i;
  return -1;
}

/* The guest block holding the predefined attributes' ints. */
static ms_gaddr predefined_cells;

static int32_t get_predefined(wasmso_vmctx *vm, ms_comm *c, int i, int32_t *value,
                              int32_t *flag, const char *fn) {
  void *v = NULL;
  int f = 0, rc;
  if ((rc = ms_check(vm, c, MPI_Comm_get_attr(c->host, predefined[i].host, &v, &f), fn)))
    return rc;
  if (!f || !v) {
    *flag = 0;
    return 0;
  }
  if (!predefined_cells && !(predefined_cells = ms_guest_malloc(vm, 4 * NPREDEFINED)))
    return ms_raise(vm, c, ABI_ERR_NO_MEM, fn,
                    "no guest memory for predefined attribute values (does the guest export "
                    "malloc?)");
  int host = *(int *)v;
  ms_gaddr cell = predefined_cells + 4 * (uint32_t)i;
  if (ms_put_i32(vm, cell, predefined[i].map ? predefined[i].map(host) : host))
    return ms_raise(vm, c, ABI_ERR_INTERN, fn, "predefined attribute block outside memory");
  *value = (int32_t)cell;
  *flag = 1;
  return 0;
}

/* ---- attributes ---- */

/* The communicator and the user keyval of a set/delete call. */
static int attr_args(wasmso_vmctx *vm, ms_gh comm, int keyval, ms_comm **c,
                     struct keyval **k, const char *fn) {
  int rc;
  if ((rc = ms_cm_comm(vm, comm, c, fn))) return rc;
  if (!(*k = keyval_get(keyval)))
    return ms_raise(vm, *c, ABI_ERR_KEYVAL, fn, "%s keyval %d", predefined_index(keyval) >= 0
                    ? "cannot change predefined" : "invalid", keyval);
  return 0;
}

static int32_t set_attr(wasmso_vmctx *vm, ms_gh comm, int keyval, uint32_t value,
                        const char *fn) {
  ms_comm *c;
  struct keyval *k;
  int rc;
  if ((rc = attr_args(vm, comm, keyval, &c, &k, fn))) return rc;
  int hrc = MPI_Comm_set_attr(c->host, k->host, (void *)(uintptr_t)value);
  /* a delete callback ran guest code: look the communicator up again */
  return ms_check(vm, ms_obj_get(MS_COMM, comm), hrc, fn);
}

static int32_t delete_attr(wasmso_vmctx *vm, ms_gh comm, int keyval, const char *fn) {
  ms_comm *c;
  struct keyval *k;
  int rc;
  if ((rc = attr_args(vm, comm, keyval, &c, &k, fn))) return rc;
  int hrc = MPI_Comm_delete_attr(c->host, k->host);
  return ms_check(vm, ms_obj_get(MS_COMM, comm), hrc, fn);
}

static int32_t get_attr(wasmso_vmctx *vm, ms_gh comm, int keyval, ms_gaddr value,
                        ms_gaddr flag, const char *fn) {
  ms_comm *c;
  int32_t *pv, *pf, v = 0, f = 0;
  int rc, i;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, value, &pv, fn, "attribute_val")) ||
      (rc = ms_cm_int(vm, c, flag, &pf, fn, "flag")))
    return rc;
  struct keyval *k = keyval_get(keyval);
  if (k) {
    void *hv = NULL;
    int hf = 0;
    if ((rc = ms_check(vm, c, MPI_Comm_get_attr(c->host, k->host, &hv, &hf), fn))) return rc;
    v = (int32_t)(uint32_t)(uintptr_t)hv;
    f = hf != 0;
  } else if ((i = predefined_index(keyval)) >= 0) {
    if ((rc = get_predefined(vm, c, i, &v, &f, fn))) return rc;
  } else {
    return ms_raise(vm, c, ABI_ERR_KEYVAL, fn, "invalid keyval %d", keyval);
  }
  if (f) *pv = v;
  *pf = f;
  return 0;
}

int32_t ms_MPI_Comm_set_attr(wasmso_vmctx *vm, uint32_t comm, int32_t keyval, uint32_t value) {
  MS_NO_REENTRY(vm, "MPI_Comm_set_attr");
  return set_attr(vm, comm, keyval, value, "MPI_Comm_set_attr");
}
int32_t ms_MPI_Attr_put(wasmso_vmctx *vm, uint32_t comm, int32_t keyval, uint32_t value) {
  MS_NO_REENTRY(vm, "MPI_Attr_put");
  return set_attr(vm, comm, keyval, value, "MPI_Attr_put");
}
int32_t ms_MPI_Comm_get_attr(wasmso_vmctx *vm, uint32_t comm, int32_t keyval, uint32_t value, uint32_t flag) {
  return get_attr(vm, comm, keyval, value, flag, "MPI_Comm_get_attr");
}
int32_t ms_MPI_Attr_get(wasmso_vmctx *vm, uint32_t comm, int32_t keyval, uint32_t value, uint32_t flag) {
  return get_attr(vm, comm, keyval, value, flag, "MPI_Attr_get");
}
int32_t ms_MPI_Comm_delete_attr(wasmso_vmctx *vm, uint32_t comm, int32_t keyval) {
  MS_NO_REENTRY(vm, "MPI_Comm_delete_attr");
  return delete_attr(vm, comm, keyval, "MPI_Comm_delete_attr");
}
int32_t ms_MPI_Attr_delete(wasmso_vmctx *vm, uint32_t comm, int32_t keyval) {
  MS_NO_REENTRY(vm, "MPI_Attr_delete");
  return delete_attr(vm, comm, keyval, "MPI_Attr_delete");
}
