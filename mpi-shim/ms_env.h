/* ms_env.h — the env group's wrappers (prototypes: ms_api.h, from mpi-api.tab). */
#ifndef MS_ENV_H
#define MS_ENV_H

#include "ms_internal.h"

typedef wasmso_vmctx vmx;

#endif
