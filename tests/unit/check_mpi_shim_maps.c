/* check_mpi_shim_maps.c — constants both ways, statuses, buffers' whole
 * footprints, MPI_Aint arrays, guest strings. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check_mpi_shim.h"
#include "ms_errclass.h"

START_TEST(ranks_and_tags) {
  ck_assert_int_eq(ms_rank_in(ABI_ANY_SOURCE), MPI_ANY_SOURCE);
  ck_assert_int_eq(ms_rank_in(ABI_PROC_NULL), MPI_PROC_NULL);
  ck_assert_int_eq(ms_rank_in(ABI_ROOT), MPI_ROOT);
  ck_assert_int_eq(ms_rank_in(0), 0);
  ck_assert_int_eq(ms_rank_in(12345), 12345);
  /* negative non-sentinels stay invalid on the host, whatever its sentinels */
  static const int bad_rank[] = {-2, -5, -100, ABI_UNDEFINED, INT_MIN};
  for (size_t k = 0; k < sizeof bad_rank / sizeof bad_rank[0]; k++) {
    int h = ms_rank_in(bad_rank[k]);
    ck_assert(h < 0 && h != MPI_PROC_NULL && h != MPI_ANY_SOURCE && h != MPI_ROOT);
  }
  static const int bad_tag[] = {-1, -3, -4, -100, ABI_UNDEFINED, INT_MIN};
  for (size_t k = 0; k < sizeof bad_tag / sizeof bad_tag[0]; k++) {
    int h = ms_tag_in(bad_tag[k]);
    ck_assert(h < 0 && h != MPI_ANY_TAG);
  }
  ck_assert_int_ne(ms_tag_in(-1), MPI_ANY_TAG); /* guest -1 is no tag sentinel */
  for (int r = -4; r < 5; r++)
    if (r != -2) ck_assert_int_eq(ms_rank_out(ms_rank_in(r)), r);
  ck_assert_int_eq(ms_rank_out(MPI_UNDEFINED), ABI_UNDEFINED);
  ck_assert_int_eq(ms_tag_in(ABI_ANY_TAG), MPI_ANY_TAG);
  ck_assert_int_eq(ms_tag_out(MPI_ANY_TAG), ABI_ANY_TAG);
  ck_assert_int_eq(ms_tag_out(ms_tag_in(32767)), 32767);
  ck_assert_int_eq(ms_undefined_out(MPI_UNDEFINED), ABI_UNDEFINED);
  ck_assert_int_eq(ms_undefined_in(ABI_UNDEFINED), MPI_UNDEFINED);
  ck_assert_int_eq(ms_undefined_out(3), 3);
}
END_TEST

START_TEST(classes) {
  ck_assert_int_eq(ms_class_to_guest(MPI_SUCCESS), 0);
  ck_assert_int_eq(ms_class_to_host(0), MPI_SUCCESS);
  ck_assert_int_eq(ms_class_to_guest(MPI_ERR_BUFFER), ABI_ERR_BUFFER);
  /* Open MPI numbers these two the other way round from the ABI */
  ck_assert_int_eq(ms_class_to_guest(MPI_ERR_IN_STATUS), ABI_ERR_IN_STATUS);
  ck_assert_int_eq(ms_class_to_guest(MPI_ERR_PENDING), ABI_ERR_PENDING);
  ck_assert_int_eq(ms_class_to_guest(MPI_ERR_RMA_RANGE), ABI_ERR_RMA_RANGE);
  ck_assert_int_eq(ms_class_to_host(ABI_ERR_TRUNCATE), MPI_ERR_TRUNCATE);
  int mapped = 0;
  for (size_t k = 0; k < ms_nerrclasses; k++) {
    const struct ms_errclass *c = &ms_errclasses[k];
    ck_assert_ptr_nonnull(ms_class_name(c->abi));
    ck_assert_ptr_nonnull(ms_class_text(c->abi));
    if (c->host < 0) {
      ck_assert_int_eq(ms_class_to_host(c->abi), MPI_ERR_UNKNOWN);
      continue;
    }
    mapped++;
    ck_assert_int_eq(ms_class_to_guest(ms_class_to_host(c->abi)), c->abi);
    ck_assert_int_eq(ms_class_to_host(ms_class_to_guest(c->host)), c->host);
  }
  ck_assert_int_ge(mapped, 55);
  ck_assert_str_eq(ms_class_name(ABI_ERR_BUFFER), "MPI_ERR_BUFFER");
  ck_assert_ptr_null(ms_class_name(9999));
  ck_assert_int_eq(ms_class_to_guest(9999), ABI_ERR_OTHER); /* a host class we do not know */
  ck_assert_int_eq(ms_class_to_host(9999), MPI_ERR_UNKNOWN);
}
END_TEST

START_TEST(levels_and_results) {
  int h;
  static const int lv[] = {ABI_THREAD_SINGLE, ABI_THREAD_FUNNELED, ABI_THREAD_SERIALIZED, ABI_THREAD_MULTIPLE};
  for (size_t k = 0; k < 4; k++) {
    ck_assert_int_eq(ms_thread_level_in(lv[k], &h), 0);
    ck_assert_int_eq(ms_thread_level_out(h), lv[k]);
  }
  ck_assert_int_eq(ms_thread_level_in(3, &h), ABI_ERR_ARG);
  ck_assert_int_eq(ms_thread_level_in(-1, &h), ABI_ERR_ARG);
  ck_assert_int_eq(ms_compare_out(MPI_IDENT), ABI_IDENT);
  ck_assert_int_eq(ms_compare_out(MPI_CONGRUENT), ABI_CONGRUENT);
  ck_assert_int_eq(ms_compare_out(MPI_SIMILAR), ABI_SIMILAR);
  ck_assert_int_eq(ms_compare_out(MPI_UNEQUAL), ABI_UNEQUAL);
  ck_assert_int_eq(ms_topo_out(MPI_CART), ABI_CART);
  ck_assert_int_eq(ms_topo_out(MPI_GRAPH), ABI_GRAPH);
  ck_assert_int_eq(ms_topo_out(MPI_DIST_GRAPH), ABI_DIST_GRAPH);
  ck_assert_int_eq(ms_topo_out(MPI_UNDEFINED), ABI_UNDEFINED);
}
END_TEST

START_TEST(status_round_trip) {
  MPI_Status h = {0}, back;
  h.MPI_SOURCE = MPI_PROC_NULL;
  h.MPI_TAG = MPI_ANY_TAG;
  h.MPI_ERROR = MPI_ERR_TRUNCATE;
  h._ucount = ((size_t)1 << 33) + 5; /* above 32 bits */
  h._cancelled = 1;
  uint8_t g[MS_STATUS_SIZE + 4];
  memset(g, 0xab, sizeof g);
  ms_status_out(g, &h);
  int32_t w[8];
  memcpy(w, g, sizeof w);
  ck_assert_int_eq(w[0], ABI_PROC_NULL);
  ck_assert_int_eq(w[1], ABI_ANY_TAG);
  ck_assert_int_eq(w[2], ABI_ERR_TRUNCATE);
  ck_assert_int_eq(w[3], 1); /* cancelled, where the host keeps it */
  ck_assert_int_eq(w[4], 5); /* the byte count, 64-bit */
  ck_assert_int_eq(w[5], 2);
  ck_assert_int_eq(g[MS_STATUS_SIZE], 0xab); /* nothing past the 32 bytes */
  ms_status_in(g, &back);
  ck_assert_int_eq(back.MPI_SOURCE, MPI_PROC_NULL);
  ck_assert_int_eq(back.MPI_TAG, MPI_ANY_TAG);
  ck_assert_int_eq(back.MPI_ERROR, MPI_ERR_TRUNCATE);
  ck_assert(back._ucount == h._ucount);
  ck_assert_int_eq(back._cancelled, 1);
  /* the host reads a rebuilt status */
  h.MPI_SOURCE = 3;
  h.MPI_TAG = 9;
  h._ucount = 40;
  h._cancelled = 0;
  ms_status_out(g, &h);
  ms_status_in(g, &back);
  int count = 0, flag = 1;
  ck_assert_int_eq(MPI_Get_count(&back, MPI_INT, &count), MPI_SUCCESS);
  ck_assert_int_eq(count, 10);
  ck_assert_int_eq(MPI_Test_cancelled(&back, &flag), MPI_SUCCESS);
  ck_assert_int_eq(flag, 0);
  ck_assert_int_eq(back.MPI_SOURCE, 3);
}
END_TEST

START_TEST(status_arrays) {
  bool ignore;
  ck_assert_ptr_null(ms_statuses(&vm, 0, 5, &ignore));
  ck_assert(ignore);
  ck_assert_ptr_eq(ms_statuses(&vm, 64, 2, &ignore), mem->base + 64);
  ck_assert(!ignore);
  uint32_t size = (uint32_t)mem->size;
  ck_assert_ptr_nonnull(ms_statuses(&vm, size - 64, 2, &ignore));
  ck_assert_ptr_null(ms_statuses(&vm, size - 63, 2, &ignore));
  ck_assert(!ignore);
  ck_assert_ptr_null(ms_statuses(&vm, 64, -1, &ignore));
  ck_assert_ptr_null(ms_statuses(&vm, 64, (int64_t)1 << 40, &ignore));
  ck_assert_ptr_null(ms_statuses(&vm, 64, (int64_t)1 << 59, &ignore)); /* n * 32 would wrap to 0 */
  ck_assert_ptr_null(ms_ints(&vm, 64, (int64_t)1 << 62));               /* n * 4 would wrap to 0 */
  ck_assert_ptr_null(ms_ints(&vm, 64, -1));
  ck_assert_ptr_eq(ms_ints(&vm, 64, 0), mem->base + 64);
}
END_TEST

Suite *shim_consts_suite(void) {
  Suite *s = suite_create("mpi_shim_consts");
  TCase *tc = tcase_create("consts");
  tcase_add_checked_fixture(tc, shim_setup, shim_teardown);
  tcase_add_test(tc, ranks_and_tags);
  tcase_add_test(tc, classes);
  tcase_add_test(tc, levels_and_results);
  tcase_add_test(tc, status_round_trip);
  tcase_add_test(tc, status_arrays);
  suite_add_tcase(s, tc);
  return s;
}

/* ---- buffers ---- */

static ms_type user_type(MPI_Datatype host) {
  ms_type t = {.host = host, .committed = true};
  ck_assert_int_eq(MPI_Type_commit(&t.host), MPI_SUCCESS);
  ck_assert_int_eq(ms_type_describe(&t), 0);
  return t;
}

START_TEST(buffer_contiguous) {
  ms_type *t;
  void *p;
  ck_assert_int_eq(ms_type_get_committed(ABI_INT, &t), 0);
  uint32_t size = (uint32_t)mem->size;
  ck_assert_int_eq(ms_buffer(&vm, size - 40, 10, t, &p), 0);
  ck_assert_ptr_eq(p, mem->base + size - 40);
  ck_assert_int_eq(ms_buffer(&vm, size - 39, 10, t, &p), ABI_ERR_BUFFER);
  ck_assert_int_eq(ms_buffer(&vm, size - 40, 11, t, &p), ABI_ERR_BUFFER);
  ck_assert_int_eq(ms_buffer(&vm, 0xfffffff0u, 1, t, &p), ABI_ERR_BUFFER);
  ck_assert_int_eq(ms_buffer(&vm, 16, -1, t, &p), ABI_ERR_COUNT);
  ck_assert_int_eq(ms_buffer(&vm, 16, INT64_MAX / 2, t, &p), ABI_ERR_BUFFER); /* huge counts do not wrap */
  ck_assert_int_eq(ms_buffer(&vm, 16, INT64_MAX, t, &p), ABI_ERR_BUFFER);
  /* count 0 needs no memory */
  ck_assert_int_eq(ms_buffer(&vm, 0xfffffff0u, 0, t, &p), 0);
  /* memory.grow makes more room; the base never moves */
  ck_assert_int_eq(ms_buffer(&vm, size, 4, t, &p), ABI_ERR_BUFFER);
  ck_assert_uint_eq(wl_memory_grow(mem, 1), 1);
  ck_assert_int_eq(ms_buffer(&vm, size, 4, t, &p), 0);
  ck_assert_ptr_eq(p, vm.mem_base + size);
  /* an uncommitted type */
  ms_type u = *t;
  u.committed = false;
  ck_assert_int_eq(ms_buffer(&vm, 16, 1, &u, &p), ABI_ERR_TYPE);
  /* in place */
  ck_assert_int_eq(ms_buffer_or_in_place(&vm, ABI_IN_PLACE, 1000000, t, &p), 0);
  ck_assert_ptr_eq(p, MPI_IN_PLACE);
  ck_assert_int_eq(ms_buffer_or_in_place(&vm, 2, 1000000, t, &p), ABI_ERR_BUFFER);
}
END_TEST

START_TEST(buffer_derived) {
  void *p;
  uint32_t size = (uint32_t)mem->size;
  /* negative extent: element i lies at buf - 8 i */
  MPI_Datatype neg;
  ck_assert_int_eq(MPI_Type_create_resized(MPI_INT, 0, -8, &neg), MPI_SUCCESS);
  ms_type t = user_type(neg);
  ck_assert_int_eq(t.extent, -8);
  ck_assert_int_eq(ms_buffer(&vm, 8 * 19, 20, &t, &p), 0);     /* down to 0 */
  ck_assert_int_eq(ms_buffer(&vm, 8 * 19 - 1, 20, &t, &p), ABI_ERR_BUFFER);
  ck_assert_int_eq(ms_buffer(&vm, size - 4, 20, &t, &p), 0);   /* the first element at the top */
  ck_assert_int_eq(ms_buffer(&vm, size - 3, 20, &t, &p), ABI_ERR_BUFFER);
  MPI_Type_free(&t.host);
  /* data after a gap: true_lb 8 */
  int len = 1;
  MPI_Aint disp = 8;
  MPI_Datatype ty = MPI_INT, gap;
  ck_assert_int_eq(MPI_Type_create_struct(1, &len, &disp, &ty, &gap), MPI_SUCCESS);
  t = user_type(gap);
  ck_assert_int_eq(t.true_lb, 8);
  ck_assert_int_eq(t.true_extent, 4);
  ck_assert_int_eq(ms_buffer(&vm, size - 12, 1, &t, &p), 0);
  ck_assert_int_eq(ms_buffer(&vm, size - 11, 1, &t, &p), ABI_ERR_BUFFER);
  MPI_Type_free(&t.host);
  /* MPI_BOTTOM with absolute (guest) addresses */
  disp = 1000;
  MPI_Datatype abs;
  ck_assert_int_eq(MPI_Type_create_struct(1, &len, &disp, &ty, &abs), MPI_SUCCESS);
  t = user_type(abs);
  ck_assert_int_eq(ms_buffer(&vm, ABI_BOTTOM, 1, &t, &p), 0);
  ck_assert_ptr_eq(p, mem->base);
  MPI_Type_free(&t.host);
  disp = size - 2;
  ck_assert_int_eq(MPI_Type_create_struct(1, &len, &disp, &ty, &abs), MPI_SUCCESS);
  t = user_type(abs);
  ck_assert_int_eq(ms_buffer(&vm, ABI_BOTTOM, 1, &t, &p), ABI_ERR_BUFFER);
  MPI_Type_free(&t.host);
  /* a negative displacement reaching below address 0 */
  disp = -4;
  MPI_Datatype below;
  ck_assert_int_eq(MPI_Type_create_struct(1, &len, &disp, &ty, &below), MPI_SUCCESS);
  t = user_type(below);
  ck_assert_int_eq(ms_buffer(&vm, 4, 1, &t, &p), 0);
  ck_assert_int_eq(ms_buffer(&vm, 3, 1, &t, &p), ABI_ERR_BUFFER);
  ck_assert_int_eq(ms_buffer(&vm, ABI_BOTTOM, 1, &t, &p), ABI_ERR_BUFFER);
  MPI_Type_free(&t.host);
  /* a zero-size type needs no memory */
  MPI_Datatype empty;
  ck_assert_int_eq(MPI_Type_contiguous(0, MPI_INT, &empty), MPI_SUCCESS);
  t = user_type(empty);
  ck_assert_int_eq(ms_buffer(&vm, 0xfffffff0u, 5, &t, &p), 0);
  MPI_Type_free(&t.host);
}
END_TEST

START_TEST(aints) {
  int32_t src[3] = {-5, 7, INT32_MAX};
  uint32_t g = gput(src, sizeof src);
  int cls = -1;
  MPI_Aint *a = ms_aints_in(&vm, g, 3, &cls);
  ck_assert_ptr_nonnull(a);
  ck_assert_int_eq(cls, 0);
  ck_assert(a[0] == -5 && a[1] == 7 && a[2] == INT32_MAX); /* sign-extended */
  free(a);
  a = ms_aints_in(&vm, g, 0, &cls);
  ck_assert_ptr_nonnull(a);
  free(a);
  ck_assert_ptr_null(ms_aints_in(&vm, (uint32_t)mem->size - 8, 3, &cls));
  ck_assert_int_eq(cls, ABI_ERR_ARG);
  ck_assert_ptr_null(ms_aints_in(&vm, g, -1, &cls));
  ck_assert_int_eq(cls, ABI_ERR_COUNT);
  ck_assert_int_eq(ms_aint_out(&vm, g, -42), 0);
  int32_t v;
  memcpy(&v, mem->base + g, 4);
  ck_assert_int_eq(v, -42);
  ck_assert_int_eq(ms_aint_out(&vm, g, (MPI_Aint)1 << 40), ABI_ERR_VALUE_TOO_LARGE);
  memcpy(&v, mem->base + g, 4);
  ck_assert_int_eq(v, -42); /* never truncated */
  ck_assert_int_eq(ms_aint_out(&vm, (uint32_t)mem->size - 3, 1), ABI_ERR_ARG);
}
END_TEST

START_TEST(strings) {
  uint32_t size = (uint32_t)mem->size;
  uint32_t g = gstr("hello");
  ck_assert_str_eq(ms_str(&vm, g), "hello");
  memcpy(mem->base + size - 3, "ab", 3); /* NUL at the last byte */
  ck_assert_str_eq(ms_str(&vm, size - 3), "ab");
  memcpy(mem->base + size - 3, "abc", 3); /* no NUL before the end */
  ck_assert_ptr_null(ms_str(&vm, size - 3));
  ck_assert_ptr_null(ms_str(&vm, size));
  ck_assert_ptr_null(ms_str(&vm, 0xffffffffu));
  int len = -1;
  ck_assert_int_eq(ms_str_out(&vm, size - 6, "hello", 100, &len), 0);
  ck_assert_int_eq(len, 5);
  ck_assert_int_eq(ms_str_out(&vm, size - 5, "hello", 100, &len), ABI_ERR_ARG);
  ck_assert_int_eq(ms_str_out(&vm, g, "hello world", 6, &len), 0); /* cut to the capacity */
  ck_assert_str_eq((char *)mem->base + g, "hello");
  ck_assert_int_eq(ms_str_out(&vm, g, "x", 0, &len), ABI_ERR_ARG);
}
END_TEST

Suite *shim_buffer_suite(void) {
  Suite *s = suite_create("mpi_shim_buffers");
  TCase *tc = tcase_create("buffers");
  tcase_add_checked_fixture(tc, shim_setup, shim_teardown);
  tcase_add_test(tc, buffer_contiguous);
  tcase_add_test(tc, buffer_derived);
  tcase_add_test(tc, aints);
  tcase_add_test(tc, strings);
  suite_add_tcase(s, tc);
  return s;
}
