# gen-kinds-coll.awk — kinds of the collectives (see gen-kinds.awk): the
# call's context ms_cc x (ms_coll.h) holds the communicator, its checks
# raise with the argument's name, a reduction's op is looked at with its
# datatype (ms_cc_op), a send buffer may be MPI_IN_PLACE where the table
# says _ip (intracommunicators only), counts may be per peer (size: the
# remote size on an intercommunicator), and a nonblocking collective's
# request is made by ms_cc_req_begin/_end, which pins what it uses.
#
# Rooted collectives (a rank parameter, the root): ms_cc_root says which
# side this rank's buffers are on (ms_root role): @root buffers are the root
# side's, _ip@root ones the leaf side's (MPI_IN_PLACE at an
# intracommunicator's root only), others are significant on either; the
# rest are ignored (NULL to the host), and so is the op of MPI_PROC_NULL.
# v buffers (COUNTS,DISPLS,TYPE) check their int arrays (of size or nbr
# entries: in-degree for receive sides, out-degree for send sides), their
# type and every block; a nonblocking call gives the host copies of the
# arrays (ms_cc_keep), freed when the request completes.
# w buffers (COUNTS,DISPLS,TYPES) check their datatype arrays too, whose
# host handles (and MPI_Aint displacements, widened) ms_cc_keep makes.

# Whether f has an op (a reduction).
function coll_has_op(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "op") return 1
  return 0
}
function coll_uses_size(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pargs[f, i] ~ /(^|[^l])size/ || plen[f, i] ~ /(^|[^l])size/) return 1
  return 0
}
# A count: a parameter, or PARAM*size (per peer), PARAM*nbr (per
# neighbour on the side of the buffer: "in" or "out"), size or nbr alone.
function coll_count(f, s, side,    parts, n) {
  n = split(s, parts, "*")
  if (s == "size") return "peers"
  if (s == "lsize") return "lsize"
  if (s ~ /^sum\([a-z_]+\)$/) return "sum_" substr(s, 5, length(s) - 5)
  if (s ~ /^[a-z_]+\[rank\]$/) return "a_" substr(s, 1, length(s) - 6) "[rank]"
  if (n == 2 && parts[2] == "lsize") return cexpr(f, parts[1]) " * lsize"
  if (s == "nbr") return side == "out" ? "nout" : "nin"
  if (n == 1) return cexpr(f, s)
  if (n == 2 && parts[2] == "size") return cexpr(f, parts[1]) " * peers"
  if (n == 2 && parts[2] == "nbr") return cexpr(f, parts[1]) " * " (side == "out" ? "nout" : "nin")
  die(name[f] ": cannot generate count " s)
}
# The root parameter of a rooted collective, or "".
function coll_root(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "rank" && pmode[f, i] == "in") return pn[f, i]
  return ""
}
function coll_uses_lsize(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pargs[f, i] ~ /lsize/ || plen[f, i] ~ /lsize/) return 1
  return 0
}
function coll_uses_rank(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pargs[f, i] ~ /\[rank\]/) return 1
  return 0
}
# The parameter of base b (the first), or "".
function coll_param(f, b,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == b) return pn[f, i]
  return ""
}
function coll_uses_nbr(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pargs[f, i] ~ /nbr/ || plen[f, i] ~ /nbr/) return 1
  return 0
}
function coll_has_comm(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "comm" && pmode[f, i] == "in") return 1
  return 0
}
# The side ("in" or "out") of the v or w buffer whose array a is.
function coll_array_side(f, a,    i, v) {
  for (i = 1; i <= np[f]; i++)
    if (pbase[f, i] ~ /^(s|r)buf(v|w)/ && ("," pargs[f, i] ",") ~ ("," a ","))
      return pbase[f, i] ~ /^s/ ? "out" : "in"
  die(name[f] ": array " a " belongs to no v or w buffer")
}
# What ms_cc_keep gives the host for the arrays of f: copies of the int
# arrays (counts, int displacements) if copies, and always the widened
# MPI_Aint displacements and the host datatype handles; "" if nothing.
function coll_keep_args(f, copies,    i, s, n, len, b) {
  s = ""; n = 0
  for (i = 1; i <= np[f]; i++) {
    b = pbase[f, i]
    if (plen[f, i] == "" || pmode[f, i] != "in" || (b != "int" && b != "aint" && b != "type")) continue
    if (b == "int" && !copies) continue
    len = coll_count(f, plen[f, i], plen[f, i] ~ /nbr/ ? coll_array_side(f, pn[f, i]) : "")
    s = s ",\n      " (b == "int" ? "MS_KEEP_INTS, (void *)&a_" : b == "aint" ? "MS_KEEP_AINTS, (void *)&h_" : "MS_KEEP_TYPES, (void *)&h_") pn[f, i] ", a_" pn[f, i] ", (int64_t)" len
    n++
  }
  return n ? n s : ""
}
# A v or w buffer's checks: counts, displacements, datatype (or datatype
# array), every block.
function coll_vchk(f, k, ind,    n, a, len, side, w) {
  n = pn[f, k]
  split(pargs[f, k], a, ",")
  side = pbase[f, k] ~ /^s/ ? "out" : "in"
  w = pbase[f, k] ~ /w/
  if (plen[f, pidx[f, a[1]]] != plen[f, pidx[f, a[2]]]) die(name[f] ": " n ": counts and displacements differ in length")
  len = coll_count(f, plen[f, pidx[f, a[1]]], side)
  if (w) return "(cls = ms_cc_ints(&x, \"" a[1] "\", " a[1] ", " len ", &a_" a[1] ")) ||\n" ind \
    "(cls = ms_cc_ints(&x, \"" a[2] "\", " a[2] ", " len ", &a_" a[2] ")) ||\n" ind \
    "(cls = ms_cc_ints(&x, \"" a[3] "\", " a[3] ", " len ", &a_" a[3] ")) ||\n" ind \
    "(cls = ms_cc_wbuf(&x, \"" n "\", \"" a[3] "\", " n ", a_" a[1] ", a_" a[2] ", a_" a[3] ", " len ", &p_" n "))"
  return "(cls = ms_cc_ints(&x, \"" a[1] "\", " a[1] ", " len ", &a_" a[1] ")) ||\n" ind \
    "(cls = ms_cc_ints(&x, \"" a[2] "\", " a[2] ", " len ", &a_" a[2] ")) ||\n" ind \
    "(cls = ms_cc_type(&x, \"" n "\", " a[3] ", &t_" a[3] ")) ||\n" ind \
    "(cls = ms_cc_vbuf(&x, \"" n "\", " n ", a_" a[1] ", a_" a[2] ", " len ", t_" a[3] ", &p_" n "))"
}

# The kinds of the rooted, v and neighbourhood collectives (no fast path).
function gen_kind_coll_more(f, k,    n, b, m, a, i, root, cond, chk, other, oa, typ, cnt) {
  n = pn[f, k]; b = pbase[f, k]; m = pmode[f, k]; root = coll_root(f)
  if (m == "in" && b == "comm" && (root != "" || coll_uses_nbr(f))) {
    decl = decl "  ms_comm *c_" n ";\n  ms_cc x;\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cc_begin(&x, vm, " n ", fn))) return cls;\n  c_" n " = x.c;\n"
    if (n == ehv) slow = slow "  eh = c_" n ";\n"
    if (root != "") {
      decl = decl "  ms_root role;\n"
      slow = slow "  if ((cls = ms_cc_root(&x, " root ", &role))) return cls;\n"
      if (coll_uses_size(f)) {
        decl = decl "  int peers;\n"
        slow = slow "  peers = role.peers;\n"
      }
    } else {
      decl = decl "  int nin = 0, nout = 0;\n"
      slow = slow "  if ((cls = ms_cc_degrees(&x, &nin, &nout))) return cls;\n"
    }
    arg[k] = "c_" n "->host"
    return 1
  }
  if (m == "in" && b == "comm" && coll_uses_lsize(f)) {
    decl = decl "  ms_comm *c_" n ";\n  ms_cc x;\n  int lsize = 0;\n"
    if (coll_uses_rank(f)) decl = decl "  int rank = 0;\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cc_begin(&x, vm, " n ", fn))) return cls;\n  c_" n " = x.c;\n"
    if (n == ehv) slow = slow "  eh = c_" n ";\n"
    slow = slow "  if ((cls = ms_cc_local(&x, " (coll_uses_rank(f) ? "&rank" : "NULL") ", &lsize))) return cls;\n"
    arg[k] = "c_" n "->host"
    return 1
  }
  if (m == "in" && b == "op" && root != "") {
    typ = ""
    for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "type") typ = pn[f, i]
    decl = decl "  MPI_Op hop_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (!role.root && !role.leaf)\n    hop_" n " = ms_cc_ignored_op(" n ");\n  else if ((cls = ms_cc_op(&x, " n ", " typ ", &t_" typ ", &hop_" n ")))\n    return cls;\n"
    arg[k] = "hop_" n
    return 1
  }
  if (m == "in" && b == "int" && plen[f, k] != "") {
    # Checked (and copied) by the v buffer that uses it.
    decl = decl "  int32_t *a_" n " = NULL;\n"
    fastc = fastc " && 0"
    arg[k] = "a_" n
    if (coll_has_op(f) && !coll_has_req(f)) {
      # A user op's callback runs guest code in the middle of the call,
      # which may rewrite the array: the host gets a copy.
      decl = decl "  void *temp = NULL;\n"
      pre = pre "  if (x.op_h && (cls = ms_cc_keep(&x, &temp, " coll_keep_args(f, 1) "))) return cls;\n"
      always = always "  free(temp);\n"
    }
    return 1
  }
  if (m == "in" && (b == "aint" || b == "type") && plen[f, k] != "") {
    # Checked by the w buffer that uses it; the host gets the widened
    # displacements or host handles (ms_cc_keep).
    decl = decl "  int32_t *a_" n " = NULL;\n  " (b == "aint" ? "MPI_Aint" : "MPI_Datatype") " *h_" n " = NULL;\n"
    fastc = fastc " && 0"
    arg[k] = "h_" n
    return 1
  }
  # Reduce_scatter(_block): in place, the receive buffer holds the whole
  # input (the send buffer's footprint); sum(P) sums int array P, checked
  # first.
  if (m == "in" && b ~ /^(sbuf_ip|rbuf)$/ && coll_has_op(f) && pargs[f, pidx[f, coll_param(f, "sbuf_ip")]] ~ /lsize|sum\(/) {
    split(pargs[f, k], a, ",")
    if (pbase[f, pidx[f, a[2]]] != "type") die(name[f] ": buffer " n " needs a datatype parameter")
    cnt = coll_count(f, a[1], "")
    decl = decl "  void *p_" n " = NULL;\n"
    fastc = fastc " && 0"
    if (b == "sbuf_ip") {
      other = coll_param(f, "rbuf")
      if (a[1] ~ /^sum\(/) {
        i = substr(a[1], 5, length(a[1]) - 5)
        decl = decl "  int64_t sum_" i " = 0;\n"
        slow = slow "  if ((cls = ms_cc_ints(&x, \"" i "\", " i ", " coll_count(f, plen[f, pidx[f, i]], "") ", &a_" i ")) ||\n      (cls = ms_cc_sum(&x, \"" i "\", a_" i ", " coll_count(f, plen[f, pidx[f, i]], "") ", &sum_" i ")))\n    return cls;\n"
      }
      slow = slow "  if (" n " == ABI_IN_PLACE) {\n    if ((cls = ms_cc_in_place(&x, \"" n "\")) ||\n        (cls = ms_cc_buf(&x, \"" other " (in place: the whole input)\", " other ", " cnt ", t_" a[2] ", &p_" other ")))\n      return cls;\n    p_" n " = MPI_IN_PLACE;\n  } else if ((cls = ms_cc_buf(&x, \"" n "\", " n ", " cnt ", t_" a[2] ", &p_" n "))) {\n    return cls;\n  }\n"
    } else {
      slow = slow "  if (p_" coll_param(f, "sbuf_ip") " != MPI_IN_PLACE && (cls = ms_cc_buf(&x, \"" n "\", " n ", " cnt ", t_" a[2] ", &p_" n "))) return cls;\n"
    }
    arg[k] = "p_" n
    return 1
  }
  if (m == "in" && b ~ /^(sbuf|rbuf|inout)(_ip)?$/ && root != "") {
    split(pargs[f, k], a, ",")
    if (pbase[f, pidx[f, a[2]]] != "type") die(name[f] ": buffer " n " needs a datatype parameter")
    decl = decl "  void *p_" n " = NULL;\n"
    fastc = fastc " && 0"
    cnt = coll_count(f, a[1], "")
    chk = coll_has_op(f) ? "ms_cc_buf(&x, \"" n "\", " n ", " cnt ", t_" a[2] ", &p_" n ")" : "ms_cc_tbuf(&x, \"" n "\", " n ", " cnt ", " a[2] ", &t_" a[2] ", &p_" n ")"
    if (b ~ /_ip$/) {
      if (!proot[f, k]) die(name[f] ": " n ": in place in a rooted collective is the root's")
      slow = slow "  if (role.leaf) {\n    if (role.in_place && " n " == ABI_IN_PLACE)\n      p_" n " = MPI_IN_PLACE;\n    else if ((cls = " chk "))\n      return cls;\n  }\n"
    } else {
      cond = proot[f, k] ? "role.root" : "(role.root || role.leaf)"
      slow = slow "  if (" cond " && (cls = " chk ")) return cls;\n"
    }
    arg[k] = "p_" n
    return 1
  }
  if (m == "in" && b ~ /^(sbuf|rbuf)(v|w)(_ip)?$/) {
    split(pargs[f, k], a, ",")
    decl = decl "  void *p_" n " = NULL;\n"
    fastc = fastc " && 0"
    if (b ~ /_ip$/) {
      # In place, the host gets the receive side's arrays and type for the
      # ignored send ones (checked by the time pre runs).
      other = ""
      for (i = 1; i <= np[f]; i++) if (pbase[f, i] ~ /^rbuf(v|w)/) other = pargs[f, i]
      if (other == "") die(name[f] ": " n ": in place needs a receive v buffer")
      split(other, oa, ",")
      slow = slow "  if (" n " == ABI_IN_PLACE) {\n    if ((cls = ms_cc_in_place(&x, \"" n "\"))) return cls;\n    p_" n " = MPI_IN_PLACE;\n  } else if (" coll_vchk(f, k, "             ") ") {\n    return cls;\n  }\n"
      pre = pre "  if (p_" n " == MPI_IN_PLACE) {\n    a_" a[1] " = a_" oa[1] ";\n    a_" a[2] " = a_" oa[2] ";\n    " (b ~ /w/ ? "a_" : "t_") a[3] " = " (b ~ /w/ ? "a_" : "t_") oa[3] ";\n  }\n"
    } else if (proot[f, k]) {
      slow = slow "  if (role.root &&\n      (" coll_vchk(f, k, "       ") "))\n    return cls;\n"
    } else {
      slow = slow "  if (" coll_vchk(f, k, "      ") ")\n    return cls;\n"
    }
    if (b ~ /^rbufw/ && !coll_has_req(f)) {
      # The last w buffer: the host's datatype handles (and displacements).
      decl = decl "  void *temp = NULL;\n"
      pre = pre "  if ((cls = ms_cc_keep(&x, &temp, " coll_keep_args(f, 0) "))) return cls;\n"
      always = always "  free(temp);\n"
    }
    arg[k] = "p_" n
    return 1
  }
  if (m == "in" && b == "op" && plen[f, k] == "" && coll_param(f, "type") == "") {
    # An op on its own (MPI_Op_commutative): any valid op, predefined or not.
    decl = decl "  ms_op *o_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_op_get(" n ", &o_" n ")))\n    return ms_raise(vm, eh, cls, fn, \"invalid op %#x\", " n ");\n"
    arg[k] = "o_" n "->host"
    return 1
  }
  if (m == "out" && b == "flag" && plen[f, k] == "") {
    # A result the call writes: NULL (guest 0) is refused.
    decl = decl "  int32_t *o_" n ";\n  int h_" n " = 0;\n"
    fastc = fastc " && 0"
    slow = slow "  if (" n " == 0 || !(o_" n " = ms_ptr(vm, " n ", 4)))\n    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"result pointer %#x lies outside guest memory\", " n ");\n"
    arg[k] = "&h_" n
    ok = ok "  int32_t v_" n " = h_" n " != 0;\n  memcpy(o_" n ", &v_" n ", 4);\n"
    return 1
  }
  if (m == "out" && b == "req" && coll_keep_args(f, 1) != "") {
    decl = decl "  void *temp = NULL;\n  ms_nbreq q;\n"
    pre = pre "  if ((cls = ms_cc_keep(&x, &temp, " coll_keep_args(f, 1) "))) return cls;\n"
    pre = pre "  if ((cls = ms_cc_req_begin(&x, " n ", &q))) {\n    free(temp);\n    return cls;\n  }\n"
    arg[k] = "&q.r->host"
    last = "CM_END:  return ms_cc_req_end(&x, &q, rc, temp);\n"
    return 1
  }
  return 0
}

function coll_has_req(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "req" && pmode[f, i] == "out") return 1
  return 0
}

function gen_kind_coll(f, k,    n, b, m, a, i, cnt, typ, chk) {
  n = pn[f, k]; b = pbase[f, k]; m = pmode[f, k]
  if (gen_kind_coll_more(f, k)) return 1
  # Reduce_local: no communicator, errors go to MPI_COMM_WORLD's handler.
  if (m == "in" && b == "op" && !coll_has_comm(f)) decl = decl "  ms_cc x = {.vm = vm, .fn = fn};\n"
  if (proot[f, k] || plen[f, k] != "") return 0
  if (m == "in" && b == "comm") {
    both_decl("  ms_comm *c_" n ";\n")
    decl = decl "  ms_cc x;\n"
    if (coll_has_req(f)) fdecl = fdecl "  ms_cc x;\n"
    fastc = fastc " && (c_" n " = ms_fast_comm(" n "))"
    # The context is needed by a nonblocking call's request only.
    if (coll_has_req(f)) fastc = fastc " && ms_gen_cc(&x, vm, fn, " n ", c_" n ")"
    slow = slow "  if ((cls = ms_cc_begin(&x, vm, " n ", fn))) return cls;\n  c_" n " = x.c;\n"
    if (n == ehv) slow = slow "  eh = c_" n ";\n"
    if (coll_uses_size(f)) {
      decl = decl "  int peers = 0;\n  bool inter = false;\n"
      fastc = fastc " && 0"
      slow = slow "  if ((cls = ms_cc_peers(&x, &peers, &inter))) return cls;\n"
    }
    both_arg(k, "c_" n "->host")
    return 1
  }
  if (m == "in" && b == "type") {
    # Looked up by the op (reductions) or by the buffers that use it; a
    # send type ignored in place may be any value.
    decl = decl "  ms_type *t_" n " = NULL;\n"
    fdecl = fdecl "  const ms_type *t_" n ";\n"
    fastc = fastc " && (t_" n " = ms_fast_type(" n "))"
    arg[k] = "t_" n " ? t_" n "->host : ms_cc_ignored_type(" n ")"
    farg[k] = "t_" n "->host"
    return 1
  }
  if (m == "in" && b == "op") {
    typ = ""
    for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "type") typ = pn[f, i]
    if (typ == "") die(name[f] ": an op needs a datatype parameter")
    if (pidx[f, typ] > k) die(name[f] ": the op's datatype must come before it")
    both_decl("  MPI_Op hop_" n ";\n")
    fastc = fastc " && ms_fast_op(" n ", t_" typ ", &hop_" n ")"
    slow = slow "  if ((cls = ms_cc_op(&x, " n ", " typ ", &t_" typ ", &hop_" n "))) return cls;\n"
    both_arg(k, "hop_" n)
    return 1
  }
  if (m == "in" && (b == "sbuf_ip" || b == "sbuf" || b == "rbuf" || b == "inout")) {
    split(pargs[f, k], a, ",")
    cnt = coll_count(f, a[1], b ~ /^s/ ? "out" : "in"); typ = a[2]
    if (!((f, typ) in pidx) || pbase[f, pidx[f, typ]] != "type") die(name[f] ": buffer " n " needs a datatype parameter")
    both_decl("  void *p_" n ";\n")
    chk = coll_has_op(f) ? "ms_cc_buf(&x, \"" n "\", " n ", " cnt ", t_" typ ", &p_" n ")" : "ms_cc_tbuf(&x, \"" n "\", " n ", " cnt ", " typ ", &t_" typ ", &p_" n ")"
    if (a[1] ~ /\*/) fastc = fastc " && 0"
    if (b == "sbuf_ip") {
      fastc = fastc " && (" n " == ABI_IN_PLACE ? (p_" n " = MPI_IN_PLACE, 1) : ms_fast_buf(vm, " n ", " a[1] ", t_" typ ", &p_" n "))"
      slow = slow "  if (" n " == ABI_IN_PLACE) {\n    if ((cls = ms_cc_in_place(&x, \"" n "\"))) return cls;\n    p_" n " = MPI_IN_PLACE;\n  } else if ((cls = " chk ")) {\n    return cls;\n  }\n"
    } else {
      # MPI_IN_PLACE (guest 1) is never a buffer here: ms_cc_buf refuses it.
      fastc = fastc " && " n " != ABI_IN_PLACE && ms_fast_buf(vm, " n ", " a[1] ", t_" typ ", &p_" n ")"
      slow = slow "  if ((cls = " chk ")) return cls;\n"
    }
    both_arg(k, "p_" n)
    return 1
  }
  if (m == "out" && b == "req") {
    both_decl("  ms_nbreq q;\n")
    pre = pre "  if ((cls = ms_cc_req_begin(&x, " n ", &q))) return cls;\n"
    fpre = fpre "  if ((cls = ms_cc_req_begin(&x, " n ", &q))) return cls;\n"
    both_arg(k, "&q.r->host")
    last = "CM_END:  return ms_cc_req_end(&x, &q, rc, NULL);\n"
    flast = last
    return 1
  }
  return 0
}
