# gen-kinds-type.awk — kinds of the datatypes (see gen-kinds.awk).  Most
# datatype calls are answered by the shim, not by host MPI: their table line
# names a helper of ms_type.h (host=ms_ty_*) that is called where the host
# function would be, and gets a datatype as its record and guest handle
# (t_X, X); host MPI functions get the host handle (t_X->host).  Errors go
# to MPI_COMM_WORLD's handler (no datatype call has a communicator here).
# Out-parameters are checked before the call and stored after its success:
# aint* as a 32-bit guest MPI_Aint (MPI_UNDEFINED if the value does not
# fit), count* as a 64-bit MPI_Count, ptr* (an attribute value) only where
# the call's flag* says it was found.

function ty_helper(f) { return host[f] ~ /^ms_ty_/ }

# The out-flag parameter of f ("" if none): a ptr* result is stored only if set.
function ty_flag(f,    i) {
  for (i = 1; i <= np[f]; i++) if (pbase[f, i] == "flag" && pmode[f, i] == "out") return pn[f, i]
  return ""
}

function ty_badptr(n) {
  return "    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"" n " %#x lies outside guest memory\", " n ");\n"
}

# A result the call writes to the guest: a slot of type slot_t and size
# bytes checked before the call, the host's value of type host_t, and the
# expression stored on success.
function ty_out(k, n, slot_t, host_t, size, store) {
  decl = decl "  " slot_t " *o_" n ";\n  " host_t " h_" n " = 0;\n"
  fastc = fastc " && 0"
  slow = slow "  if (!(o_" n " = ms_ptr(vm, " n ", " size ")))\n" ty_badptr(n)
  arg[k] = "&h_" n
  ok = ok "  *o_" n " = " store ";\n"
}

function gen_kind_type(f, k,    n, b, m, fl) {
  n = pn[f, k]; b = pbase[f, k]; m = pmode[f, k]
  if (proot[f, k] || plen[f, k] != "") return 0
  if (m == "in" && b == "type") {
    decl = decl "  ms_type *t_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_type_get(" n ", &t_" n ")))\n    return ms_raise(vm, eh, cls, fn, \"invalid datatype %#x\", " n ");\n"
    arg[k] = ty_helper(f) ? "t_" n ", " n : "t_" n "->host"
  } else if (m == "inout" && b == "type") {
    # The address of a datatype handle (commit, free): a freed one becomes
    # MPI_DATATYPE_NULL; predefined types cannot be freed.
    if (!ty_helper(f)) die(name[f] ": a type& goes to a helper (host=ms_ty_*)")
    decl = decl "  ms_u32 *o_" n ";\n  ms_gh h_" n ";\n  ms_type *t_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(o_" n " = ms_ptr(vm, " n ", 4)))\n" ty_badptr(n)
    slow = slow "  h_" n " = *o_" n ";\n"
    slow = slow "  if ((cls = ms_type_get(h_" n ", &t_" n ")))\n    return ms_raise(vm, eh, cls, fn, \"invalid datatype %#x\", h_" n ");\n"
    if (frees[f]) {
      slow = slow "  if (t_" n "->predefined)\n    return ms_raise(vm, eh, ABI_ERR_TYPE, fn, \"cannot free predefined datatype %#x\", h_" n ");\n"
      ok = ok "  *o_" n " = ABI_DATATYPE_NULL;\n"
    }
    arg[k] = "t_" n ", h_" n
  } else if (m == "out" && b == "type") {
    # A datatype handle the helper gives (an existing one: MPI_Type_match_size).
    if (!ty_helper(f)) die(name[f] ": a type* comes from a helper (host=ms_ty_*)")
    ty_out(k, n, "ms_u32", "ms_gh", 4, "h_" n)
  } else if (m == "in" && b == "keyval") {
    decl = decl "  int hk_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if ((cls = ms_ty_keyval(" n ", &hk_" n ")))\n    return ms_raise(vm, eh, cls, fn, \"invalid type keyval %d\", " n ");\n"
    arg[k] = "hk_" n
  } else if (m == "inout" && b == "keyval") {
    # The address of a type keyval the helper frees: it becomes MPI_KEYVAL_INVALID.
    if (!ty_helper(f) || !frees[f]) die(name[f] ": a keyval& is freed by a helper (host=ms_ty_*)")
    decl = decl "  ms_i32 *o_" n ";\n  int32_t g_" n ", hk_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(o_" n " = ms_ptr(vm, " n ", 4)))\n" ty_badptr(n)
    slow = slow "  g_" n " = *o_" n ";\n"
    slow = slow "  if ((cls = ms_ty_keyval(g_" n ", &hk_" n ")))\n    return ms_raise(vm, eh, cls, fn, \"invalid type keyval %d\", g_" n ");\n"
    arg[k] = "g_" n
    ok = ok "  *o_" n " = ABI_KEYVAL_INVALID;\n"
  } else if (m == "in" && b == "ptr") {
    # An attribute value: the guest's 32-bit word, kept by the host as a pointer.
    arg[k] = "(void *)(uintptr_t)" n
  } else if (m == "out" && b == "ptr") {
    fl = ty_flag(f)
    decl = decl "  ms_u32 *o_" n ";\n  void *h_" n " = NULL;\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(o_" n " = ms_ptr(vm, " n ", 4)))\n" ty_badptr(n)
    arg[k] = "&h_" n
    ok = ok "  " (fl != "" ? "if (h_" fl ") " : "") "*o_" n " = (uint32_t)(uintptr_t)h_" n ";\n"
  } else if (m == "in" && b == "str") {
    decl = decl "  const char *s_" n ";\n"
    fastc = fastc " && 0"
    slow = slow "  if (!(s_" n " = ms_gstr(vm, " n ", MS_TY_STR_MAX)))\n    return ms_raise(vm, eh, ABI_ERR_ARG, fn, \"" n " %#x is not a string in guest memory\", " n ");\n"
    arg[k] = "s_" n
  } else if (m == "out" && b == "str") {
    # A string the helper gives, written (cut to MPI_MAX_NAME bytes, its
    # NUL included, for str*(NAME)) after the call: its whole footprint is
    # checked then, before anything is written.
    if (pargs[f, k] !~ /^[A-Z_]+$/) die(name[f] ": str* needs its MPI_MAX_ name")
    decl = decl "  const char *h_" n " = NULL;\n"
    fastc = fastc " && 0"
    arg[k] = "&h_" n
    ok = ok "  if ((cls = ms_str_out(vm, " n ", h_" n ", ABI_MAX_" pargs[f, k] ", NULL)))\n" ty_badptr(n)
  } else if (m == "in" && b == "addr") {
    # Any guest address, MPI_BOTTOM (0) to the end of memory.
    fastc = fastc " && 0"
    slow = slow "  if (!ms_in_mem(vm, " n ", 0))\n" ty_badptr(n)
    arg[k] = n
  } else if (m == "in" && b == "aint") {
    arg[k] = n
  } else if (m == "out" && b == "aint") {
    ty_out(k, n, "ms_i32", "MPI_Aint", 4, "ms_ty_aint_or_undefined(h_" n ")")
  } else if (m == "out" && b == "count") {
    ty_out(k, n, "ms_ty_i64", "MPI_Count", 8, "h_" n)
  } else return 0
  return 1
}
