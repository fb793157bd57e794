/* compat_host.c — POSIX calls that HPC codes make and WASI lacks.  Where
 * the host knows the answer (gethostname), it is asked through an import
 * "wasm2so_compat"."NAME" (loader/wl_compat.c); where a Wasm guest has a
 * fixed answer (the page size), it is given; where nothing sensible exists
 * (the CPU number), the call fails with ENOSYS. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* The host's hostname into [buf, buf+len): 0, or a WASI errno (EFAULT for
 * a buffer outside memory, ENAMETOOLONG if the name and its NUL do not fit). */
__attribute__((import_module("wasm2so_compat"), import_name("gethostname")))
int32_t wasm2so_compat_gethostname(char *buf, uint32_t len);

int gethostname(char *name, size_t len) {
  /* wasm32: size_t is 32 bits, so len fits the import's i32. */
  int32_t err = wasm2so_compat_gethostname(name, (uint32_t)len);
  if (err != 0) {
    errno = err;
    return -1;
  }
  return 0;
}

/* The unit of memory.grow is the 64 KiB Wasm page. */
int getpagesize(void) { return 65536; }

/* A Wasm guest cannot know the CPU it runs on (declared by the sdk's
 * <sched.h>). */
int sched_getcpu(void) {
  errno = ENOSYS;
  return -1;
}
