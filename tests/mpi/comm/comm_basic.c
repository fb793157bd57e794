/* comm_basic.c — communicators: rank/size, split by parity with reversed
 * keys, split with MPI_UNDEFINED, split_type SHARED, dup, dup_with_info,
 * idup, create, create_group, compare, names, info, test_inter, free,
 * disconnect, get_parent. */
/* ranks: 4 1 2 3 */
#include "cm_log.h"

int main(int argc, char **argv) {
  cm_init(&argc, &argv);
  int r = cm_rank, n = cm_size, v = -1, res = -1;

  MPI_Comm_size(MPI_COMM_SELF, &v);
  CHECK(v == 1, "size of COMM_SELF %d", v);
  MPI_Comm_rank(MPI_COMM_SELF, &v);
  CHECK(v == 0, "rank in COMM_SELF %d", v);
  MPI_Comm_test_inter(MPI_COMM_WORLD, &v);
  CHECK(v == 0, "COMM_WORLD test_inter %d", v);

  /* Split by parity, keys reversed: the highest world rank comes first. */
  MPI_Comm par;
  int rc = MPI_Comm_split(MPI_COMM_WORLD, r % 2, n - r, &par);
  int pr = -1, ps = -1;
  MPI_Comm_rank(par, &pr);
  MPI_Comm_size(par, &ps);
  int want_ps = (n + 1 - r % 2) / 2;
  int want_pr = (n - 1 - r) / 2; /* members of my parity above me */
  CHECK(rc == MPI_SUCCESS && ps == want_ps && pr == want_pr, "split parity %d: rank %d of %d",
        r % 2, pr, ps);
  MPI_Comm_compare(MPI_COMM_WORLD, par, &res);
  CHECK(res == (n == 1 ? MPI_CONGRUENT : MPI_UNEQUAL), "compare world/parity %s", cm_cmp(res));

  /* One color, reversed keys: the same group in another order. */
  MPI_Comm rev;
  MPI_Comm_split(MPI_COMM_WORLD, 7, -r, &rev);
  MPI_Comm_rank(rev, &v);
  CHECK(v == n - 1 - r, "reversed split rank %d", v);
  MPI_Comm_compare(MPI_COMM_WORLD, rev, &res);
  CHECK(res == (n == 1 ? MPI_CONGRUENT : MPI_SIMILAR), "compare world/reversed %s",
        cm_cmp(res));

  /* MPI_UNDEFINED colour gives MPI_COMM_NULL. */
  MPI_Comm some = MPI_COMM_WORLD;
  MPI_Comm_split(MPI_COMM_WORLD, r == 0 ? MPI_UNDEFINED : 1, 0, &some);
  CHECK((some == MPI_COMM_NULL) == (r == 0), "split UNDEFINED: null %d",
        some == MPI_COMM_NULL);
  if (some != MPI_COMM_NULL) {
    MPI_Comm_size(some, &v);
    CHECK(v == n - 1, "split without rank 0: size %d", v);
    MPI_Comm_free(&some);
  }

  /* Shared-memory split: one node here. */
  MPI_Comm shm;
  rc = MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, r, MPI_INFO_NULL, &shm);
  MPI_Comm_size(shm, &v);
  CHECK(rc == MPI_SUCCESS && v == n, "split_type SHARED size %d", v);
  MPI_Comm_rank(shm, &v);
  CHECK(v == r, "split_type SHARED rank %d", v);
  MPI_Comm none = MPI_COMM_WORLD;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_UNDEFINED, r, MPI_INFO_NULL, &none);
  CHECK(none == MPI_COMM_NULL, "split_type UNDEFINED gives COMM_NULL: %d",
        none == MPI_COMM_NULL);

  /* Dup: congruent; the copy keeps working after the original is freed. */
  MPI_Comm d1, d2, d3;
  MPI_Comm_dup(MPI_COMM_WORLD, &d1);
  MPI_Comm_compare(MPI_COMM_WORLD, d1, &res);
  CHECK(res == MPI_CONGRUENT, "compare world/dup %s", cm_cmp(res));
  MPI_Comm_compare(d1, d1, &res);
  CHECK(res == MPI_IDENT, "compare dup/dup %s", cm_cmp(res));
  MPI_Comm_dup_with_info(d1, MPI_INFO_NULL, &d2);
  MPI_Comm_free(&d1);
  CHECK(d1 == MPI_COMM_NULL, "freed handle is COMM_NULL: %d", d1 == MPI_COMM_NULL);
  int sum = 0;
  MPI_Allreduce(&r, &sum, 1, MPI_INT, MPI_SUM, d2);
  CHECK(sum == n * (n - 1) / 2, "allreduce on dup_with_info %d", sum);

  MPI_Request req;
  rc = MPI_Comm_idup(d2, &d3, &req);
  MPI_Wait(&req, MPI_STATUS_IGNORE);
  CHECK(rc == MPI_SUCCESS && req == MPI_REQUEST_NULL, "idup completed");
  MPI_Comm_size(d3, &v);
  MPI_Comm_compare(d2, d3, &res);
  CHECK(v == n && res == MPI_CONGRUENT, "idup size %d, compare %s", v, cm_cmp(res));
  sum = 0;
  MPI_Allreduce(&r, &sum, 1, MPI_INT, MPI_MAX, d3);
  CHECK(sum == n - 1, "allreduce max on idup'ed %d", sum);

  /* Names. */
  char name[MPI_MAX_OBJECT_NAME];
  int len = -1;
  MPI_Comm_get_name(MPI_COMM_WORLD, name, &len);
  CHECK(strcmp(name, "MPI_COMM_WORLD") == 0 && len == 14, "world name \"%s\" (%d)", name, len);
  MPI_Comm_get_name(MPI_COMM_SELF, name, &len);
  CHECK(strcmp(name, "MPI_COMM_SELF") == 0, "self name \"%s\"", name);
  MPI_Comm_set_name(d3, "my-idup");
  MPI_Comm_get_name(d3, name, &len);
  CHECK(strcmp(name, "my-idup") == 0 && len == 7, "set name \"%s\" (%d)", name, len);
  MPI_Comm_get_name(par, name, &len);
  CHECK(len == (int)strlen(name), "unnamed communicator: length %d", len);

  /* Info round trip through set_info/get_info. */
  MPI_Info info, used;
  MPI_Info_create(&info);
  MPI_Info_set(info, "mpi_assert_no_any_tag", "false");
  rc = MPI_Comm_set_info(d3, info);
  int rc2 = MPI_Comm_get_info(d3, &used);
  CHECK(rc == MPI_SUCCESS && rc2 == MPI_SUCCESS && used != MPI_INFO_NULL,
        "set_info/get_info %s %s", cm_class(rc), cm_class(rc2));
  if (rc2 == MPI_SUCCESS) MPI_Info_free(&used);
  MPI_Info_free(&info);

  /* Comm_create from the even ranks of the world group, and create_group. */
  MPI_Group wg, eg;
  MPI_Comm_group(MPI_COMM_WORLD, &wg);
  int ranges[1][3] = {{0, n - 1, 2}};
  MPI_Group_range_incl(wg, 1, ranges, &eg);
  MPI_Comm ev = MPI_COMM_WORLD;
  MPI_Comm_create(MPI_COMM_WORLD, eg, &ev);
  CHECK((ev == MPI_COMM_NULL) == (r % 2 == 1), "create even: null %d", ev == MPI_COMM_NULL);
  if (ev != MPI_COMM_NULL) {
    MPI_Comm_rank(ev, &v);
    CHECK(v == r / 2, "create even: rank %d", v);
    MPI_Comm_free(&ev);
  }
  if (r % 2 == 0) {
    MPI_Comm cg;
    rc = MPI_Comm_create_group(MPI_COMM_WORLD, eg, 5, &cg);
    MPI_Comm_size(cg, &v);
    CHECK(rc == MPI_SUCCESS && v == (n + 1) / 2, "create_group even: size %d", v);
    MPI_Comm_free(&cg);
  }
  MPI_Group_free(&eg);
  MPI_Group_free(&wg);

  MPI_Comm_free(&par);
  MPI_Comm_free(&rev);
  MPI_Comm_free(&shm);
  MPI_Comm_disconnect(&d2);
  CHECK(d2 == MPI_COMM_NULL, "disconnected handle is COMM_NULL: %d", d2 == MPI_COMM_NULL);
  MPI_Comm_free(&d3);
  MPI_Comm parent = MPI_COMM_WORLD;
  MPI_Comm_get_parent(&parent);
  CHECK(parent == MPI_COMM_NULL, "no parent: %d", parent == MPI_COMM_NULL);
  CHECK(par == MPI_COMM_NULL && d3 == MPI_COMM_NULL, "all freed");
  return cm_finish();
}
