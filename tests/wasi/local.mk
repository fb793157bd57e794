# Real C and C++ programs (tests/wasi/{c,cxx}) compiled to wasm32-wasi,
# translated and run under wasmload, each compared with its native build;
# trap programs (tests/wasi/trap).  See tests/wasi/README.
EXTRA_DIST += tests/wasi/run-wasi.sh tests/wasi/skipped.txt tests/wasi/README \
	tests/wasi/c tests/wasi/cxx tests/wasi/trap tests/wasi/data
TESTS += tests/wasi/run-wasi.sh

# Only these programs: make check-wasi
check-wasi: wasm2so/wasm2so$(EXEEXT) loader/wasmload$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/wasi/run-wasi.sh

clean-local: clean-wasi
clean-wasi:
	rm -rf tests/wasi/out
.PHONY: check-wasi clean-wasi
