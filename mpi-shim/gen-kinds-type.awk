# gen-kinds-type.awk — kinds of the datatypes: constructors, queries, packing (see gen-kinds.awk).
function gen_kind_type(f, k) {
  return 0
}
