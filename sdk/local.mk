# The guest SDK: mpi.h (the MPI 5.0 ABI for wasm32), the compiler wrappers
# wasm-mpicc / wasm-mpicxx, a small guest compat library (built for wasm32
# with clang-19), a CMake toolchain file and a pkg-config file.  Everything
# is made twice: for the build tree (sdk/...) and for the install prefix
# (sdk/inst/...), the second installed by `make install`.

# wasi-libc (Debian's by default) and the archiver for wasm objects;
# override on the make command line if they live elsewhere.
WASI_LIBC_INCLUDE = /usr/include/wasm32-wasi
WASI_LIBC_LIB = /usr/lib/wasm32-wasi
SDK_AR = llvm-ar-19

# Where the guest side is installed (never on the host's include path).
sdkguestdir = $(pkglibdir)/wasm32-wasi
sdkcmakedir = $(pkgdatadir)/cmake
sdkpkgconfigdir = $(datadir)/pkgconfig

SDK_HDRS = sdk/include/mpi.h sdk/include/mpi_proto.h sdk/include/mpi_abi_check.h \
	sdk/include/omp.h sdk/include/sched.h sdk/include/unistd.h
SDK_COMPAT_SRCS = sdk/compat/compat_host.c sdk/compat/compat_omp.c sdk/compat/compat_mpi.c \
	sdk/compat/compat_sysconf.c
SDK_TEMPLATES = sdk/wasm-mpicc.in sdk/cmake/wasm-mpi-toolchain.cmake.in sdk/wasm-mpi.pc.in
EXTRA_DIST += $(SDK_HDRS) $(SDK_COMPAT_SRCS) $(SDK_TEMPLATES) sdk/gen-imports.sh sdk/README.md \
	sdk/cmake/Platform/WASI.cmake sdk/no-wasm-opt/wasm-opt

SDK_BUILD_FILES = sdk/wasm-mpicc sdk/wasm-mpicxx sdk/cmake/wasm-mpi-toolchain.cmake sdk/wasm-mpi.pc
SDK_INST_FILES = sdk/inst/wasm-mpicc sdk/inst/wasm-mpicxx sdk/inst/wasm-mpi-toolchain.cmake \
	sdk/inst/wasm-mpi.pc
SDK_GENERATED = sdk/include/mpi_imports.h sdk/lib/mpi-imports.txt
SDK_COMPAT_LIB = sdk/lib/libwasm2so_compat.a
SDK_SYSROOT_STAMP = sdk/sysroot/.stamp

# Without clang-19 or wasi-libc (a compute node that only runs wasmload)
# the sdk is skipped with a warning, not an error.
SDK_CAN_BUILD = test "x$(CLANG_WASM)" != xno && test -d "$(WASI_LIBC_INCLUDE)" && \
	test -f "$(WASI_LIBC_LIB)/libc.a"
SDK_SKIPPED = echo "sdk: skipped: wasm-mpicc needs clang-19 and wasi-libc (install them, then re-run configure)" >&2
all-local: sdk-all
sdk-all:
	@if $(SDK_CAN_BUILD); then $(MAKE) $(AM_MAKEFLAGS) sdk-build; else $(SDK_SKIPPED); fi
sdk-build: $(SDK_SYSROOT_STAMP) $(SDK_GENERATED) $(SDK_COMPAT_LIB) $(SDK_BUILD_FILES) $(SDK_INST_FILES)
.PHONY: sdk-all sdk-build

# A sysroot that holds only wasi-libc (as symlinks): Debian's clang-19 would
# otherwise search the host's /usr/include for wasm32-wasi.
$(SDK_SYSROOT_STAMP):
	@$(SDK_CAN_BUILD) || { $(SDK_SKIPPED); exit 1; }
	$(AM_V_at)$(MKDIR_P) sdk/sysroot/include sdk/sysroot/lib
	$(AM_V_at)ln -sfn "$(WASI_LIBC_INCLUDE)" sdk/sysroot/include/wasm32-wasi
	$(AM_V_at)ln -sfn "$(WASI_LIBC_LIB)" sdk/sysroot/lib/wasm32-wasi
	$(AM_V_at)touch $@

# The import list, from the shim's table (see sdk/gen-imports.sh).
sdk/include/mpi_imports.h: $(MS_API_TAB) $(MS_API_GEN) $(top_srcdir)/sdk/gen-imports.sh \
		$(top_srcdir)/sdk/include/mpi_proto.h
	$(AM_V_GEN)$(MKDIR_P) sdk/include sdk/lib && \
	AWK='$(AWK)' $(SHELL) $(top_srcdir)/sdk/gen-imports.sh $(top_srcdir)/mpi-shim/gen-api.sh $(MS_API_TAB) \
	  $(top_srcdir)/sdk/include/mpi_proto.h sdk/include/mpi_imports.h sdk/lib/mpi-imports.txt
sdk/lib/mpi-imports.txt: sdk/include/mpi_imports.h
	@test -f $@ || { rm -f sdk/include/mpi_imports.h; $(MAKE) $(AM_MAKEFLAGS) sdk/include/mpi_imports.h; }

# The guest compat library (gethostname, getpagesize, sysconf, the serial
# OpenMP runtime, MPI functions that need no host), compiled for wasm32.
SDK_GUEST_CC = $(CLANG_WASM) --target=wasm32-wasi --sysroot=$(abs_top_builddir)/sdk/sysroot
SDK_GUEST_CFLAGS = -O2 -std=gnu11 -Wall -Wextra -Isdk/include -I$(top_srcdir)/sdk/include
SDK_COMPAT_OBJECTS = $(SDK_COMPAT_SRCS:%.c=%.wasm.o)
sdk/compat/%.wasm.o: $(top_srcdir)/sdk/compat/%.c $(SDK_SYSROOT_STAMP) sdk/include/mpi_imports.h \
		$(SDK_HDRS:%=$(top_srcdir)/%)
	$(AM_V_CC)$(MKDIR_P) sdk/compat && \
	$(SDK_GUEST_CC) $(SDK_GUEST_CFLAGS) -c -o $@ $(top_srcdir)/sdk/compat/$*.c
$(SDK_COMPAT_LIB): $(SDK_COMPAT_OBJECTS)
	$(AM_V_AR)$(MKDIR_P) sdk/lib && rm -f $@ && $(SDK_AR) rcs $@ $(SDK_COMPAT_OBJECTS)

# The wrappers, toolchain and pkg-config files: one template each, filled
# for the build tree (absolute paths) or for the install prefix (paths
# relative to the file's own directory, so that a moved prefix or a DESTDIR
# staging tree works: $$here in the wrappers, the toolchain file's
# directory, pkg-config's $${pcfiledir}).  %%G%% is the guest directory,
# %%B%% the bin directory, each seen from the file being made.
SDK_SUBST_BUILD = sed -e 's|%%CLANG%%|$(CLANG_WASM)|g' -e 's|%%VERSION%%|$(PACKAGE_VERSION)|g' \
	-e "s|%%SYSROOT%%|'$(abs_top_builddir)/sdk/sysroot'|g" \
	-e "s|%%INCDIRS%%|'$(abs_top_builddir)/sdk/include' '$(abs_top_srcdir)/sdk/include'|g" \
	-e "s|%%LIBDIR%%|'$(abs_top_builddir)/sdk/lib'|g" \
	-e "s|%%OPTDIR%%|'$(abs_top_srcdir)/sdk/no-wasm-opt'|g" \
	-e 's|%%CM_BINDIR%%|$(abs_top_builddir)/sdk|g' \
	-e 's|%%CM_SYSROOT%%|$(abs_top_builddir)/sdk/sysroot|g' \
	-e 's|%%CM_CMAKEDIR%%|$(abs_top_srcdir)/sdk/cmake|g' \
	-e 's|%%CM_RUN%%|env;WASM2SO=$(abs_top_builddir)/wasm2so/wasm2so;$(abs_top_builddir)/loader/wasmload|g' \
	-e 's|%%PC_BINDIR%%|$(abs_top_builddir)/sdk|g' \
	-e 's|%%PC_GUESTDIR%%|$(abs_top_builddir)/sdk|g' \
	-e 's|%%PC_SYSROOT%%|$(abs_top_builddir)/sdk/sysroot|g' \
	-e 's|%%PC_LIBDIR%%|$(abs_top_builddir)/sdk/lib|g' \
	-e 's|%%WHERE%%|for the build tree $(abs_top_builddir)|g'
SDK_SUBST_INST = sed -e 's|%%CLANG%%|$(CLANG_WASM)|g' -e 's|%%VERSION%%|$(PACKAGE_VERSION)|g' \
	-e 's|%%SYSROOT%%|"$$here/%%G%%/sysroot"|g' \
	-e 's|%%INCDIRS%%|"$$here/%%G%%/include"|g' \
	-e 's|%%LIBDIR%%|"$$here/%%G%%/lib"|g' \
	-e 's|%%OPTDIR%%|"$$here/%%G%%/bin"|g' \
	-e 's|%%CM_BINDIR%%|$${_wasm2so_dir}/%%B%%|g' \
	-e 's|%%CM_SYSROOT%%|$${_wasm2so_dir}/%%G%%/sysroot|g' \
	-e 's|%%CM_CMAKEDIR%%|$${_wasm2so_dir}|g' \
	-e 's|%%CM_RUN%%|$${_wasm2so_dir}/%%B%%/wasmload|g' \
	-e 's|%%PC_BINDIR%%|$${pcfiledir}/%%B%%|g' \
	-e 's|%%PC_GUESTDIR%%|$${pcfiledir}/%%G%%|g' \
	-e 's|%%PC_SYSROOT%%|$${guestdir}/sysroot|g' \
	-e 's|%%PC_LIBDIR%%|$${guestdir}/lib|g' \
	-e 's|%%WHERE%%|installed for $(prefix), relocatable|g'
# SDK_RELS FROMDIR: sets g and b, the guest and bin directories relative to
# FROMDIR (realpath -m: they need not exist yet).
SDK_RELS = g=`realpath -m --relative-to="$(1)" "$(sdkguestdir)"` && \
	b=`realpath -m --relative-to="$(1)" "$(bindir)"`
SDK_SUBST_RELS = -e "s|%%G%%|$$g|g" -e "s|%%B%%|$$b|g"
SDK_SUBST_CC = -e 's|%%NAME%%|wasm-mpicc|g' -e 's|%%LANG%%|c|g' -e 's|%%LANGNAME%%|C|g' \
	-e 's|%%OMPI_NAME%%|mpicc|g'
SDK_SUBST_CXX = -e 's|%%NAME%%|wasm-mpicxx|g' -e 's|%%LANG%%|c++|g' -e 's|%%LANGNAME%%|C++|g' \
	-e 's|%%OMPI_NAME%%|mpicxx|g'
sdk/wasm-mpicc: $(top_srcdir)/sdk/wasm-mpicc.in Makefile
	$(AM_V_GEN)$(MKDIR_P) sdk && $(SDK_SUBST_BUILD) $(SDK_SUBST_CC) \
	  < $(top_srcdir)/sdk/wasm-mpicc.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
sdk/wasm-mpicxx: $(top_srcdir)/sdk/wasm-mpicc.in Makefile
	$(AM_V_GEN)$(MKDIR_P) sdk && $(SDK_SUBST_BUILD) $(SDK_SUBST_CXX) \
	  < $(top_srcdir)/sdk/wasm-mpicc.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
sdk/inst/wasm-mpicc: $(top_srcdir)/sdk/wasm-mpicc.in Makefile sdk/inst/dirs
	$(AM_V_GEN)$(MKDIR_P) sdk/inst && $(call SDK_RELS,$(bindir)) && \
	$(SDK_SUBST_INST) $(SDK_SUBST_RELS) $(SDK_SUBST_CC) \
	  < $(top_srcdir)/sdk/wasm-mpicc.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
sdk/inst/wasm-mpicxx: $(top_srcdir)/sdk/wasm-mpicc.in Makefile sdk/inst/dirs
	$(AM_V_GEN)$(MKDIR_P) sdk/inst && $(call SDK_RELS,$(bindir)) && \
	$(SDK_SUBST_INST) $(SDK_SUBST_RELS) $(SDK_SUBST_CXX) \
	  < $(top_srcdir)/sdk/wasm-mpicc.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
sdk/cmake/wasm-mpi-toolchain.cmake: $(top_srcdir)/sdk/cmake/wasm-mpi-toolchain.cmake.in Makefile
	$(AM_V_GEN)$(MKDIR_P) sdk/cmake && $(SDK_SUBST_BUILD) < $(top_srcdir)/sdk/cmake/wasm-mpi-toolchain.cmake.in > $@
sdk/inst/wasm-mpi-toolchain.cmake: $(top_srcdir)/sdk/cmake/wasm-mpi-toolchain.cmake.in Makefile sdk/inst/dirs
	$(AM_V_GEN)$(MKDIR_P) sdk/inst && $(call SDK_RELS,$(sdkcmakedir)) && \
	$(SDK_SUBST_INST) $(SDK_SUBST_RELS) < $(top_srcdir)/sdk/cmake/wasm-mpi-toolchain.cmake.in > $@
# The pkg-config flags are the wrapper's own (--showme:compile / :link); in
# the installed file, the guest directory as the wrapper in sdk/inst sees it
# becomes $${guestdir}.
sdk/wasm-mpi.pc: $(top_srcdir)/sdk/wasm-mpi.pc.in sdk/wasm-mpicc Makefile
	$(AM_V_GEN)$(SDK_SUBST_BUILD) -e "s|%%CFLAGS%%|`sdk/wasm-mpicc --showme:compile`|" \
	  -e "s|%%LIBS%%|`sdk/wasm-mpicc --showme:link`|" < $(top_srcdir)/sdk/wasm-mpi.pc.in > $@
sdk/inst/wasm-mpi.pc: $(top_srcdir)/sdk/wasm-mpi.pc.in sdk/inst/wasm-mpicc Makefile sdk/inst/dirs
	$(AM_V_GEN)$(MKDIR_P) sdk/inst && here=`cd sdk/inst && pwd -P` && \
	gw=`realpath -m --relative-to="$(bindir)" "$(sdkguestdir)"` && \
	cf=$$(sdk/inst/wasm-mpicc --showme:compile | sed "s|$$here/$$gw|\$${guestdir}|g") && \
	lf=$$(sdk/inst/wasm-mpicc --showme:link | sed "s|$$here/$$gw|\$${guestdir}|g") && \
	$(call SDK_RELS,$(sdkpkgconfigdir)) && \
	$(SDK_SUBST_INST) $(SDK_SUBST_RELS) -e "s|%%CFLAGS%%|$$cf|" -e "s|%%LIBS%%|$$lf|" \
	  < $(top_srcdir)/sdk/wasm-mpi.pc.in > $@

# The install variants depend on the install directories, which may be
# changed on the make command line (make install prefix=...): remembered in
# sdk/inst/dirs, rewritten only when they differ.
sdk/inst/dirs: FORCE
	@$(MKDIR_P) sdk/inst && \
	echo '$(bindir) $(sdkguestdir) $(sdkcmakedir) $(sdkpkgconfigdir) $(CLANG_WASM)' > $@.tmp && \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
FORCE:
.PHONY: FORCE

CLEANFILES += $(SDK_BUILD_FILES) $(SDK_INST_FILES) $(SDK_GENERATED) $(SDK_COMPAT_LIB) \
	$(SDK_COMPAT_OBJECTS)
clean-local: clean-sdk
clean-sdk:
	rm -rf sdk/sysroot sdk/inst tests/sdk/out
.PHONY: clean-sdk

# make install: the wrappers in bindir; headers, compat library, import
# list and a wasi-libc sysroot (symlinks) in $(sdkguestdir); the CMake
# toolchain file in $(sdkcmakedir); wasm-mpi.pc in $(sdkpkgconfigdir).
install-exec-local: install-sdk-exec
install-sdk-exec: sdk-all
	@$(SDK_CAN_BUILD) || { $(SDK_SKIPPED); exit 0; }; \
	$(MAKE) $(AM_MAKEFLAGS) install-sdk-exec-files
install-sdk-exec-files:
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_SCRIPT) sdk/inst/wasm-mpicc '$(DESTDIR)$(bindir)/wasm-mpicc'
	$(INSTALL_SCRIPT) sdk/inst/wasm-mpicxx '$(DESTDIR)$(bindir)/wasm-mpicxx'
	$(MKDIR_P) '$(DESTDIR)$(sdkguestdir)/bin'
	$(INSTALL_SCRIPT) $(top_srcdir)/sdk/no-wasm-opt/wasm-opt '$(DESTDIR)$(sdkguestdir)/bin/wasm-opt'
install-data-local: install-sdk-data
install-sdk-data: sdk-all
	@$(SDK_CAN_BUILD) || { $(SDK_SKIPPED); exit 0; }; \
	$(MAKE) $(AM_MAKEFLAGS) install-sdk-data-files
install-sdk-data-files:
	$(MKDIR_P) '$(DESTDIR)$(sdkguestdir)/include' '$(DESTDIR)$(sdkguestdir)/lib' \
	  '$(DESTDIR)$(sdkguestdir)/sysroot/include' '$(DESTDIR)$(sdkguestdir)/sysroot/lib' \
	  '$(DESTDIR)$(sdkcmakedir)' '$(DESTDIR)$(sdkpkgconfigdir)'
	for h in $(SDK_HDRS); do \
	  $(INSTALL_DATA) $(top_srcdir)/$$h '$(DESTDIR)$(sdkguestdir)/include' || exit 1; done
	$(INSTALL_DATA) sdk/include/mpi_imports.h '$(DESTDIR)$(sdkguestdir)/include'
	$(INSTALL_DATA) $(SDK_COMPAT_LIB) sdk/lib/mpi-imports.txt '$(DESTDIR)$(sdkguestdir)/lib'
	ln -sfn '$(WASI_LIBC_INCLUDE)' '$(DESTDIR)$(sdkguestdir)/sysroot/include/wasm32-wasi'
	ln -sfn '$(WASI_LIBC_LIB)' '$(DESTDIR)$(sdkguestdir)/sysroot/lib/wasm32-wasi'
	$(MKDIR_P) '$(DESTDIR)$(sdkcmakedir)/Platform'
	$(INSTALL_DATA) sdk/inst/wasm-mpi-toolchain.cmake '$(DESTDIR)$(sdkcmakedir)'
	$(INSTALL_DATA) $(top_srcdir)/sdk/cmake/Platform/WASI.cmake '$(DESTDIR)$(sdkcmakedir)/Platform'
	$(INSTALL_DATA) sdk/inst/wasm-mpi.pc '$(DESTDIR)$(sdkpkgconfigdir)'
uninstall-local: uninstall-sdk
uninstall-sdk:
	rm -f '$(DESTDIR)$(bindir)/wasm-mpicc' '$(DESTDIR)$(bindir)/wasm-mpicxx' \
	  '$(DESTDIR)$(sdkcmakedir)/wasm-mpi-toolchain.cmake' \
	  '$(DESTDIR)$(sdkcmakedir)/Platform/WASI.cmake' \
	  '$(DESTDIR)$(sdkpkgconfigdir)/wasm-mpi.pc'
	rm -rf '$(DESTDIR)$(sdkguestdir)'
.PHONY: install-sdk-exec install-sdk-data install-sdk-exec-files install-sdk-data-files uninstall-sdk

# Tests of the sdk (tests/sdk/README): part of make check; `make check-sdk`
# runs only these.
SDK_TESTS = tests/sdk/headers.sh tests/sdk/wrappers.sh tests/sdk/imports.sh \
	tests/sdk/prototypes.sh tests/sdk/compat.sh tests/sdk/constants.sh tests/sdk/probes.sh \
	tests/sdk/install.sh tests/sdk/binaryen.sh
TESTS += $(SDK_TESTS)
EXTRA_DIST += $(SDK_TESTS) tests/sdk/README tests/sdk/sdk-lib.sh tests/sdk/probe-lib.sh \
	tests/sdk/compat.c tests/sdk/probe
if HAVE_CHECK
# The host side of the compat library (loader/wl_compat.c), unit-tested.
check_PROGRAMS += tests/sdk/check_compat
SDK_UNIT_TESTS = tests/sdk/check_compat
TESTS += $(SDK_UNIT_TESTS)
tests_sdk_check_compat_SOURCES = tests/sdk/check_compat.c
tests_sdk_check_compat_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_sdk_check_compat_LDADD = loader/libwl.a $(CHECK_LIBS) -ldl -lm -lpthread
endif
check-sdk:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$(SDK_TESTS) $(SDK_UNIT_TESTS)"
.PHONY: check-sdk
