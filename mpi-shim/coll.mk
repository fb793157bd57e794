# Sources of the shim group "coll" (owned by that group): collectives
# (blocking, non-blocking, neighbourhood) and reduction ops.
MS_COLL_SOURCES = mpi-shim/ms_coll.h mpi-shim/ms_coll_util.c mpi-shim/ms_op.c \
	mpi-shim/ms_op_tramp.c
