# Sources of the shim group "env": init/finalize, clocks, versions, errors
# and error handlers, Alloc_mem, info objects.
MS_ENV_SOURCES = mpi-shim/ms_env.h mpi-shim/ms_env.c \
	mpi-shim/ms_errhandler.c mpi-shim/ms_errcodes.c mpi-shim/ms_info.c
