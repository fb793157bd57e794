# gen-kinds-comm.awk — kinds of the communicators, groups, topologies, attributes, infos, error handlers (see gen-kinds.awk).
function gen_kind_comm(f, k) {
  return 0
}
