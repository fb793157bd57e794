/* type_ldouble.c — long double (binary128 on wasm32, transport only) inside
 * derived types: a struct type's extent must come out as the C struct's
 * size (MPI pads a struct to its most aligned member; long double is
 * 16-aligned on wasm32 and x86_64 alike), so arrays of such structs can be
 * sent without resizing.  Checked element by element.  Decoding a type built
 * on long double gives back MPI_LONG_DOUBLE itself. */
/* ranks: 4 2 */
#include <mpi.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct s {
  long double x;
  char c;
};
struct q {
  double d;
  long double x;
  int i;
};

static int rank, size, errors;

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  int bl[3] = {1, 1, 1};
  MPI_Aint ds[2] = {offsetof(struct s, x), offsetof(struct s, c)};
  MPI_Datatype ts[2] = {MPI_LONG_DOUBLE, MPI_CHAR}, st;
  MPI_Type_create_struct(2, bl, ds, ts, &st);
  MPI_Type_commit(&st);
  MPI_Aint dq[3] = {offsetof(struct q, d), offsetof(struct q, x), offsetof(struct q, i)};
  MPI_Datatype tq[3] = {MPI_DOUBLE, MPI_LONG_DOUBLE, MPI_INT}, qt;
  MPI_Type_create_struct(3, bl, dq, tq, &qt);
  MPI_Type_commit(&qt);
  MPI_Aint lb, ext;
  MPI_Type_get_extent(st, &lb, &ext);
  if (rank == 0) printf("struct {long double, char}: extent is sizeof: %s\n", ext == sizeof(struct s) ? "yes" : "no");
  MPI_Type_get_extent(qt, &lb, &ext);
  if (rank == 0) printf("struct {double, long double, int}: extent is sizeof: %s\n", ext == sizeof(struct q) ? "yes" : "no");

  struct s a[3];
  struct q b[3];
  for (int k = 1; k < size; k++) {
    if (rank == 0) {
      for (int i = 0; i < 3; i++) {
        a[i].x = k + i / 4.0L, a[i].c = (char)('a' + i);
        b[i].d = -k - i, b[i].x = 1.0L / (k + i + 1), b[i].i = 100 * k + i;
      }
      MPI_Send(a, 3, st, k, 1, MPI_COMM_WORLD);
      MPI_Send(b, 3, qt, k, 2, MPI_COMM_WORLD);
    } else if (rank == k) {
      memset(a, 0, sizeof a), memset(b, 0, sizeof b);
      MPI_Recv(a, 3, st, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      MPI_Recv(b, 3, qt, 0, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      for (int i = 0; i < 3; i++) {
        if (a[i].x != k + i / 4.0L || a[i].c != 'a' + i) errors++;
        if (b[i].d != -k - i || b[i].x != 1.0L / (k + i + 1) || b[i].i != 100 * k + i) errors++;
      }
    }
  }
  MPI_Type_free(&st);
  MPI_Type_free(&qt);

  MPI_Datatype pair, comp;
  MPI_Type_contiguous(2, MPI_LONG_DOUBLE, &pair);
  int ni, na, nd, comb, cnt;
  MPI_Type_get_envelope(pair, &ni, &na, &nd, &comb);
  if (comb != MPI_COMBINER_CONTIGUOUS || ni != 1 || na != 0 || nd != 1) errors++;
  MPI_Type_get_contents(pair, 1, 0, 1, &cnt, NULL, &comp);
  MPI_Type_get_envelope(comp, &ni, &na, &nd, &comb);
  char name[MPI_MAX_OBJECT_NAME] = "";
  int len;
  if (comb == MPI_COMBINER_NAMED) MPI_Type_get_name(comp, name, &len);
  else MPI_Type_free(&comp);
  if (rank == 0) printf("contiguous(%d) of %s\n", cnt, comb == MPI_COMBINER_NAMED ? name : "a derived type");
  MPI_Type_free(&pair);
  int total = 0;
  MPI_Reduce(&errors, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) printf("type_ldouble: %s (%d errors)\n", total ? "FAIL" : "ok", total);
  MPI_Finalize();
  return total != 0;
}
