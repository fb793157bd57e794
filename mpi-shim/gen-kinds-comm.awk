# gen-kinds-comm.awk — kinds of the communicators, groups, topologies,
# infos and the environment (groups comm and env; see gen-kinds.awk).  They
# call the comm group's helpers (ms_cm_*, ms_comm.h).  Checks of pointers
# go in slow, in the order of the parameters; checks of values that need
# other arguments (a communicator's kind or topology, ranks against a size,
# a grid against the processes) go in pre, after every pointer was checked,
# the communicator's first.
#
#   comm(intra|cart|graph|dist)  a communicator that must be an
#       intracommunicator (ABI_ERR_COMM) or have that topology
#       (ABI_ERR_TOPOLOGY)
#   int(rank) int(node) int(dim)  a rank of the first communicator, a node
#       of its graph, a dimension of its grid (ABI_ERR_RANK, ABI_ERR_DIMS)
#   int(split)  MPI_Comm_split_type's type, translated
#   int*(topo) int*(thread)  an out-int translated back (topology kind,
#       thread level)
#   int[cartdim]  an int array as long as the grid has dimensions
#   int(grid)[N]  grid extents that fit the communicator;
#   int&(NNODES)[N]  MPI_Dims_create's extents, filled in place
#   int[N] + int[last(P)]  a graph: index P, then edges over its last entry
#   int(G)[N]  N distinct ranks of group G;  int3(G)[N]  N rank ranges of G
#   int*(LEN)[MAX]  an out-array the host fills with LEN entries (cartdim,
#       nnodes, nedges, degree(RANK)): through host scratch of max(MAX, LEN)
#       ints, MAX of them copied to the guest
#   group(within)  a group within the first communicator's group
#   group&  a group handle freed (MPI_GROUP_EMPTY: the handle only)
#   info(obj)  an info object, not MPI_INFO_NULL (ABI_ERR_INFO);
#   info*  a new info object, its handle reserved before the host call;
#   info&  a user info object freed
#   str  str(CLASS)  a guest string in (ABI_ERR_CLASS, default ARG)
#   str*(NAME)  a string the host writes into MPI_MAX_NAME + 1 bytes, copied
#       out cut to ABI_MAX_NAME; its length goes to the int* that follows

# The first communicator parameter's C variable, for the checks of values.
function comm_parent_var(f) {
  if (parent == "") die(name[f] ": this kind needs a communicator parameter")
  return "c_" parent
}

# The host's length of an out-array: cartdim, nnodes, nedges, degree(RANK).
function comm_actual(f, s,    c) {
  c = comm_parent_var(f)
  if (s == "cartdim") return "ms_cm_cart_ndims(" c ")"
  if (s == "nnodes") return "ms_cm_graph_nnodes(" c ")"
  if (s == "nedges") return "ms_cm_graph_nedges(" c ")"
  if (s ~ /^degree\([A-Za-z_0-9]+\)$/) {
    s = substr(s, 8, length(s) - 8)
    if (!((f, s) in pidx)) die(name[f] ": no parameter " s)
    return "ms_cm_graph_degree(" c ", " s ")"
  }
  die(name[f] ": cannot generate length " s)
}

# The parameter whose length is last(n), or 0.
function comm_last_of(f, n,    i) {
  for (i = 1; i <= np[f]; i++) if (plen[f, i] == "last(" n ")") return i
  return 0
}

# The guest's slot of a handle the call frees (in and out): checked, and the
# handle read from it once into h_N; rec declares the record it names.
function comm_inout_slot(n, rec) {
  decl = decl "  int32_t *io_" n ";\n  ms_gh h_" n ";\n  " rec ";\n"
  fastc = fastc " && 0"
  slow = slow "  if ((cls = ms_cm_int(vm, eh, " n ", &io_" n ", fn, \"" n "\"))) return cls;\n"
  slow = slow "  h_" n " = (ms_gh)*io_" n ";\n"
}

function gen_kind_comm(f, k,    n, b, m, a, l, e, c, i, conv, cls, cap) {
  n = pn[f, k]; b = pbase[f, k]; m = pmode[f, k]; a = pargs[f, k]; l = plen[f, k]
  if (proot[f, k]) return 0

  # ---- communicators, groups, infos ----
  if (m == "in" && l == "" && b == "comm" && a != "") {
    decl = decl "  ms_comm *c_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cm_comm(vm, " n ", &c_" n ", fn))) return cls;\n"
    if (n == ehv) slow = slow "  eh = c_" n ";\n"
    if (a == "intra") pre = pre "  if ((cls = ms_cm_intra(vm, c_" n ", " n ", fn))) return cls;\n"
    else if (a == "cart" || a == "graph" || a == "dist")
      pre = pre "  if ((cls = ms_cm_topo(vm, c_" n ", " n ", " (a == "cart" ? "MPI_CART" : a == "graph" ? "MPI_GRAPH" : "MPI_DIST_GRAPH") ", fn))) return cls;\n"
    else die(name[f] ": unknown communicator check " a)
    arg[k] = "c_" n "->host"
    return 1
  }
  if (m == "in" && l == "" && b == "group" && a == "within") {
    decl = decl "  MPI_Group g_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cm_group(vm, eh, " n ", &g_" n ", fn))) return cls;\n"
    pre = pre "  if ((cls = ms_cm_group_within(vm, " comm_parent_var(f) ", g_" n ", fn))) return cls;\n"
    arg[k] = "g_" n
    return 1
  }
  if (m == "inout" && l == "" && b == "group") {
    if (!frees[f]) die(name[f] ": a freed group needs the flag frees")
    comm_inout_slot(n, "MPI_Group g_" n)
    slow = slow "  if ((cls = ms_cm_group(vm, eh, h_" n ", &g_" n ", fn))) return cls;\n"
    # MPI_GROUP_EMPTY may be "freed": the handle becomes MPI_GROUP_NULL,
    # the predefined object stays (ms_cm_group_free does not call the host).
    arg[k] = "&g_" n
    ok = ok "  if (h_" n " >= ABI_PREDEF_LIMIT) ms_obj_free(MS_GROUP, h_" n ");\n  *io_" n " = ABI_GROUP_NULL;\n"
    return 1
  }
  if (m == "in" && l == "" && b == "info" && a == "obj") {
    decl = decl "  MPI_Info *r_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(r_" n " = ms_obj_get(MS_INFO, " n ")))\n    return ms_raise(vm, eh, ABI_ERR_INFO, fn, \"invalid info handle %#x\", " n ");\n"
    arg[k] = "*r_" n
    return 1
  }
  if (m == "out" && l == "" && b == "info") {
    decl = decl "  int32_t *o_" n ";\n  MPI_Info *r_" n ";\n  ms_gh h_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cm_int(vm, eh, " n ", &o_" n ", fn, \"" n "\"))) return cls;\n"
    pre = pre "  if (!(r_" n " = ms_obj_new(MS_INFO, &h_" n ")))\n    return ms_raise(vm, eh, ABI_ERR_NO_MEM, fn, \"no room for another info handle\");\n"
    arg[k] = "r_" n
    fail = fail "    ms_obj_free(MS_INFO, h_" n ");\n"
    ok = ok "  *o_" n " = (int32_t)h_" n ";\n"
    return 1
  }
  if (m == "inout" && l == "" && b == "info") {
    if (!frees[f]) die(name[f] ": a freed info needs the flag frees")
    comm_inout_slot(n, "MPI_Info *r_" n)
    slow = slow "  if (h_" n " < ABI_PREDEF_LIMIT || !(r_" n " = ms_obj_get(MS_INFO, h_" n ")))\n    return ms_raise(vm, eh, ABI_ERR_INFO, fn, \"%#x is no info object the program may free\", h_" n ");\n"
    arg[k] = "r_" n
    ok = ok "  ms_obj_free(MS_INFO, h_" n ");\n  *io_" n " = ABI_INFO_NULL;\n"
    return 1
  }

  # ---- strings ----
  if (m == "in" && l == "" && b == "str") {
    cls = a == "" ? "ABI_ERR_ARG" : "ABI_ERR_" a
    decl = decl "  const char *s_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(s_" n " = ms_str(vm, " n ")))\n    return ms_raise(vm, eh, " cls ", fn, \"" n " at %#x is not a string inside memory\", " n ");\n"
    arg[k] = "s_" n
    return 1
  }
  if (m == "out" && l == "" && b == "str") {
    if (a == "") die(name[f] ": str* needs its MPI_MAX_ name")
    if (k == np[f] || pbase[f, k + 1] != "int" || pmode[f, k + 1] != "out" || plen[f, k + 1] != "")
      die(name[f] ": str* needs an int* for its length after it")
    cap = "MPI_MAX_" a
    decl = decl "  _Static_assert(" cap " <= ABI_MAX_" a ", \"host strings fit the guest's\");\n  char s_" n "[" cap " + 1] = \"\";\n"
    fastc = fastc " && 0"
    arg[k] = "s_" n
    ok = ok "  s_" n "[" cap "] = 0;\n  if (ms_str_out(vm, " n ", s_" n ", ABI_MAX_" a ", &h_" pn[f, k + 1] "))\n    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"" n " buffer at %#x lies outside memory\", " n ");\n"
    return 1
  }

  # ---- ints with a meaning ----
  if (m == "in" && l == "" && b == "int" && a != "") {
    c = (a == "split") ? "" : comm_parent_var(f)
    if (a == "rank")
      pre = pre "  if ((cls = ms_cm_ranks(vm, " c ", &" n ", 1, ms_cm_size(" c "), 0, fn, \"" n "\"))) return cls;\n"
    else if (a == "node")
      pre = pre "  if ((cls = ms_cm_ranks(vm, " c ", &" n ", 1, ms_cm_graph_nnodes(" c "), 0, fn, \"" n "\"))) return cls;\n"
    else if (a == "dim")
      pre = pre "  if (" n " < 0 || " n " >= ms_cm_cart_ndims(" c "))\n    return ms_raise(vm, eh, ABI_ERR_DIMS, fn, \"" n " %d is no dimension of the grid\", " n ");\n"
    else if (a == "split") {
      decl = decl "  int h_" n ";\n"
      slow = slow "  if ((cls = ms_cm_split_type(vm, eh, " n ", &h_" n ", fn))) return cls;\n"
      arg[k] = "h_" n
      fastc = fastc " && 0"
      return 1
    } else die(name[f] ": unknown int check " a)
    fastc = fastc " && 0"
    arg[k] = n
    return 1
  }
  if (m == "out" && l == "" && b == "int" && a != "") {
    conv = a == "topo" ? "ms_topo_out(h_" n ")" : a == "thread" ? "ms_thread_level_out(h_" n ")" : ""
    if (conv == "") die(name[f] ": unknown int translation " a)
    decl = decl "  ms_i32 *o_" n ";\n  int h_" n " = 0;\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(o_" n " = ms_ptr(vm, " n ", 4)))\n    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"" n " %#x lies outside guest memory\", " n ");\n"
    arg[k] = "&h_" n
    ok = ok "  *o_" n " = " conv ";\n"
    return 1
  }

  # ---- int arrays ----
  if (l != "" && b == "int" && a == "" && !(m == "in" && (l == "cartdim" || l ~ /^last\(/ || comm_last_of(f, n))))
    return 0
  if (l != "" && (b == "int" || b == "int3")) {
    decl = decl "  int32_t *a_" n ";\n"
    fastc = fastc " && 0"
    arg[k] = "a_" n
    if (b == "int3") {
      if (m != "in" || !((f, a) in pidx) || pbase[f, pidx[f, a]] != "group") die(name[f] ": int3 needs its group")
      slow = slow "  if ((cls = ms_cm_ints(vm, eh, " n ", " cexpr(f, l) " * 3, &a_" n ", fn, \"" n "\"))) return cls;\n"
      pre = pre "  if ((cls = ms_cm_group_ranges(vm, eh, g_" a ", a_" n ", " l ", fn))) return cls;\n"
      arg[k] = "(int(*)[3])a_" n
      return 1
    }
    if (m == "in" && l == "cartdim") {
      # Its length is known once the topology is checked.
      pre = pre "  if ((cls = ms_cm_ints(vm, eh, " n ", ms_cm_cart_ndims(" comm_parent_var(f) "), &a_" n ", fn, \"" n "\"))) return cls;\n"
      return 1
    }
    if (m == "in" && l ~ /^last\(/) {
      # Checked with its index (below).
      i = pidx[f, substr(l, 6, length(l) - 6)]
      if (!i || pbase[f, i] != "int" || plen[f, i] == "") die(name[f] ": " n " needs an int array " l)
      return 1
    }
    if (m == "in" && (e = comm_last_of(f, n))) {
      pre = pre "  if ((cls = ms_cm_graph(vm, " comm_parent_var(f) ", " l ", " n ", " pn[f, e] ", &a_" n ", &a_" pn[f, e] ", fn))) return cls;\n"
      return 1
    }
    slow = slow "  if ((cls = ms_cm_ints(vm, eh, " n ", " cexpr(f, l) ", &a_" n ", fn, \"" n "\"))) return cls;\n"
    if (m == "in" && a == "grid") {
      pre = pre "  if ((cls = ms_cm_grid(vm, " comm_parent_var(f) ", a_" n ", " l ", fn))) return cls;\n"
      return 1
    }
    if (m == "in" && ((f, a) in pidx) && pbase[f, pidx[f, a]] == "group") {
      pre = pre "  if ((cls = ms_cm_group_ranks(vm, eh, g_" a ", a_" n ", " l ", fn, \"" n "\"))) return cls;\n"
      return 1
    }
    if (m == "inout" && ((f, a) in pidx) && pbase[f, pidx[f, a]] == "int") {
      pre = pre "  if ((cls = ms_cm_dims_fill(vm, eh, " a ", a_" n ", " l ", fn))) return cls;\n"
      return 1
    }
    if (m == "out") {
      # The host's length may exceed the guest's: it writes scratch.
      decl = decl "  int *s_" n " __attribute__((cleanup(ms_cm_scratch_free))) = NULL;\n  int64_t k_" n " = 0;\n"
      pre = pre "  k_" n " = " comm_actual(f, a) ";\n  if (!(s_" n " = ms_cm_scratch(vm, eh, " l ", k_" n ", fn, &cls))) return cls;\n"
      arg[k] = "s_" n
      ok = ok "  ms_cm_copy_out(a_" n ", s_" n ", " l ", k_" n ");\n"
      return 1
    }
    die(name[f] ": unknown int array " pk[f, k])
  }
  return 0
}
