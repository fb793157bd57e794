/* ms_env_table.c — the env group's import table. */
#include "ms_env.h"

#define MS_FN(n, p, r) MS_FN_ENTRY(n, p, r)
const struct ms_fn ms_fns_env[] = {
#include "ms_fn_env.def"
};
#undef MS_FN
const size_t ms_nfns_env = sizeof ms_fns_env / sizeof ms_fns_env[0];
