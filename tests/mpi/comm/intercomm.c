/* intercomm.c — intercommunicators: the world split into evens and odds,
 * joined by Intercomm_create (peer communicator looked at only by the
 * leaders), test_inter, remote size and group, point-to-point across, and
 * Intercomm_merge with each side's "high" choice fixing the order. */
/* ranks: 4 2 3 */
#include "cm_log.h"

int main(int argc, char **argv) {
  cm_init(&argc, &argv);
  int r = cm_rank, n = cm_size, v = -1;
  int color = r % 2;
  MPI_Comm half;
  MPI_Comm_split(MPI_COMM_WORLD, color, r, &half);
  int hr, hs;
  MPI_Comm_rank(half, &hr);
  MPI_Comm_size(half, &hs);

  /* Leaders: world rank 0 for the evens, world rank 1 for the odds.  Only
   * they look at the peer communicator; the others pass MPI_COMM_NULL. */
  MPI_Comm inter;
  int rc = MPI_Intercomm_create(half, 0, hr == 0 ? MPI_COMM_WORLD : MPI_COMM_NULL,
                                color == 0 ? 1 : 0, 42, &inter);
  CHECK(rc == MPI_SUCCESS, "Intercomm_create: %s", cm_class(rc));
  MPI_Comm_test_inter(inter, &v);
  CHECK(v == 1, "test_inter %d", v);
  int rsize = -1, lsize = -1, irank = -1;
  MPI_Comm_remote_size(inter, &rsize);
  MPI_Comm_size(inter, &lsize);
  MPI_Comm_rank(inter, &irank);
  int others = color == 0 ? n / 2 : (n + 1) / 2;
  CHECK(rsize == others && lsize == hs && irank == hr, "local %d of %d, remote size %d", irank,
        lsize, rsize);
  MPI_Group rg;
  MPI_Comm_remote_group(inter, &rg);
  MPI_Group_size(rg, &v);
  CHECK(v == rsize, "remote group size %d", v);
  MPI_Group_free(&rg);

  /* Across: each rank with a partner of the same local rank exchanges. */
  if (hr < rsize) {
    int out = r, got = -1;
    MPI_Sendrecv(&out, 1, MPI_INT, hr, 1, &got, 1, MPI_INT, hr, 1, inter, MPI_STATUS_IGNORE);
    CHECK(got == (color == 0 ? 2 * hr + 1 : 2 * hr), "across from remote %d: world rank %d", hr,
          got);
  }
  MPI_Comm dup;
  MPI_Comm_dup(inter, &dup);
  MPI_Comm_compare(inter, dup, &v);
  CHECK(v == MPI_CONGRUENT, "intercomm vs dup %s", cm_cmp(v));
  MPI_Comm_free(&dup);

  /* Merge: odds high, so the evens come first. */
  MPI_Comm merged;
  MPI_Intercomm_merge(inter, color == 1, &merged);
  int mr = -1, ms = -1;
  MPI_Comm_rank(merged, &mr);
  MPI_Comm_size(merged, &ms);
  int want = color == 0 ? hr : (n + 1) / 2 + hr;
  CHECK(ms == n && mr == want, "merged (odds high): rank %d of %d", mr, ms);
  MPI_Comm_test_inter(merged, &v);
  CHECK(v == 0, "merged test_inter %d", v);
  int sum = 0;
  MPI_Allreduce(&r, &sum, 1, MPI_INT, MPI_SUM, merged);
  CHECK(sum == n * (n - 1) / 2, "allreduce on merged %d", sum);
  MPI_Comm_free(&merged);
  MPI_Intercomm_merge(inter, color == 0, &merged);
  MPI_Comm_rank(merged, &mr);
  want = color == 1 ? hr : n / 2 + hr;
  CHECK(mr == want, "merged (evens high): rank %d", mr);
  MPI_Comm_free(&merged);

  MPI_Comm_free(&inter);
  MPI_Comm_free(&half);
  return cm_finish();
}
