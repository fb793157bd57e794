# libFuzzer targets: make fuzz (not part of make check).
# Built with clang directly from the front-end sources, not with $(CC): the
# fuzzer needs its own instrumentation.  `make fuzz FUZZ_SECONDS=180`.
FUZZ_CC = clang-19
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_SECONDS = 600
FUZZ_FRONT_SRCS = tests/fuzz/fuzz_front.c $(filter %.c,$(wasm2so_libw2s_front_a_SOURCES))
FUZZ_BACK_SRCS = tests/fuzz/fuzz_translate.c $(filter %.c,$(wasm2so_libw2s_a_SOURCES)) \
	$(filter %.c,$(wasm2so_libw2s_front_a_SOURCES))
EXTRA_DIST += tests/fuzz/fuzz_front.c tests/fuzz/fuzz_translate.c

tests/fuzz/fuzz_front.bin: $(FUZZ_FRONT_SRCS:%=$(top_srcdir)/%) $(top_srcdir)/wasm2so/w2s_opcodes.def
	@mkdir -p tests/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_srcdir)/include -I$(top_srcdir)/wasm2so \
	  $(FUZZ_FRONT_SRCS:%=$(top_srcdir)/%) -o $@

# The translating target links the (uninstrumented) LLVM library.
tests/fuzz/fuzz_translate.bin: $(FUZZ_BACK_SRCS:%=$(top_srcdir)/%) $(top_srcdir)/wasm2so/w2s_opcodes.def
	@mkdir -p tests/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(LLVM_CFLAGS) -I$(top_builddir) -I$(top_srcdir)/include \
	  -I$(top_srcdir)/wasm2so $(FUZZ_BACK_SRCS:%=$(top_srcdir)/%) $(LLVM_LIBS) -o $@

# Seeds: every binary module of the core spec tests (core/simd/ not yet).
tests/fuzz/corpus.stamp:
	@mkdir -p tests/fuzz/corpus tests/fuzz/seed-json
	for f in $(WASM_TESTSUITE)/core/*.wast; do \
	  $(WAST2JSON) "$$f" -o tests/fuzz/seed-json/`basename "$$f" .wast`.json >/dev/null 2>&1 || true; \
	done
	cp tests/fuzz/seed-json/*.wasm tests/fuzz/corpus/
	@touch $@

# `make fuzz` runs the front-end target (fast: millions of inputs), then the
# translating one (slow: LLVM per valid input), FUZZ_SECONDS each, on copies
# of the seed corpus so each keeps what it finds.
fuzz: tests/fuzz/fuzz_front.bin tests/fuzz/fuzz_translate.bin tests/fuzz/corpus.stamp
	@mkdir -p tests/fuzz/corpus-translate
	cd tests/fuzz && ./fuzz_front.bin -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 corpus
	cd tests/fuzz && ASAN_OPTIONS=detect_leaks=1 ./fuzz_translate.bin \
	  -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
	  -print_final_stats=1 corpus-translate corpus

clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/fuzz_front.bin tests/fuzz/fuzz_translate.bin tests/fuzz/corpus tests/fuzz/corpus-translate tests/fuzz/seed-json tests/fuzz/corpus.stamp crash-* leak-* timeout-*
.PHONY: fuzz clean-fuzz
