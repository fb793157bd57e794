/* ms_comm_fns.c — the import table of the comm group, from ms_fn_comm.def. */
#include "ms_comm.h"

#define MS_FN(n, p, r) MS_FN_ENTRY(n, p, r)
const struct ms_fn ms_fns_comm[] = {
#include "ms_fn_comm.def"
};
#undef MS_FN
const size_t ms_nfns_comm = sizeof ms_fns_comm / sizeof ms_fns_comm[0];
