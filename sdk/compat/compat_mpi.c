/* compat_mpi.c — MPI functions that need no host, for those the shim does
 * not implement itself (MPI_WASM2SO_HAS_<name>, from the generated
 * mpi_imports.h): handle <-> integer conversions (the ABI's toint/fromint
 * and the Fortran c2f/f2c: a wasm32 handle is a 32-bit value, so the integer
 * is the handle itself), status conversions, address arithmetic, the ABI
 * version and MPI_Pcontrol (no profiler is attached: it does nothing, as the
 * standard allows). */
#define MPI_WASM2SO_NO_IMPORTS 1
#include <mpi.h>
#include <string.h>

#if !defined(MPI_WASM2SO_NUM_IMPORTS)
#error "mpi_imports.h (generated) must be on the include path"
#endif

#define TOINT(kind, type) int MPI_##kind##_toint(type h) { return (int)(intptr_t)h; }
#define FROMINT(kind, type) type MPI_##kind##_fromint(int i) { return (type)(intptr_t)i; }
#define C2F(kind, type) MPI_Fint MPI_##kind##_c2f(type h) { return (MPI_Fint)(intptr_t)h; }
#define F2C(kind, type) type MPI_##kind##_f2c(MPI_Fint i) { return (type)(intptr_t)i; }

/* One guarded definition per function (the preprocessor cannot build the
 * HAS_ name, hence the long list). */
#ifndef MPI_WASM2SO_HAS_MPI_Comm_toint
TOINT(Comm, MPI_Comm)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Comm_fromint
FROMINT(Comm, MPI_Comm)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Comm_c2f
C2F(Comm, MPI_Comm)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Comm_f2c
F2C(Comm, MPI_Comm)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Errhandler_toint
TOINT(Errhandler, MPI_Errhandler)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Errhandler_fromint
FROMINT(Errhandler, MPI_Errhandler)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Errhandler_c2f
C2F(Errhandler, MPI_Errhandler)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Errhandler_f2c
F2C(Errhandler, MPI_Errhandler)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_File_toint
TOINT(File, MPI_File)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_File_fromint
FROMINT(File, MPI_File)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_File_c2f
C2F(File, MPI_File)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_File_f2c
F2C(File, MPI_File)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Group_toint
TOINT(Group, MPI_Group)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Group_fromint
FROMINT(Group, MPI_Group)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Group_c2f
C2F(Group, MPI_Group)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Group_f2c
F2C(Group, MPI_Group)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Info_toint
TOINT(Info, MPI_Info)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Info_fromint
FROMINT(Info, MPI_Info)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Info_c2f
C2F(Info, MPI_Info)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Info_f2c
F2C(Info, MPI_Info)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Message_toint
TOINT(Message, MPI_Message)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Message_fromint
FROMINT(Message, MPI_Message)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Message_c2f
C2F(Message, MPI_Message)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Message_f2c
F2C(Message, MPI_Message)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Op_toint
TOINT(Op, MPI_Op)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Op_fromint
FROMINT(Op, MPI_Op)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Op_c2f
C2F(Op, MPI_Op)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Op_f2c
F2C(Op, MPI_Op)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Request_toint
TOINT(Request, MPI_Request)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Request_fromint
FROMINT(Request, MPI_Request)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Request_c2f
C2F(Request, MPI_Request)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Request_f2c
F2C(Request, MPI_Request)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Type_toint
TOINT(Type, MPI_Datatype)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Type_fromint
FROMINT(Type, MPI_Datatype)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Type_c2f
C2F(Type, MPI_Datatype)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Type_f2c
F2C(Type, MPI_Datatype)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Win_toint
TOINT(Win, MPI_Win)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Win_fromint
FROMINT(Win, MPI_Win)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Win_c2f
C2F(Win, MPI_Win)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Win_f2c
F2C(Win, MPI_Win)
#endif
/* Sessions have no c2f/f2c in MPI-3.1, only the ABI's conversions. */
#ifndef MPI_WASM2SO_HAS_MPI_Session_toint
TOINT(Session, MPI_Session)
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Session_fromint
FROMINT(Session, MPI_Session)
#endif

/* The ABI's MPI_Status is 8 ints, as is a Fortran status. */
#ifndef MPI_WASM2SO_HAS_MPI_Status_c2f
int MPI_Status_c2f(const MPI_Status *c_status, MPI_Fint *f_status) {
  if (!c_status || !f_status) return MPI_ERR_ARG;
  memcpy(f_status, c_status, sizeof *c_status);
  return MPI_SUCCESS;
}
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Status_f2c
int MPI_Status_f2c(const MPI_Fint *f_status, MPI_Status *c_status) {
  if (!f_status || !c_status) return MPI_ERR_ARG;
  memcpy(c_status, f_status, sizeof *c_status);
  return MPI_SUCCESS;
}
#endif

/* Guest addresses are plain 32-bit numbers (MPI_Get_address gives them). */
#ifndef MPI_WASM2SO_HAS_MPI_Aint_add
MPI_Aint MPI_Aint_add(MPI_Aint base, MPI_Aint disp) {
  return (MPI_Aint)((uintptr_t)base + (uintptr_t)disp);
}
#endif
#ifndef MPI_WASM2SO_HAS_MPI_Aint_diff
MPI_Aint MPI_Aint_diff(MPI_Aint addr1, MPI_Aint addr2) {
  return (MPI_Aint)((uintptr_t)addr1 - (uintptr_t)addr2);
}
#endif

#ifndef MPI_WASM2SO_HAS_MPI_Pcontrol
int MPI_Pcontrol(const int level, ...) {
  (void)level;
  return MPI_SUCCESS;
}
#endif

#ifndef MPI_WASM2SO_HAS_MPI_Abi_get_version
int MPI_Abi_get_version(int *abi_major, int *abi_minor) {
  if (!abi_major || !abi_minor) return MPI_ERR_ARG;
  *abi_major = MPI_ABI_VERSION;
  *abi_minor = MPI_ABI_SUBVERSION;
  return MPI_SUCCESS;
}
#endif
