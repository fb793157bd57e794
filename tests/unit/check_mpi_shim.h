/* check_mpi_shim.h — shared fixture of the MPI shim's unit tests: a guest
 * memory behind a fake instance context, host MPI initialised once as a
 * singleton (the tests run without forking). */
#ifndef CHECK_MPI_SHIM_H
#define CHECK_MPI_SHIM_H

#include <check.h>

#include "ms_core.h"
#include "ms_env.h"

extern wasmso_vmctx vm;
extern wasmso_memory *mem;

/* Fresh one-page memory, world's handler back to ERRORS_RETURN. */
void shim_setup(void);
void shim_teardown(void);
/* A guest address holding a copy of s (with its NUL). */
uint32_t gput(const void *s, size_t n);
uint32_t gstr(const char *s);

Suite *shim_handles_suite(void);
Suite *shim_consts_suite(void);
Suite *shim_buffer_suite(void);
Suite *shim_calls_suite(void);

#endif
