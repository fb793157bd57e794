# aarch64 under emulation (tests/cross/run-aarch64.sh): modules translated
# here for aarch64, run by a cross-built wasmload under qemu-aarch64.  Part
# of `make check`; alone: `make check-aarch64`.  The cross build lives in
# build-aarch64/ inside this build tree.
EXTRA_DIST += tests/cross/run-aarch64.sh
if WITH_TRANSLATOR
TESTS += tests/cross/run-aarch64.sh
endif

check-aarch64: wasm2so/wasm2so$(EXEEXT) loader/wasmload$(EXEEXT) tests/spec/spec_runner$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/cross/run-aarch64.sh

clean-local: clean-aarch64
clean-aarch64:
	rm -rf build-aarch64 tests/spec/json-aarch64 tests/wasi/out-aarch64
.PHONY: check-aarch64 clean-aarch64
