/* ms_type_fns.c — the import table of the datatype group (ms_fn_type.def). */
#include "ms_type.h"

#define MS_FN(n, p, r) MS_FN_ENTRY(n, p, r)
const struct ms_fn ms_fns_type[] = {
#include "ms_fn_type.def"
};
#undef MS_FN
const size_t ms_nfns_type = sizeof ms_fns_type / sizeof ms_fns_type[0];
