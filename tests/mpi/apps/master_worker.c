/* master_worker.c — rank 0 hands out tasks and collects results in whatever
 * order workers finish: MPI_ANY_SOURCE/ANY_TAG receives, Probe + Get_count
 * for variable-length replies, Iprobe polling, and matched probes
 * (Mprobe/Mrecv, Improbe/Imrecv) so no other receive can steal a message. */
/* ranks: 4 2 3 */
#include "mpitest.h"

enum { TAG_TASK = 1, TAG_RESULT = 2, TAG_STOP = 3, NTASK = 23 };

/* a task: the Collatz trajectory of a number, returned as a list */
static int collatz(int x, int *out, int max) {
  int n = 0;
  while (n < max) {
    out[n++] = x;
    if (x == 1) break;
    x = x % 2 ? 3 * x + 1 : x / 2;
  }
  return n;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int nw = size - 1;
  if (rank == 0) {
    int next = 0, done = 0, lens[NTASK], peak[NTASK], perworker[64] = {0}, mode = 0;
    for (int w = 1; w <= nw && next < NTASK; w++, next++)
      MPI_Send(&next, 1, MPI_INT, w, TAG_TASK, MPI_COMM_WORLD);
    while (done < NTASK) {
      MPI_Status st;
      int count, buf[256];
      /* three ways to take the next reply, in turn */
      if (mode == 0) {
        MPI_Probe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &st);
        MPI_Get_count(&st, MPI_INT, &count);
        MPI_Recv(buf, count, MPI_INT, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, &st);
      } else if (mode == 1) {
        MPI_Message m;
        MPI_Mprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &m, &st);
        MPI_Get_count(&st, MPI_INT, &count);
        MPI_Mrecv(buf, count, MPI_INT, &m, &st);
      } else {
        int flag = 0;
        MPI_Message m;
        while (!flag) MPI_Improbe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &flag, &m, &st);
        MPI_Get_count(&st, MPI_INT, &count);
        MPI_Request r;
        MPI_Imrecv(buf, count, MPI_INT, &m, &r);
        MPI_Wait(&r, &st);
      }
      mode = (mode + 1) % 3;
      int task = buf[0];
      lens[task] = count - 1;
      peak[task] = 0;
      for (int i = 1; i < count; i++) if (buf[i] > peak[task]) peak[task] = buf[i];
      perworker[st.MPI_SOURCE]++;
      done++;
      if (next < NTASK) {
        MPI_Send(&next, 1, MPI_INT, st.MPI_SOURCE, TAG_TASK, MPI_COMM_WORLD);
        next++;
      } else {
        MPI_Send(&next, 0, MPI_INT, st.MPI_SOURCE, TAG_STOP, MPI_COMM_WORLD);
      }
    }
    int total = 0;
    for (int w = 1; w <= nw; w++) total += perworker[w];
    for (int t = 0; t < NTASK; t++) printf("task %2d: start %3d, %3d steps, peak %d\n", t,
                                           27 + t * 11, lens[t], peak[t]);
    printf("%d results from %d workers\n", total, nw);
  } else {
    for (;;) {
      int flag = 0;
      MPI_Status st;
      while (!flag) MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
      int task;
      MPI_Recv(&task, 1, MPI_INT, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
      if (st.MPI_TAG == TAG_STOP) break;
      int buf[256];
      buf[0] = task;
      int n = collatz(27 + task * 11, buf + 1, 255);
      MPI_Send(buf, n + 1, MPI_INT, 0, TAG_RESULT, MPI_COMM_WORLD);
    }
  }
  MPI_Finalize();
  return 0;
}
