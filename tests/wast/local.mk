# Our own .wast scripts: edge cases of wasm2so's own transformations (folded
# addresses, countable loops, loads kept alive), run by the spec runner (tests/wast/run-wast.sh).
EXTRA_DIST += tests/wast/run-wast.sh tests/wast/run-wast-bounds.sh tests/wast/address_fold.wast \
	tests/wast/loop_counters.wast tests/wast/keep_loads.wast
TESTS += tests/wast/run-wast.sh tests/wast/run-wast-bounds.sh

check-wast: tests/spec/spec_runner$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/wast/run-wast.sh
.PHONY: check-wast
check-spec-bounds: check-wast-bounds
check-wast-bounds: tests/spec/spec_runner$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/wast/run-wast-bounds.sh
.PHONY: check-wast-bounds
