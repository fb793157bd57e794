/* ms_errclass.c — every error class of the guest ABI with its host
 * counterpart (by name; -1 where the host has none) and its text. */
#include "ms_errclass.h"

#define C(n, text) {ABI_##n, MPI_##n, "MPI_" #n, text},
#define GUEST_ONLY(n, text) {ABI_##n, -1, "MPI_" #n, text},
const struct ms_errclass ms_errclasses[] = {
#ifdef MPI_ERR_BUFFER
  C(ERR_BUFFER, "invalid buffer pointer")
#else
  GUEST_ONLY(ERR_BUFFER, "invalid buffer pointer")
#endif
#ifdef MPI_ERR_COUNT
  C(ERR_COUNT, "invalid count argument")
#else
  GUEST_ONLY(ERR_COUNT, "invalid count argument")
#endif
#ifdef MPI_ERR_TYPE
  C(ERR_TYPE, "invalid datatype")
#else
  GUEST_ONLY(ERR_TYPE, "invalid datatype")
#endif
#ifdef MPI_ERR_TAG
  C(ERR_TAG, "invalid tag argument")
#else
  GUEST_ONLY(ERR_TAG, "invalid tag argument")
#endif
#ifdef MPI_ERR_COMM
  C(ERR_COMM, "invalid communicator")
#else
  GUEST_ONLY(ERR_COMM, "invalid communicator")
#endif
#ifdef MPI_ERR_RANK
  C(ERR_RANK, "invalid rank")
#else
  GUEST_ONLY(ERR_RANK, "invalid rank")
#endif
#ifdef MPI_ERR_REQUEST
  C(ERR_REQUEST, "invalid request")
#else
  GUEST_ONLY(ERR_REQUEST, "invalid request")
#endif
#ifdef MPI_ERR_ROOT
  C(ERR_ROOT, "invalid root")
#else
  GUEST_ONLY(ERR_ROOT, "invalid root")
#endif
#ifdef MPI_ERR_GROUP
  C(ERR_GROUP, "invalid group")
#else
  GUEST_ONLY(ERR_GROUP, "invalid group")
#endif
#ifdef MPI_ERR_OP
  C(ERR_OP, "invalid reduce operation")
#else
  GUEST_ONLY(ERR_OP, "invalid reduce operation")
#endif
#ifdef MPI_ERR_TOPOLOGY
  C(ERR_TOPOLOGY, "invalid communicator topology")
#else
  GUEST_ONLY(ERR_TOPOLOGY, "invalid communicator topology")
#endif
#ifdef MPI_ERR_DIMS
  C(ERR_DIMS, "invalid dimension argument")
#else
  GUEST_ONLY(ERR_DIMS, "invalid dimension argument")
#endif
#ifdef MPI_ERR_ARG
  C(ERR_ARG, "invalid argument")
#else
  GUEST_ONLY(ERR_ARG, "invalid argument")
#endif
#ifdef MPI_ERR_UNKNOWN
  C(ERR_UNKNOWN, "unknown error")
#else
  GUEST_ONLY(ERR_UNKNOWN, "unknown error")
#endif
#ifdef MPI_ERR_TRUNCATE
  C(ERR_TRUNCATE, "message truncated")
#else
  GUEST_ONLY(ERR_TRUNCATE, "message truncated")
#endif
#ifdef MPI_ERR_OTHER
  C(ERR_OTHER, "other error")
#else
  GUEST_ONLY(ERR_OTHER, "other error")
#endif
#ifdef MPI_ERR_INTERN
  C(ERR_INTERN, "internal error")
#else
  GUEST_ONLY(ERR_INTERN, "internal error")
#endif
#ifdef MPI_ERR_PENDING
  C(ERR_PENDING, "pending request")
#else
  GUEST_ONLY(ERR_PENDING, "pending request")
#endif
#ifdef MPI_ERR_IN_STATUS
  C(ERR_IN_STATUS, "error code in status")
#else
  GUEST_ONLY(ERR_IN_STATUS, "error code in status")
#endif
#ifdef MPI_ERR_ACCESS
  C(ERR_ACCESS, "permission denied")
#else
  GUEST_ONLY(ERR_ACCESS, "permission denied")
#endif
#ifdef MPI_ERR_AMODE
  C(ERR_AMODE, "invalid file access mode")
#else
  GUEST_ONLY(ERR_AMODE, "invalid file access mode")
#endif
#ifdef MPI_ERR_ASSERT
  C(ERR_ASSERT, "invalid assert argument")
#else
  GUEST_ONLY(ERR_ASSERT, "invalid assert argument")
#endif
#ifdef MPI_ERR_BAD_FILE
  C(ERR_BAD_FILE, "invalid file name")
#else
  GUEST_ONLY(ERR_BAD_FILE, "invalid file name")
#endif
#ifdef MPI_ERR_BASE
  C(ERR_BASE, "invalid base address")
#else
  GUEST_ONLY(ERR_BASE, "invalid base address")
#endif
#ifdef MPI_ERR_CONVERSION
  C(ERR_CONVERSION, "data conversion failed")
#else
  GUEST_ONLY(ERR_CONVERSION, "data conversion failed")
#endif
#ifdef MPI_ERR_DISP
  C(ERR_DISP, "invalid displacement")
#else
  GUEST_ONLY(ERR_DISP, "invalid displacement")
#endif
#ifdef MPI_ERR_DUP_DATAREP
  C(ERR_DUP_DATAREP, "data representation already defined")
#else
  GUEST_ONLY(ERR_DUP_DATAREP, "data representation already defined")
#endif
#ifdef MPI_ERR_FILE_EXISTS
  C(ERR_FILE_EXISTS, "file exists")
#else
  GUEST_ONLY(ERR_FILE_EXISTS, "file exists")
#endif
#ifdef MPI_ERR_FILE_IN_USE
  C(ERR_FILE_IN_USE, "file in use")
#else
  GUEST_ONLY(ERR_FILE_IN_USE, "file in use")
#endif
#ifdef MPI_ERR_FILE
  C(ERR_FILE, "invalid file handle")
#else
  GUEST_ONLY(ERR_FILE, "invalid file handle")
#endif
#ifdef MPI_ERR_INFO_KEY
  C(ERR_INFO_KEY, "info key too long")
#else
  GUEST_ONLY(ERR_INFO_KEY, "info key too long")
#endif
#ifdef MPI_ERR_INFO_NOKEY
  C(ERR_INFO_NOKEY, "info key not defined")
#else
  GUEST_ONLY(ERR_INFO_NOKEY, "info key not defined")
#endif
#ifdef MPI_ERR_INFO_VALUE
  C(ERR_INFO_VALUE, "info value too long")
#else
  GUEST_ONLY(ERR_INFO_VALUE, "info value too long")
#endif
#ifdef MPI_ERR_INFO
  C(ERR_INFO, "invalid info object")
#else
  GUEST_ONLY(ERR_INFO, "invalid info object")
#endif
#ifdef MPI_ERR_IO
  C(ERR_IO, "I/O error")
#else
  GUEST_ONLY(ERR_IO, "I/O error")
#endif
#ifdef MPI_ERR_KEYVAL
  C(ERR_KEYVAL, "invalid attribute key")
#else
  GUEST_ONLY(ERR_KEYVAL, "invalid attribute key")
#endif
#ifdef MPI_ERR_LOCKTYPE
  C(ERR_LOCKTYPE, "invalid lock type")
#else
  GUEST_ONLY(ERR_LOCKTYPE, "invalid lock type")
#endif
#ifdef MPI_ERR_NAME
  C(ERR_NAME, "service name not published")
#else
  GUEST_ONLY(ERR_NAME, "service name not published")
#endif
#ifdef MPI_ERR_NO_MEM
  C(ERR_NO_MEM, "out of memory")
#else
  GUEST_ONLY(ERR_NO_MEM, "out of memory")
#endif
#ifdef MPI_ERR_NOT_SAME
  C(ERR_NOT_SAME, "arguments differ between processes")
#else
  GUEST_ONLY(ERR_NOT_SAME, "arguments differ between processes")
#endif
#ifdef MPI_ERR_NO_SPACE
  C(ERR_NO_SPACE, "no space left")
#else
  GUEST_ONLY(ERR_NO_SPACE, "no space left")
#endif
#ifdef MPI_ERR_NO_SUCH_FILE
  C(ERR_NO_SUCH_FILE, "no such file")
#else
  GUEST_ONLY(ERR_NO_SUCH_FILE, "no such file")
#endif
#ifdef MPI_ERR_PORT
  C(ERR_PORT, "invalid port name")
#else
  GUEST_ONLY(ERR_PORT, "invalid port name")
#endif
#ifdef MPI_ERR_QUOTA
  C(ERR_QUOTA, "quota exceeded")
#else
  GUEST_ONLY(ERR_QUOTA, "quota exceeded")
#endif
#ifdef MPI_ERR_READ_ONLY
  C(ERR_READ_ONLY, "read-only file")
#else
  GUEST_ONLY(ERR_READ_ONLY, "read-only file")
#endif
#ifdef MPI_ERR_RMA_ATTACH
  C(ERR_RMA_ATTACH, "memory cannot be attached")
#else
  GUEST_ONLY(ERR_RMA_ATTACH, "memory cannot be attached")
#endif
#ifdef MPI_ERR_RMA_CONFLICT
  C(ERR_RMA_CONFLICT, "conflicting window accesses")
#else
  GUEST_ONLY(ERR_RMA_CONFLICT, "conflicting window accesses")
#endif
#ifdef MPI_ERR_RMA_RANGE
  C(ERR_RMA_RANGE, "target memory outside the window")
#else
  GUEST_ONLY(ERR_RMA_RANGE, "target memory outside the window")
#endif
#ifdef MPI_ERR_RMA_SHARED
  C(ERR_RMA_SHARED, "memory cannot be shared")
#else
  GUEST_ONLY(ERR_RMA_SHARED, "memory cannot be shared")
#endif
#ifdef MPI_ERR_RMA_SYNC
  C(ERR_RMA_SYNC, "wrong window synchronisation")
#else
  GUEST_ONLY(ERR_RMA_SYNC, "wrong window synchronisation")
#endif
#ifdef MPI_ERR_SERVICE
  C(ERR_SERVICE, "invalid service name")
#else
  GUEST_ONLY(ERR_SERVICE, "invalid service name")
#endif
#ifdef MPI_ERR_SIZE
  C(ERR_SIZE, "invalid size")
#else
  GUEST_ONLY(ERR_SIZE, "invalid size")
#endif
#ifdef MPI_ERR_SPAWN
  C(ERR_SPAWN, "spawn failed")
#else
  GUEST_ONLY(ERR_SPAWN, "spawn failed")
#endif
#ifdef MPI_ERR_UNSUPPORTED_DATAREP
  C(ERR_UNSUPPORTED_DATAREP, "unsupported data representation")
#else
  GUEST_ONLY(ERR_UNSUPPORTED_DATAREP, "unsupported data representation")
#endif
#ifdef MPI_ERR_UNSUPPORTED_OPERATION
  C(ERR_UNSUPPORTED_OPERATION, "unsupported operation")
#else
  GUEST_ONLY(ERR_UNSUPPORTED_OPERATION, "unsupported operation")
#endif
#ifdef MPI_ERR_WIN
  C(ERR_WIN, "invalid window")
#else
  GUEST_ONLY(ERR_WIN, "invalid window")
#endif
#ifdef MPI_ERR_RMA_FLAVOR
  C(ERR_RMA_FLAVOR, "wrong window flavor")
#else
  GUEST_ONLY(ERR_RMA_FLAVOR, "wrong window flavor")
#endif
#ifdef MPI_ERR_PROC_ABORTED
  C(ERR_PROC_ABORTED, "peer process aborted")
#else
  GUEST_ONLY(ERR_PROC_ABORTED, "peer process aborted")
#endif
#ifdef MPI_ERR_VALUE_TOO_LARGE
  C(ERR_VALUE_TOO_LARGE, "value too large for its output")
#else
  GUEST_ONLY(ERR_VALUE_TOO_LARGE, "value too large for its output")
#endif
#ifdef MPI_ERR_SESSION
  C(ERR_SESSION, "invalid session")
#else
  GUEST_ONLY(ERR_SESSION, "invalid session")
#endif
#ifdef MPI_ERR_ERRHANDLER
  C(ERR_ERRHANDLER, "invalid error handler")
#else
  GUEST_ONLY(ERR_ERRHANDLER, "invalid error handler")
#endif
#ifdef MPI_T_ERR_CANNOT_INIT
  C(T_ERR_CANNOT_INIT, "tool interface: cannot init")
#else
  GUEST_ONLY(T_ERR_CANNOT_INIT, "tool interface: cannot init")
#endif
#ifdef MPI_T_ERR_NOT_ACCESSIBLE
  C(T_ERR_NOT_ACCESSIBLE, "tool interface: not accessible")
#else
  GUEST_ONLY(T_ERR_NOT_ACCESSIBLE, "tool interface: not accessible")
#endif
#ifdef MPI_T_ERR_NOT_INITIALIZED
  C(T_ERR_NOT_INITIALIZED, "tool interface: not initialized")
#else
  GUEST_ONLY(T_ERR_NOT_INITIALIZED, "tool interface: not initialized")
#endif
#ifdef MPI_T_ERR_NOT_SUPPORTED
  C(T_ERR_NOT_SUPPORTED, "tool interface: not supported")
#else
  GUEST_ONLY(T_ERR_NOT_SUPPORTED, "tool interface: not supported")
#endif
#ifdef MPI_T_ERR_MEMORY
  C(T_ERR_MEMORY, "tool interface: memory")
#else
  GUEST_ONLY(T_ERR_MEMORY, "tool interface: memory")
#endif
#ifdef MPI_T_ERR_INVALID
  C(T_ERR_INVALID, "tool interface: invalid")
#else
  GUEST_ONLY(T_ERR_INVALID, "tool interface: invalid")
#endif
#ifdef MPI_T_ERR_INVALID_INDEX
  C(T_ERR_INVALID_INDEX, "tool interface: invalid index")
#else
  GUEST_ONLY(T_ERR_INVALID_INDEX, "tool interface: invalid index")
#endif
#ifdef MPI_T_ERR_INVALID_ITEM
  C(T_ERR_INVALID_ITEM, "tool interface: invalid item")
#else
  GUEST_ONLY(T_ERR_INVALID_ITEM, "tool interface: invalid item")
#endif
#ifdef MPI_T_ERR_INVALID_SESSION
  C(T_ERR_INVALID_SESSION, "tool interface: invalid session")
#else
  GUEST_ONLY(T_ERR_INVALID_SESSION, "tool interface: invalid session")
#endif
#ifdef MPI_T_ERR_INVALID_HANDLE
  C(T_ERR_INVALID_HANDLE, "tool interface: invalid handle")
#else
  GUEST_ONLY(T_ERR_INVALID_HANDLE, "tool interface: invalid handle")
#endif
#ifdef MPI_T_ERR_INVALID_NAME
  C(T_ERR_INVALID_NAME, "tool interface: invalid name")
#else
  GUEST_ONLY(T_ERR_INVALID_NAME, "tool interface: invalid name")
#endif
#ifdef MPI_T_ERR_OUT_OF_HANDLES
  C(T_ERR_OUT_OF_HANDLES, "tool interface: out of handles")
#else
  GUEST_ONLY(T_ERR_OUT_OF_HANDLES, "tool interface: out of handles")
#endif
#ifdef MPI_T_ERR_OUT_OF_SESSIONS
  C(T_ERR_OUT_OF_SESSIONS, "tool interface: out of sessions")
#else
  GUEST_ONLY(T_ERR_OUT_OF_SESSIONS, "tool interface: out of sessions")
#endif
#ifdef MPI_T_ERR_CVAR_SET_NOT_NOW
  C(T_ERR_CVAR_SET_NOT_NOW, "tool interface: cvar set not now")
#else
  GUEST_ONLY(T_ERR_CVAR_SET_NOT_NOW, "tool interface: cvar set not now")
#endif
#ifdef MPI_T_ERR_CVAR_SET_NEVER
  C(T_ERR_CVAR_SET_NEVER, "tool interface: cvar set never")
#else
  GUEST_ONLY(T_ERR_CVAR_SET_NEVER, "tool interface: cvar set never")
#endif
#ifdef MPI_T_ERR_PVAR_NO_WRITE
  C(T_ERR_PVAR_NO_WRITE, "tool interface: pvar no write")
#else
  GUEST_ONLY(T_ERR_PVAR_NO_WRITE, "tool interface: pvar no write")
#endif
#ifdef MPI_T_ERR_PVAR_NO_STARTSTOP
  C(T_ERR_PVAR_NO_STARTSTOP, "tool interface: pvar no startstop")
#else
  GUEST_ONLY(T_ERR_PVAR_NO_STARTSTOP, "tool interface: pvar no startstop")
#endif
#ifdef MPI_T_ERR_PVAR_NO_ATOMIC
  C(T_ERR_PVAR_NO_ATOMIC, "tool interface: pvar no atomic")
#else
  GUEST_ONLY(T_ERR_PVAR_NO_ATOMIC, "tool interface: pvar no atomic")
#endif
};
const size_t ms_nerrclasses = sizeof ms_errclasses / sizeof ms_errclasses[0];
