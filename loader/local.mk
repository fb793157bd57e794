# The runtime core (libwl.a, used by wasmload and the spec runner) and wasmload.
noinst_LIBRARIES += loader/libwl.a
loader_libwl_a_SOURCES = loader/wl_runtime.h loader/wl_internal.h \
	loader/wl_error.c loader/wl_memory.c loader/wl_table.c loader/wl_global.c \
	loader/wl_types.c loader/wl_cpu.c loader/wl_module.c loader/wl_instance.c loader/wl_link_text.c \
	loader/wl_rt_helpers.c loader/wl_call.c loader/wl_traps.c \
	loader/wl_wasi.h loader/wasi_internal.h loader/wasi_host.c loader/wasi_fd.c loader/wasi_env.c \
	loader/wasi_errno.c loader/wasi_fdtable.c loader/wasi_clock.c loader/wasi_resolve.c \
	loader/wasi_path.c loader/wasi_dir.c loader/wasi_poll.c loader/wasi_sock.c \
	loader/wl_compat.h loader/wl_compat.c
# Frame pointers in the runtime too, so a trap raised from a host function
# can still walk back into the guest's frames.
loader_libwl_a_CFLAGS = $(AM_CFLAGS) -fno-omit-frame-pointer

bin_PROGRAMS += loader/wasmload
# A .wasm is translated by running the wasm2so command (wl_translator.c), so
# wasmload never links LLVM: it starts like a native program, and a compute
# node needs no LLVM to run a .so.  The cache key is hashed with nettle.
loader_wasmload_SOURCES = loader/wasmload.c loader/wl_elf_check.h loader/wl_elf_check.c \
	loader/wl_cache.h loader/wl_cache.c loader/wl_translator.h loader/wl_translator.c
loader_wasmload_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS)
# (set in every configuration: a per-target variable replaces AM_CPPFLAGS)
loader_wasmload_CPPFLAGS = $(AM_CPPFLAGS)
loader_wasmload_LDADD = loader/libwl.a $(NETTLE_LIBS) -ldl -lm -lpthread
if WITH_MPI
# The MPI shim: linked whole, so each wrapper group's table (a strong
# definition) replaces the weak empty default of mpi-shim/ms_resolve.c.
loader_wasmload_CPPFLAGS += -I$(top_srcdir)/mpi-shim
loader_wasmload_LDFLAGS = -Wl,--whole-archive,mpi-shim/libms.a,--no-whole-archive
loader_wasmload_LDADD += $(MPI_LIBS)
EXTRA_loader_wasmload_DEPENDENCIES = mpi-shim/libms.a
endif

if HAVE_CHECK
# A hand-made "generated" module for the unit tests, built as a shared object.
check_PROGRAMS += tests/unit/check_loader
TESTS += tests/unit/check_loader
tests_unit_check_loader_SOURCES = tests/unit/check_loader.c tests/unit/check_loader_wasi.c
# Frame pointers: the test's host functions trap, and backtraces walk them.
tests_unit_check_loader_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -fno-omit-frame-pointer \
	-DFIXTURE_SO='"$(abs_top_builddir)/tests/unit/fixture_module.so"'
tests_unit_check_loader_LDADD = loader/libwl.a $(CHECK_LIBS) -ldl -lm -lpthread
LOADER_FIXTURES = tests/unit/fixture_module.so tests/unit/fixture_module_abi.so \
	tests/unit/fixture_module_arch.so tests/unit/fixture_module_cpu.so tests/unit/fixture_module_oob.so \
	tests/unit/fixture_module_mode.so tests/unit/fixture_module_checked.so \
	tests/unit/fixture_module_import_mem.so
tests_unit_check_loader_DEPENDENCIES = loader/libwl.a $(LOADER_FIXTURES)
LOADER_FIXTURE_BUILD = $(CC) -shared -fPIC -O1 -fno-omit-frame-pointer -I$(top_srcdir)/include \
	-o $@ $(top_srcdir)/tests/unit/fixture_module.c
tests/unit/fixture_module.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD)
tests/unit/fixture_module_abi.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD) -DFIXTURE_BAD_ABI
tests/unit/fixture_module_arch.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD) -DFIXTURE_ARCH
tests/unit/fixture_module_cpu.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD) -DFIXTURE_CPU
tests/unit/fixture_module_oob.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD) -DFIXTURE_OOB_DATA
tests/unit/fixture_module_mode.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD) -DFIXTURE_MODE=7
tests/unit/fixture_module_checked.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD) -DFIXTURE_MODE=WASMSO_MEMORY_CHECKED
tests/unit/fixture_module_import_mem.so: $(top_srcdir)/tests/unit/fixture_module.c $(top_srcdir)/include/wasmso_abi.h
	$(AM_V_CC)$(LOADER_FIXTURE_BUILD) -DFIXTURE_IMPORT_MEM
CLEANFILES += $(LOADER_FIXTURES)
EXTRA_DIST += tests/unit/fixture_module.c
endif

if HAVE_CHECK
# The WASI host, called directly on a guest memory with a fake instance context.
check_PROGRAMS += tests/unit/check_wasi
TESTS += tests/unit/check_wasi
tests_unit_check_wasi_SOURCES = tests/unit/check_wasi.h tests/unit/check_wasi.c \
	tests/unit/check_wasi_fd.c tests/unit/check_wasi_path.c tests/unit/check_wasi_sandbox.c \
	tests/unit/check_wasi_misc.c
tests_unit_check_wasi_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_wasi_LDADD = loader/libwl.a $(CHECK_LIBS) -ldl -lm -lpthread
endif
