/* type_bottom.c — absolute addresses: a struct type over three separate
 * variables, their displacements from MPI_Get_address, sent and received
 * with MPI_BOTTOM; relative displacements through MPI_Aint_diff and
 * MPI_Aint_add; the same type packed from MPI_BOTTOM. */
/* ranks: 4 1 2 3 */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int rank, size, errors;

static double dvals[3];
static int32_t ivals[4];
static char cvals[5];

static void fill(int k) {
  for (int i = 0; i < 3; i++) dvals[i] = k * 1.25 + i;
  for (int i = 0; i < 4; i++) ivals[i] = 1000 * k - i;
  for (int i = 0; i < 5; i++) cvals[i] = (char)('a' + k + i);
}

static int check(int k) {
  int bad = 0;
  for (int i = 0; i < 3; i++) bad += dvals[i] != k * 1.25 + i;
  for (int i = 0; i < 4; i++) bad += ivals[i] != 1000 * k - i;
  for (int i = 0; i < 5; i++) bad += cvals[i] != (char)('a' + k + i);
  return bad;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  MPI_Aint addr[3];
  MPI_Get_address(dvals, &addr[0]);
  MPI_Get_address(ivals, &addr[1]);
  MPI_Get_address(cvals, &addr[2]);
  /* the address is the pointer's own value */
  if (addr[1] != (MPI_Aint)(intptr_t)ivals) errors++;
  int bl[3] = {3, 4, 5};
  MPI_Datatype types[3] = {MPI_DOUBLE, MPI_INT32_T, MPI_CHAR}, abs_t, rel_t;
  MPI_Type_create_struct(3, bl, addr, types, &abs_t);
  MPI_Type_commit(&abs_t);
  int sz;
  MPI_Type_size(abs_t, &sz);
  if (rank == 0) printf("absolute struct: size %d\n", sz);

  for (int k = 1; k < size; k++) {
    if (rank == 0) {
      fill(k);
      MPI_Send(MPI_BOTTOM, 1, abs_t, k, 5, MPI_COMM_WORLD);
    } else if (rank == k) {
      memset(dvals, 0, sizeof dvals), memset(ivals, 0, sizeof ivals), memset(cvals, 0, sizeof cvals);
      MPI_Recv(MPI_BOTTOM, 1, abs_t, 0, 5, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      errors += check(k);
    }
  }

  /* relative to dvals: the same data through a buffer argument */
  MPI_Aint rel[3];
  for (int i = 0; i < 3; i++) rel[i] = MPI_Aint_diff(addr[i], addr[0]);
  if (MPI_Aint_add(addr[0], rel[2]) != addr[2]) errors++;
  if (rel[0] != 0) errors++;
  MPI_Type_create_struct(3, bl, rel, types, &rel_t);
  MPI_Type_commit(&rel_t);
  for (int k = 1; k < size; k++) {
    if (rank == k) {
      fill(k + 10);
      MPI_Send(dvals, 1, rel_t, 0, 6, MPI_COMM_WORLD);
    } else if (rank == 0) {
      memset(dvals, 0, sizeof dvals), memset(ivals, 0, sizeof ivals), memset(cvals, 0, sizeof cvals);
      MPI_Recv(dvals, 1, rel_t, k, 6, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      errors += check(k + 10);
    }
  }

  /* pack from MPI_BOTTOM, unpack with the relative type */
  char packed[256];
  int pos = 0, psize;
  fill(42);
  MPI_Pack_size(1, abs_t, MPI_COMM_WORLD, &psize);
  MPI_Pack(MPI_BOTTOM, 1, abs_t, packed, sizeof packed, &pos, MPI_COMM_WORLD);
  if (pos != sz || psize < pos) errors++;
  memset(dvals, 0, sizeof dvals), memset(ivals, 0, sizeof ivals), memset(cvals, 0, sizeof cvals);
  int pos2 = 0;
  MPI_Unpack(packed, pos, &pos2, dvals, 1, rel_t, MPI_COMM_WORLD);
  errors += check(42) + (pos2 != pos);
  if (rank == 0) printf("packed from MPI_BOTTOM: %d bytes\n", pos);

  MPI_Type_free(&abs_t);
  MPI_Type_free(&rel_t);
  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_bottom: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
