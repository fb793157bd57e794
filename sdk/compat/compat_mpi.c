/* compat_mpi.c — MPI functions that need no host: handle <-> integer
 * conversions (the ABI's toint/fromint and the Fortran c2f/f2c: a wasm32
 * handle is a 32-bit value, so the integer is the handle itself), status
 * conversions, address arithmetic and MPI_Pcontrol (no profiler is attached:
 * it does nothing, as the standard allows). */
#define MPI_WASM2SO_NO_IMPORTS 1
#include <mpi.h>
#include <string.h>

#define CONVERT(kind, type)                                                    \
  int MPI_##kind##_toint(type h) { return (int)(intptr_t)h; }                  \
  type MPI_##kind##_fromint(int i) { return (type)(intptr_t)i; }               \
  MPI_Fint MPI_##kind##_c2f(type h) { return (MPI_Fint)(intptr_t)h; }          \
  type MPI_##kind##_f2c(MPI_Fint i) { return (type)(intptr_t)i; }

CONVERT(Comm, MPI_Comm)
CONVERT(Errhandler, MPI_Errhandler)
CONVERT(File, MPI_File)
CONVERT(Group, MPI_Group)
CONVERT(Info, MPI_Info)
CONVERT(Message, MPI_Message)
CONVERT(Op, MPI_Op)
CONVERT(Request, MPI_Request)
CONVERT(Type, MPI_Datatype)
CONVERT(Win, MPI_Win)
#undef CONVERT
/* Sessions have no c2f/f2c in MPI-3.1, only the ABI's conversions. */
int MPI_Session_toint(MPI_Session h) { return (int)(intptr_t)h; }
MPI_Session MPI_Session_fromint(int i) { return (MPI_Session)(intptr_t)i; }

/* The ABI's MPI_Status is 8 ints, as is a Fortran status. */
int MPI_Status_c2f(const MPI_Status *c_status, MPI_Fint *f_status) {
  if (!c_status || !f_status) return MPI_ERR_ARG;
  memcpy(f_status, c_status, sizeof *c_status);
  return MPI_SUCCESS;
}
int MPI_Status_f2c(const MPI_Fint *f_status, MPI_Status *c_status) {
  if (!f_status || !c_status) return MPI_ERR_ARG;
  memcpy(c_status, f_status, sizeof *c_status);
  return MPI_SUCCESS;
}

/* Guest addresses are plain 32-bit numbers: MPI_Get_address gives them. */
MPI_Aint MPI_Aint_add(MPI_Aint base, MPI_Aint disp) {
  return (MPI_Aint)((uintptr_t)base + (uintptr_t)disp);
}
MPI_Aint MPI_Aint_diff(MPI_Aint addr1, MPI_Aint addr2) {
  return (MPI_Aint)((uintptr_t)addr1 - (uintptr_t)addr2);
}

int MPI_Pcontrol(const int level, ...) {
  (void)level;
  return MPI_SUCCESS;
}

int MPI_Abi_get_version(int *abi_major, int *abi_minor) {
  if (!abi_major || !abi_minor) return MPI_ERR_ARG;
  *abi_major = MPI_ABI_VERSION;
  *abi_minor = MPI_ABI_SUBVERSION;
  return MPI_SUCCESS;
}
