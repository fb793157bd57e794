# The differential test (tests/fuzzdiff/run-fuzz-diff.sh): random valid
# modules from binaryen's wasm-opt -ttf, run by V8 (node) and by wasm2so at
# -O0, -O2 and aarch64 -O2, results, traps and logs compared.  In make check:
# a fixed set of seeds (alone: make check-fuzz-diff).  `make fuzz-diff
# FUZZ_SECONDS=N`: new seeds for N seconds (default FUZZ_SECONDS of make fuzz).
EXTRA_DIST += tests/fuzzdiff/run-fuzz-diff.sh tests/fuzzdiff/fuzz-diff-gen.js \
	tests/fuzzdiff/log.wat tests/fuzzdiff/reduce.sh tests/fuzzdiff/README \
	tests/fuzzdiff/selftest.sh tests/fuzzdiff/plant.js
if WITH_TRANSLATOR
# selftest.sh: planted mismatches must be reported (the harness's own test).
TESTS += tests/fuzzdiff/selftest.sh tests/fuzzdiff/run-fuzz-diff.sh
# After the aarch64 tests, which cross-build the runner it uses under qemu
# (make check -j N would otherwise run both at once).
tests/fuzzdiff/run-fuzz-diff.log: tests/cross/run-aarch64.log
endif

check-fuzz-diff: tests/spec/spec_runner$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/fuzzdiff/selftest.sh
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/fuzzdiff/run-fuzz-diff.sh

fuzz-diff: tests/spec/spec_runner$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  $(SHELL) $(top_srcdir)/tests/fuzzdiff/run-fuzz-diff.sh

# Failing modules (tests/fuzzdiff/failures) are kept: delete them by hand.
clean-local: clean-fuzz-diff
clean-fuzz-diff:
	rm -rf tests/fuzzdiff/work tests/fuzzdiff/work-fuzz tests/fuzzdiff/selftest
.PHONY: check-fuzz-diff fuzz-diff clean-fuzz-diff
