/* ms_core.h — what the core files of the shim share among themselves (the
 * wrapper groups use ms_internal.h only). */
#ifndef MS_CORE_H
#define MS_CORE_H

#include "ms_internal.h"

/* (struct ms_predef_entry and ms_predef[]: ms_internal.h, for the inlined
 * lookups.) */

/* Fill the predefined table (idempotent; no host MPI call). */
void ms_predef_init(void);
/* After the host's MPI_Init: build the transport-only types and check every
 * predefined datatype's size and extent against the guest's; a type whose
 * host counterpart does not match (or is missing) is withdrawn.  0 or a
 * host error code. */
int ms_predef_init_host(void);

/* Flush stdio and end the job (MPI_Abort when MPI is active, else _exit). */
void ms_die(int code) __attribute__((noreturn));
/* The wrapper table entry for an import name, or NULL. */
const struct ms_fn *ms_lookup(const char *name, size_t name_len);
/* True if predefined datatype h is usable (present on the host with the
 * guest's layout). */
bool ms_predef_type_ok(ms_gh h);

/* Live user objects of kind k (tests, leak checks). */
size_t ms_obj_live(enum ms_kind k);

/* State changes made by the env group. */
void ms_state_set_init(wasmso_vmctx *vm, int world_rank);
void ms_state_set_finalized(void);

#endif
