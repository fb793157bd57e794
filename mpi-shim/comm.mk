# Sources of the shim group "comm" (owned by that group): communicators,
# groups, topologies and communicator attributes.
MS_COMM_SOURCES = mpi-shim/ms_comm.h mpi-shim/ms_comm_util.c mpi-shim/ms_comm_check.c \
	mpi-shim/ms_comm_basic.c mpi-shim/ms_comm_new.c mpi-shim/ms_group.c \
	mpi-shim/ms_topo_dist.c \
	mpi-shim/ms_attr.c
