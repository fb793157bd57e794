/* nbcoll.c — overlapping communication with computation: every nonblocking
 * collective is started, local work is done, and all are completed together
 * with Waitall (Ibarrier, Ibcast, Igather(v), Iscatter(v), Iallgather(v),
 * Ialltoall(v,w), Ireduce, Iallreduce, Ireduce_scatter(_block)). */
/* ranks: 4 1 3 */
#include "mpitest.h"

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int n = size;
  int *one = malloc(sizeof(int) * n), *cnt = malloc(sizeof(int) * n), *dsp = malloc(sizeof(int) * n),
      *bdsp = malloc(sizeof(int) * n);
  MPI_Datatype *tys = malloc(sizeof(MPI_Datatype) * n);
  for (int i = 0; i < n; i++) {
    one[i] = 1; cnt[i] = 2; dsp[i] = 2 * i; bdsp[i] = 2 * i * (int)sizeof(int); tys[i] = MPI_INT;
  }
  int bc[2] = {0, 0}, g[64], gv[64], sc[2], scv[2], ag[64], agv[64], a2a[64], a2av[64], a2aw[64];
  int src[64], red[2], ared[2], rs[2], rsb[2];
  for (int i = 0; i < 64; i++) src[i] = rank * 100 + i;
  if (rank == 0) { bc[0] = 5; bc[1] = 6; }
  int mine[2] = {rank, -rank};
  MPI_Request rq[16];
  int k = 0;
  MPI_Ibarrier(MPI_COMM_WORLD, &rq[k++]);
  MPI_Ibcast(bc, 2, MPI_INT, 0, MPI_COMM_WORLD, &rq[k++]);
  MPI_Igather(mine, 2, MPI_INT, g, 2, MPI_INT, 0, MPI_COMM_WORLD, &rq[k++]);
  MPI_Igatherv(mine, 2, MPI_INT, gv, cnt, dsp, MPI_INT, 0, MPI_COMM_WORLD, &rq[k++]);
  MPI_Iscatter(src, 2, MPI_INT, sc, 2, MPI_INT, 0, MPI_COMM_WORLD, &rq[k++]);
  MPI_Iscatterv(src, cnt, dsp, MPI_INT, scv, 2, MPI_INT, 0, MPI_COMM_WORLD, &rq[k++]);
  MPI_Iallgather(mine, 2, MPI_INT, ag, 2, MPI_INT, MPI_COMM_WORLD, &rq[k++]);
  MPI_Iallgatherv(mine, 2, MPI_INT, agv, cnt, dsp, MPI_INT, MPI_COMM_WORLD, &rq[k++]);
  MPI_Ialltoall(src, 2, MPI_INT, a2a, 2, MPI_INT, MPI_COMM_WORLD, &rq[k++]);
  MPI_Ialltoallv(src, cnt, dsp, MPI_INT, a2av, cnt, dsp, MPI_INT, MPI_COMM_WORLD, &rq[k++]);
  MPI_Ialltoallw(src, cnt, bdsp, tys, a2aw, cnt, bdsp, tys, MPI_COMM_WORLD, &rq[k++]);
  MPI_Ireduce(mine, red, 2, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD, &rq[k++]);
  MPI_Iallreduce(mine, ared, 2, MPI_INT, MPI_MIN, MPI_COMM_WORLD, &rq[k++]);
  int *contrib = malloc(sizeof(int) * 2 * n), *contrib2 = malloc(sizeof(int) * 2 * n);
  for (int i = 0; i < 2 * n; i++) contrib[i] = contrib2[i] = i + rank;
  MPI_Ireduce_scatter(contrib, rs, cnt, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &rq[k++]);
  MPI_Ireduce_scatter_block(contrib2, rsb, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &rq[k++]);
  /* local work while the collectives progress */
  double work = 0;
  for (int i = 1; i < 200000; i++) work += 1.0 / ((double)i * i);
  MPI_Status st[16];
  MPI_Waitall(k, rq, st);
  mt_say("%d collectives completed; work %.9f\n", k, work);
  mt_lines(MPI_COMM_WORLD, "ibcast %d %d iscatter %d %d iscatterv %d %d iallreduce %d %d "
           "ireduce_scatter %d %d block %d %d", bc[0], bc[1], sc[0], sc[1], scv[0], scv[1],
           ared[0], ared[1], rs[0], rs[1], rsb[0], rsb[1]);
  long s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
  for (int i = 0; i < 2 * n; i++) {
    s1 += ag[i] * (i + 1); s2 += agv[i] * (i + 1); s3 += a2a[i] * (i + 1);
    s4 += a2av[i] * (i + 1); s5 += a2aw[i] * (i + 1);
  }
  mt_lines(MPI_COMM_WORLD, "iallgather %ld iallgatherv %ld ialltoall %ld ialltoallv %ld ialltoallw %ld",
           s1, s2, s3, s4, s5);
  if (rank == 0) {
    long t1 = 0, t2 = 0;
    for (int i = 0; i < 2 * n; i++) { t1 += g[i] * (i + 3); t2 += gv[i] * (i + 3); }
    printf("igather %ld igatherv %ld ireduce %d %d\n", t1, t2, red[0], red[1]);
  }
  MPI_Finalize();
  return 0;
}
