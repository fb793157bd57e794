# The runtime core (libwl.a, used by wasmload and the spec runner) and wasmload.
noinst_LIBRARIES += loader/libwl.a
loader_libwl_a_SOURCES = loader/wl_runtime.h
