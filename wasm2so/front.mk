# wasm2so front end: decoding and validation, no LLVM (also built by the fuzzer).
noinst_LIBRARIES += wasm2so/libw2s_front.a
wasm2so_libw2s_front_a_SOURCES = \
	wasm2so/w2s_diag.h wasm2so/w2s_module.h wasm2so/w2s_decode.h wasm2so/w2s_opcodes.def \
	wasm2so/read_internal.h \
	wasm2so/diag.c wasm2so/check.c wasm2so/decode.c wasm2so/module.c \
	wasm2so/read_values.c wasm2so/read_module.c wasm2so/read_sections.c \
	wasm2so/read_segments.c wasm2so/read_code.c wasm2so/read_names.c \
	wasm2so/validate_module.c wasm2so/validate_func.c

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_front
TESTS += tests/unit/check_front
tests_unit_check_front_SOURCES = tests/unit/check_front.c
tests_unit_check_front_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_front_LDADD = wasm2so/libw2s_front.a $(CHECK_LIBS)
endif
