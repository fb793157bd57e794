/* ms_coll_fns.c — the import table of group coll, from ms_fn_coll.def.
 * Only the functions' addresses are taken here, so they are declared
 * without parameter lists (their definitions are int32_t (wasmso_vmctx *,
 * int32_t...), as the .def's parameter strings say). */
#include "ms_coll.h"

#define MS_FN(n, p, r) int32_t ms_##n();
#include "ms_fn_coll.def"
#undef MS_FN

#define MS_FN(n, p, r) MS_FN_ENTRY(n, p, r)
const struct ms_fn ms_fns_coll[] = {
#include "ms_fn_coll.def"
};
#undef MS_FN
const size_t ms_nfns_coll = sizeof ms_fns_coll / sizeof ms_fns_coll[0];
