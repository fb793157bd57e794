/* check_mpi_shim_calls.c — wrappers called as the guest calls them, with
 * wild pointers, bad handles and strings that run off the end of memory,
 * under MPI_ERRORS_RETURN; and the "mpi" resolver. */
#include <string.h>

#include "check_mpi_shim.h"

static int32_t geti(uint32_t g) {
  int32_t v;
  memcpy(&v, mem->base + g, 4);
  return v;
}

static uint32_t top(void) { return (uint32_t)mem->size; }

START_TEST(env_wild_pointers) {
  uint32_t out = gput("\0\0\0\0\0\0\0\0", 8);
  ck_assert_int_eq(ms_MPI_Initialized(&vm, out), 0);
  ck_assert_int_eq(geti(out), 1);
  ck_assert_int_eq(ms_MPI_Initialized(&vm, top() - 3), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Finalized(&vm, 0xfffffffcu), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Get_version(&vm, out, top()), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Get_version(&vm, out, out + 4), 0);
  ck_assert_int_eq(geti(out) * 10 + geti(out + 4) >= 30, 1);
  ck_assert_int_eq(ms_MPI_Abi_get_version(&vm, out, out + 4), 0);
  ck_assert_int_eq(geti(out), ABI_VERSION_MAJOR);
  ck_assert_int_eq(ms_MPI_Get_processor_name(&vm, top() - 2, out), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Get_processor_name(&vm, 2048, top()), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Get_processor_name(&vm, 2048, out), 0);
  ck_assert_int_eq((int)strlen((char *)mem->base + 2048), geti(out));
  ck_assert_int_eq(ms_MPI_Get_library_version(&vm, top() - 10, out), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Query_thread(&vm, 0xffffffffu), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Is_thread_main(&vm, out), 0);
  ck_assert_int_eq(geti(out), 1);
  ck_assert_int_eq(ms_MPI_Init(&vm, 0, 0), ABI_ERR_OTHER); /* already initialised */
  ck_assert_int_eq(ms_MPI_Init(&vm, top(), 0), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Init_thread(&vm, 0, 0, 5, out), ABI_ERR_ARG);
  /* no guest malloc behind this fake instance */
  ck_assert_int_eq(ms_MPI_Alloc_mem(&vm, 16, ABI_INFO_NULL, out), ABI_ERR_NO_MEM);
  ck_assert_int_eq(ms_MPI_Alloc_mem(&vm, (uint32_t)-1, ABI_INFO_NULL, out), ABI_ERR_SIZE);
  ck_assert_int_eq(ms_MPI_Alloc_mem(&vm, 16, 0x4242, out), ABI_ERR_INFO);
  ck_assert_int_eq(ms_MPI_Alloc_mem(&vm, 16, ABI_INFO_NULL, top()), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Free_mem(&vm, 0xfffffff0u), ABI_ERR_BASE);
}
END_TEST

START_TEST(errors_and_handlers) {
  uint32_t out = gput("\0\0\0\0\0\0\0\0", 8);
  ck_assert_int_eq(ms_MPI_Error_class(&vm, ABI_ERR_TRUNCATE, out), 0);
  ck_assert_int_eq(geti(out), ABI_ERR_TRUNCATE);
  ck_assert_int_eq(ms_MPI_Error_class(&vm, 12345, out), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Error_class(&vm, ABI_ERR_COMM, top()), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Error_string(&vm, ABI_ERR_RANK, 4096, out), 0);
  ck_assert_str_eq((char *)mem->base + 4096, "MPI_ERR_RANK: invalid rank");
  ck_assert_int_eq(geti(out), (int)strlen("MPI_ERR_RANK: invalid rank"));
  ck_assert_int_eq(ms_MPI_Error_string(&vm, ABI_ERR_RANK, top() - 5, out), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Error_string(&vm, -7, 4096, out), ABI_ERR_ARG);
  /* error handlers */
  ck_assert_int_eq(ms_MPI_Comm_get_errhandler(&vm, ABI_COMM_WORLD, out), 0);
  ck_assert_uint_eq((uint32_t)geti(out), ABI_ERRORS_RETURN);
  ck_assert_int_eq(ms_MPI_Comm_get_errhandler(&vm, ABI_COMM_NULL, out), ABI_ERR_COMM);
  ck_assert_int_eq(ms_MPI_Comm_get_errhandler(&vm, 0x7777, out), ABI_ERR_COMM);
  ck_assert_int_eq(ms_MPI_Comm_set_errhandler(&vm, ABI_COMM_SELF, ABI_INT), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Comm_set_errhandler(&vm, ABI_COMM_SELF, ABI_ERRORS_RETURN), 0);
  ck_assert_uint_eq(ms_obj_get(MS_COMM, ABI_COMM_SELF) ? ((ms_comm *)ms_obj_get(MS_COMM, ABI_COMM_SELF))->errhandler : 0,
                    ABI_ERRORS_RETURN);
  /* a user handler needs a function in the guest's table: none here */
  ck_assert_int_eq(ms_MPI_Comm_create_errhandler(&vm, 3, out), ABI_ERR_ARG);
  uint32_t eh = gput((int32_t[]){ABI_ERRORS_RETURN}, 4);
  ck_assert_int_eq(ms_MPI_Errhandler_free(&vm, eh), 0);
  ck_assert_uint_eq((uint32_t)geti(eh), ABI_ERRHANDLER_NULL);
  ck_assert_int_eq(ms_MPI_Errhandler_free(&vm, eh), ABI_ERR_ARG); /* now ERRHANDLER_NULL */
  ck_assert_int_eq(ms_MPI_Errhandler_free(&vm, top()), ABI_ERR_ARG);
  /* the guest's handler decides: ERRORS_RETURN returns the class */
  ck_assert_int_eq(ms_raise(&vm, NULL, ABI_ERR_TAG, "MPI_Test", "detail %d", 1), ABI_ERR_TAG);
  ck_assert_int_eq(ms_raise(&vm, NULL, 0, "MPI_Test", "no error"), 0);
  ck_assert_int_eq(ms_MPI_Comm_call_errhandler(&vm, ABI_COMM_WORLD, ABI_ERR_OTHER), 0);
  /* a host error code comes back as the guest's class */
  int rc = MPI_Send(NULL, 1, MPI_INT, 5, 0, MPI_COMM_SELF); /* rank 5 of 1 */
  ck_assert_int_ne(rc, MPI_SUCCESS);
  ck_assert_int_eq(ms_check(&vm, NULL, rc, "MPI_Send"), ABI_ERR_RANK);
  ck_assert_int_eq(ms_check(&vm, NULL, MPI_SUCCESS, "MPI_Send"), 0);
}
END_TEST

START_TEST(user_error_codes) {
  uint32_t cl = gput("\0\0\0\0", 4), co = gput("\0\0\0\0", 4), len = gput("\0\0\0\0", 4);
  int before = ms_last_used_code();
  ck_assert_int_ge(before, ABI_ERR_LASTCODE);
  ck_assert_int_eq(ms_MPI_Add_error_class(&vm, cl), 0);
  int cls = geti(cl);
  ck_assert_int_gt(cls, ABI_ERR_LASTCODE);
  ck_assert_int_eq(ms_MPI_Add_error_code(&vm, (uint32_t)cls, co), 0);
  int code = geti(co);
  ck_assert_int_gt(code, cls);
  ck_assert_int_eq(ms_last_used_code(), code);
  ck_assert_int_eq(ms_MPI_Add_error_code(&vm, ABI_ERR_RANK, co), 0); /* a code of a predefined class */
  ck_assert_int_eq(ms_code_class(geti(co)), ABI_ERR_RANK);
  ck_assert_int_eq(ms_MPI_Add_error_code(&vm, (uint32_t)code, co), ABI_ERR_ARG); /* a code is no class */
  ck_assert_int_eq(ms_MPI_Add_error_code(&vm, 77777, co), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Add_error_string(&vm, (uint32_t)code, gstr("disk on fire")), 0);
  ck_assert_int_eq(ms_MPI_Error_class(&vm, (uint32_t)code, cl), 0);
  ck_assert_int_eq(geti(cl), cls);
  ck_assert_int_eq(ms_MPI_Error_string(&vm, (uint32_t)code, 4096, len), 0);
  ck_assert_str_eq((char *)mem->base + 4096, "disk on fire");
  ck_assert_int_eq(ms_MPI_Error_string(&vm, (uint32_t)cls, 4096, len), 0);
  ck_assert_str_eq((char *)mem->base + 4096, "");
  /* strings must end inside memory; only added codes take one */
  memset(mem->base + top() - 8, 'x', 8);
  ck_assert_int_eq(ms_MPI_Add_error_string(&vm, (uint32_t)code, top() - 8), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Add_error_string(&vm, ABI_ERR_RANK, gstr("no")), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Add_error_class(&vm, top()), ABI_ERR_ARG);
  /* the program's handler sees its own code */
  ck_assert_int_eq(ms_raise(&vm, NULL, code, "MPI_Test", "user code"), code);
}
END_TEST

/* Another group's wrapper, through the import table as the loader binds
 * it: a wild buffer never reaches the host. */
START_TEST(send_wild_buffer) {
  const struct ms_fn *f = ms_lookup("MPI_Send", 8);
  ck_assert_msg(f != NULL, "MPI_Send is not in any group's table");
  int32_t (*send)(wasmso_vmctx *, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) = f->fn;
  ck_assert_int_eq(send(&vm, top() - 8, 3, ABI_INT, 0, 0, ABI_COMM_SELF), ABI_ERR_BUFFER);
  ck_assert_int_eq(send(&vm, 0x7ffffff0u, 1000, ABI_INT, 0, 0, ABI_COMM_SELF), ABI_ERR_BUFFER);
  ck_assert_int_eq(send(&vm, 64, 1, 0x4321, 0, 0, ABI_COMM_SELF), ABI_ERR_TYPE);
  ck_assert_int_eq(send(&vm, 64, 1, ABI_INT, 0, 0, ABI_COMM_NULL), ABI_ERR_COMM);
  ck_assert_int_eq(send(&vm, 64, -1, ABI_INT, 0, 0, ABI_COMM_SELF), ABI_ERR_COUNT);
  ck_assert_int_eq(send(&vm, 64, 1, ABI_INT, 0, -1, ABI_COMM_SELF), ABI_ERR_TAG);
  ck_assert_int_eq(send(&vm, 64, 1, ABI_INT, -2, 0, ABI_COMM_SELF), ABI_ERR_RANK);
  ck_assert_int_eq(send(&vm, 64, 0, ABI_INT, ABI_PROC_NULL, 0, ABI_COMM_SELF), 0);
}
END_TEST

START_TEST(info_strings) {
  uint32_t hp = gput("\0\0\0\0", 4), flag = gput("\0\0\0\0", 4), n = gput("\0\0\0\0", 4);
  ck_assert_int_eq(ms_MPI_Info_create(&vm, hp), 0);
  uint32_t info = (uint32_t)geti(hp);
  ck_assert_uint_ge(info, ABI_PREDEF_LIMIT);
  uint32_t k = gstr("colour"), v = gstr("blue");
  ck_assert_int_eq(ms_MPI_Info_set(&vm, info, k, v), 0);
  /* a key that runs to the end of memory without a NUL */
  memset(mem->base + top() - 16, 'k', 16);
  ck_assert_int_eq(ms_MPI_Info_set(&vm, info, top() - 16, v), ABI_ERR_INFO_KEY);
  ck_assert_int_eq(ms_MPI_Info_set(&vm, info, k, top() - 16), ABI_ERR_INFO_VALUE);
  ck_assert_int_eq(ms_MPI_Info_get(&vm, info, top() - 16, 10, 4096, flag), ABI_ERR_INFO_KEY);
  ck_assert_int_eq(ms_MPI_Info_delete(&vm, info, top() - 16), ABI_ERR_INFO_KEY);
  ck_assert_int_eq(ms_MPI_Info_set(&vm, info, top(), v), ABI_ERR_INFO_KEY);
  ck_assert_int_eq(ms_MPI_Info_set(&vm, info, 0xffffffffu, v), ABI_ERR_INFO_KEY);
  /* ... and one whose NUL is the very last byte */
  mem->base[top() - 1] = 0;
  ck_assert_int_eq(ms_MPI_Info_set(&vm, info, top() - 8, v), 0);
  ck_assert_int_eq(ms_MPI_Info_get_nkeys(&vm, info, n), 0);
  ck_assert_int_eq(geti(n), 2);
  /* get: the value buffer is valuelen + 1 bytes */
  ck_assert_int_eq(ms_MPI_Info_get(&vm, info, k, 4, 4096, flag), 0);
  ck_assert_int_eq(geti(flag), 1);
  ck_assert_str_eq((char *)mem->base + 4096, "blue");
  ck_assert_int_eq(ms_MPI_Info_get(&vm, info, k, 4, top() - 4, flag), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Info_get(&vm, info, k, 4, top() - 5, flag), 0);
  ck_assert_int_eq(ms_MPI_Info_get(&vm, info, k, -1, 4096, flag), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Info_get(&vm, info, k, 4, 4096, top()), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Info_get_valuelen(&vm, info, k, n, flag), 0);
  ck_assert_int_eq(geti(n), 4);
  /* get_string: a short buffer gets a cut value and the full length */
  uint32_t bl = gput((int32_t[]){3}, 4);
  ck_assert_int_eq(ms_MPI_Info_get_string(&vm, info, k, bl, 4096, flag), 0);
  ck_assert_str_eq((char *)mem->base + 4096, "bl");
  ck_assert_int_eq(geti(bl), 5);
  ck_assert_int_eq(ms_MPI_Info_get_string(&vm, info, k, bl, top() - 2, flag), ABI_ERR_ARG);
  /* nthkey writes into a guest buffer */
  ck_assert_int_eq(ms_MPI_Info_get_nthkey(&vm, info, 0, 4096), 0);
  ck_assert_str_eq((char *)mem->base + 4096, "colour");
  ck_assert_int_eq(ms_MPI_Info_get_nthkey(&vm, info, 0, top() - 3), ABI_ERR_ARG);
  ck_assert_int_eq(ms_MPI_Info_get_nthkey(&vm, info, 7, 4096), ABI_ERR_ARG);
  /* dup, delete, free; then the handle is dead */
  uint32_t dp = gput("\0\0\0\0", 4);
  ck_assert_int_eq(ms_MPI_Info_dup(&vm, info, dp), 0);
  ck_assert_int_eq(ms_MPI_Info_delete(&vm, info, k), 0);
  ck_assert_int_eq(ms_MPI_Info_delete(&vm, info, k), ABI_ERR_INFO_NOKEY);
  ck_assert_int_eq(ms_MPI_Info_get(&vm, (uint32_t)geti(dp), k, 10, 4096, flag), 0);
  ck_assert_int_eq(geti(flag), 1);
  ck_assert_int_eq(ms_MPI_Info_free(&vm, hp), 0);
  ck_assert_uint_eq((uint32_t)geti(hp), ABI_INFO_NULL);
  ck_assert_int_eq(ms_MPI_Info_get_nkeys(&vm, info, n), ABI_ERR_INFO);
  ck_assert_int_eq(ms_MPI_Info_free(&vm, hp), ABI_ERR_INFO);
  ck_assert_int_eq(ms_MPI_Info_free(&vm, dp), 0);
  /* predefined info objects are not the program's to free */
  uint32_t env = gput((int32_t[]){ABI_INFO_ENV}, 4);
  ck_assert_int_eq(ms_MPI_Info_free(&vm, env), ABI_ERR_INFO);
  ck_assert_int_eq(ms_MPI_Info_set(&vm, ABI_INFO_NULL, k, v), ABI_ERR_INFO);
  ck_assert_int_eq(ms_MPI_Info_create(&vm, top() - 2), ABI_ERR_ARG);
  /* the ABI's own info: sizes of the guest's MPI_Aint, MPI_Count, MPI_Offset */
  ck_assert_int_eq(ms_MPI_Abi_get_info(&vm, hp), 0);
  ck_assert_int_eq(ms_MPI_Info_get(&vm, (uint32_t)geti(hp), gstr("mpi_aint_size"), 8, 4096, flag), 0);
  ck_assert_int_eq(geti(flag), 1);
  ck_assert_str_eq((char *)mem->base + 4096, "4");
  ck_assert_int_eq(ms_MPI_Info_free(&vm, hp), 0);
  ck_assert_int_eq(ms_MPI_Abi_get_info(&vm, top()), ABI_ERR_ARG);
}
END_TEST

START_TEST(resolver) {
  wl_extern ex;
  ck_assert(ms_resolve(NULL, "mpi", 3, "MPI_Init", 8, WASMSO_EXTERN_FUNC, &ex));
  ck_assert_int_eq(ex.kind, WASMSO_EXTERN_FUNC);
  ck_assert_ptr_eq(ex.u.func.host_fn, (void *)ms_MPI_Init);
  uint8_t i32 = WASMSO_I32, f64 = WASMSO_F64;
  ck_assert_uint_eq(ex.u.func.type_id, wl_type_id((uint8_t[]){i32, i32}, 2, &i32, 1));
  ck_assert(ms_resolve(NULL, "mpi", 3, "MPI_Wtime", 9, WASMSO_EXTERN_FUNC, &ex));
  ck_assert_uint_eq(ex.u.func.type_id, wl_type_id(NULL, 0, &f64, 1));
  ck_assert(!ms_resolve(NULL, "mpi", 3, "MPI_Nonesuch", 12, WASMSO_EXTERN_FUNC, &ex));
  ck_assert(!ms_resolve(NULL, "mpi", 3, "MPI_Init", 7, WASMSO_EXTERN_FUNC, &ex)); /* a prefix */
  ck_assert(!ms_resolve(NULL, "mpi", 3, "MPI_Init\0x", 10, WASMSO_EXTERN_FUNC, &ex));
  ck_assert(!ms_resolve(NULL, "mpix", 4, "MPI_Init", 8, WASMSO_EXTERN_FUNC, &ex));
  ck_assert(!ms_resolve(NULL, "mpi", 3, "MPI_Init", 8, WASMSO_EXTERN_GLOBAL, &ex));
  /* every entry of every group resolves to itself */
  static const char *names[] = {"MPI_Finalize", "MPI_Info_get_string", "MPI_Comm_call_errhandler"};
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
    const struct ms_fn *f = ms_lookup(names[k], strlen(names[k]));
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, names[k]);
  }
}
END_TEST

Suite *shim_calls_suite(void) {
  Suite *s = suite_create("mpi_shim_calls");
  TCase *tc = tcase_create("calls");
  tcase_add_checked_fixture(tc, shim_setup, shim_teardown);
  tcase_add_test(tc, env_wild_pointers);
  tcase_add_test(tc, errors_and_handlers);
  tcase_add_test(tc, user_error_codes);
  tcase_add_test(tc, send_wild_buffer);
  tcase_add_test(tc, info_strings);
  tcase_add_test(tc, resolver);
  suite_add_tcase(s, tc);
  return s;
}
