/* topo_cart.c — Cartesian topologies: Dims_create for several sizes, a 2-D
 * periodic grid (coords, rank, shifts, a halo exchange with the neighbours
 * Cart_shift gives), a non-periodic grid whose edges shift to MPI_PROC_NULL,
 * Cart_sub rows and columns, Cart_get, Cartdim_get, Cart_map, Topo_test. */
/* ranks: 4 1 2 3 */
#include "cm_log.h"

int main(int argc, char **argv) {
  cm_init(&argc, &argv);
  int r = cm_rank, n = cm_size, v = -1;

  /* Dims_create (only rank 0 logs: every rank computes the same). */
  static const int cases[][4] = {{1, 2}, {4, 2}, {6, 2}, {7, 2}, {12, 2}, {12, 3},
                                 {16, 3}, {30, 3}, {24, 4}, {9, 2}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int nd = cases[i][1], dims[4] = {0, 0, 0, 0};
    int rc = MPI_Dims_create(cases[i][0], nd, dims);
    if (r == 0)
      CHECK(rc == MPI_SUCCESS, "Dims_create(%d, %d) = %d %d %d %d", cases[i][0], nd, dims[0],
            dims[1], dims[2], dims[3]);
  }
  int fixed[3] = {0, 2, 0};
  MPI_Dims_create(12, 3, fixed);
  if (r == 0) CHECK(fixed[1] == 2, "Dims_create(12, 3) with dims[1]=2: %d %d %d", fixed[0],
                    fixed[1], fixed[2]);

  /* A 2-D periodic grid over all ranks. */
  int dims[2] = {0, 0}, periods[2] = {1, 1};
  MPI_Dims_create(n, 2, dims);
  MPI_Comm grid;
  int rc = MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 0, &grid);
  CHECK(rc == MPI_SUCCESS && grid != MPI_COMM_NULL, "Cart_create %dx%d periodic", dims[0],
        dims[1]);
  MPI_Topo_test(grid, &v);
  CHECK(v == MPI_CART, "Topo_test grid %s", cm_topo(v));
  MPI_Topo_test(MPI_COMM_WORLD, &v);
  CHECK(v == MPI_UNDEFINED, "Topo_test world %s", cm_topo(v));
  MPI_Cartdim_get(grid, &v);
  CHECK(v == 2, "Cartdim_get %d", v);
  int me, coords[2] = {-1, -1};
  MPI_Comm_rank(grid, &me);
  MPI_Cart_coords(grid, me, 2, coords);
  int back = -1;
  MPI_Cart_rank(grid, coords, &back);
  CHECK(back == me, "rank %d at (%d,%d), Cart_rank back %d", me, coords[0], coords[1], back);
  int gd[2], gp[2], gc[2];
  MPI_Cart_get(grid, 2, gd, gp, gc);
  CHECK(gd[0] == dims[0] && gd[1] == dims[1] && gp[0] == 1 && gc[0] == coords[0] &&
            gc[1] == coords[1],
        "Cart_get dims %dx%d periods %d%d coords (%d,%d)", gd[0], gd[1], gp[0], gp[1], gc[0],
        gc[1]);
  /* maxdims smaller than ndims: only the first entry is written. */
  int one[2] = {-7, -7};
  MPI_Cart_coords(grid, me, 1, one);
  CHECK(one[0] == coords[0] && one[1] == -7, "Cart_coords maxdims 1: %d %d", one[0], one[1]);
  /* Periodic wrap: coordinates past the edge. */
  int far[2] = {coords[0] + dims[0], coords[1] - dims[1]};
  MPI_Cart_rank(grid, far, &back);
  CHECK(back == me, "Cart_rank wraps (%d,%d) to %d", far[0], far[1], back);

  /* Shifts and a halo exchange along each dimension. */
  for (int d = 0; d < 2; d++) {
    int src = -9, dst = -9;
    MPI_Cart_shift(grid, d, 1, &src, &dst);
    int got = -1;
    MPI_Sendrecv(&me, 1, MPI_INT, dst, d, &got, 1, MPI_INT, src, d, grid, MPI_STATUS_IGNORE);
    CHECK(got == src, "dim %d shift +1: source %s dest %s, halo got %d", d, cm_r(src), cm_r(dst),
          got);
    MPI_Cart_shift(grid, d, -2, &src, &dst);
    CHECK(src >= 0 && dst >= 0, "dim %d shift -2: source %s dest %s", d, cm_r(src), cm_r(dst));
  }

  /* Rows and columns. */
  int keep_row[2] = {0, 1}, keep_col[2] = {1, 0};
  MPI_Comm row, col;
  MPI_Cart_sub(grid, keep_row, &row);
  MPI_Cart_sub(grid, keep_col, &col);
  int rs = -1, cs = -1, rsum = 0, rk = -1;
  MPI_Comm_size(row, &rs);
  MPI_Comm_size(col, &cs);
  MPI_Comm_rank(row, &rk);
  MPI_Allreduce(&me, &rsum, 1, MPI_INT, MPI_SUM, row);
  CHECK(rs == dims[1] && cs == dims[0] && rk == coords[1],
        "Cart_sub row size %d (my rank %d, sum %d), column size %d", rs, rk, rsum, cs);
  MPI_Cartdim_get(row, &v);
  CHECK(v == 1, "row Cartdim_get %d", v);

  /* A non-periodic line: the ends shift to PROC_NULL. */
  int ldim = n, lper = 0;
  MPI_Comm line;
  MPI_Cart_create(MPI_COMM_WORLD, 1, &ldim, &lper, 1, &line);
  int lr, src, dst;
  MPI_Comm_rank(line, &lr);
  MPI_Cart_shift(line, 0, 1, &src, &dst);
  CHECK(src == (lr == 0 ? MPI_PROC_NULL : lr - 1) && dst == (lr == n - 1 ? MPI_PROC_NULL : lr + 1),
        "line rank %d: source %s dest %s", lr, cm_r(src), cm_r(dst));
  int got = -1;
  MPI_Sendrecv(&lr, 1, MPI_INT, dst, 3, &got, 1, MPI_INT, src, 3, line, MPI_STATUS_IGNORE);
  CHECK(got == (src == MPI_PROC_NULL ? -1 : src), "line halo got %d", got);

  /* A grid smaller than the world: the extra ranks get COMM_NULL. */
  int small = n > 1 ? n - 1 : 1, sper = 1;
  MPI_Comm part;
  MPI_Cart_create(MPI_COMM_WORLD, 1, &small, &sper, 0, &part);
  CHECK((part == MPI_COMM_NULL) == (r >= small), "grid of %d: null %d", small,
        part == MPI_COMM_NULL);
  if (part != MPI_COMM_NULL) MPI_Comm_free(&part);

  int newrank = -9;
  MPI_Cart_map(MPI_COMM_WORLD, 1, &small, &sper, &newrank);
  CHECK(newrank == r || newrank == MPI_UNDEFINED, "Cart_map to %d: %s", small, cm_r(newrank));

  MPI_Comm_free(&line);
  MPI_Comm_free(&row);
  MPI_Comm_free(&col);
  MPI_Comm_free(&grid);
  return cm_finish();
}
