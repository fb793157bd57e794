# gen-kinds-coll.awk — kinds of the collectives (see gen-kinds.awk): the
# call's context ms_cc x (ms_coll.h) holds the communicator, its checks
# raise with the argument's name, a reduction's op is looked at with its
# datatype (ms_cc_op), a send buffer may be MPI_IN_PLACE where the table
# says _ip (intracommunicators only), counts may be per peer (size: the
# remote size on an intercommunicator), and a nonblocking collective's
# request is made by ms_cc_req_begin/_end, which pins what it uses.

# The datatype a buffer or op of function f refers to, and whether f has an op.
function coll_has_op(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "op") return 1
  return 0
}
function coll_uses_size(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pargs[f, i] ~ /size/) return 1
  return 0
}
# A count: a parameter, or PARAM*size (per peer).
function coll_count(f, s,    parts, n) {
  n = split(s, parts, "*")
  if (n == 1) return cexpr(f, s)
  if (n == 2 && parts[2] == "size") return cexpr(f, parts[1]) " * peers"
  die(name[f] ": cannot generate count " s)
}

function coll_has_req(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "req" && pmode[f, i] == "out") return 1
  return 0
}

function gen_kind_coll(f, k,    n, b, m, a, i, cnt, typ, chk) {
  n = pn[f, k]; b = pbase[f, k]; m = pmode[f, k]
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
    cnt = coll_count(f, a[1]); typ = a[2]
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
