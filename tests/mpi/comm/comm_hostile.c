/* comm_hostile.c — the comm group's wrappers against bad arguments: invalid,
 * null, freed and predefined handles, arrays and out-parameters running
 * past the end of memory, negative and huge lengths, bad ranks, keyvals and
 * callbacks.  Wasm only: natively most of these would crash.
 *
 * With no argument, under MPI_ERRORS_RETURN: each case prints
 * "label: CLASS" and checks the class against the one the case expects;
 * the exit status says whether all matched.  With an argument, one error
 * under the default MPI_ERRORS_ARE_FATAL, which must end the job. */
//! RUN 4 => exit 0
//! RUN 1 => exit 0
//! RUN 2 fatal-comm => fatal MPI_Comm_rank|MPI_ERR_COMM
//! RUN 2 fatal-group => fatal MPI_Group_incl|MPI_ERR_ARG
//! RUN 3 fatal-cart => fatal MPI_Cart_create|MPI_ERR_ARG
//! RUN 2 fatal-callback => fatal trap|unreachable
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cm_log.h"

static int mismatches;

static void expect(const char *label, int rc, int want) {
  int ok = rc != MPI_SUCCESS && (rc == want || (MPI_Error_class(rc, &rc), rc == want));
  if (cm_rank == 0) printf("%s: %s%s\n", label, cm_class(rc), ok ? "" : "  <-- MISMATCH");
  if (!ok) {
    mismatches++;
    if (cm_rank == 0) printf("  expected %s\n", cm_class(want));
  }
}

/* The first address past the end of linear memory. */
static char *mem_end(void) {
  return (char *)(uintptr_t)(__builtin_wasm_memory_size(0) * 65536u);
}

static int copy_traps(MPI_Comm c, int k, void *e, void *in, void *out, int *flag) {
  __builtin_trap();
}
static int wrong_signature(int x) { return x + 1; }

int main(int argc, char **argv) {
  cm_init(&argc, &argv);
  const char *mode = argc > 1 ? argv[1] : "";
  int v = -1, rc;
  char *end = mem_end();
  MPI_Comm bogus = (MPI_Comm)(uintptr_t)0x7777;

  if (strcmp(mode, "fatal-comm") == 0) {
    MPI_Comm_rank(bogus, &v);
    printf("rank %d survived a fatal error\n", cm_rank);
    return 0;
  }
  if (strcmp(mode, "fatal-group") == 0) {
    MPI_Group wg, g;
    MPI_Comm_group(MPI_COMM_WORLD, &wg);
    MPI_Group_incl(wg, 2, (int *)(end - 4), &g);
    printf("rank %d survived a fatal error\n", cm_rank);
    return 0;
  }
  if (strcmp(mode, "fatal-cart") == 0) {
    int periods[2] = {0, 0};
    MPI_Comm cart;
    MPI_Cart_create(MPI_COMM_WORLD, 2, (int *)(end - 4), periods, 0, &cart);
    printf("rank %d survived a fatal error\n", cm_rank);
    return 0;
  }
  if (strcmp(mode, "fatal-callback") == 0) {
    int key;
    MPI_Comm d;
    MPI_Comm_create_keyval(copy_traps, MPI_COMM_NULL_DELETE_FN, &key, NULL);
    MPI_Comm_set_attr(MPI_COMM_WORLD, key, &v);
    MPI_Comm_dup(MPI_COMM_WORLD, &d); /* the copy callback traps */
    printf("rank %d survived a trap\n", cm_rank);
    return 0;
  }

  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);

  /* Communicator handles. */
  expect("rank of a made-up handle", MPI_Comm_rank(bogus, &v), MPI_ERR_COMM);
  expect("rank of MPI_COMM_NULL", MPI_Comm_rank(MPI_COMM_NULL, &v), MPI_ERR_COMM);
  expect("size of a group handle", MPI_Comm_size((MPI_Comm)(void *)MPI_GROUP_EMPTY, &v),
         MPI_ERR_COMM);
  MPI_Comm d, copy;
  MPI_Comm_dup(MPI_COMM_WORLD, &d);
  copy = d;
  MPI_Comm_free(&d);
  expect("size of a freed communicator", MPI_Comm_size(copy, &v), MPI_ERR_COMM);
  expect("free of a freed communicator", MPI_Comm_free(&copy), MPI_ERR_COMM);
  MPI_Comm w = MPI_COMM_WORLD;
  expect("free of MPI_COMM_WORLD", MPI_Comm_free(&w), MPI_ERR_COMM);
  w = MPI_COMM_SELF;
  expect("free of MPI_COMM_SELF", MPI_Comm_free(&w), MPI_ERR_COMM);
  expect("free through a pointer past the end", MPI_Comm_free((MPI_Comm *)(end - 2)),
         MPI_ERR_ARG);
  expect("compare with a made-up handle", MPI_Comm_compare(MPI_COMM_WORLD, bogus, &v),
         MPI_ERR_COMM);
  expect("split of a made-up handle", MPI_Comm_split(bogus, 0, 0, &d), MPI_ERR_COMM);

  /* Out-parameters past the end of memory. */
  expect("rank into the last 2 bytes", MPI_Comm_rank(MPI_COMM_WORLD, (int *)(end - 2)),
         MPI_ERR_ARG);
  expect("size into a wild pointer", MPI_Comm_size(MPI_COMM_WORLD, (int *)(uintptr_t)0xfffffff0u),
         MPI_ERR_ARG);
  expect("split into a pointer past the end", MPI_Comm_split(MPI_COMM_WORLD, 0, 0, (MPI_Comm *)end),
         MPI_ERR_ARG);
  expect("dup into a pointer past the end", MPI_Comm_dup(MPI_COMM_WORLD, (MPI_Comm *)(end - 1)),
         MPI_ERR_ARG);
  MPI_Request req;
  expect("idup request past the end", MPI_Comm_idup(MPI_COMM_WORLD, &d, (MPI_Request *)end),
         MPI_ERR_ARG);
  expect("idup newcomm past the end", MPI_Comm_idup(MPI_COMM_WORLD, (MPI_Comm *)end, &req),
         MPI_ERR_ARG);
  expect("set_name at the end of memory", MPI_Comm_set_name(MPI_COMM_WORLD, end), MPI_ERR_ARG);
  expect("get_name into the last 3 bytes", MPI_Comm_get_name(MPI_COMM_WORLD, end - 3, &v),
         MPI_ERR_ARG);
  expect("compare result past the end", MPI_Comm_compare(MPI_COMM_WORLD, MPI_COMM_WORLD, (int *)end),
         MPI_ERR_ARG);

  /* Groups. */
  MPI_Group wg, g;
  MPI_Comm_group(MPI_COMM_WORLD, &wg);
  expect("incl with ranks past the end", MPI_Group_incl(wg, 2, (int *)(end - 4), &g), MPI_ERR_ARG);
  expect("incl with 2^30 ranks", MPI_Group_incl(wg, 1 << 30, (int *)&v, &g), MPI_ERR_ARG);
  int r0 = 0;
  expect("incl of -1 ranks", MPI_Group_incl(wg, -1, &r0, &g), MPI_ERR_ARG);
  expect("excl of -5 ranks", MPI_Group_excl(wg, -5, &r0, &g), MPI_ERR_ARG);
  int big = cm_size;
  expect("incl of rank = size", MPI_Group_incl(wg, 1, &big, &g), MPI_ERR_RANK);
  expect("range_incl with ranges past the end",
         MPI_Group_range_incl(wg, 1, (int(*)[3])(end - 8), &g), MPI_ERR_ARG);
  expect("range_excl of -1 ranges", MPI_Group_range_excl(wg, -1, (int(*)[3])&r0, &g), MPI_ERR_ARG);
  expect("incl result past the end", MPI_Group_incl(wg, 1, &r0, (MPI_Group *)end), MPI_ERR_ARG);
  int twice[2] = {0, 0};
  expect("incl with a repeated rank", MPI_Group_incl(wg, 2, twice, &g), MPI_ERR_RANK);
  int stride0[1][3] = {{0, 0, 0}}, backwards[1][3] = {{0, cm_size - 1, -1}},
      overlap[2][3] = {{0, 0, 1}, {0, cm_size - 1, 1}};
  expect("range_incl with stride 0", MPI_Group_range_incl(wg, 1, stride0, &g), MPI_ERR_ARG);
  if (cm_size > 1)
    expect("range_incl stepping away from last", MPI_Group_range_incl(wg, 1, backwards, &g),
           MPI_ERR_ARG);
  expect("range_excl naming rank 0 twice", MPI_Group_range_excl(wg, 2, overlap, &g),
         MPI_ERR_RANK);
  int past[1][3] = {{0, cm_size, 1}};
  expect("range_incl past the last rank", MPI_Group_range_incl(wg, 1, past, &g), MPI_ERR_RANK);
  MPI_Group made_up = (MPI_Group)(uintptr_t)0x2000005;
  expect("size of a made-up group", MPI_Group_size(made_up, &v), MPI_ERR_GROUP);
  expect("size of MPI_GROUP_NULL", MPI_Group_size(MPI_GROUP_NULL, &v), MPI_ERR_GROUP);
  expect("union with a communicator handle",
         MPI_Group_union(wg, (MPI_Group)(void *)MPI_COMM_WORLD, &g), MPI_ERR_GROUP);
  MPI_Group g2;
  MPI_Group_incl(wg, 1, &r0, &g2);
  MPI_Group gcopy = g2;
  MPI_Group_free(&g2);
  expect("rank in a freed group", MPI_Group_rank(gcopy, &v), MPI_ERR_GROUP);
  expect("free of MPI_GROUP_NULL", MPI_Group_free(&g2), MPI_ERR_GROUP);
  int odd[2] = {0, -2}, out[2];
  expect("translate rank -2", MPI_Group_translate_ranks(wg, 2, odd, wg, out), MPI_ERR_RANK);
  expect("translate into the last 4 bytes",
         MPI_Group_translate_ranks(wg, 2, &r0, wg, (int *)(end - 4)), MPI_ERR_ARG);
  expect("create with a made-up group", MPI_Comm_create(MPI_COMM_WORLD, made_up, &d),
         MPI_ERR_GROUP);
  if (cm_size > 1) {
    expect("create on COMM_SELF with the world's group", MPI_Comm_create(MPI_COMM_SELF, wg, &d),
           MPI_ERR_GROUP);
    expect("create_group on COMM_SELF with the world's group",
           MPI_Comm_create_group(MPI_COMM_SELF, wg, 0, &d), MPI_ERR_GROUP);
  }

  /* Topologies. */
  int periods[3] = {1, 1, 1}, dims[3] = {cm_size, 1, 1};
  MPI_Comm cart;
  expect("cart_create with dims past the end",
         MPI_Cart_create(MPI_COMM_WORLD, 2, (int *)(end - 4), periods, 0, &cart), MPI_ERR_ARG);
  expect("cart_create of -1 dims", MPI_Cart_create(MPI_COMM_WORLD, -1, dims, periods, 0, &cart),
         MPI_ERR_ARG);
  expect("cart_coords on a communicator without topology",
         MPI_Cart_coords(MPI_COMM_WORLD, 0, 2, dims), MPI_ERR_TOPOLOGY);
  int zero_ext[2] = {cm_size, 0}, too_big[2] = {cm_size, 2};
  expect("cart_create with an extent of 0",
         MPI_Cart_create(MPI_COMM_WORLD, 2, zero_ext, periods, 0, &cart), MPI_ERR_DIMS);
  expect("cart_create larger than the world",
         MPI_Cart_create(MPI_COMM_WORLD, 2, too_big, periods, 0, &cart), MPI_ERR_DIMS);
  expect("dims_create with a fixed extent not dividing nnodes",
         MPI_Dims_create(7, 2, (int[]){2, 0}), MPI_ERR_DIMS);
  expect("dims_create with a negative extent", MPI_Dims_create(6, 2, (int[]){-1, 0}),
         MPI_ERR_DIMS);
  MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 0, &cart);
  expect("cart_shift along dimension 5", MPI_Cart_shift(cart, 5, 1, &v, out), MPI_ERR_DIMS);
  expect("cart_coords of rank = size", MPI_Cart_coords(cart, cm_size, 2, out), MPI_ERR_RANK);
  expect("cartdim_get of a communicator without topology", MPI_Cartdim_get(MPI_COMM_WORLD, &v),
         MPI_ERR_TOPOLOGY);
  expect("cart_rank with coords past the end", MPI_Cart_rank(cart, (int *)(end - 4), &v),
         MPI_ERR_ARG);
  expect("cart_get with 2^30 dims", MPI_Cart_get(cart, 1 << 30, dims, periods, out), MPI_ERR_ARG);
  expect("cart_coords of -1 dims", MPI_Cart_coords(cart, 0, -1, out), MPI_ERR_ARG);
  expect("cart_sub with remain_dims past the end", MPI_Cart_sub(cart, (int *)(end - 4), &d),
         MPI_ERR_ARG);
  expect("cart_shift into a pointer past the end", MPI_Cart_shift(cart, 0, 1, &v, (int *)end),
         MPI_ERR_ARG);
  expect("dims_create with dims past the end", MPI_Dims_create(6, 2, (int *)(end - 4)),
         MPI_ERR_ARG);
  expect("dims_create of -3 dims", MPI_Dims_create(6, -3, dims), MPI_ERR_ARG);
  int index[2] = {2, 1}, edges[2] = {0, 0};
  expect("graph_create with a decreasing index",
         MPI_Graph_create(MPI_COMM_WORLD, 2, index, edges, 0, &d), MPI_ERR_ARG);
  int index1[1] = {1 << 29};
  expect("graph_create with edges past the end",
         MPI_Graph_create(MPI_COMM_SELF, 1, index1, edges, 0, &d), MPI_ERR_ARG);
  int gindex[1] = {1}, gedge[1] = {1};
  expect("graph_create with an edge to a missing node",
         MPI_Graph_create(MPI_COMM_SELF, 1, gindex, gedge, 0, &d), MPI_ERR_RANK);
  expect("graph_neighbors on a Cartesian communicator", MPI_Graph_neighbors(cart, 0, 2, out),
         MPI_ERR_TOPOLOGY);
  gedge[0] = 0;
  MPI_Comm gself;
  MPI_Graph_create(MPI_COMM_SELF, 1, gindex, gedge, 0, &gself);
  expect("graph_neighbors_count of node 1 of 1", MPI_Graph_neighbors_count(gself, 1, &v),
         MPI_ERR_RANK);
  MPI_Comm_free(&gself);
  int src = 0;
  expect("dist_graph_create_adjacent weights past the end",
         MPI_Dist_graph_create_adjacent(MPI_COMM_SELF, 1, &src, (int *)(end - 2), 1, &src,
                                        MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &d),
         MPI_ERR_ARG);
  expect("dist_graph_create_adjacent NULL weights",
         MPI_Dist_graph_create_adjacent(MPI_COMM_SELF, 1, &src, NULL, 1, &src, NULL,
                                        MPI_INFO_NULL, 0, &d),
         MPI_ERR_ARG);
  int nowhere = cm_size, neg = -4;
  expect("dist_graph_create_adjacent to rank = size",
         MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 0, NULL, MPI_UNWEIGHTED, 1, &nowhere,
                                        MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &d),
         MPI_ERR_RANK);
  expect("dist_graph_create_adjacent with a negative weight",
         MPI_Dist_graph_create_adjacent(MPI_COMM_SELF, 1, &src, &neg, 0, NULL, MPI_UNWEIGHTED,
                                        MPI_INFO_NULL, 0, &d),
         MPI_ERR_ARG);
  int deg = -1;
  expect("dist_graph_create with a negative degree",
         MPI_Dist_graph_create(MPI_COMM_SELF, 1, &src, &deg, &src, MPI_UNWEIGHTED,
                               MPI_INFO_NULL, 0, &d),
         MPI_ERR_ARG);
  expect("dist_graph_neighbors on a Cartesian communicator",
         MPI_Dist_graph_neighbors(cart, 1, out, MPI_UNWEIGHTED, 1, out, MPI_UNWEIGHTED),
         MPI_ERR_TOPOLOGY);
  expect("topo_test of a freed communicator", MPI_Topo_test(copy, &v), MPI_ERR_COMM);
  MPI_Comm_free(&cart);

  /* Keyvals and attributes. */
  int key = MPI_KEYVAL_INVALID;
  void *val;
  expect("get_attr with a made-up keyval", MPI_Comm_get_attr(MPI_COMM_WORLD, 12345, &val, &v),
         MPI_ERR_KEYVAL);
  expect("get_attr with MPI_KEYVAL_INVALID",
         MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_KEYVAL_INVALID, &val, &v), MPI_ERR_KEYVAL);
  expect("set_attr on MPI_TAG_UB", MPI_Comm_set_attr(MPI_COMM_WORLD, MPI_TAG_UB, &v),
         MPI_ERR_KEYVAL);
  expect("create_keyval with a made-up copy function",
         MPI_Comm_create_keyval((MPI_Comm_copy_attr_function *)(uintptr_t)0x7fff,
                                MPI_COMM_NULL_DELETE_FN, &key, NULL),
         MPI_ERR_ARG);
  expect("create_keyval with a copy function of another type",
         MPI_Comm_create_keyval((MPI_Comm_copy_attr_function *)(void *)wrong_signature,
                                MPI_COMM_NULL_DELETE_FN, &key, NULL),
         MPI_ERR_ARG);
  expect("create_keyval into a pointer past the end",
         MPI_Comm_create_keyval(MPI_COMM_DUP_FN, MPI_COMM_NULL_DELETE_FN, (int *)end, NULL),
         MPI_ERR_ARG);
  MPI_Comm_create_keyval(MPI_COMM_DUP_FN, MPI_COMM_NULL_DELETE_FN, &key, NULL);
  expect("get_attr flag past the end", MPI_Comm_get_attr(MPI_COMM_WORLD, key, &val, (int *)end),
         MPI_ERR_ARG);
  expect("get_attr value past the end",
         MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, (void *)(end - 1), &v), MPI_ERR_ARG);
  int kcopy = key;
  MPI_Comm_free_keyval(&key);
  expect("free_keyval twice", MPI_Comm_free_keyval(&kcopy), MPI_ERR_KEYVAL);
  expect("set_attr with a freed keyval", MPI_Comm_set_attr(MPI_COMM_WORLD, kcopy, &v),
         MPI_ERR_KEYVAL);
  expect("delete_attr on a made-up communicator", MPI_Comm_delete_attr(bogus, kcopy),
         MPI_ERR_COMM);

  /* Intercommunicators. */
  expect("intercomm_create on a made-up communicator",
         MPI_Intercomm_create(bogus, 0, MPI_COMM_WORLD, 0, 1, &d), MPI_ERR_COMM);
  expect("remote_size of an intracommunicator", MPI_Comm_remote_size(MPI_COMM_WORLD, &v),
         MPI_ERR_COMM);
  expect("remote_group of an intracommunicator", MPI_Comm_remote_group(MPI_COMM_SELF, &g),
         MPI_ERR_COMM);
  expect("intercomm_create with local_leader = size",
         MPI_Intercomm_create(MPI_COMM_WORLD, cm_size, MPI_COMM_WORLD, 0, 1, &d), MPI_ERR_RANK);
  expect("intercomm_merge of an intracommunicator",
         MPI_Intercomm_merge(MPI_COMM_WORLD, 0, &d), MPI_ERR_COMM);

  /* After all that, the communicators still work. */
  int sum = 0, one = 1;
  rc = MPI_Allreduce(&one, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  int bad = 0;
  MPI_Allreduce(&mismatches, &bad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (cm_rank == 0) printf("still working: %s, sum %d; mismatches %d\n", cm_class(rc), sum, bad);
  MPI_Group_free(&wg);
  MPI_Finalize();
  return bad != 0 || sum != cm_size;
}
