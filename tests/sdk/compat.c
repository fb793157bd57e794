/* compat.c — the sdk's compat library and wasi-libc's emulations, end to
 * end: prints one "name value" line per call for compat.sh to judge. */
#define _GNU_SOURCE
#include <errno.h>
#include <omp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static const char *err(void) {
  switch (errno) {
  case ENAMETOOLONG: return "ENAMETOOLONG";
  case EFAULT: return "EFAULT";
  case ENOSYS: return "ENOSYS";
  default: return strerror(errno);
  }
}

static volatile sig_atomic_t got;
static void on_usr1(int sig) { got = sig; }

int main(void) {
  char name[256];
  memset(name, 'x', sizeof name);
  int r = gethostname(name, sizeof name);
  printf("gethostname %d %s\n", r, r == 0 ? name : err());

  /* Exactly room for the name and its NUL, then one byte less. */
  size_t n = strlen(name) + 1;
  char *exact = malloc(n);
  r = gethostname(exact, n);
  printf("gethostname_exact %d %s\n", r, r == 0 && strcmp(exact, name) == 0 ? "same" : err());
  errno = 0;
  r = gethostname(exact, n - 1);
  printf("gethostname_short %d %s\n", r, err());
  free(exact);

  /* A buffer running past the end of memory: refused, not written. */
  errno = 0;
  r = gethostname((char *)(uintptr_t)0xfffffff0u, 64);
  printf("gethostname_wild %d %s\n", r, err());

  printf("getpagesize %d\n", getpagesize());
  printf("sysconf_pagesize %ld\n", sysconf(_SC_PAGESIZE));
  printf("sysconf_phys %ld\n", sysconf(_SC_PHYS_PAGES));
  printf("sysconf_avphys %ld\n", sysconf(_SC_AVPHYS_PAGES));
  /* No name gives one of musl's internal codes (negative, below -1). */
  int odd = 0;
  for (int name = 0; name < 512; name++)
    if (sysconf(name) < -1) odd++;
  printf("sysconf_codes %d\n", odd);
  errno = 0;
  r = sched_getcpu();
  printf("sched_getcpu %d %s\n", r, err());

  /* wasi-libc's emulations, enabled by wasm-mpicc. */
  struct rusage ru;
  printf("getrusage %d\n", getrusage(RUSAGE_SELF, &ru));
  struct tms t;
  printf("times %d\n", times(&t) != (clock_t)-1);
  printf("clock %d\n", clock() != (clock_t)-1);
  printf("getpid %d\n", getpid() > 0);
  signal(SIGUSR1, on_usr1);
  raise(SIGUSR1);
  printf("raise %d\n", got == SIGUSR1);

  printf("omp %d %d %d\n", omp_get_num_threads(), omp_get_thread_num(), omp_get_max_threads());
  return 0;
}
