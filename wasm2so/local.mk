# wasm2so back end (lowering, emission, linking) and the wasm2so command.
# Needs LLVM: not built by a runtime-only configure (--disable-translator).
if WITH_TRANSLATOR
noinst_LIBRARIES += wasm2so/libw2s.a
wasm2so_libw2s_a_SOURCES = \
	wasm2so/w2s.h wasm2so/w2s_lower.h wasm2so/w2s_lower_priv.h \
	wasm2so/lower_types.c wasm2so/lower_function.c wasm2so/lower_control.c \
	wasm2so/lower_call.c wasm2so/lower_parametric.c wasm2so/lower_variable.c \
	wasm2so/lower_table.c wasm2so/lower_ref.c \
	wasm2so/lower_numeric.c wasm2so/lower_convert.c wasm2so/lower_memory.c \
	wasm2so/lower_simd_mem.c wasm2so/lower_simd_arith.c \
	wasm2so/lower_simd.h wasm2so/lower_simd_lane.c wasm2so/lower_simd_int.c wasm2so/lower_simd_float.c \
	wasm2so/target.c wasm2so/fold_addresses.c wasm2so/loop_counters.c wasm2so/keep_loads.c wasm2so/optimise.c wasm2so/emit_descriptor.c \
	wasm2so/emit_trampolines.c wasm2so/emit_object.c wasm2so/link.c wasm2so/translate.c
wasm2so_libw2s_a_SOURCES += wasm2so/w2s_cpu_table.h wasm2so/target_names.c
nodist_wasm2so_libw2s_a_SOURCES = wasm2so/cpu_table.c
wasm2so_libw2s_a_CFLAGS = $(AM_CFLAGS) $(LLVM_CFLAGS)
EXTRA_DIST += wasm2so/gen-cpu-table.sh
CLEANFILES += wasm2so/cpu_table.c
# The CPU and feature names of the LLVM that wasm2so links (w2s_cpu_table.h).
wasm2so/cpu_table.c: $(top_srcdir)/wasm2so/gen-cpu-table.sh
	$(AM_V_GEN)$(MKDIR_P) wasm2so && \
	$(SHELL) $(top_srcdir)/wasm2so/gen-cpu-table.sh '$(LLC)' >$@.tmp && mv $@.tmp $@

bin_PROGRAMS += wasm2so/wasm2so
wasm2so_wasm2so_SOURCES = wasm2so/main.c
wasm2so_wasm2so_CFLAGS = $(AM_CFLAGS)
wasm2so_wasm2so_LDADD = wasm2so/libw2s.a wasm2so/libw2s_front.a $(LLVM_LIBS) -lpthread

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_translate
tests_unit_check_translate_SOURCES = tests/unit/check_translate.c
tests_unit_check_translate_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_translate_LDADD = wasm2so/libw2s.a wasm2so/libw2s_front.a $(LLVM_LIBS) \
	$(CHECK_LIBS) -ldl -lpthread
TESTS += tests/unit/check_translate
endif
endif
