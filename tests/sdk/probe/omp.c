/* omp.c — OpenMP-guarded code as found in real programs: built with the
 * flags find_package(OpenMP) / AC_OPENMP give, it takes the OpenMP branch
 * (one thread). */
#include <stdio.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int main(void) {
  long sum = 0;
  int threads = 0;
#ifdef _OPENMP
#pragma omp parallel for reduction(+ : sum)
  for (int i = 1; i <= 100; i++) sum += i;
#pragma omp parallel
  threads = omp_get_num_threads();
  printf("openmp sum %ld threads %d\n", sum, threads);
#else
  printf("no openmp\n");
#endif
  return 0;
}
