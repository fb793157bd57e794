# The spec runner: every command of the official spec tests, translated
# in-process and run against the runtime (see tests/spec/run-spec.sh).
EXTRA_DIST += tests/spec/run-spec.sh tests/spec/run-spec-bounds.sh \
	tests/spec/expected-failures.txt tests/spec/README

if HAVE_JANSSON
check_PROGRAMS += tests/spec/spec_runner
tests_spec_spec_runner_SOURCES = \
	tests/spec/spec.h tests/spec/spec_runner.c tests/spec/spec_file.c \
	tests/spec/spec_commands.c tests/spec/spec_module.c tests/spec/spec_host.c \
	tests/spec/spec_values.h tests/spec/spec_values.c \
	tests/spec/spec_expect.h tests/spec/spec_expect.c
tests_spec_spec_runner_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
# A runtime-only build (the cross-built aarch64 runner) loads modules that
# the build host translated (--so-dir).
if WITH_TRANSLATOR
tests_spec_spec_runner_LDADD = wasm2so/libw2s.a wasm2so/libw2s_front.a loader/libwl.a \
	$(LLVM_LIBS) $(JANSSON_LIBS) -ldl -lm -lpthread
else
tests_spec_spec_runner_LDADD = wasm2so/libw2s_front.a loader/libwl.a $(JANSSON_LIBS) -ldl -lm -lpthread
endif

if HAVE_CHECK
check_PROGRAMS += tests/spec/check_spec_values
tests_spec_check_spec_values_SOURCES = tests/spec/check_spec_values.c \
	tests/spec/spec_values.h tests/spec/spec_values.c \
	tests/spec/spec_expect.h tests/spec/spec_expect.c
tests_spec_check_spec_values_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(CHECK_CFLAGS)
tests_spec_check_spec_values_LDADD = $(JANSSON_LIBS) $(CHECK_LIBS)
TESTS += tests/spec/check_spec_values
endif
endif
# Registered even without jansson, so a missing runner fails loudly.
TESTS += tests/spec/run-spec.sh tests/spec/run-spec-bounds.sh

# Only the spec suite: make check-spec
check-spec: tests/spec/spec_runner$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/spec/run-spec.sh
.PHONY: check-spec

# The suite translated with --bounds-checks: make check-spec-bounds
check-spec-bounds: tests/spec/spec_runner$(EXEEXT)
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/spec/run-spec-bounds.sh
.PHONY: check-spec-bounds
