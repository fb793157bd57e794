# wasm2so back end (lowering, emission, linking) and the wasm2so command.
noinst_LIBRARIES += wasm2so/libw2s.a
wasm2so_libw2s_a_SOURCES = \
	wasm2so/w2s.h wasm2so/w2s_lower.h
wasm2so_libw2s_a_CFLAGS = $(AM_CFLAGS) $(LLVM_CFLAGS)
