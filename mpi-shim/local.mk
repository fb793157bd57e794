# The MPI shim: libms.a, linked into wasmload when configure found Open MPI.
# Each group of wrappers keeps its sources in its own fragment (MS_*_SOURCES).
# The table of the MPI C API (mpi-shim/mpi-api.tab) gives, through
# mpi-shim/gen-api.awk, the wrappers' prototypes (ms_api.h), the import table
# (ms_api_table.c) and the generated wrappers (ms_api_gen.c); gen-kinds*.awk
# hold what each kind of parameter contributes to a generated wrapper.
include mpi-shim/core.mk
include mpi-shim/env.mk
include mpi-shim/p2p.mk
include mpi-shim/coll.mk
include mpi-shim/type.mk
include mpi-shim/comm.mk

MS_API_TAB = $(top_srcdir)/mpi-shim/mpi-api.tab
MS_API_GEN_FILES = mpi-shim/gen-api.sh mpi-shim/gen-api.awk mpi-shim/gen-kinds.awk \
	mpi-shim/gen-kinds-coll.awk mpi-shim/gen-kinds-type.awk mpi-shim/gen-kinds-comm.awk
MS_API_GEN = $(MS_API_GEN_FILES:%=$(top_srcdir)/%)
MS_API_RUN = AWK='$(AWK)' $(SHELL) $(top_srcdir)/mpi-shim/gen-api.sh
EXTRA_DIST += mpi-shim/mpi-api.tab $(MS_API_GEN_FILES)
MS_API_BUILT = mpi-shim/ms_api.h mpi-shim/ms_api_table.c mpi-shim/ms_api_gen.c
BUILT_SOURCES += mpi-shim/ms_api.h
CLEANFILES += $(MS_API_BUILT)
# ms_api.h -> out=h, ms_api_gen.c -> out=c, ms_api_table.c -> out=table
$(MS_API_BUILT): $(MS_API_TAB) $(MS_API_GEN)
	$(AM_V_GEN)$(MKDIR_P) mpi-shim && \
	out=$$(case $@ in *.h) echo h;; *_gen.c) echo c;; *) echo table;; esac) && \
	$(MS_API_RUN) $$out $(MS_API_TAB) > $@.tmp && mv $@.tmp $@

if WITH_MPI
noinst_LIBRARIES += mpi-shim/libms.a
mpi_shim_libms_a_SOURCES = mpi-shim/ms_internal.h $(MS_CORE_SOURCES) $(MS_ENV_SOURCES) \
	$(MS_P2P_SOURCES) $(MS_COLL_SOURCES) $(MS_TYPE_SOURCES) $(MS_COMM_SOURCES)
nodist_mpi_shim_libms_a_SOURCES = $(MS_API_BUILT)
mpi_shim_libms_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/mpi-shim -Impi-shim $(MPI_CFLAGS)
# Frame pointers: guest callbacks run under shim frames and traps walk them.
mpi_shim_libms_a_CFLAGS = $(AM_CFLAGS) -fno-omit-frame-pointer
endif
