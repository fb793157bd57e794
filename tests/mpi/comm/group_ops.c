/* group_ops.c — groups: Comm_group, size/rank, incl/excl, range_incl/excl,
 * union/intersection/difference, translate_ranks (with MPI_PROC_NULL in and
 * MPI_UNDEFINED out), compare, MPI_GROUP_EMPTY, free. */
/* ranks: 4 1 2 3 */
#include "cm_log.h"

static void members(const char *what, MPI_Group g, MPI_Group world) {
  int sz = -1, rk = -2;
  MPI_Group_size(g, &sz);
  MPI_Group_rank(g, &rk);
  int in[16], out[16];
  for (int i = 0; i < sz && i < 16; i++) in[i] = i;
  MPI_Group_translate_ranks(g, sz < 16 ? sz : 16, in, world, out);
  char list[128] = "";
  for (int i = 0; i < sz && i < 16; i++)
    snprintf(list + strlen(list), sizeof list - strlen(list), " %d", out[i]);
  CHECK(sz >= 0, "%s: size %d, my rank %s, world ranks [%s ]", what, sz, cm_r(rk), list);
}

int main(int argc, char **argv) {
  cm_init(&argc, &argv);
  int r = cm_rank, n = cm_size, v = -1, res = -1;
  MPI_Group world, g1, g2, g3;
  MPI_Comm_group(MPI_COMM_WORLD, &world);
  MPI_Group_size(world, &v);
  CHECK(v == n, "world group size %d", v);
  MPI_Group_rank(world, &v);
  CHECK(v == r, "world group rank %d", v);

  /* incl in reverse order; excl of rank 0. */
  int rev[16];
  for (int i = 0; i < n; i++) rev[i] = n - 1 - i;
  MPI_Group_incl(world, n, rev, &g1);
  members("incl reversed", g1, world);
  MPI_Group_compare(world, g1, &res);
  CHECK(res == (n == 1 ? MPI_IDENT : MPI_SIMILAR), "compare world/reversed %s", cm_cmp(res));
  int zero = 0;
  MPI_Group_excl(world, 1, &zero, &g2);
  members("excl 0", g2, world);
  MPI_Group_compare(world, g2, &res);
  CHECK(res == MPI_UNEQUAL, "compare world/excl0 %s", cm_cmp(res));

  /* Set operations. */
  MPI_Group_union(g2, g1, &g3);
  members("union excl0+reversed", g3, world);
  MPI_Group_compare(g3, world, &res);
  CHECK(res != MPI_UNEQUAL, "union compares to world as %s", cm_cmp(res));
  MPI_Group_free(&g3);
  MPI_Group_intersection(g1, g2, &g3);
  members("intersection reversed*excl0", g3, world);
  MPI_Group_free(&g3);
  MPI_Group_difference(world, g2, &g3);
  members("difference world-excl0", g3, world);
  MPI_Group_compare(g3, world, &res);
  CHECK(res == (n == 1 ? MPI_IDENT : MPI_UNEQUAL), "difference vs world %s", cm_cmp(res));
  MPI_Group_free(&g3);
  MPI_Group_difference(g2, world, &g3);
  CHECK(g3 == MPI_GROUP_EMPTY, "difference excl0-world is GROUP_EMPTY: %d", g3 == MPI_GROUP_EMPTY);
  MPI_Group_size(g3, &v);
  CHECK(v == 0, "empty group size %d", v);
  MPI_Group_rank(g3, &v);
  CHECK(v == MPI_UNDEFINED, "rank in empty group %s", cm_r(v));
  MPI_Group_free(&g3);
  CHECK(g3 == MPI_GROUP_NULL, "freed empty group handle is GROUP_NULL: %d", g3 == MPI_GROUP_NULL);

  /* Ranges: every other rank from the top, and the complement. */
  int ranges[2][3] = {{n - 1, 0, -2}, {0, 0, 1}};
  MPI_Group_range_incl(world, 1, ranges, &g3);
  members("range_incl top,-2", g3, world);
  MPI_Group_free(&g3);
  MPI_Group_range_excl(world, 1, ranges, &g3);
  members("range_excl top,-2", g3, world);
  MPI_Group_free(&g3);
  if (n > 1) {
    ranges[0][0] = 1, ranges[0][1] = n - 1, ranges[0][2] = 1;
    MPI_Group_range_incl(world, 2, ranges, &g3);
    members("range_incl [1..n-1] and [0]", g3, world);
    MPI_Group_free(&g3);
  }

  /* translate_ranks: PROC_NULL passes through, absent ranks are UNDEFINED. */
  int in[3] = {0, MPI_PROC_NULL, n - 1}, out[3] = {-9, -9, -9};
  MPI_Group_translate_ranks(world, 3, in, g2, out);
  /* (Open MPI translates into an empty group as all UNDEFINED, PROC_NULL too) */
  CHECK(out[0] == MPI_UNDEFINED && (out[1] == MPI_PROC_NULL || n == 1) &&
            out[2] == (n == 1 ? MPI_UNDEFINED : n - 2),
        "translate world->excl0 [0 PROC_NULL %d] = [%s %s %s]", n - 1, cm_r(out[0]),
        cm_r(out[1]), cm_r(out[2]));
  MPI_Group_translate_ranks(g1, 3, in, world, in); /* in place */
  CHECK(in[0] == n - 1 && in[1] == MPI_PROC_NULL && in[2] == 0,
        "translate reversed->world in place [%s %s %s]", cm_r(in[0]), cm_r(in[1]), cm_r(in[2]));
  MPI_Group_translate_ranks(g1, 0, in, world, out);
  CHECK(1, "translate of 0 ranks");

  /* An empty incl is GROUP_EMPTY too. */
  MPI_Group_incl(world, 0, rev, &g3);
  CHECK(g3 == MPI_GROUP_EMPTY, "incl of 0 ranks is GROUP_EMPTY: %d", g3 == MPI_GROUP_EMPTY);
  MPI_Group_compare(g3, MPI_GROUP_EMPTY, &res);
  CHECK(res == MPI_IDENT, "compare with GROUP_EMPTY %s", cm_cmp(res));

  /* A group from a sub-communicator. */
  MPI_Comm half;
  MPI_Comm_split(MPI_COMM_WORLD, r < n / 2, r, &half);
  MPI_Group hg;
  MPI_Comm_group(half, &hg);
  members("group of split half", hg, world);
  MPI_Group_free(&hg);
  MPI_Comm_free(&half);

  MPI_Group_free(&g1);
  MPI_Group_free(&g2);
  MPI_Group_free(&world);
  CHECK(g1 == MPI_GROUP_NULL && world == MPI_GROUP_NULL, "freed groups are GROUP_NULL");
  return cm_finish();
}
