# Sources of the shim's core: handles, predefined objects, constants,
# statuses, buffers, errors, guest callbacks, the "mpi" resolver.
MS_CORE_SOURCES = mpi-shim/ms_abi.h mpi-shim/ms_core.h mpi-shim/ms_errclass.h \
	mpi-shim/ms_state.c mpi-shim/ms_handles.c mpi-shim/ms_predef.c mpi-shim/ms_consts.c \
	mpi-shim/ms_errclass.c mpi-shim/ms_errors.c mpi-shim/ms_status.c mpi-shim/ms_buffer.c \
	mpi-shim/ms_guest.c mpi-shim/ms_resolve.c mpi-shim/ms_exit.c
