# Sources of the shim group "p2p" (owned by that group): point-to-point,
# requests and their completion, probes, statuses, the Bsend buffer.
MS_P2P_SOURCES = mpi-shim/ms_p2p.h mpi-shim/ms_req.c \
	mpi-shim/ms_req_wait.c \
	mpi-shim/ms_req_misc.c mpi-shim/ms_p2p_probe.c mpi-shim/ms_p2p_status.c \
	mpi-shim/ms_p2p_buffer.c mpi-shim/ms_req_greq.c
