# The benchmark suite (`make perf`; not part of `make check`): see perf/README.
# Everything it builds and measures stays in $(builddir)/perf (work/, results/).
EXTRA_DIST += perf/README perf/run.sh perf/summarise.sh perf/compile-figures.sh perf/huge-function.sh \
	perf/large-module.sh perf/hello.c perf/kernels perf/wasm2c/w2c_host.c \
	perf/node/run-wasi.mjs

# `all`: wasm2so, wasmload, and the MPI SDK for the MPI benchmarks.
perf: all
	$(SHELL) $(top_srcdir)/perf/run.sh $(abs_top_builddir)

clean-local: clean-perf
clean-perf:
	rm -rf perf/work perf/results perf/large

.PHONY: perf clean-perf

# Instructions per MPI call, native Open MPI against wasmload (perf/mpi/call-cost.sh;
# needs valgrind; not part of `make check`).
EXTRA_DIST += perf/mpi/call-cost.sh perf/mpi/call_cost.c
perf-mpi-calls: all
	$(SHELL) $(top_srcdir)/perf/mpi/call-cost.sh $(abs_top_builddir)

.PHONY: perf-mpi-calls
