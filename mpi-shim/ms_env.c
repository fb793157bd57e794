/* ms_env.c — start, stop, versions, Alloc_mem (the other queries are
 * generated from mpi-api.tab).
 * hand-written: MPI_Init, MPI_Init_thread, MPI_Finalize, MPI_Abort (the
 *   shim's own start and stop)
 * hand-written: MPI_Initialized, MPI_Finalized (the shim's state, no host call)
 * hand-written: MPI_Get_library_version (the shim's text around the host's)
 * hand-written: MPI_Abi_get_version (the ABI's constants, no host call)
 * hand-written: MPI_Pcontrol (varargs; does nothing)
 * hand-written: MPI_Alloc_mem, MPI_Free_mem (the guest's heap, no host call) */
#include <stdio.h>

#include <stdlib.h>

#include "ms_core.h"
#include "ms_env.h"
#include "ms_fast.h"


/* MPI_Init's argc/argv pointers may be 0 (the usual MPI_Init(NULL, NULL));
 * otherwise they must point into guest memory.  The host never sees them:
 * wasmload already gave the guest its argv through WASI. */
static int check_args(vmx *vm, uint32_t argc, uint32_t argv) {
  if ((argc && !ms_ptr(vm, argc, 4)) || (argv && !ms_ptr(vm, argv, 4))) return ABI_ERR_ARG;
  return 0;
}

static int start(vmx *vm, const char *fn, int required, int *provided) {
  if (ms_initialized())
    return ms_raise(vm, NULL, ABI_ERR_OTHER, fn, "MPI is already %s", ms_finalized() ? "finalized" : "initialized");
  ms_predef_init();
  /* The shim leaves some argument checks (roots, ranks) to the host: keep
   * Open MPI's parameter checking on whatever the environment says. */
  setenv("OMPI_MCA_mpi_param_check", "1", 1);
  int rc = required < 0 ? MPI_Init(NULL, NULL) : MPI_Init_thread(NULL, NULL, required, provided);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  /* Errors come back to the shim, which applies the guest's handler. */
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  ms_state_set_init(vm, rank);
  rc = ms_predef_init_host();
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, NULL, rc, fn);
}

int32_t ms_MPI_Init(vmx *vm, uint32_t argc, uint32_t argv) {
  int cls = check_args(vm, argc, argv);
  if (cls) return ms_raise(vm, NULL, cls, "MPI_Init", "argc or argv points outside the program's memory");
  return start(vm, "MPI_Init", -1, NULL);
}

int32_t ms_MPI_Init_thread(vmx *vm, uint32_t argc, uint32_t argv, int32_t required, uint32_t provided) {
  const char *fn = "MPI_Init_thread";
  int host_req, host_prov = MPI_THREAD_SINGLE;
  if (check_args(vm, argc, argv))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "argc or argv points outside the program's memory");
  if (ms_thread_level_in((int32_t)required, &host_req))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "%d is no thread level", (int32_t)required);
  if (!ms_ptr(vm, provided, 4))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "provided points outside the program's memory");
  int cls = start(vm, fn, host_req, &host_prov);
  if (cls) return cls;
  return ms_put_i32(vm, provided, ms_thread_level_out(host_prov));
}

int32_t ms_MPI_Initialized(vmx *vm, uint32_t flag) {
  if (ms_put_i32(vm, flag, ms_initialized()))
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Initialized", "flag points outside the program's memory");
  return 0;
}

int32_t ms_MPI_Finalized(vmx *vm, uint32_t flag) {
  if (ms_put_i32(vm, flag, ms_finalized()))
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Finalized", "flag points outside the program's memory");
  return 0;
}

int32_t ms_MPI_Finalize(vmx *vm) {
  MS_NO_REENTRY(vm, "MPI_Finalize");
  if (!ms_initialized() || ms_finalized())
    return ms_raise(vm, NULL, ABI_ERR_OTHER, "MPI_Finalize", "MPI is %s", ms_finalized() ? "already finalized" : "not initialized");
  fflush(stdout);
  ms_orphans_finalize();
  ms_comm_forget_all(); /* from now on the host answers (and refuses) MPI_Comm_rank/size */
  int rc = MPI_Finalize();
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, "MPI_Finalize");
  ms_state_set_finalized();
  return 0;
}

int32_t ms_MPI_Abort(vmx *vm, uint32_t comm, int32_t code) {
  ms_comm *c;
  if (ms_comm_get(comm, &c)) c = ms_comm_world(); /* abort anyway: the program asked to stop */
  fflush(stdout);
  fflush(stderr);
  if (!ms_initialized() || ms_finalized()) ms_die((int)code);
  return ms_check(vm, c, MPI_Abort(c->host, (int)code), "MPI_Abort");
}


int32_t ms_MPI_Get_library_version(vmx *vm, uint32_t version, uint32_t len) {
  char host[MPI_MAX_LIBRARY_VERSION_STRING + 1] = "";
  char text[MPI_MAX_LIBRARY_VERSION_STRING + 128];
  int n = 0;
  MPI_Get_library_version(host, &n);
  host[n < 0 ? 0 : n > MPI_MAX_LIBRARY_VERSION_STRING ? MPI_MAX_LIBRARY_VERSION_STRING : n] = 0;
  snprintf(text, sizeof text, "wasm2so MPI shim (MPI ABI %d.%d, wasm32) over %s", ABI_VERSION_MAJOR,
           ABI_VERSION_MINOR, host);
  if (!ms_ptr(vm, len, 4) || ms_str_out(vm, version, text, ABI_MAX_LIBRARY_VERSION_STRING, &n))
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Get_library_version", "version or resultlen points outside the program's memory");
  return ms_put_i32(vm, len, n);
}

int32_t ms_MPI_Abi_get_version(vmx *vm, uint32_t major, uint32_t minor) {
  if (!ms_ptr(vm, major, 4) || !ms_ptr(vm, minor, 4))
    return ms_raise(vm, NULL, ABI_ERR_ARG, "MPI_Abi_get_version", "an output points outside the program's memory");
  ms_put_i32(vm, major, ABI_VERSION_MAJOR);
  return ms_put_i32(vm, minor, ABI_VERSION_MINOR);
}

/* MPI_Pcontrol(level, ...): profiling control; no profiler here, so it
 * does nothing, as the standard allows. */
int32_t ms_MPI_Pcontrol(vmx *vm, int32_t level, uint32_t varargs) {
  (void)vm, (void)level, (void)varargs;
  return 0;
}

/* From the guest heap: the memory must be addressable by the guest. */
int32_t ms_MPI_Alloc_mem(vmx *vm, int32_t size, uint32_t info, uint32_t baseptr) {
  const char *fn = "MPI_Alloc_mem";
  MPI_Info hi;
  if ((int32_t)size < 0) return ms_raise(vm, NULL, ABI_ERR_SIZE, fn, "negative size %d", (int32_t)size);
  if (ms_info_get(info, &hi)) return ms_raise(vm, NULL, ABI_ERR_INFO, fn, "invalid info handle 0x%x", info);
  if (!ms_ptr(vm, baseptr, 4)) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "baseptr points outside the program's memory");
  if (!ms_guest_has_heap(vm))
    return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "the program exports no malloc/free (build it with wasm-mpicc)");
  ms_gaddr p = ms_guest_malloc(vm, size ? size : 1);
  if (!p) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "cannot allocate %u bytes", size);
  return ms_put_i32(vm, baseptr, (int32_t)p);
}

int32_t ms_MPI_Free_mem(vmx *vm, uint32_t base) {
  if (base && !ms_in_mem(vm, base, 1))
    return ms_raise(vm, NULL, ABI_ERR_BASE, "MPI_Free_mem", "0x%x is no address in the program's memory", base);
  ms_guest_free(vm, base);
  return 0;
}
