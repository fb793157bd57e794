/* check_translate.c — the translator back end end to end, without the
 * loader: translate a hand-assembled module, dlopen the .so, check the
 * descriptor against the module and call the code through its trampoline. */
#include <check.h>
#include <dlfcn.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "w2s.h"
#include "wasmso_abi.h"

/* (module (type (func (param i32 i32) (result i32))) (memory 1)
 *   (global i32 (i32.const 7)) (func (export "add") local.get 0 local.get 1 i32.add)
 *   (data (i32.const 16) "hi")) */
static const uint8_t add_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,             /* type */
    0x03, 0x02, 0x01, 0x00,                                           /* function */
    0x05, 0x03, 0x01, 0x00, 0x01,                                     /* memory */
    0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x07, 0x0b,                   /* global */
    0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00,                /* export */
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, /* code */
    0x0b, 0x08, 0x01, 0x00, 0x41, 0x10, 0x0b, 0x02, 'h', 'i',         /* data */
};

/* (module (type (func (param i32 i32) (result i32)))
 *   (func $f (export "f") (i32.mul (call $g (local.get 0) (local.get 1)) (i32.const 2)))
 *   (func $g (call $h (local.get 0) (i32.add (local.get 1) (i32.const 1))))
 *   (func $h (i32.sub (local.get 0) (local.get 1)))) */
static const uint8_t split_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f,
    0x7f, 0x01, 0x7f, 0x03, 0x04, 0x03, 0x00, 0x00, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66,
    0x00, 0x00, 0x0a, 0x21, 0x03, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x10, 0x01, 0x41,
    0x02, 0x6c, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x41, 0x01, 0x6a, 0x10, 0x02,
    0x0b, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6b, 0x0b,
};

static char *temp_so(void) {
  char *path = strdup("/tmp/check_translate-XXXXXX.so");
  int fd = mkstemps(path, 3);
  ck_assert_int_ge(fd, 0);
  close(fd);
  return path;
}

/* split_wasm translated with o into so: exactly `parts` objects were kept
 * (OUT.o, OUT.1.o, ...), nothing but the descriptor is exported, and f(a, b)
 * = (a - (b + 1)) * 2 runs across the parts. */
static void check_split(const w2s_options *o, unsigned parts) {
  char *so = temp_so();
  w2s_diag d = {0};
  ck_assert_msg(w2s_translate(split_wasm, sizeof split_wasm, o, so, &d), "%s", d.msg);
  char obj[256];
  for (unsigned i = 0; i <= parts; i++) {
    if (i == 0)
      snprintf(obj, sizeof obj, "%s.o", so);
    else
      snprintf(obj, sizeof obj, "%s.%u.o", so, i);
    ck_assert_msg((access(obj, F_OK) == 0) == (i < parts), "object %s: expected %s", obj,
                  i < parts ? "present" : "absent");
    unlink(obj);
  }
  void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
  ck_assert_msg(h != NULL, "%s", dlerror());
  const wasmso_module_desc *desc = dlsym(h, WASMSO_DESCRIPTOR_SYMBOL);
  ck_assert_ptr_nonnull(desc);
  ck_assert_uint_eq(desc->nfuncs, 3);
  ck_assert_ptr_null(dlsym(h, "f"));
  ck_assert_ptr_null(dlsym(h, "wasm-function[1]"));
  uint8_t mem[16];
  wasmso_vmctx vm = {.mem_base = mem, .stack_limit = 0};
  wasmso_value args[2] = {{.i32 = 10}, {.i32 = 3}}, res[1] = {{0}};
  desc->types[0].tramp(desc->funcs[0].fn, &vm, args, res);
  ck_assert_uint_eq(res[0].i32, (10 - (3 + 1)) * 2);
  dlclose(h);
  unlink(so);
  free(so);
}

/* Split into one part per function, on three threads. */
START_TEST(test_split_parts) {
  w2s_options o;
  w2s_options_default(&o);
  o.target = "x86_64";
  o.split_min_code = 1;
  o.threads = 3;
  o.keep_object = true;
  check_split(&o, 3);
}
END_TEST

/* A huge function compiles alone (at most -O1, quick code generation): with
 * the limit at 8 bytes, f (11) and g (11) are huge and h (7) is not, so the
 * one part a module this small would get becomes three. */
START_TEST(test_huge_functions_alone) {
  w2s_options o;
  w2s_options_default(&o);
  o.target = "x86_64";
  o.huge_func_code = 8;
  o.keep_object = true;
  check_split(&o, 3);
}
END_TEST

START_TEST(test_descriptor_and_call) {
  char *so = temp_so();
  w2s_options o;
  w2s_options_default(&o);
  ck_assert_int_eq(o.opt_level, 2);
  o.target = "x86_64";
  w2s_diag d = {0};
  ck_assert_msg(w2s_translate(add_wasm, sizeof add_wasm, &o, so, &d), "%s", d.msg);

  void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
  ck_assert_msg(h != NULL, "%s", dlerror());
  const wasmso_module_desc *desc = dlsym(h, WASMSO_DESCRIPTOR_SYMBOL);
  ck_assert_ptr_nonnull(desc);
  ck_assert_uint_eq(desc->magic, WASMSO_MAGIC);
  ck_assert_uint_eq(desc->abi_version, WASMSO_ABI_VERSION);
  ck_assert_str_eq(desc->target_triple, "x86_64-unknown-linux-gnu");
  ck_assert_str_eq(desc->cpu, "x86-64-v2");
  ck_assert_uint_eq(desc->ntypes, 1);
  ck_assert_uint_eq(desc->types[0].nparams, 2);
  ck_assert_uint_eq(desc->types[0].nresults, 1);
  ck_assert_uint_eq(desc->types[0].types[2], WASMSO_I32);
  ck_assert_uint_eq(desc->nfuncs, 1);
  ck_assert_str_eq(desc->funcs[0].name, "add");
  ck_assert_uint_eq(desc->nmemories, 1);
  ck_assert_uint_eq(desc->memories[0].min, 1);
  ck_assert_uint_eq(desc->memories[0].has_max, 0);
  ck_assert_uint_eq(desc->nglobals, 1);
  ck_assert_uint_eq(desc->globals[0].init.op, WASMSO_CONST_I32);
  ck_assert_uint_eq(desc->globals[0].init.value.i32, 7);
  ck_assert_uint_eq(desc->nexports, 1);
  ck_assert_str_eq(desc->exports[0].name, "add");
  ck_assert_uint_eq(desc->ndatas, 1);
  ck_assert_uint_eq(desc->datas[0].size, 2);
  ck_assert_int_eq(memcmp(desc->datas[0].bytes, "hi", 2), 0);
  ck_assert_uint_eq(desc->datas[0].offset.value.i32, 16);
  ck_assert_uint_eq(desc->start, 0xffffffffu);
  ck_assert_uint_eq(desc->memory_mode, WASMSO_MEMORY_GUARDED);
  /* Only the descriptor is exported. */
  ck_assert_ptr_null(dlsym(h, "add"));

  /* Call add(2, 3) through the trampoline, with a bare vmctx. */
  uint8_t mem[16];
  wasmso_vmctx vm = {.mem_base = mem, .stack_limit = 0};
  wasmso_value args[2] = {{.i32 = 2}, {.i32 = 3}}, res[1] = {{0}};
  desc->types[0].tramp(desc->funcs[0].fn, &vm, args, res);
  ck_assert_uint_eq(res[0].i32, 5);
  args[0].i32 = 0xffffffffu;
  desc->types[0].tramp(desc->funcs[0].fn, &vm, args, res);
  ck_assert_uint_eq(res[0].i32, 2);
  dlclose(h);
  unlink(so);
  free(so);
}
END_TEST

/* --bounds-checks is recorded in the descriptor, for the loader to reserve by. */
START_TEST(test_bounds_checks_recorded) {
  char *so = temp_so();
  w2s_options o;
  w2s_options_default(&o);
  o.bounds_checks = true;
  w2s_diag d = {0};
  ck_assert_msg(w2s_translate(add_wasm, sizeof add_wasm, &o, so, &d), "%s", d.msg);
  void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
  ck_assert_msg(h != NULL, "%s", dlerror());
  const wasmso_module_desc *desc = dlsym(h, WASMSO_DESCRIPTOR_SYMBOL);
  ck_assert_ptr_nonnull(desc);
  ck_assert_uint_eq(desc->memory_mode, WASMSO_MEMORY_CHECKED);
  dlclose(h);
  unlink(so);
  free(so);
}
END_TEST

/* A failed translation leaves the output as it was: an existing file keeps
 * its contents, an absent one stays absent. */
START_TEST(test_failure_keeps_output) {
  char *so = temp_so();
  FILE *f = fopen(so, "w");
  ck_assert_ptr_nonnull(f);
  fputs("an earlier build", f);
  fclose(f);
  w2s_options o;
  w2s_options_default(&o);
  w2s_diag d = {0};
  ck_assert(!w2s_translate(add_wasm, 20, &o, so, &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_MALFORMED);
  char buf[64] = {0};
  f = fopen(so, "r");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_gt(fread(buf, 1, sizeof buf - 1, f), 0);
  fclose(f);
  ck_assert_str_eq(buf, "an earlier build");
  /* A failure at the last step, the link, too. */
  o.ld_lld = "/bin/false";
  d = (w2s_diag){0};
  ck_assert(!w2s_translate(add_wasm, sizeof add_wasm, &o, so, &d));
  ck_assert_msg(strstr(d.msg, "linking failed") != NULL, "%s", d.msg);
  memset(buf, 0, sizeof buf);
  f = fopen(so, "r");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_gt(fread(buf, 1, sizeof buf - 1, f), 0);
  fclose(f);
  ck_assert_str_eq(buf, "an earlier build");
  ck_assert_int_eq(unlink(so), 0);
  d = (w2s_diag){0};
  ck_assert(!w2s_translate(add_wasm, 20, &o, so, &d));
  ck_assert_int_ne(access(so, F_OK), 0);
  free(so);
}
END_TEST

/* An output that holds a Wasm module is refused, before any work, and kept. */
START_TEST(test_output_is_module) {
  char *so = temp_so();
  FILE *f = fopen(so, "w");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(add_wasm, 1, sizeof add_wasm, f), sizeof add_wasm);
  fclose(f);
  w2s_options o;
  w2s_options_default(&o);
  w2s_diag d = {0};
  ck_assert(!w2s_translate(add_wasm, sizeof add_wasm, &o, so, &d));
  ck_assert_msg(strstr(d.msg, "is a WebAssembly module") != NULL, "%s", d.msg);
  struct stat st;
  ck_assert_int_eq(stat(so, &st), 0);
  ck_assert_int_eq(st.st_size, sizeof add_wasm);
  unlink(so);
  free(so);
}
END_TEST

/* -o /dev/null (or any existing non-regular file) is written through, never
 * replaced by a regular file, and a failure does not remove it. */
START_TEST(test_output_not_regular) {
  w2s_options o;
  w2s_options_default(&o);
  o.target = "x86_64";
  w2s_diag d = {0};
  struct stat st;
  ck_assert_msg(w2s_translate(add_wasm, sizeof add_wasm, &o, "/dev/null", &d), "%s", d.msg);
  ck_assert_int_eq(stat("/dev/null", &st), 0);
  ck_assert_msg(S_ISCHR(st.st_mode), "/dev/null is no longer a character device");
  ck_assert(!w2s_translate(add_wasm, 20, &o, "/dev/null", &d));
  ck_assert_int_eq(stat("/dev/null", &st), 0);
  ck_assert_msg(S_ISCHR(st.st_mode), "a failed translation removed /dev/null");
  char dir[] = "/tmp/check_translate-dir-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  d = (w2s_diag){0};
  ck_assert(!w2s_translate(add_wasm, sizeof add_wasm, &o, dir, &d));
  ck_assert_msg(strstr(d.msg, "is a directory") != NULL, "%s", d.msg);
  ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_aarch64) {
  char *so = temp_so();
  w2s_options o;
  w2s_options_default(&o);
  o.target = "aarch64";
  w2s_diag d = {0};
  ck_assert_msg(w2s_translate(add_wasm, sizeof add_wasm, &o, so, &d), "%s", d.msg);
  FILE *f = fopen(so, "rb");
  ck_assert_ptr_nonnull(f);
  Elf64_Ehdr eh;
  ck_assert_uint_eq(fread(&eh, sizeof eh, 1, f), 1);
  fclose(f);
  ck_assert_uint_eq(eh.e_type, ET_DYN);
  ck_assert_uint_eq(eh.e_machine, EM_AARCH64);
  unlink(so);
  free(so);
}
END_TEST

START_TEST(test_bad_target) {
  w2s_options o;
  w2s_options_default(&o);
  o.target = "mips-unknown-linux-gnu";
  w2s_diag d = {0};
  ck_assert(!w2s_translate(add_wasm, sizeof add_wasm, &o, "/tmp/check_translate-never.so", &d));
  ck_assert_int_eq(d.kind, W2S_DIAG_BACKEND);
  ck_assert_ptr_nonnull(strstr(d.msg, "unsupported target"));
}
END_TEST

/* --cpu and --cpu-features are checked against the target's names before
 * LLVM sees them (it aborts on some unknown CPUs and only warns about an
 * unknown feature); a name of the other architecture suggests its --target. */
static const struct {
  const char *target, *cpu, *features;
  const char *error; /* NULL: accepted; else a part of the message */
} cpu_cases[] = {
    {"x86_64", "neoverse-n1", NULL, "--target=aarch64"},
    {"aarch64", "znver3", NULL, "--target=x86_64"},
    {"x86_64", "no-such-cpu", NULL, "unknown CPU 'no-such-cpu' for x86_64"},
    {"aarch64", "no-such-cpu", NULL, "unknown CPU 'no-such-cpu' for aarch64"},
    {"x86_64", NULL, "+sve", "--target=aarch64"},
    {"aarch64", NULL, "+avx2", "--target=x86_64"},
    {"x86_64", NULL, "+avx2,+no-such-feature", "unknown x86_64 feature 'no-such-feature'"},
    {"x86_64", NULL, "avx2", "at 'avx2'"},
    {"x86_64", NULL, "+avx2,,-fma", "an empty item"},
    {"x86_64", NULL, "+avx2,", "an empty item"},
    {"x86_64", NULL, "+", "at '+'"},
    {"x86_64", "Znver3", NULL, "unknown CPU"},
    {"x86_64", "znver3", "+avx2,-fma", NULL},
    {"x86_64", "x86-64-v3", "", NULL},
    {"aarch64", "neoverse-n1", "+sve,-sha3", NULL},
    {"aarch64", "generic", NULL, NULL},
};

START_TEST(test_cpu_names) {
  w2s_options o;
  w2s_options_default(&o);
  o.target = cpu_cases[_i].target;
  o.cpu = cpu_cases[_i].cpu;
  o.features = cpu_cases[_i].features;
  w2s_diag d = {0};
  void *obj = NULL;
  size_t size = 0;
  bool ok = w2s_compile(add_wasm, sizeof add_wasm, &o, &obj, &size, &d);
  free(obj);
  const char *want = cpu_cases[_i].error;
  if (!want) {
    ck_assert_msg(ok, "%s --cpu=%s --cpu-features=%s: %s", o.target, o.cpu, o.features, d.msg);
    return;
  }
  ck_assert_msg(!ok, "%s --cpu=%s --cpu-features=%s accepted", o.target, o.cpu, o.features);
  ck_assert_int_eq(d.kind, W2S_DIAG_BACKEND);
  ck_assert_msg(strstr(d.msg, want) != NULL, "expected '%s' in: %s", want, d.msg);
}
END_TEST

int main(void) {
  Suite *s = suite_create("translate");
  TCase *tc = tcase_create("backend");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_descriptor_and_call);
  tcase_add_test(tc, test_split_parts);
  tcase_add_test(tc, test_huge_functions_alone);
  tcase_add_test(tc, test_bounds_checks_recorded);
  tcase_add_test(tc, test_failure_keeps_output);
  tcase_add_test(tc, test_output_is_module);
  tcase_add_test(tc, test_output_not_regular);
  tcase_add_test(tc, test_aarch64);
  tcase_add_test(tc, test_bad_target);
  tcase_add_loop_test(tc, test_cpu_names, 0, sizeof cpu_cases / sizeof cpu_cases[0]);
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
