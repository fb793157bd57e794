/* halo2d.c — a 2-D block decomposition from Dims_create and a periodic
 * Cart_create; halos exchanged with Sendrecv, rows contiguous, columns as a
 * Type_vector; Cart_coords/Cart_rank/Cart_get agree; row and column
 * communicators from Cart_sub give per-row and per-column sums. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

#define NX 8
#define NY 6

static double a[NY + 2][NX + 2];

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int size;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int dims[2] = {0, 0}, periods[2] = {1, 1};
  MPI_Dims_create(size, 2, dims);
  MPI_Comm cart;
  MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 0, &cart);
  int rank, coords[2];
  MPI_Comm_rank(cart, &rank);
  MPI_Cart_coords(cart, rank, 2, coords);
  int back, gdims[2], gper[2], gco[2];
  MPI_Cart_rank(cart, coords, &back);
  MPI_Cart_get(cart, 2, gdims, gper, gco);
  mt_check("cart rank/coords/get agree", back == rank && gdims[0] == dims[0] &&
           gdims[1] == dims[1] && gper[0] == 1 && gco[0] == coords[0] && gco[1] == coords[1]);
  mt_say("grid %d x %d\n", dims[0], dims[1]);

  for (int j = 0; j < NY + 2; j++)
    for (int i = 0; i < NX + 2; i++)
      a[j][i] = (j >= 1 && j <= NY && i >= 1 && i <= NX)
                    ? rank * 1000 + (j - 1) * NX + (i - 1) : -1;
  int up, down, left, right;
  MPI_Cart_shift(cart, 0, 1, &up, &down);
  MPI_Cart_shift(cart, 1, 1, &left, &right);
  MPI_Datatype col;
  MPI_Type_vector(NY, 1, NX + 2, MPI_DOUBLE, &col);
  MPI_Type_commit(&col);
  /* dimension 0 moves rows, dimension 1 columns */
  MPI_Sendrecv(&a[1][1], NX, MPI_DOUBLE, up, 0, &a[NY + 1][1], NX, MPI_DOUBLE, down, 0, cart,
               MPI_STATUS_IGNORE);
  MPI_Sendrecv(&a[NY][1], NX, MPI_DOUBLE, down, 1, &a[0][1], NX, MPI_DOUBLE, up, 1, cart,
               MPI_STATUS_IGNORE);
  MPI_Sendrecv(&a[1][1], 1, col, left, 2, &a[1][NX + 1], 1, col, right, 2, cart,
               MPI_STATUS_IGNORE);
  MPI_Sendrecv(&a[1][NX], 1, col, right, 3, &a[1][0], 1, col, left, 3, cart, MPI_STATUS_IGNORE);
  mt_lines(cart, "(%d,%d) halo N %.0f S %.0f W %.0f E %.0f", coords[0], coords[1], a[0][1],
           a[NY + 1][1], a[1][0], a[1][NX + 1]);

  double local = 0;
  for (int j = 1; j <= NY; j++)
    for (int i = 1; i <= NX; i++) local += a[j][i];
  int keep_row[2] = {0, 1}, keep_col[2] = {1, 0};
  MPI_Comm row, column;
  MPI_Cart_sub(cart, keep_row, &row);
  MPI_Cart_sub(cart, keep_col, &column);
  double rsum, csum;
  MPI_Allreduce(&local, &rsum, 1, MPI_DOUBLE, MPI_SUM, row);
  MPI_Allreduce(&local, &csum, 1, MPI_DOUBLE, MPI_SUM, column);
  int rs, cs;
  MPI_Comm_size(row, &rs);
  MPI_Comm_size(column, &cs);
  mt_lines(cart, "row of %d sums %.0f, column of %d sums %.0f", rs, rsum, cs, csum);
  MPI_Type_free(&col);
  MPI_Comm_free(&row);
  MPI_Comm_free(&column);
  MPI_Comm_free(&cart);
  MPI_Finalize();
  return 0;
}
