/* environment.c — what a code asks of its environment: Init_thread with a
 * level, Query_thread, Initialized/Finalized before and after, Get_version,
 * Get_processor_name, Alloc_mem/Free_mem for a work buffer, Wtime/Wtick. */
/* ranks: 4 1 */
#include "mpitest.h"

int main(int argc, char **argv) {
  int flag0, provided, fin;
  MPI_Initialized(&flag0);
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int flag1, query;
  MPI_Initialized(&flag1);
  MPI_Query_thread(&query);
  MPI_Finalized(&fin);
  mt_say("initialized before %d after %d; finalized %d\n", flag0, flag1, fin);
  mt_check("provided thread level at least FUNNELED and Query_thread agrees",
           provided >= MPI_THREAD_FUNNELED && query == provided);
  mt_check("thread levels ordered", MPI_THREAD_SINGLE < MPI_THREAD_FUNNELED &&
           MPI_THREAD_FUNNELED < MPI_THREAD_SERIALIZED && MPI_THREAD_SERIALIZED < MPI_THREAD_MULTIPLE);
  int ver, sub;
  MPI_Get_version(&ver, &sub);
  mt_check("Get_version is 3.1 or later", ver > 3 || (ver == 3 && sub >= 1));
  char name[MPI_MAX_PROCESSOR_NAME];
  int len = -1;
  MPI_Get_processor_name(name, &len);
  mt_check("processor name non-empty, its length returned", len > 0 && (int)strlen(name) == len);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  /* all ranks run on this one machine */
  char *names = malloc((size_t)size * MPI_MAX_PROCESSOR_NAME);
  MPI_Allgather(name, MPI_MAX_PROCESSOR_NAME, MPI_CHAR, names, MPI_MAX_PROCESSOR_NAME, MPI_CHAR,
                MPI_COMM_WORLD);
  int same = 1;
  for (int i = 0; i < size; i++) same &= strcmp(names + (size_t)i * MPI_MAX_PROCESSOR_NAME, name) == 0;
  mt_check("every rank reports the same host", same);
  free(names);

  double *work;
  MPI_Alloc_mem(1000 * sizeof(double), MPI_INFO_NULL, &work);
  double s = 0;
  for (int i = 0; i < 1000; i++) work[i] = i * 0.5;
  for (int i = 0; i < 1000; i++) s += work[i];
  double all;
  MPI_Allreduce(&s, &all, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  MPI_Free_mem(work);
  mt_say("sum over Alloc_mem buffers: %.1f\n", all);

  double t0 = MPI_Wtime(), t1;
  do t1 = MPI_Wtime(); while (t1 == t0);
  mt_check("Wtime moves forward by at least Wtick-ish steps", t1 > t0 && MPI_Wtick() > 0);
  MPI_Finalize();
  MPI_Finalized(&fin);
  if (rank == 0) printf("finalized after Finalize: %d\n", fin);
  return 0;
}
