/* coll_userop.c — user reduction ops (MPI_Op_create): commutative and not,
 * on basic types, on contiguous and struct derived types and on long double
 * (a type predefined ops refuse in the guest); large counts so the host
 * reduces into its own temporary buffers; the datatype handle the function
 * receives; Op_commutative; Op_free and re-creation beyond the number of
 * ops alive at once. */
/* ranks: 4 1 2 3 */
#include "coll_log.h"

static int dt_seen_ok = 1, calls;

/* Commutative: element-wise sum, for MPI_INT and MPI_LONG. */
static void add_ints(void *in, void *inout, int *len, MPI_Datatype *dt) {
  calls++;
  if (*dt == MPI_INT) {
    for (int i = 0; i < *len; i++) ((int *)inout)[i] += ((int *)in)[i];
  } else if (*dt == MPI_LONG) {
    for (int i = 0; i < *len; i++) ((long *)inout)[i] += ((long *)in)[i];
  } else {
    dt_seen_ok = 0;
  }
}

/* Non-commutative: 2x2 integer matrices, inout = in * inout. */
typedef struct { int a, b, c, d; } mat;
static MPI_Datatype mat_type;
static void matmul(void *in, void *inout, int *len, MPI_Datatype *dt) {
  if (*dt != mat_type) dt_seen_ok = 0;
  mat *x = in, *y = inout;
  for (int i = 0; i < *len; i++) {
    mat p = {x[i].a * y[i].a + x[i].b * y[i].c, x[i].a * y[i].b + x[i].b * y[i].d,
             x[i].c * y[i].a + x[i].d * y[i].c, x[i].c * y[i].b + x[i].d * y[i].d};
    y[i] = p;
  }
}

/* Struct type with a hole: the weighted mean's numerator and weight. */
typedef struct { double sum; char tag; int weight; } acc;
static MPI_Datatype acc_type;
static void acc_merge(void *in, void *inout, int *len, MPI_Datatype *dt) {
  if (*dt != acc_type) dt_seen_ok = 0;
  acc *x = in, *y = inout;
  for (int i = 0; i < *len; i++) {
    y[i].sum += x[i].sum;
    y[i].weight += x[i].weight;
    y[i].tag = y[i].tag > x[i].tag ? y[i].tag : x[i].tag;
  }
}

/* Large vectors: max of absolute values, on doubles. */
static void absmax(void *in, void *inout, int *len, MPI_Datatype *dt) {
  double *x = in, *y = inout;
  for (int i = 0; i < *len; i++) {
    double a = x[i] < 0 ? -x[i] : x[i], b = y[i] < 0 ? -y[i] : y[i];
    y[i] = a > b ? a : b;
  }
}

/* Non-commutative on plain ints: "keep the left operand unless it is 0". */
static void first_nonzero(void *in, void *inout, int *len, MPI_Datatype *dt) {
  int *x = in, *y = inout;
  for (int i = 0; i < *len; i++)
    if (x[i] != 0) y[i] = x[i];
}

static void add_ld(void *in, void *inout, int *len, MPI_Datatype *dt) {
  for (int i = 0; i < *len; i++) ((long double *)inout)[i] += ((long double *)in)[i];
}

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size;
  MPI_Comm w = MPI_COMM_WORLD;
  int rc, good, c;
  MPI_Op add, mul, merge, amax, first, ldadd;

  MPI_Op_create(add_ints, 1, &add);
  MPI_Op_create(matmul, 0, &mul);
  MPI_Op_create(acc_merge, 1, &merge);
  MPI_Op_create(absmax, 1, &amax);
  MPI_Op_create(first_nonzero, 0, &first);
  MPI_Op_create(add_ld, 1, &ldadd);
  MPI_Op_commutative(add, &c);
  int c2, c3;
  MPI_Op_commutative(mul, &c2);
  MPI_Op_commutative(MPI_SUM, &c3);
  CHECK(c == 1 && c2 == 0 && c3 == 1, "Op_commutative: user add %d, user matmul %d, SUM %d", c,
        c2, c3);

  /* Commutative op on int and long. */
  int iv[3] = {r, 2 * r, 1}, io[3];
  rc = MPI_Allreduce(iv, io, 3, MPI_INT, add, w);
  CHECK(rc == MPI_SUCCESS && io[0] == n * (n - 1) / 2 && io[1] == n * (n - 1) && io[2] == n,
        "Allreduce user add int: %d %d %d", io[0], io[1], io[2]);
  long lv[2] = {1000000L * r, -r}, lo[2] = {0, 0};
  rc = MPI_Reduce(lv, lo, 2, MPI_LONG, add, n - 1, w);
  if (r == n - 1)
    CHECK(rc == MPI_SUCCESS && lo[0] == 1000000L * n * (n - 1) / 2 && lo[1] == -n * (n - 1) / 2,
          "Reduce user add long: %ld %ld", lo[0], lo[1]);
  int sv = r + 1, so = 0;
  rc = MPI_Scan(&sv, &so, 1, MPI_INT, add, w);
  CHECK(rc == MPI_SUCCESS && so == (r + 1) * (r + 2) / 2, "Scan user add: %d", so);
  int *blk = malloc(sizeof(int) * (2 * n + 1)), bo[2];
  for (int i = 0; i < 2 * n + 1; i++) blk[i] = i;
  rc = MPI_Reduce_scatter_block(blk, bo, 2, MPI_INT, add, w);
  CHECK(rc == MPI_SUCCESS && bo[0] == 2 * r * n && bo[1] == (2 * r + 1) * n,
        "Reduce_scatter_block user add: %d %d", bo[0], bo[1]);
  int *cnt = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) cnt[i] = i == 0 ? 2 : 0;
  cnt[n - 1] += 1;
  int rso[3] = {-1, -1, -1};
  rc = MPI_Reduce_scatter(blk, rso, cnt, MPI_INT, add, w);
  CHECK(rc == MPI_SUCCESS &&
            (r == 0 ? rso[0] == 0 && rso[1] == n : 1) &&
            (r == n - 1 ? rso[r == 0 ? 2 : 0] == 2 * n : 1),
        "Reduce_scatter user add: %d %d %d", rso[0], rso[1], rso[2]);
  int la[2] = {5, 6}, lb[2] = {1, 2};
  rc = MPI_Reduce_local(la, lb, 2, MPI_INT, add);
  CHECK(rc == MPI_SUCCESS && lb[0] == 6 && lb[1] == 8, "Reduce_local user add: %d %d", lb[0],
        lb[1]);
  rc = MPI_Reduce_local(la, lb, 2, MPI_INT, first);
  CHECK(rc == MPI_SUCCESS && lb[0] == 5 && lb[1] == 6, "Reduce_local user first: %d %d", lb[0],
        lb[1]);

  /* Non-commutative matrix product over a contiguous derived type: the
   * product in rank order. */
  MPI_Type_contiguous(4, MPI_INT, &mat_type);
  MPI_Type_commit(&mat_type);
  mat m[2] = {{1, r + 1, 0, 1}, {r % 2, 1, 1, 0}}, mo[2];
  mat want[2] = {{1, 0, 0, 1}, {1, 0, 0, 1}};
  for (int i = 0; i < n; i++) {
    mat x[2] = {{1, i + 1, 0, 1}, {i % 2, 1, 1, 0}};
    for (int k = 0; k < 2; k++) {
      mat y = want[k];
      want[k] = (mat){y.a * x[k].a + y.b * x[k].c, y.a * x[k].b + y.b * x[k].d,
                      y.c * x[k].a + y.d * x[k].c, y.c * x[k].b + y.d * x[k].d};
    }
  }
  rc = MPI_Allreduce(m, mo, 2, mat_type, mul, w);
  CHECK(rc == MPI_SUCCESS && memcmp(mo, want, sizeof mo) == 0,
        "Allreduce non-commutative matmul: [%d %d %d %d] [%d %d %d %d]", mo[0].a, mo[0].b,
        mo[0].c, mo[0].d, mo[1].a, mo[1].b, mo[1].c, mo[1].d);
  memset(mo, 0, sizeof mo);
  rc = MPI_Reduce(m, mo, 2, mat_type, mul, 0, w);
  if (r == 0)
    CHECK(rc == MPI_SUCCESS && memcmp(mo, want, sizeof mo) == 0,
          "Reduce non-commutative matmul: [%d %d %d %d]", mo[1].a, mo[1].b, mo[1].c, mo[1].d);
  int fz[2] = {r == 1 ? 0 : r + 7, 0}, fo[2] = {-5, -5};
  rc = MPI_Allreduce(fz, fo, 2, MPI_INT, first, w);
  CHECK(rc == MPI_SUCCESS && fo[0] == 7 && fo[1] == 0,
        "Allreduce non-commutative first-nonzero: %d %d", fo[0], fo[1]);

  /* Struct type with a gap between tag and weight. */
  int bl[3] = {1, 1, 1};
  MPI_Aint disp[3] = {offsetof(acc, sum), offsetof(acc, tag), offsetof(acc, weight)};
  MPI_Datatype ts[3] = {MPI_DOUBLE, MPI_CHAR, MPI_INT}, raw;
  MPI_Type_create_struct(3, bl, disp, ts, &raw);
  MPI_Type_create_resized(raw, 0, sizeof(acc), &acc_type);
  MPI_Type_commit(&acc_type);
  acc av[3], ao[3];
  for (int k = 0; k < 3; k++) av[k] = (acc){r * 1.5 + k, (char)('a' + (r + k) % 5), k + 1};
  rc = MPI_Allreduce(av, ao, 3, acc_type, merge, w);
  good = rc == MPI_SUCCESS;
  for (int k = 0; k < 3; k++) {
    char t = 0;
    for (int i = 0; i < n; i++) t = (char)('a' + (i + k) % 5) > t ? (char)('a' + (i + k) % 5) : t;
    good &= ao[k].sum == 1.5 * n * (n - 1) / 2 + k * n && ao[k].weight == (k + 1) * n && ao[k].tag == t;
  }
  CHECK(good, "Allreduce struct merge: (%g %c %d) (%g %c %d) (%g %c %d)", ao[0].sum, ao[0].tag,
        ao[0].weight, ao[1].sum, ao[1].tag, ao[1].weight, ao[2].sum, ao[2].tag, ao[2].weight);

  /* Large: the host reduces segment by segment in its own buffers. */
  const int big = 200000;
  double *dv = malloc(sizeof(double) * big), *dout = malloc(sizeof(double) * big);
  for (int i = 0; i < big; i++) dv[i] = ((i + r) % 5 - 2) * (r + 1.0);
  rc = MPI_Allreduce(dv, dout, big, MPI_DOUBLE, amax, w);
  good = rc == MPI_SUCCESS;
  double tot = 0;
  for (int i = 0; i < big; i++) {
    double m2 = ((i + 0) % 5 - 2) * 1.0; /* one rank: no op is applied */
    for (int k = 1; k < n; k++) {
      double v = ((i + k) % 5 - 2) * (k + 1.0);
      v = v < 0 ? -v : v;
      m2 = m2 < 0 ? -m2 : m2;
      m2 = v > m2 ? v : m2;
    }
    good &= dout[i] == m2;
    tot += dout[i];
  }
  CHECK(good, "Allreduce user absmax, %d doubles: total %.1f", big, tot);
  int *bi = malloc(sizeof(int) * big), *bo2 = malloc(sizeof(int) * big);
  for (int i = 0; i < big; i++) bi[i] = (i + r) % 3 == 0 ? 0 : i * 10 + r;
  rc = MPI_Reduce(bi, bo2, big, MPI_INT, first, n / 2, w);
  if (r == n / 2) {
    good = rc == MPI_SUCCESS;
    long long s = 0;
    for (int i = 0; i < big; i++) {
      int v = 0;
      for (int k = n - 1; k >= 0; k--)
        if ((i + k) % 3 != 0) v = i * 10 + k;
      good &= bo2[i] == v;
      s += bo2[i] % 1000;
    }
    CHECK(good, "Reduce non-commutative first-nonzero, %d ints: checksum %lld", big, s);
  }
  MPI_Allreduce(MPI_IN_PLACE, dv, big, MPI_DOUBLE, amax, w);
  CHECK(memcmp(dv, dout, sizeof(double) * big) == 0, "Allreduce user absmax in place");

  /* long double: only a user op can reduce it (in the guest it is binary128). */
  long double ld[2] = {r + 0.5L, -1.0L}, ldo[2];
  rc = MPI_Allreduce(ld, ldo, 2, MPI_LONG_DOUBLE, ldadd, w);
  CHECK(rc == MPI_SUCCESS && ldo[0] == n * (n - 1) / 2 + 0.5L * n && ldo[1] == -n,
        "Allreduce user add long double: %g %g", (double)ldo[0], (double)ldo[1]);

  /* Free and create many more ops than are alive at once. */
  good = 1;
  for (int round = 0; round < 80; round++) {
    MPI_Op tmp;
    rc = MPI_Op_create(round % 2 ? add_ints : first_nonzero, round % 2, &tmp);
    int x = round % 2 ? r : (r == 0 ? round : 0), y = -1;
    if (rc == MPI_SUCCESS) rc = MPI_Allreduce(&x, &y, 1, MPI_INT, tmp, w);
    good &= rc == MPI_SUCCESS && y == (round % 2 ? n * (n - 1) / 2 : round);
    if (rc == MPI_SUCCESS) rc = MPI_Op_free(&tmp);
    good &= rc == MPI_SUCCESS && tmp == MPI_OP_NULL;
  }
  CHECK(good, "80 rounds of Op_create, Allreduce, Op_free");

  CHECK(dt_seen_ok, "user functions saw the datatype handles they were given");
  MPI_Op_free(&add);
  MPI_Op_free(&mul);
  MPI_Op_free(&merge);
  MPI_Op_free(&amax);
  MPI_Op_free(&first);
  MPI_Op_free(&ldadd);
  CHECK(add == MPI_OP_NULL && ldadd == MPI_OP_NULL, "Op_free sets MPI_OP_NULL");
  MPI_Type_free(&mat_type);
  MPI_Type_free(&acc_type);
  MPI_Type_free(&raw);
  free(blk); free(cnt); free(dv); free(dout); free(bi); free(bo2);
  return cl_finish();
}
