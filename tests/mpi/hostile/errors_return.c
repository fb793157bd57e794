/* errors_return.c — hostile arguments under MPI_ERRORS_RETURN: wild buffers,
 * buffers running past the end of memory, huge counts, derived types whose
 * true bounds leave memory, forged and freed handles of every kind, bad
 * status and request pointers, bad arrays in v-collectives.  Each call must
 * return (not crash, not touch host memory) with the class the standard
 * gives; every rank makes the same calls and rank 0 prints "label: CLASS"
 * once all ranks agree (else the classes each rank saw).  Expected:
 * errors_return.expected, written from the standard's class descriptions. */
//! RUN 4 => return errors_return.expected
//! RUN 2 => return errors_return.expected
#include "hostile.h"
#include <limits.h>
#include <stdlib.h>

static int rank, size;

static void report(const char *label, int rc) {
  int cls;
  if (MPI_Error_class(rc, &cls) != MPI_SUCCESS) cls = -1;
  int *all = malloc(sizeof(int) * size);
  MPI_Gather(&cls, 1, MPI_INT, all, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    int same = 1;
    for (int i = 1; i < size; i++) same &= all[i] == all[0];
    if (same) {
      printf("%s: %s\n", label, class_name(all[0]));
    } else {
      printf("%s: DISAGREE", label);
      for (int i = 0; i < size; i++) printf(" %s", class_name(all[i]));
      printf("\n");
    }
    fflush(stdout);
  }
  free(all);
}

static char small[64];

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm c = MPI_COMM_WORLD;
  int right = (rank + 1) % size, left = (rank + size - 1) % size;
  int x = 0;

  /* ---- buffers ---- */
  report("send_wild_buffer", MPI_Send(WILD, 1000, MPI_INT, right, 1, c));
  report("send_past_end", MPI_Send(at_end(8), 4, MPI_INT, right, 1, c));
  report("send_past_end_by_one", MPI_Send(at_end(15), 4, MPI_INT, right, 1, c));
  report("recv_past_end", MPI_Recv(at_end(4), 2, MPI_INT, left, 1, c, MPI_STATUS_IGNORE));
  MPI_Request rq;
  report("irecv_wild_buffer", MPI_Irecv(WILD, 16, MPI_DOUBLE, left, 1, c, &rq));
  report("huge_count", MPI_Send(small, INT_MAX, MPI_DOUBLE, right, 1, c));
  report("negative_count", MPI_Send(small, -1, MPI_INT, right, 1, c));
  report("bcast_past_end", MPI_Bcast(at_end(100), 100, MPI_INT, 0, c));
  report("allreduce_recv_past_end", MPI_Allreduce(small, at_end(4), 8, MPI_INT, MPI_SUM, c));
  MPI_Datatype wide, neg;
  MPI_Type_vector(2, 1, 1 << 26, MPI_DOUBLE, &wide); /* 512 MiB between its two doubles */
  MPI_Type_commit(&wide);
  report("type_extent_past_end", MPI_Send(small, 1, wide, right, 1, c));
  int one = 1;
  MPI_Aint back = -(MPI_Aint)(64 << 20); /* 64 MiB below the buffer */
  MPI_Type_create_hindexed(1, &one, &back, MPI_INT, &neg);
  MPI_Type_commit(&neg);
  report("type_below_address_zero", MPI_Send(small, 1, neg, right, 1, c));
  report("buffer_attach_past_end", MPI_Buffer_attach(at_end(100), 4096));
  report("pack_outbuf_past_end", ({ int pos = 0; MPI_Pack(small, 16, MPI_INT, at_end(8), 64, &pos, c); }));

  /* ---- counts and ranks ---- */
  report("rank_out_of_range", MPI_Send(&x, 1, MPI_INT, size, 1, c));
  report("negative_tag", MPI_Send(&x, 1, MPI_INT, right, -5, c));
  report("root_out_of_range", MPI_Bcast(&x, 1, MPI_INT, size, c));

  /* ---- handles ---- */
  report("forged_comm", MPI_Send(&x, 1, MPI_INT, 0, 1, FORGED(MPI_Comm)));
  report("type_as_comm", MPI_Barrier((MPI_Comm)MPI_INT));
  report("null_comm", MPI_Barrier(MPI_COMM_NULL));
  MPI_Comm dead;
  MPI_Comm_dup(c, &dead);
  MPI_Comm stale = dead;
  MPI_Comm_free(&dead);
  report("freed_comm", MPI_Barrier(stale));
  report("forged_type", MPI_Send(&x, 1, FORGED(MPI_Datatype), right, 1, c));
  report("null_type", MPI_Send(&x, 1, MPI_DATATYPE_NULL, right, 1, c));
  MPI_Datatype ft;
  MPI_Type_contiguous(2, MPI_INT, &ft);
  report("uncommitted_type", MPI_Send(small, 1, ft, right, 1, c));
  MPI_Type_commit(&ft);
  MPI_Datatype stale_t = ft;
  MPI_Type_free(&ft);
  report("freed_type", MPI_Send(small, 1, stale_t, right, 1, c));
  report("forged_op", MPI_Allreduce(&x, small, 1, MPI_INT, FORGED(MPI_Op), c));
  report("null_op", MPI_Allreduce(&x, small, 1, MPI_INT, MPI_OP_NULL, c));
  report("comm_as_op", MPI_Allreduce(&x, small, 1, MPI_INT, (MPI_Op)MPI_COMM_WORLD, c));
  MPI_Request forged_r = FORGED(MPI_Request);
  report("forged_request_wait", MPI_Wait(&forged_r, MPI_STATUS_IGNORE));
  MPI_Request fr2[2] = {MPI_REQUEST_NULL, FORGED(MPI_Request)};
  report("forged_request_waitall", MPI_Waitall(2, fr2, MPI_STATUSES_IGNORE));
  MPI_Request fr3 = FORGED(MPI_Request);
  report("forged_request_free", MPI_Request_free(&fr3));
  MPI_Request nonpersistent;
  MPI_Irecv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, c, &nonpersistent);
  report("start_nonpersistent", MPI_Start(&nonpersistent));
  MPI_Wait(&nonpersistent, MPI_STATUS_IGNORE);
  int gsize;
  report("forged_group", MPI_Group_size(FORGED(MPI_Group), &gsize));
  report("null_group", MPI_Group_size(MPI_GROUP_NULL, &gsize));
  MPI_Group g, stale_g;
  MPI_Comm_group(c, &g);
  stale_g = g;
  MPI_Group_free(&g);
  report("freed_group", MPI_Group_size(stale_g, &gsize));
  report("forged_errhandler", MPI_Comm_set_errhandler(c, FORGED(MPI_Errhandler)));

  /* ---- pointers that are not buffers ---- */
  report("status_past_end", MPI_Recv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, c, at_end(8)));
  report("status_wild", MPI_Recv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, c, WILD));
  MPI_Request two[2];
  MPI_Irecv(&x, 1, MPI_INT, MPI_PROC_NULL, 0, c, &two[0]);
  MPI_Irecv(small, 1, MPI_INT, MPI_PROC_NULL, 0, c, &two[1]);
  report("statuses_past_end", MPI_Waitall(2, two, at_end(40)));
  MPI_Waitall(2, two, MPI_STATUSES_IGNORE);
  report("request_ptr_wild", MPI_Wait(WILD, MPI_STATUS_IGNORE));
  report("requests_past_end", MPI_Waitall(4, at_end(8), MPI_STATUSES_IGNORE));
  report("rank_out_ptr_wild", MPI_Comm_rank(c, WILD));
  report("get_count_status_wild", MPI_Get_count(WILD, MPI_INT, &x));

  /* ---- arrays of the v-collectives (every rank reads them) ---- */
  int *cnt = malloc(sizeof(int) * size), *dsp = malloc(sizeof(int) * size), *buf = malloc(sizeof(int) * 4 * size);
  for (int i = 0; i < size; i++) { cnt[i] = 1; dsp[i] = i; }
  report("allgatherv_counts_wild", MPI_Allgatherv(&x, 1, MPI_INT, buf, WILD, dsp, MPI_INT, c));
  report("allgatherv_displs_past_end",
         MPI_Allgatherv(&x, 1, MPI_INT, buf, cnt, at_end(sizeof(int) * size - 4), MPI_INT, c));
  cnt[size - 1] = -2;
  report("alltoallv_negative_count", MPI_Alltoallv(buf, cnt, dsp, MPI_INT, buf + 2 * size, cnt, dsp, MPI_INT, c));
  cnt[size - 1] = 1;
  dsp[size - 1] = 0x3fffffff; /* in ints: 4 GiB past the buffer */
  report("alltoallv_displ_past_end", MPI_Alltoallv(buf, cnt, dsp, MPI_INT, buf + 2 * size, cnt, dsp, MPI_INT, c));
  dsp[size - 1] = size - 1;
  report("alltoallw_types_wild", MPI_Alltoallw(buf, cnt, dsp, WILD, buf, cnt, dsp, WILD, c));
  MPI_Datatype *tys = malloc(sizeof(MPI_Datatype) * size);
  for (int i = 0; i < size; i++) tys[i] = MPI_INT;
  tys[0] = FORGED(MPI_Datatype);
  report("alltoallw_forged_type", MPI_Alltoallw(buf, cnt, dsp, tys, buf + 2 * size, cnt, dsp, tys, c));
  report("type_indexed_arrays_wild", ({ MPI_Datatype t; MPI_Type_indexed(2, WILD, WILD, MPI_INT, &t); }));
  report("type_struct_forged_member", ({
    MPI_Datatype t, mt[2] = {MPI_INT, FORGED(MPI_Datatype)};
    int bl[2] = {1, 1};
    MPI_Aint d[2] = {0, 8};
    MPI_Type_create_struct(2, bl, d, mt, &t);
  }));

  MPI_Type_free(&wide);
  MPI_Type_free(&neg);
  if (rank == 0) printf("done\n");
  MPI_Finalize();
  return 0;
}
