/* check_mpi_shim.c — runner and fixture of the MPI shim's unit tests, and
 * the handle tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_mpi_shim.h"

wasmso_vmctx vm;
wasmso_memory *mem;
static uint32_t bump;

void shim_setup(void) {
  wl_error err;
  mem = wl_memory_new(1, 4, true, &err);
  ck_assert_ptr_nonnull(mem);
  memset(&vm, 0, sizeof vm);
  vm.memory = mem;
  vm.mem_base = mem->base;
  bump = 1024;
  ms_comm_world()->errhandler = ABI_ERRORS_RETURN;
  ((ms_comm *)ms_obj_get(MS_COMM, ABI_COMM_SELF))->errhandler = ABI_ERRORS_RETURN;
}

void shim_teardown(void) { wl_memory_free(mem); }

uint32_t gput(const void *s, size_t n) {
  uint32_t g = bump;
  memcpy(mem->base + g, s, n);
  bump += (uint32_t)(n + 7) & ~7u;
  return g;
}

uint32_t gstr(const char *s) { return gput(s, strlen(s) + 1); }

/* ---- handles ---- */

START_TEST(predefined_handles) {
  ms_comm *c;
  ms_type *t;
  ms_op *o;
  MPI_Group g;
  MPI_Info i;
  ck_assert_int_eq(ms_comm_get(ABI_COMM_WORLD, &c), 0);
  ck_assert(c->host == MPI_COMM_WORLD);
  ck_assert_ptr_eq(c, ms_comm_world());
  ck_assert_int_eq(ms_comm_get(ABI_COMM_SELF, &c), 0);
  ck_assert(c->host == MPI_COMM_SELF);
  ck_assert_int_eq(ms_type_get_committed(ABI_INT, &t), 0);
  ck_assert(t->host == MPI_INT && t->size == 4 && t->predefined);
  ck_assert_int_eq(ms_op_get(ABI_SUM, &o), 0);
  ck_assert(o->host == MPI_SUM && o->predefined);
  ck_assert_int_eq(ms_op_get(ABI_NO_OP, &o), 0);
  ck_assert(o->host == MPI_NO_OP);
  ck_assert_int_eq(ms_op_get(ABI_REPLACE, &o), 0);
  ck_assert(o->host == MPI_REPLACE);
  ck_assert_int_eq(ms_group_get(ABI_GROUP_EMPTY, &g), 0);
  ck_assert(g == MPI_GROUP_EMPTY);
  ck_assert_int_eq(ms_info_get(ABI_INFO_ENV, &i), 0);
  ck_assert(i == MPI_INFO_ENV);
  ck_assert_int_eq(ms_info_get(ABI_INFO_NULL, &i), 0);
  ck_assert(i == MPI_INFO_NULL);
  ck_assert_ptr_nonnull(ms_obj_get(MS_MESSAGE, ABI_MESSAGE_NO_PROC));
  ck_assert_ptr_nonnull(ms_obj_get(MS_ERRHANDLER, ABI_ERRORS_ARE_FATAL));
  ck_assert_ptr_nonnull(ms_obj_get(MS_ERRHANDLER, ABI_ERRORS_RETURN));
  ck_assert_ptr_nonnull(ms_obj_get(MS_ERRHANDLER, ABI_ERRORS_ABORT));
  /* every op of the ABI */
  static const ms_gh ops[] = {ABI_SUM, ABI_MIN, ABI_MAX, ABI_PROD, ABI_BAND, ABI_BOR, ABI_BXOR,
                              ABI_LAND, ABI_LOR, ABI_LXOR, ABI_MINLOC, ABI_MAXLOC, ABI_REPLACE, ABI_NO_OP};
  for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) ck_assert_int_eq(ms_op_get(ops[k], &o), 0);
}
END_TEST

START_TEST(null_and_wrong_kind) {
  ms_comm *c;
  ms_type *t;
  ms_op *o;
  MPI_Group g;
  MPI_Info i;
  /* null handles are no objects */
  ck_assert_int_eq(ms_comm_get(ABI_COMM_NULL, &c), ABI_ERR_COMM);
  ck_assert_int_eq(ms_type_get(ABI_DATATYPE_NULL, &t), ABI_ERR_TYPE);
  ck_assert_int_eq(ms_op_get(ABI_OP_NULL, &o), ABI_ERR_OP);
  ck_assert_int_eq(ms_group_get(ABI_GROUP_NULL, &g), ABI_ERR_GROUP);
  ck_assert_ptr_null(ms_obj_get(MS_REQUEST, ABI_REQUEST_NULL));
  ck_assert_ptr_null(ms_obj_get(MS_ERRHANDLER, ABI_ERRHANDLER_NULL));
  ck_assert_ptr_null(ms_obj_get(MS_MESSAGE, ABI_MESSAGE_NULL));
  /* a predefined handle of another kind */
  ck_assert_int_eq(ms_comm_get(ABI_INT, &c), ABI_ERR_COMM);
  ck_assert_int_eq(ms_type_get(ABI_COMM_WORLD, &t), ABI_ERR_TYPE);
  ck_assert_int_eq(ms_op_get(ABI_INT, &o), ABI_ERR_OP);
  ck_assert_int_eq(ms_info_get(ABI_COMM_WORLD, &i), ABI_ERR_INFO);
  /* values that are nothing: 0, gaps, past the table, garbage */
  static const ms_gh junk[] = {0, 1, 0x3ff, 0x400, 0x1ff, 0x12345678, 0xffffffff, 0x01ffffff};
  for (size_t k = 0; k < sizeof junk / sizeof junk[0]; k++) {
    for (int kind = 0; kind < MS_KIND_COUNT; kind++)
      ck_assert_ptr_null(ms_obj_get((enum ms_kind)kind, junk[k]));
  }
  ck_assert_ptr_null(ms_obj_get(MS_KIND_COUNT, ABI_COMM_WORLD));
  /* a user object of one kind is not one of another */
  ms_gh h;
  MPI_Info *rec = ms_obj_new(MS_INFO, &h);
  ck_assert_ptr_nonnull(rec);
  ck_assert_uint_ge(h, ABI_PREDEF_LIMIT);
  ck_assert_ptr_eq(ms_obj_get(MS_INFO, h), rec);
  for (int kind = 0; kind < MS_KIND_COUNT; kind++)
    if (kind != MS_INFO) ck_assert_ptr_null(ms_obj_get((enum ms_kind)kind, h));
  /* the same slot number under another kind's tag */
  ck_assert_ptr_null(ms_obj_get(MS_COMM, (h & 0x0fffffffu) | ((MS_COMM + 1u) << 28)));
  ms_obj_free(MS_INFO, h);
}
END_TEST

START_TEST(stale_handles) {
  size_t live0 = ms_obj_live(MS_REQUEST);
  ms_gh h, first;
  ms_request *r = ms_obj_new(MS_REQUEST, &first);
  ck_assert_ptr_nonnull(r);
  r->flags = 7;
  ms_obj_free(MS_REQUEST, first);
  ck_assert_ptr_null(ms_obj_get(MS_REQUEST, first));
  ms_obj_free(MS_REQUEST, first); /* double free: ignored */
  ck_assert_uint_eq(ms_obj_live(MS_REQUEST), live0);
  /* Churn through many objects: the stale handle names none of them (it
   * would if its slot came back with the same generation, which takes
   * over 65000 objects). */
  for (int round = 0; round < 60000; round++) {
    ms_request *n = ms_obj_new(MS_REQUEST, &h);
    ck_assert_ptr_nonnull(n);
    ck_assert_uint_eq(n->flags, 0); /* zeroed */
    ck_assert_uint_ne(h, first);
    ck_assert_ptr_null(ms_obj_get(MS_REQUEST, first));
    n->flags = 1;
    ms_obj_free(MS_REQUEST, h);
  }
  ck_assert_uint_eq(ms_obj_live(MS_REQUEST), live0);
}
END_TEST

START_TEST(many_objects) {
  enum { N = 100000 };
  ms_gh *hs = malloc(N * sizeof *hs);
  ms_request **ps = malloc(N * sizeof *ps);
  ck_assert(hs && ps);
  size_t live0 = ms_obj_live(MS_REQUEST);
  for (int k = 0; k < N; k++) {
    ps[k] = ms_obj_new(MS_REQUEST, &hs[k]);
    ck_assert_ptr_nonnull(ps[k]);
    ps[k]->flags = (uint32_t)k;
  }
  /* records never move while the table grows */
  for (int k = 0; k < N; k++) {
    ck_assert_ptr_eq(ms_obj_get(MS_REQUEST, hs[k]), ps[k]);
    ck_assert_uint_eq(ps[k]->flags, (uint32_t)k);
  }
  for (int k = 0; k < N; k += 2) ms_obj_free(MS_REQUEST, hs[k]);
  for (int k = 0; k < N; k++)
    ck_assert_ptr_eq(ms_obj_get(MS_REQUEST, hs[k]), k % 2 ? (void *)ps[k] : NULL);
  for (int k = 1; k < N; k += 2) ms_obj_free(MS_REQUEST, hs[k]);
  ck_assert_uint_eq(ms_obj_live(MS_REQUEST), live0);
  free(hs);
  free(ps);
}
END_TEST

START_TEST(find_host_handles) {
  MPI_Datatype d = MPI_INT;
  ck_assert_uint_eq(ms_type_from_host(d), ABI_INT);
  /* int32 is both MPI_INT32_T and (aliases) MPI_LONG, MPI_AINT: the type itself wins */
  ck_assert_uint_eq(ms_type_from_host(MPI_INT32_T), ABI_INT32_T);
  ck_assert_uint_eq(ms_type_from_host(MPI_2INT), ABI_2INT);
  ck_assert_uint_eq(ms_type_from_host(MPI_DATATYPE_NULL), 0);
  MPI_Comm w = MPI_COMM_WORLD;
  ck_assert_uint_eq(ms_obj_find(MS_COMM, &w, sizeof w), ABI_COMM_WORLD);
  MPI_Op op = MPI_MAXLOC;
  ck_assert_uint_eq(ms_obj_find(MS_OP, &op, sizeof op), ABI_MAXLOC);
  /* a user object */
  MPI_Datatype v;
  ck_assert_int_eq(MPI_Type_vector(3, 1, 2, MPI_INT, &v), MPI_SUCCESS);
  ms_gh h;
  ms_type *t = ms_obj_new(MS_TYPE, &h);
  t->host = v;
  ck_assert_uint_eq(ms_type_from_host(v), h);
  ms_obj_free(MS_TYPE, h);
  ck_assert_uint_eq(ms_type_from_host(v), 0);
  MPI_Type_free(&v);
}
END_TEST

/* The guest's sizes, not the host's: wasm32 long and MPI_Aint are 4 bytes,
 * long double 16 (transport only). */
START_TEST(predefined_types) {
  static const struct { ms_gh h; int size, extent, true_extent; bool transport; } want[] = {
    {ABI_LONG, 4, 4, 4, false}, {ABI_UNSIGNED_LONG, 4, 4, 4, false}, {ABI_AINT, 4, 4, 4, false},
    {ABI_COUNT, 8, 8, 8, false}, {ABI_OFFSET, 8, 8, 8, false}, {ABI_LONG_INT, 8, 8, 8, false},
    {ABI_DOUBLE_INT, 12, 16, 12, false}, {ABI_SHORT_INT, 6, 8, 8, false},
    {ABI_LONG_DOUBLE, 16, 16, 16, true}, {ABI_C_LONG_DOUBLE_COMPLEX, 32, 32, 32, true},
    {ABI_LONG_DOUBLE_INT, 20, 32, 20, true}, {ABI_WCHAR, 4, 4, 4, false},
    {ABI_C_BOOL, 1, 1, 1, false}, {ABI_CXX_BOOL, 1, 1, 1, false}, {ABI_PACKED, 1, 1, 1, false},
    {ABI_INT64_T, 8, 8, 8, false}, {ABI_C_DOUBLE_COMPLEX, 16, 16, 16, false},
    {ABI_2DOUBLE_PRECISION, 16, 16, 16, false}, {ABI_INTEGER, 4, 4, 4, false},
  };
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    ms_type *t;
    ck_assert_msg(ms_type_get_committed(want[k].h, &t) == 0, "type 0x%x missing", want[k].h);
    ck_assert_int_eq(t->size, want[k].size);
    ck_assert_int_eq(t->extent, want[k].extent);
    ck_assert_int_eq(t->true_extent, want[k].true_extent);
    ck_assert_int_eq(t->lb, 0);
    ck_assert_int_eq(t->transport_only, want[k].transport);
    /* and the host agrees */
    MPI_Count s, lb, ext;
    ck_assert_int_eq(MPI_Type_size_x(t->host, &s), MPI_SUCCESS);
    ck_assert_int_eq(MPI_Type_get_extent_x(t->host, &lb, &ext), MPI_SUCCESS);
    ck_assert_int_eq(s, want[k].size);
    ck_assert_int_eq(ext, want[k].extent);
  }
  ms_type *t;
  ck_assert_int_eq(ms_type_get(ABI_LONG, &t), 0);
  ck_assert(t->host == MPI_INT32_T);
  /* binary128 is 16-aligned in the guest: a struct {long double; char}
   * built on the host from the predefined type spans 32 bytes, as in C */
  ck_assert_int_eq(ms_type_get(ABI_LONG_DOUBLE, &t), 0);
  if (sizeof(long double) == 16) ck_assert(t->host == MPI_LONG_DOUBLE);
  int bl[2] = {1, 1};
  MPI_Aint disp[2] = {0, 16};
  MPI_Datatype ts[2] = {t->host, MPI_CHAR}, st;
  ck_assert_int_eq(MPI_Type_create_struct(2, bl, disp, ts, &st), MPI_SUCCESS);
  MPI_Count lb, ext;
  ck_assert_int_eq(MPI_Type_get_extent_x(st, &lb, &ext), MPI_SUCCESS);
  if (sizeof(long double) == 16) ck_assert_int_eq(ext, 32);
  MPI_Type_free(&st);
  /* every ABI datatype value is either usable with its guest size or absent */
  int present = 0;
  for (ms_gh h = 0x200; h < 0x400; h++) {
    if (ms_type_get(h, &t)) continue;
    present++;
    MPI_Count s;
    ck_assert_int_eq(MPI_Type_size_x(t->host, &s), MPI_SUCCESS);
    ck_assert_int_eq(s, t->size);
  }
  ck_assert_int_ge(present, 60);
}
END_TEST

Suite *shim_handles_suite(void) {
  Suite *s = suite_create("mpi_shim_handles");
  TCase *tc = tcase_create("handles");
  tcase_add_checked_fixture(tc, shim_setup, shim_teardown);
  tcase_add_test(tc, predefined_handles);
  tcase_add_test(tc, null_and_wrong_kind);
  tcase_add_test(tc, stale_handles);
  tcase_add_test(tc, many_objects);
  tcase_add_test(tc, find_host_handles);
  tcase_add_test(tc, predefined_types);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) {
  /* host MPI as a singleton; the test may run as root (CI containers) */
  setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  ms_predef_init();
  if (MPI_Init(NULL, NULL) != MPI_SUCCESS) {
    fprintf(stderr, "check_mpi_shim: MPI_Init failed\n");
    return 1;
  }
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
  ms_state_set_init(&vm, 0);
  if (ms_predef_init_host() != MPI_SUCCESS) {
    fprintf(stderr, "check_mpi_shim: cannot set up the predefined datatypes\n");
    return 1;
  }
  SRunner *sr = srunner_create(shim_handles_suite());
  srunner_add_suite(sr, shim_consts_suite());
  srunner_add_suite(sr, shim_buffer_suite());
  srunner_add_suite(sr, shim_calls_suite());
  /* one process: host MPI must not be forked under us */
  srunner_set_fork_status(sr, CK_NOFORK);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  MPI_Finalize();
  return failed ? 1 : 0;
}
