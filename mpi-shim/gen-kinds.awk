# gen-kinds.awk — the parameter kinds of mpi-api.tab that gen-api.awk's
# generated wrappers handle: each appends its share of the wrapper to the
# globals that emit_fn prints (see there).  Kinds of the collective, datatype
# and communicator families live in gen-kinds-GROUP.awk; gen_kind tries the
# function's group (its table section) first.
#
# Globals: decl (declarations), fastc (" && term" of the fast path's
# condition; " && 0" for none), slow (the general path's checks, each
# raising), pre (after the checks), arg[k] (the host argument), always
# (after the host call), fail (on its failure), ok (on success), last (the
# call's final statement, when a result finishes it), ehv (the parameter
# whose communicator's handler hears of errors, "" for MPI_COMM_WORLD's),
# parent (the first communicator parameter).

function kind_phase(f, k,    b) {
  b = pbase[f, k]
  if (pmode[f, k] == "in" && plen[f, k] == "" && (b == "comm" || b == "intercomm")) return 1
  if (pmode[f, k] == "in" && plen[f, k] == "" && (b in H)) return 2
  return 3
}

function gen_kind(f, k) {
  if (grp[f] == "coll") return gen_kind_coll(f, k) || gen_kind_base(f, k)
  if (grp[f] == "type") return gen_kind_type(f, k) || gen_kind_base(f, k)
  if (grp[f] == "comm" || grp[f] == "env") return gen_kind_comm(f, k) || gen_kind_base(f, k)
  return gen_kind_base(f, k)
}

# Parts the general and the fast path share.
function both_decl(s) { decl = decl s; fdecl = fdecl s }
function both_arg(k, s) { arg[k] = s; farg[k] = s }

# Handles of communicators, datatypes, groups, infos; ints, ranks, tags;
# message buffers; out-ints, statuses, requests, groups, communicators; int
# arrays.
function gen_kind_base(f, k,    n, b, m, a, i, typ, cnt, conv, nz) {
  n = pn[f, k]; b = pbase[f, k]; m = pmode[f, k]
  if (proot[f, k] || b ~ /_ip|v$|w$/) return 0
  if (m == "in" && plen[f, k] == "" && b == "comm") {
    both_decl("  ms_comm *c_" n ";\n")
    fastc = fastc " && (c_" n " = ms_fast_comm(" n "))"
    slow = slow "  if ((cls = ms_cm_comm(vm, " n ", &c_" n ", fn))) return cls;\n"
    if (n == ehv) slow = slow "  eh = c_" n ";\n"
    both_arg(k, "c_" n "->host")
  } else if (m == "in" && plen[f, k] == "" && b == "intercomm") {
    decl = decl "  ms_comm *c_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cm_comm(vm, " n ", &c_" n ", fn)) || (cls = ms_cm_inter(vm, c_" n ", " n ", fn))) return cls;\n"
    if (n == ehv) slow = slow "  eh = c_" n ";\n"
    arg[k] = "c_" n "->host"
  } else if (m == "in" && plen[f, k] == "" && b == "type") {
    decl = decl "  ms_type *t_" n ";\n"
    fdecl = fdecl "  const ms_type *t_" n ";\n"
    fastc = fastc " && (t_" n " = ms_fast_type(" n "))"
    slow = slow "  if ((cls = ms_type_get(" n ", &t_" n ")))\n    return ms_raise(vm, eh, cls, fn, \"invalid datatype %#x\", " n ");\n"
    both_arg(k, "t_" n "->host")
  } else if (m == "in" && plen[f, k] == "" && b == "group") {
    decl = decl "  MPI_Group g_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cm_group(vm, eh, " n ", &g_" n ", fn))) return cls;\n"
    arg[k] = "g_" n
  } else if (m == "in" && plen[f, k] == "" && b == "info") {
    decl = decl "  MPI_Info i_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (ms_info_get(" n ", &i_" n "))\n    return ms_raise(vm, eh, ABI_ERR_INFO, fn, \"invalid info handle %#x\", " n ");\n"
    arg[k] = "i_" n
  } else if (m == "in" && (b == "int" || b == "keyval") && plen[f, k] == "") {
    both_arg(k, n)
  } else if (m == "in" && b == "rank") {
    # Other negative values become INT_MIN: invalid on the host too, never
    # one of its sentinels.
    both_arg(k, "ms_rank_in(" n ")")
  } else if (m == "in" && b == "tag") {
    both_arg(k, "ms_tag_in(" n ")")
  } else if (m == "in" && b == "undef") {
    arg[k] = "ms_undefined_in(" n ")"
    fastc = fastc " && 0"
  } else if (m == "in" && (b == "sbuf" || b == "rbuf" || b == "inout")) {
    split(pargs[f, k], a, ",")
    cnt = cexpr(f, a[1]); typ = a[2]
    if (!((f, typ) in pidx) || pbase[f, pidx[f, typ]] != "type") die(name[f] ": buffer " n " needs a datatype parameter")
    both_decl("  void *p_" n ";\n")
    if (a[1] ~ /\*/) fastc = fastc " && 0"
    else fastc = fastc " && ms_fast_buf(vm, " n ", " a[1] ", t_" typ ", &p_" n ")"
    slow = slow "  if ((cls = ms_buffer(vm, " n ", " cnt ", t_" typ ", &p_" n ")))\n    return ms_p2p_buf_error(vm, eh, cls, fn, " n ", " a[1] ", " typ ");\n"
    both_arg(k, "p_" n)
  } else if (m == "out" && plen[f, k] == "" && (b in I)) {
    conv = b == "undef" ? "ms_undefined_out(h_" n ")" : b == "cmp" ? "ms_compare_out(h_" n ")" : b == "flag" ? "h_" n " != 0" : b == "rank" ? "ms_rank_out(h_" n ")" : "h_" n
    # The point-to-point group refuses a NULL out-pointer, as it always has.
    nz = grp[f] == "p2p" ? n " != 0 && " : ""
    both_decl("  ms_i32 *o_" n ";\n  int h_" n " = 0;\n")
    fastc = fastc " && " nz "(o_" n " = ms_fast_ptr(vm, " n ", 4))"
    slow = slow "  if (!(" nz "(o_" n " = ms_ptr(vm, " n ", 4))))\n    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"" n " %#x lies outside guest memory\", " n ");\n"
    both_arg(k, "&h_" n)
    ok = ok "  *o_" n " = " conv ";\n"
    fok = fok "  *o_" n " = " conv ";\n"
  } else if (m == "in" && plen[f, k] == "" && b == "status") {
    # A guest status read (MPI_Get_count & co.): rebuilt as a host status.
    decl = decl "  const void *gs_" n ";\n  MPI_Status hs_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(gs_" n " = " n " ? ms_ptr(vm, " n ", MS_STATUS_SIZE) : NULL))\n    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"status %#x lies outside guest memory\", " n ");\n"
    pre = pre "  ms_status_in(gs_" n ", &hs_" n ");\n"
    arg[k] = "&hs_" n
  } else if (m == "out" && plen[f, k] == "" && b == "status") {
    decl = decl "  MPI_Status hs_" n ", *st_" n ";\n  void *gs_" n ";\n"
    fdecl = fdecl "  MPI_Status *st_" n ";\n  void *gs_" n ";\n"
    # The fast path lets the host write an aligned guest status in place.
    fastc = fastc " && ms_fast_status_at(vm, " n ", &st_" n ", &gs_" n ")"
    slow = slow "  if (!ms_p2p_status(vm, " n ", &hs_" n ", &st_" n ", &gs_" n "))\n    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"status %#x lies outside guest memory\", " n ");\n"
    both_arg(k, "st_" n)
    always = always "  if (gs_" n " && (rc == MPI_SUCCESS || rc == MPI_ERR_TRUNCATE)) ms_status_out(gs_" n ", st_" n ");\n"
    falways = falways "  if (gs_" n " && (rc == MPI_SUCCESS || rc == MPI_ERR_TRUNCATE)) ms_fast_status_fix(st_" n ");\n"
  } else if (m == "out" && plen[f, k] == "" && b == "req") {
    both_decl("  ms_u32 *o_" n ";\n  ms_gh h_" n ";\n  ms_request *r_" n ";\n")
    fastc = fastc " && " n " != 0 && (o_" n " = ms_fast_ptr(vm, " n ", 4)) && (r_" n " = ms_fast_req_new(&h_" n "))"
    slow = slow "  if (" n " == 0 || !(o_" n " = ms_ptr(vm, " n ", 4)))\n    return ms_raise(vm, eh, ABI_ERR_REQUEST, fn, \"request pointer %#x lies outside guest memory\", " n ");\n"
    pre = pre "  if (!(r_" n " = ms_req_new(&h_" n ")))\n    return ms_raise(vm, eh, ABI_ERR_NO_MEM, fn, \"too many requests\");\n"
    both_arg(k, "&r_" n "->host")
    fail = fail "    ms_obj_free(MS_REQUEST, h_" n ");\n"
    ffail = ffail "    ms_fast_req_done(h_" n ", NULL);\n"
    ok = ok "  r_" n "->flags = " reqflags[f] ";\n  r_" n "->comm = " (parent == "" ? "NULL" : "c_" parent) ";\n"
    fok = fok "  r_" n "->flags = " reqflags[f] ";\n  r_" n "->comm = " (parent == "" ? "NULL" : "c_" parent) ";\n"
    # The request pins the user objects it uses: MPI lets the program free
    # them before it completes (ms_pin.c).  The fast path has none.
    typ = ""
    for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "type" && pmode[f, i] == "in" && typ == "") typ = pn[f, i]
    if (parent != "" && typ != "")
      ok = ok "  if ((" parent " | " typ ") >= ABI_PREDEF_LIMIT) ms_req_pin2(r_" n ", " parent ", " typ ");\n"
    else if (parent != "") ok = ok "  ms_req_pin(r_" n ", " parent ");\n"
    ok = ok "  *o_" n " = h_" n ";\n"
    fok = fok "  *o_" n " = h_" n ";\n"
  } else if (m == "out" && plen[f, k] == "" && b == "group") {
    if (last != "") die(name[f] ": two results that finish the call")
    decl = decl "  int32_t *o_" n ";\n  MPI_Group h_" n " = MPI_GROUP_NULL;\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cm_int(vm, eh, " n ", &o_" n ", fn, \"" n "\"))) return cls;\n"
    arg[k] = "&h_" n
    last = "  return ms_cm_group_out(vm, eh, h_" n ", o_" n ", fn);\n"
  } else if (m == "out" && plen[f, k] == "" && b == "comm") {
    if (last != "" || parent == "") die(name[f] ": a new communicator needs one parent and no other result")
    decl = decl "  struct ms_cm_new n_" n ";\n  MPI_Comm h_" n " = MPI_COMM_NULL;\n"
    fastc = fastc " && 0"
    pre = pre "  if ((cls = ms_cm_begin(vm, " parent ", " n ", &n_" n ", &c_" parent ", fn))) return cls;\n"
    arg[k] = "&h_" n
    last = "CM_END:  return ms_cm_end(vm, &n_" n ", rc, &h_" n ", fn);\n"
  } else if (plen[f, k] != "" && b == "int" && (m == "in" || m == "out")) {
    decl = decl "  int32_t *a_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_cm_ints(vm, eh, " n ", " cexpr(f, plen[f, k]) ", &a_" n ", fn, \"" n "\"))) return cls;\n"
    arg[k] = "a_" n
  } else return 0
  return 1
}
