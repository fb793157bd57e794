# Tests.  `make check` runs them all; each fragment adds to TESTS.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	WASM_TESTSUITE='$(WASM_TESTSUITE)'; WAST2JSON='$(WAST2JSON)'; WAT2WASM='$(WAT2WASM)'; \
	CLANG_WASM='$(CLANG_WASM)'; export top_srcdir top_builddir WASM_TESTSUITE WAST2JSON WAT2WASM CLANG_WASM;

EXTRA_DIST += tests/lib/wasi-toolchain.sh

include tests/unit/local.mk
include tests/spec/local.mk
include tests/wast/local.mk
include tests/fuzz/local.mk
include tests/loader/local.mk
include tests/wasm2so/local.mk
include tests/wasi/local.mk
include tests/sandbox/local.mk
include tests/cross/local.mk
include tests/mpi/local.mk
include tests/fuzzdiff/local.mk
