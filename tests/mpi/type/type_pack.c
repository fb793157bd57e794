/* type_pack.c — MPI_Pack/MPI_Unpack round trips of derived types, several
 * items packed one after the other and sent as MPI_PACKED, MPI_Pack_size,
 * and the external32 forms (big-endian bytes, printed). */
/* ranks: 4 1 2 3 */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int rank, size, errors;

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  /* a column of a 4 x 5 matrix of doubles */
  double m[4][5], col[4];
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 5; j++) m[i][j] = i * 10 + j + rank * 0.5;
  MPI_Datatype column;
  MPI_Type_vector(4, 1, 5, MPI_DOUBLE, &column);
  MPI_Type_commit(&column);

  char buf[512];
  int pos = 0, psz, psz2;
  MPI_Pack_size(1, column, MPI_COMM_WORLD, &psz);
  MPI_Pack_size(3, MPI_INT32_T, MPI_COMM_WORLD, &psz2);
  int32_t hdr[3] = {rank, 4, -7};
  MPI_Pack(hdr, 3, MPI_INT32_T, buf, sizeof buf, &pos, MPI_COMM_WORLD);
  MPI_Pack(&m[0][2], 1, column, buf, sizeof buf, &pos, MPI_COMM_WORLD);
  if (rank == 0) printf("pack sizes: column %d, 3 ints %d, packed %d\n", psz, psz2, pos);
  if (pos > psz + psz2) errors++;

  /* unpack locally into a contiguous array */
  int p2 = 0;
  int32_t h2[3];
  MPI_Unpack(buf, pos, &p2, h2, 3, MPI_INT32_T, MPI_COMM_WORLD);
  MPI_Unpack(buf, pos, &p2, col, 4, MPI_DOUBLE, MPI_COMM_WORLD);
  if (p2 != pos || h2[0] != rank || h2[2] != -7) errors++;
  for (int i = 0; i < 4; i++)
    if (col[i] != m[i][2]) errors++;

  /* ring: send the packed bytes to the next rank, which unpacks into a
   * column of its own matrix */
  int next = (rank + 1) % size, prev = (rank + size - 1) % size;
  char rbuf[512];
  MPI_Status st;
  MPI_Sendrecv(buf, pos, MPI_PACKED, next, 3, rbuf, sizeof rbuf, MPI_PACKED, prev, 3,
               MPI_COMM_WORLD, &st);
  int got;
  MPI_Get_count(&st, MPI_PACKED, &got);
  if (got != pos) errors++;
  double m2[4][5];
  memset(m2, 0, sizeof m2);
  p2 = 0;
  MPI_Unpack(rbuf, got, &p2, h2, 3, MPI_INT32_T, MPI_COMM_WORLD);
  MPI_Unpack(rbuf, got, &p2, &m2[0][4], 1, column, MPI_COMM_WORLD);
  if (h2[0] != prev) errors++;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 5; j++)
      if (m2[i][j] != (j == 4 ? i * 10 + 2 + prev * 0.5 : 0)) errors++;

  /* truncation: the packed buffer is too small */
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  pos = 0;
  int rc = MPI_Pack(m, 1, column, buf, 16, &pos, MPI_COMM_WORLD), cls = -1;
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &cls);
  if (rank == 0) printf("pack into 16 bytes: %s\n", cls == MPI_ERR_TRUNCATE ? "MPI_ERR_TRUNCATE" : "other");
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);

  /* external32: big-endian, fixed sizes */
  MPI_Aint xsz, xpos = 0;
  int32_t xi[2] = {0x01020304, -2};
  double xd = 1.5;
  MPI_Pack_external_size("external32", 2, MPI_INT32_T, &xsz);
  unsigned char x[64];
  MPI_Pack_external("external32", xi, 2, MPI_INT32_T, x, sizeof x, &xpos);
  MPI_Pack_external("external32", &xd, 1, MPI_DOUBLE, x, sizeof x, &xpos);
  if (rank == 0) {
    printf("external32 size of 2 int32: %ld, packed %ld bytes:", (long)xsz, (long)xpos);
    for (int i = 0; i < xpos; i++) printf(" %02x", x[i]);
    printf("\n");
  }
  MPI_Aint xp2 = 0;
  int32_t yi[2] = {0, 0};
  double yd = 0;
  MPI_Unpack_external("external32", x, xpos, &xp2, yi, 2, MPI_INT32_T);
  MPI_Unpack_external("external32", x, xpos, &xp2, &yd, 1, MPI_DOUBLE);
  if (yi[0] != xi[0] || yi[1] != xi[1] || yd != xd || xp2 != xpos) errors++;
  /* a derived type in external32 */
  MPI_Aint csz;
  MPI_Pack_external_size("external32", 1, column, &csz);
  xpos = 0;
  unsigned char xc[64];
  MPI_Pack_external("external32", &m[0][1], 1, column, xc, sizeof xc, &xpos);
  memset(col, 0, sizeof col);
  xp2 = 0;
  MPI_Unpack_external("external32", xc, xpos, &xp2, col, 4, MPI_DOUBLE);
  for (int i = 0; i < 4; i++)
    if (col[i] != m[i][1]) errors++;
  if (rank == 0) printf("external32 column: %ld bytes\n", (long)csz);

  MPI_Type_free(&column);
  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_pack: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
