# Hostile guests (tests/sandbox/escape_*.c) try to leave wasmload's preopens;
# the test checks they reached nothing outside.  See tests/sandbox/README.
SANDBOX_GUEST_SOURCES = tests/sandbox/escape_paths.c tests/sandbox/escape_links.c \
	tests/sandbox/escape_rights.c
EXTRA_DIST += tests/sandbox/run-sandbox.sh tests/sandbox/README tests/sandbox/allowed.txt \
	tests/sandbox/attempt.h $(SANDBOX_GUEST_SOURCES)
TESTS += tests/sandbox/run-sandbox.sh

# Only these: make check-sandbox
check-sandbox: wasm2so/wasm2so$(EXEEXT) loader/wasmload$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/sandbox/run-sandbox.sh

clean-local: clean-sandbox
clean-sandbox:
	rm -rf tests/sandbox/out
.PHONY: check-sandbox clean-sandbox
