# wasmload as a user meets it: CLI, the .wasm cache, refusals.
LOADER_TESTS = tests/loader/wasmload-cli.sh tests/loader/wasmload-cache.sh \
	tests/loader/wasmload-refuse.sh tests/loader/wasmload-bounds.sh
TESTS += $(LOADER_TESTS)
EXTRA_DIST += $(LOADER_TESTS) tests/loader/lib.sh tests/loader/fixture_refuse.c \
	tests/loader/hello.wat tests/loader/args.wat tests/loader/env.wat \
	tests/loader/exit.wat tests/loader/trap.wat tests/loader/cat.wat \
	tests/loader/imports.wat tests/loader/bounds.wat

# Shared objects wasmload must refuse without running them.
LOADER_REFUSE_FIXTURES = tests/loader/fixture_no_desc.so tests/loader/fixture_bad_abi.so
check_DATA = $(LOADER_REFUSE_FIXTURES)
CLEANFILES += $(LOADER_REFUSE_FIXTURES)
LOADER_REFUSE_BUILD = $(MKDIR_P) tests/loader && $(CC) -shared -fPIC -O1 -I$(top_srcdir)/include \
	-o $@ $(top_srcdir)/tests/loader/fixture_refuse.c
tests/loader/fixture_no_desc.so: $(top_srcdir)/tests/loader/fixture_refuse.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_REFUSE_BUILD) -DNO_DESC
tests/loader/fixture_bad_abi.so: $(top_srcdir)/tests/loader/fixture_refuse.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_REFUSE_BUILD) -DBAD_ABI
