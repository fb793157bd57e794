/* coll_bounds.c — hostile collective calls (Wasm only): buffers running past
 * the end of linear memory or before its start, huge counts, wild pointers,
 * bad counts/displacement/type arrays, sentinels where they are not allowed,
 * invalid handles, ops on long double, the user-op pool running out.  Each
 * must be refused with the right class and nothing may reach the host; a
 * buffer is only checked where it is significant (a leaf's garbage receive
 * arguments in Gather are fine).  With "return" every error is printed as
 * "label: CLASS"; with "fatal" every rank, with "fatal1" only rank 1, passes
 * a buffer past the end under MPI_ERRORS_ARE_FATAL: the whole job ends. */
//! RUN 4 return => return coll_bounds.expected
//! RUN 2 return => return coll_bounds.expected
//! RUN 4 fatal => fatal MPI_Bcast|MPI_ERR_BUFFER
//! RUN 3 fatal1 => fatal MPI_Bcast|MPI_ERR_BUFFER
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rank, size;

static const char *cls(int rc) {
  int c = rc;
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &c);
  switch (c) {
#define C(x) \
  case x: return #x;
    C(MPI_SUCCESS) C(MPI_ERR_BUFFER) C(MPI_ERR_COUNT) C(MPI_ERR_TYPE) C(MPI_ERR_COMM)
    C(MPI_ERR_ROOT) C(MPI_ERR_OP) C(MPI_ERR_TOPOLOGY) C(MPI_ERR_ARG) C(MPI_ERR_INTERN)
    C(MPI_ERR_REQUEST) C(MPI_ERR_NO_MEM) C(MPI_ERR_OTHER)
#undef C
  default: return "(another class)";
  }
}

/* Rank 0 prints; every rank must agree (the verdict of the others is
 * folded in with an Allreduce so a disagreement shows). */
static void report(const char *label, int rc) {
  int mine = rc == MPI_SUCCESS ? 0 : 1, c = 0, all = 0;
  if (rc != MPI_SUCCESS) MPI_Error_class(rc, &c);
  int v[2] = {c, -c}, m[2];
  MPI_Allreduce(v, m, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) {
    if (m[0] != -m[1]) printf("%s: ranks disagree\n", label);
    else printf("%s: %s\n", label, cls(rc));
    fflush(stdout);
  }
}

static void nop_op(void *a, void *b, int *len, MPI_Datatype *dt) {}

/* A hostile user op: sums, and rewrites the recvcounts array of the
 * Reduce_scatter it runs in. */
static int *rs_counts;
static void sum_and_grow_counts(void *a, void *b, int *len, MPI_Datatype *dt) {
  for (int i = 0; i < *len; i++) ((int *)b)[i] += ((int *)a)[i];
  for (int i = 0; i < size; i++) rs_counts[i] = 0x10000000;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const char *mode = argc > 1 ? argv[1] : "return";
  /* A fresh page at the end of memory that nothing else uses. */
  uintptr_t old_pages = __builtin_wasm_memory_grow(0, 1);
  char *end = (char *)((old_pages + 1) * 65536);
  char *page = end - 65536;
  MPI_Comm w = MPI_COMM_WORLD, self = MPI_COMM_SELF;
  int buf[16] = {0}, out[16] = {0};
  char *wild = (char *)(uintptr_t)0xfffffff0u;

  int root = strcmp(mode, "fatal1") == 0 ? 1 : 0;
  if (strcmp(mode, "fatal") == 0 || (root == 1 && rank == 1)) {
    MPI_Bcast(end - 8, 4, MPI_INT, root, w); /* never returns */
    printf("rank %d: MPI_Bcast past the end returned\n", rank);
    return 0;
  }
  if (root == 1) {
    MPI_Bcast(buf, 4, MPI_INT, root, w); /* waits for rank 1, which is gone */
    printf("rank %d: MPI_Bcast completed without its root\n", rank);
    return 0;
  }

  MPI_Comm_set_errhandler(w, MPI_ERRORS_RETURN);
  MPI_Comm_set_errhandler(self, MPI_ERRORS_RETURN);

  /* Plain buffers. */
  report("bcast running past the end", MPI_Bcast(end - 8, 4, MPI_INT, 0, w));
  report("bcast ending exactly at the end", MPI_Bcast(end - 16, 4, MPI_INT, 0, w));
  report("bcast of 0 at the end", MPI_Bcast(end, 0, MPI_INT, 0, w));
  report("bcast huge count", MPI_Bcast(page, 0x7fffffff, MPI_INT, 0, w));
  MPI_Datatype huge;
  MPI_Type_contiguous(1 << 20, MPI_DOUBLE, &huge);
  MPI_Type_commit(&huge);
  report("bcast huge derived type", MPI_Bcast(page, 4096, huge, 0, w));
  MPI_Type_free(&huge);
  /* Derived types: the footprint is the true extent, not count x size. */
  MPI_Datatype vec, neg;
  MPI_Type_vector(3, 1, 4, MPI_INT, &vec); /* 36 bytes from its first int */
  MPI_Type_commit(&vec);
  report("bcast vector type ending exactly at the end", MPI_Bcast(end - 36, 1, vec, 0, w));
  report("bcast vector type running 4 bytes past the end", MPI_Bcast(end - 32, 1, vec, 0, w));
  int nbl[2] = {1, 1};
  MPI_Aint ndsp[2] = {-8, 0}; /* covers [buf - 8, buf + 4) */
  MPI_Type_create_hindexed(2, nbl, ndsp, MPI_INT, &neg);
  MPI_Type_commit(&neg);
  report("bcast negative-lb type ending exactly at the end", MPI_Bcast(end - 4, 1, neg, 0, w));
  report("bcast negative-lb type starting below address 0", MPI_Bcast((void *)4, 1, neg, 0, w));
  MPI_Type_free(&vec);
  MPI_Type_free(&neg);
  report("bcast wild pointer", MPI_Bcast(wild, 1, MPI_INT, 0, w));
  report("ibcast wild pointer", MPI_Ibcast(wild, 1, MPI_INT, 0, w, &(MPI_Request){0}));
  report("allreduce recvbuf past the end", MPI_Allreduce(buf, end - 4, 2, MPI_INT, MPI_SUM, w));
  report("allreduce MPI_IN_PLACE as recvbuf", MPI_Allreduce(buf, MPI_IN_PLACE, 1, MPI_INT, MPI_SUM, w));
  report("bcast MPI_IN_PLACE as buffer", MPI_Bcast(MPI_IN_PLACE, 1, MPI_INT, 0, w));
  report("alltoall sendbuf past the end",
         MPI_Alltoall(end - 4 * size + 4, 1, MPI_INT, out, 1, MPI_INT, w));
  report("reduce_scatter_block in place, input past the end",
         MPI_Reduce_scatter_block(MPI_IN_PLACE, end - 4, 1, MPI_INT, MPI_SUM, w));

  /* Significance: only the root's receive arguments are looked at. */
  report("gather root recvbuf past the end (self)",
         MPI_Gather(buf, 4, MPI_INT, end - 8, 4, MPI_INT, 0, self));
  {
    int *all = malloc(sizeof(int) * size);
    int rc = rank == 0 ? MPI_Gather(buf, 1, MPI_INT, all, 1, MPI_INT, 0, w)
                       : MPI_Gather(buf, 1, MPI_INT, wild, 1, (MPI_Datatype)0x12345, 0, w);
    report("gather leaves pass garbage recv arguments", rc);
    rc = rank == 0 ? MPI_Scatter(all, 1, MPI_INT, buf, 1, MPI_INT, 0, w)
                   : MPI_Scatter(wild, 99, (MPI_Datatype)0x999, buf, 1, MPI_INT, 0, w);
    report("scatter leaves pass garbage send arguments", rc);
    free(all);
  }
  report("scatter root sendbuf past the end (self)",
         MPI_Scatter(end - 4, 2, MPI_INT, buf, 2, MPI_INT, 0, self));

  /* Counts, displacements and type arrays. */
  /* negd: the block starts 64 bytes below address 0 */
  int one = 1, zero = 0, bigd = 0x3fffffff, negd = -(int)((uintptr_t)buf / 4) - 16;
  report("gatherv recvcounts pointer wild (self)",
         MPI_Gatherv(buf, 1, MPI_INT, out, (int *)wild, &zero, MPI_INT, 0, self));
  report("gatherv displs pointer past the end (self)",
         MPI_Gatherv(buf, 1, MPI_INT, out, &one, (int *)(end - 2), MPI_INT, 0, self));
  report("gatherv block displaced past the end (self)",
         MPI_Gatherv(buf, 1, MPI_INT, out, &one, &bigd, MPI_INT, 0, self));
  report("alltoallv send block displaced below 0 (self)",
         MPI_Alltoallv(buf, &one, &negd, MPI_INT, out, &one, &zero, MPI_INT, self));
  report("alltoallv in place ignores wild send arrays (self)",
         MPI_Alltoallv(MPI_IN_PLACE, (int *)wild, (int *)wild, (MPI_Datatype)0x5,
                       out, &one, &zero, MPI_INT, self));
  {
    int *cnt = (int *)(end - 4);
    *cnt = 1;
    report("allgatherv recvcounts array running past the end",
           MPI_Allgatherv(buf, 1, MPI_INT, out, size > 1 ? cnt : (int *)(end - 2), buf, MPI_INT, w));
  }
  MPI_Datatype types[1] = {MPI_INT}, badtypes[1] = {(MPI_Datatype)0x4444};
  int bytes0 = 0, bytesbig = 0x7ffffff0;
  report("alltoallw types pointer wild (self)",
         MPI_Alltoallw(buf, &one, &bytes0, (MPI_Datatype *)wild, out, &one, &bytes0, types, self));
  report("alltoallw invalid type in the array (self)",
         MPI_Alltoallw(buf, &one, &bytes0, badtypes, out, &one, &bytes0, types, self));
  report("alltoallw byte displacement past the end (self)",
         MPI_Alltoallw(buf, &one, &bytes0, types, out, &one, &bytesbig, types, self));

  /* Arrays rewritten while the host may still read them: the host works on
   * the values of the call (here: copies), never on the new wild ones. */
  {
    int sc[1] = {1}, sd[1] = {0}, rc1[1] = {1}, rd[1] = {0};
    MPI_Request q;
    int rc = MPI_Ialltoallv(buf, sc, sd, MPI_INT, out, rc1, rd, MPI_INT, self, &q);
    sc[0] = rc1[0] = 0x7fffffff;
    sd[0] = rd[0] = 0x3fffffff;
    if (rc == MPI_SUCCESS) rc = MPI_Wait(&q, MPI_STATUS_IGNORE);
    report("ialltoallv arrays rewritten to huge values before Wait (self)", rc);
    rs_counts = malloc(sizeof(int) * size);
    for (int i = 0; i < size; i++) rs_counts[i] = 1;
    int *in = malloc(sizeof(int) * size);
    for (int i = 0; i < size; i++) in[i] = i;
    MPI_Op grow;
    MPI_Op_create(sum_and_grow_counts, 1, &grow);
    rc = MPI_Reduce_scatter(in, out, rs_counts, MPI_INT, grow, w);
    report("reduce_scatter whose user op rewrites recvcounts", rc);
    MPI_Op_free(&grow);
    free(in);
    free(rs_counts);
  }

  /* Handles and ops. */
  long double ld[2] = {1, 2}, ldo[2];
  report("allreduce SUM on long double", MPI_Allreduce(ld, ldo, 2, MPI_LONG_DOUBLE, MPI_SUM, w));
  struct { long double v; int i; } ldi = {1, rank}, ldio;
  report("allreduce MAXLOC on long double int",
         MPI_Allreduce(&ldi, &ldio, 1, MPI_LONG_DOUBLE_INT, MPI_MAXLOC, w));
  long double _Complex ldc[1] = {1}, ldco[1];
  report("allreduce SUM on long double complex",
         MPI_Allreduce(ldc, ldco, 1, MPI_C_LONG_DOUBLE_COMPLEX, MPI_SUM, w));
  report("reduce_local MIN on long double",
         MPI_Reduce_local(ld, ldo, 2, MPI_LONG_DOUBLE, MPI_MIN));
  report("allreduce invalid op handle",
         MPI_Allreduce(buf, out, 1, MPI_INT, (MPI_Op)0x12345, w));
  report("allreduce invalid datatype handle",
         MPI_Allreduce(buf, out, 1, (MPI_Datatype)0x999, MPI_SUM, w));
  report("allreduce invalid comm handle", MPI_Allreduce(buf, out, 1, MPI_INT, MPI_SUM, (MPI_Comm)0x77));
  report("ibarrier request pointer wild", MPI_Ibarrier(w, (MPI_Request *)wild));
  report("iallreduce request pointer past the end",
         MPI_Iallreduce(buf, out, 1, MPI_INT, MPI_SUM, w, (MPI_Request *)(end - 2)));
  MPI_Op op;
  report("op_create with no such function", MPI_Op_create((MPI_User_function *)(uintptr_t)99999, 1, &op));
  report("op_create with a function of another signature",
         MPI_Op_create((MPI_User_function *)(void *)cls, 1, &op));
  report("op_create op pointer wild", MPI_Op_create(nop_op, 1, (MPI_Op *)wild));
  report("op_free of a predefined op", MPI_Op_free(&(MPI_Op){MPI_MAX}));
  {
    MPI_Op ops[40];
    int made = 0, rc = MPI_SUCCESS;
    while (made < 40 && (rc = MPI_Op_create(nop_op, 1, &ops[made])) == MPI_SUCCESS) made++;
    report("op_create until the trampoline pool runs out", rc);
    if (rank == 0) printf("ops alive at once: %d\n", made);
    for (int i = 0; i < made; i++) MPI_Op_free(&ops[i]);
    report("op_create after freeing them", MPI_Op_create(nop_op, 1, &ops[0]));
    MPI_Op_free(&ops[0]);
  }

  /* Neighbourhood collectives. */
  report("neighbor_allgather without a topology",
         MPI_Neighbor_allgather(buf, 1, MPI_INT, out, 1, MPI_INT, w));
  MPI_Comm loop;
  int me = 0;
  MPI_Dist_graph_create_adjacent(self, 1, &me, MPI_UNWEIGHTED, 1, &me, MPI_UNWEIGHTED,
                                 MPI_INFO_NULL, 0, &loop);
  MPI_Comm_set_errhandler(loop, MPI_ERRORS_RETURN);
  MPI_Aint a0 = 0, abig = 0x7ffffff0, aneg = -(MPI_Aint)(uintptr_t)buf - 64;
  report("neighbor_alltoallw Aint displacement past the end (self loop)",
         MPI_Neighbor_alltoallw(buf, &one, &a0, types, out, &one, &abig, types, loop));
  report("neighbor_alltoallw Aint displacement below 0 (self loop)",
         MPI_Neighbor_alltoallw(buf, &one, &aneg, types, out, &one, &a0, types, loop));
  report("neighbor_alltoallw within memory (self loop)",
         MPI_Neighbor_alltoallw(buf, &one, &a0, types, out, &one, &a0, types, loop));
  report("neighbor_allgather recvbuf past the end (self loop)",
         MPI_Neighbor_allgather(buf, 2, MPI_INT, end - 4, 2, MPI_INT, loop));
  MPI_Comm_free(&loop);

  /* Still usable. */
  buf[0] = 1;
  report("allreduce afterwards", MPI_Allreduce(buf, out, 1, MPI_INT, MPI_SUM, w));
  if (rank == 0) printf("sum afterwards: %d\n", out[0] == size ? 1 : 0);
  MPI_Finalize();
  return 0;
}
