# The MPI shim: libms.a, linked into wasmload when configure found Open MPI.
# Each group of wrappers keeps its sources in its own fragment (MS_*_SOURCES)
# and its import list in mpi-shim/ms_fn_GROUP.def.
include mpi-shim/core.mk
include mpi-shim/env.mk
include mpi-shim/p2p.mk
include mpi-shim/coll.mk
include mpi-shim/type.mk
include mpi-shim/comm.mk

MS_DEFS = mpi-shim/ms_fn_env.def mpi-shim/ms_fn_p2p.def mpi-shim/ms_fn_coll.def \
	mpi-shim/ms_fn_type.def mpi-shim/ms_fn_comm.def
EXTRA_DIST += $(MS_DEFS)

if WITH_MPI
noinst_LIBRARIES += mpi-shim/libms.a
mpi_shim_libms_a_SOURCES = mpi-shim/ms_internal.h $(MS_CORE_SOURCES) $(MS_ENV_SOURCES) \
	$(MS_P2P_SOURCES) $(MS_COLL_SOURCES) $(MS_TYPE_SOURCES) $(MS_COMM_SOURCES)
mpi_shim_libms_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/mpi-shim $(MPI_CFLAGS)
# Frame pointers: guest callbacks run under shim frames and traps walk them.
mpi_shim_libms_a_CFLAGS = $(AM_CFLAGS) -fno-omit-frame-pointer
endif
