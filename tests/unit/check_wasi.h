/* check_wasi.h — shared by the check_wasi_*.c unit tests of the WASI host:
 * a guest memory with a fake instance context, a scratch directory tree
 * (box/ is preopened as guest fd 3, box2/ as fd 4; outside/ must never be
 * reached), and helpers to place strings in guest memory. */
#ifndef CHECK_WASI_H
#define CHECK_WASI_H

#include <check.h>

#include "wasi_internal.h"

extern wasmso_memory *mem;
extern wasmso_vmctx vm;
extern char root[]; /* the scratch directory (host path) */

void wasi_setup(void);
void wasi_teardown(void);

/* Copy s into guest memory (a bump area from 4096) and return its address;
 * its length is strlen(s). */
uint32_t gstr(const char *s);
#define P(s) gstr(s), (uint32_t)strlen(s)

/* Host path under root. */
const char *hpath(const char *rel);
/* Contents of a host file (static buffer), or NULL. */
const char *slurp(const char *rel);

/* path_open from dir with all rights; the new guest fd or -(errno). */
int gopen(uint32_t dir, uint32_t lookup, const char *path, uint32_t oflags, uint64_t rights);

Suite *wasi_fd_suite(void);
Suite *wasi_path_suite(void);
Suite *wasi_sandbox_suite(void);
Suite *wasi_misc_suite(void);

#endif
