/* ms_op_tramp.c — user reduction ops (MPI_Op_create) run guest code.  Host
 * MPI calls a host function with host pointers that may lie outside guest
 * memory (Open MPI's own temporary buffers), so each user op is bound to one
 * of a fixed pool of host trampolines; the trampoline knows its slot, hence
 * the guest function, and stages operands that lie outside guest memory
 * through a guest scratch block (from the guest's malloc, kept and grown).
 * len and the datatype handle always go through the scratch block. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ms_coll.h"
#include "ms_p2p.h"

#define MS_OP_SLOTS 32

static struct slot {
  bool used;
  wasmso_funcref *f;
  MPI_Datatype last_ht; /* the host type of the last call that used this op */
  ms_gh last_gt;        /* ... and the guest type the guest passed there */
} slots[MS_OP_SLOTS];
static unsigned next_slot;

static ms_gaddr scratch; /* reused between calls */
static uint32_t scratch_cap;
static int depth; /* > 0 while a callback runs (nested ops get their own block) */

/* Nothing sensible can be returned through the host's reduction: end the job. */
static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "wasmload: rank %d: user reduction op: ", ms_world_rank());
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  MPI_Abort(MPI_COMM_WORLD, 1);
  _exit(1);
}

/* If [p + lo, p + hi) lies in guest memory, its guest address for p. */
static bool in_guest(const wasmso_vmctx *vm, const void *p, __int128 lo, __int128 hi, ms_gaddr *g) {
  __int128 off = (__int128)(uintptr_t)p - (__int128)(uintptr_t)vm->mem_base;
  if (off + lo < 0 || off + hi > (__int128)ms_memsize(vm) || off < 0 || off > UINT32_MAX)
    return false;
  *g = (ms_gaddr)off;
  return true;
}

static uint32_t round16(uint64_t n) { return (uint32_t)((n + 15) & ~(uint64_t)15); }

static void run(int s, void *in, void *inout, int *lenp, MPI_Datatype *dtp) {
  wasmso_vmctx *vm = ms_vm();
  struct slot *sl = &slots[s];
  /* A freed op's slot keeps its function until rebound: host operations
   * started before MPI_Op_free may still call it (as the standard allows). */
  if (!vm || !sl->f) die("trampoline %d called but no op is bound to it", s);
  int len = *lenp;
  MPI_Datatype dt = *dtp;
  ms_gh gt = dt == sl->last_ht && sl->last_gt ? sl->last_gt : ms_type_from_host(dt);
  if (!gt) die("called on a host datatype the guest has no handle for");
  /* The operands' footprint relative to the element-0 pointer. */
  MPI_Aint lb, ext, tlb, text;
  if (MPI_Type_get_extent(dt, &lb, &ext) != MPI_SUCCESS ||
      MPI_Type_get_true_extent(dt, &tlb, &text) != MPI_SUCCESS)
    die("cannot query the datatype's extent");
  __int128 lo = 0, hi = 0;
  if (len > 0) {
    __int128 span = (__int128)(len - 1) * ext;
    lo = tlb + (span < 0 ? span : 0);
    hi = tlb + (span > 0 ? span : 0) + text;
  }
  if (hi - lo > (__int128)1 << 31) die("operands of %d elements are too large to stage", len);
  uint32_t bytes = (uint32_t)(hi - lo);
  ms_gaddr gin = 0, gio = 0;
  bool st_in = !in_guest(vm, in, lo, hi, &gin), st_io = !in_guest(vm, inout, lo, hi, &gio);
  uint32_t need = 16 + (st_in ? round16(bytes) : 0) + (st_io ? round16(bytes) : 0);

  ms_gaddr blk;
  if (depth > 0 || need > scratch_cap) {
    if (depth == 0 && scratch) {
      ms_guest_free(vm, scratch);
      scratch = 0;
      scratch_cap = 0;
    }
    uint32_t cap = depth > 0 ? need : (need < 4096 ? 4096 : need);
    blk = ms_guest_malloc(vm, cap);
    if (!blk || !ms_ptr(vm, blk, cap))
      die("the guest's malloc gave no valid block of %u bytes for the operands", cap);
    if (depth == 0) {
      scratch = blk;
      scratch_cap = cap;
    }
  } else {
    blk = scratch;
  }
  uint8_t *h = ms_ptr(vm, blk, need);
  int32_t len32 = len;
  uint32_t gt32 = gt;
  memcpy(h, &len32, 4);
  memcpy(h + 4, &gt32, 4);
  uint32_t at = 16;
  if (st_in) { /* guest pointer such that pointer + lo is the staged copy */
    memcpy(h + at, (uint8_t *)in + (ptrdiff_t)lo, bytes);
    gin = (ms_gaddr)(blk + at - (uint32_t)(int64_t)lo);
    at += round16(bytes);
  }
  uint8_t *io_copy = h + at;
  if (st_io) {
    memcpy(io_copy, (uint8_t *)inout + (ptrdiff_t)lo, bytes);
    gio = (ms_gaddr)(blk + at - (uint32_t)(int64_t)lo);
  }
  wasmso_value args[4];
  memset(args, 0, sizeof args);
  args[0].i32 = gin;
  args[1].i32 = gio;
  args[2].i32 = blk;
  args[3].i32 = blk + 4;
  depth++;
  ms_guest_call(vm, sl->f, args, NULL);
  depth--;
  if (st_io) memcpy((uint8_t *)inout + (ptrdiff_t)lo, io_copy, bytes);
  if (blk != scratch) ms_guest_free(vm, blk);
}

/* One trampoline per slot. */
#define MS_SLOT_LIST(X)                                                                            \
  X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)            \
  X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
#define MS_TRAMP(n)                                                                                \
  static void tramp_##n(void *in, void *inout, int *len, MPI_Datatype *dt) {                       \
    run(n, in, inout, len, dt);                                                                    \
  }
MS_SLOT_LIST(MS_TRAMP)
#define MS_TRAMP_REF(n) tramp_##n,
static MPI_User_function *const tramps[MS_OP_SLOTS] = {MS_SLOT_LIST(MS_TRAMP_REF)};

int ms_op_slot_bind(wasmso_funcref *f, MPI_User_function **host_fn) {
  /* Round robin: a freed slot is reused as late as possible. */
  for (unsigned i = 0; i < MS_OP_SLOTS; i++) {
    unsigned s = (next_slot + i) % MS_OP_SLOTS;
    if (!slots[s].used) {
      slots[s] = (struct slot){.used = true, .f = f};
      next_slot = (s + 1) % MS_OP_SLOTS;
      *host_fn = tramps[s];
      return (int)s;
    }
  }
  return -1;
}

void ms_op_slot_release(int slot) {
  if (slot >= 0 && slot < MS_OP_SLOTS) slots[slot].used = false;
}

void ms_op_slot_note_type(int slot, MPI_Datatype ht, ms_gh guest_type) {
  if (slot >= 0 && slot < MS_OP_SLOTS) {
    slots[slot].last_ht = ht;
    slots[slot].last_gt = guest_type;
  }
}

int ms_op_slots(void) { return MS_OP_SLOTS; }
