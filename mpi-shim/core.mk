# Sources of the shim's core: handles, predefined objects, constants,
# statuses, buffers, errors, guest callbacks, the "mpi" resolver.
MS_CORE_SOURCES = mpi-shim/ms_abi.h mpi-shim/ms_core.h mpi-shim/ms_fast.h mpi-shim/ms_errclass.h \
	mpi-shim/ms_state.c mpi-shim/ms_handles.c mpi-shim/ms_predef.c mpi-shim/ms_consts.c \
	mpi-shim/ms_errclass.c mpi-shim/ms_errors.c mpi-shim/ms_status.c mpi-shim/ms_buffer.c \
	mpi-shim/ms_guest.c mpi-shim/ms_resolve.c mpi-shim/ms_exit.c mpi-shim/ms_pin.c

if WITH_MPI
if HAVE_CHECK
# Unit tests: the core and the env group on a fake guest memory, host MPI as
# a singleton in one process (no fork).
check_PROGRAMS += tests/unit/check_mpi_shim
TESTS += tests/unit/check_mpi_shim
tests_unit_check_mpi_shim_SOURCES = tests/unit/check_mpi_shim.h tests/unit/check_mpi_shim.c \
	tests/unit/check_mpi_shim_maps.c tests/unit/check_mpi_shim_calls.c
tests_unit_check_mpi_shim_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/mpi-shim -Impi-shim $(MPI_CFLAGS)
tests_unit_check_mpi_shim_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_mpi_shim_LDFLAGS = -Wl,--whole-archive,mpi-shim/libms.a,--no-whole-archive
tests_unit_check_mpi_shim_LDADD = loader/libwl.a $(MPI_LIBS) $(CHECK_LIBS) -ldl -lm -lpthread
EXTRA_tests_unit_check_mpi_shim_DEPENDENCIES = mpi-shim/libms.a
endif
endif
