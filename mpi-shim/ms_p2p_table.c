/* ms_p2p_table.c — the import table of group p2p, from ms_fn_p2p.def. */
#include "ms_p2p.h"

const struct ms_fn ms_fns_p2p[] = {
#define MS_FN(n, p, r) MS_FN_ENTRY(n, p, r)
#include "ms_fn_p2p.def"
#undef MS_FN
};
const size_t ms_nfns_p2p = sizeof ms_fns_p2p / sizeof ms_fns_p2p[0];
