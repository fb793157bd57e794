# MPI programs (tests/mpi/*/NAME.c, .cc) built with wasm-mpicc and with
# mpicc, run under mpirun and compared; hostile programs checked against the
# standard's error classes.  See tests/mpi/README.
EXTRA_DIST += tests/mpi/run-mpi.sh tests/mpi/skipped.txt tests/mpi/README \
	tests/mpi/functions.txt tests/mpi/coverage.sh tests/mpi/reentry-list.sh tests/mpi/api-gen.sh tests/mpi/run-valgrind.sh tests/mpi/wasm-only.txt tests/mpi/include \
	tests/mpi/apps tests/mpi/hostile \
	tests/mpi/p2p tests/mpi/coll tests/mpi/type tests/mpi/comm
# The re-entrancy rule's one place: the refused calls' wrappers check first.
TESTS += tests/mpi/reentry-list.sh
# The generator of the shim refuses a malformed table of the MPI API.
TESTS += tests/mpi/api-gen.sh
if WITH_MPI
TESTS += tests/mpi/run-mpi.sh tests/mpi/run-valgrind.sh
endif

# Only these programs: make check-mpi (MPI_TEST_JOBS, MPI_TEST_TIMEOUT apply)
check-mpi: wasm2so/wasm2so$(EXEEXT) loader/wasmload$(EXEEXT) sdk-all
	$(AM_TESTS_ENVIRONMENT) MPIRUN='$(MPIRUN)' $(SHELL) $(top_srcdir)/tests/mpi/run-mpi.sh

# The hostile programs under valgrind: no invalid host read, write or free
# (about 70 s; part of make check too).
check-mpi-valgrind: wasm2so/wasm2so$(EXEEXT) loader/wasmload$(EXEEXT) sdk-all
	$(AM_TESTS_ENVIRONMENT) MPIRUN='$(MPIRUN)' $(SHELL) $(top_srcdir)/tests/mpi/run-valgrind.sh

# Which functions of the issue's list no test program calls.
check-mpi-coverage:
	$(SHELL) $(top_srcdir)/tests/mpi/coverage.sh

clean-local: clean-mpi
clean-mpi:
	rm -rf tests/mpi/out tests/mpi/out-vg
.PHONY: check-mpi check-mpi-valgrind check-mpi-coverage clean-mpi
