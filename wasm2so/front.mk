# wasm2so front end: decoding and validation, no LLVM (also built by the fuzzer).
noinst_LIBRARIES += wasm2so/libw2s_front.a
wasm2so_libw2s_front_a_SOURCES = \
	wasm2so/w2s_diag.h wasm2so/w2s_module.h wasm2so/w2s_decode.h wasm2so/w2s_opcodes.def
