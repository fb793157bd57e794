# gen-api.awk — everything the MPI shim and the sdk derive from the table of
# the MPI C API, mpi-shim/mpi-api.tab (its header documents the format).
#
#   gen-api.sh MODE mpi-api.tab    (awk -v out=MODE -f gen-api.awk
#                                   -f gen-kinds*.awk mpi-api.tab)
#
# MODE
#   h       ms_api.h: the prototype of every wrapper ms_MPI_Name, generated
#           or hand-written, so the compiler holds the hand-written ones to
#           the table's parameter list.
#   c       ms_api_gen.c: the bodies of the functions marked "gen".
#   table   ms_api_table.c: the import table (name, wrapper, Wasm
#           signature) and the list of calls the re-entrancy rule refuses.
#   names   the implemented functions, one a line (the sdk's import list).
#   sigs    "name params results" of each (tests/sdk/imports.sh).
#   frees   the functions flagged frees (tests/mpi/reentry-list.sh).
#   hand    the functions whose wrappers are hand-written (tests/mpi/api-gen.sh).
#   proto   a C file of guest prototypes, one per implemented function, that
#           must compile against the sdk's mpi.h (tests/sdk/imports.sh).
#   missing the functions mpi.h declares that the shim does not implement.
#
# One pass over the table; each function's record is kept in arrays indexed
# by its position (awk has no structures).  The C this emits is meant to be
# read: one function at a time, in the order of the table.

BEGIN {
  nf = 0
  # Handle kinds: the guest C type, the shim's record type, its lookup.
  H["comm"] = "MPI_Comm"; H["type"] = "MPI_Datatype"; H["op"] = "MPI_Op"
  H["group"] = "MPI_Group"; H["req"] = "MPI_Request"; H["info"] = "MPI_Info"
  H["errh"] = "MPI_Errhandler"; H["msg"] = "MPI_Message"; H["win"] = "MPI_Win"
  H["file"] = "MPI_File"
  # Integer kinds: an int on both sides; the name says how it translates.
  I["int"] = 1; I["rank"] = 1; I["tag"] = 1; I["undef"] = 1; I["keyval"] = 1
  I["cmp"] = 1; I["flag"] = 1
  # Wide scalars.
  W["aint"] = "MPI_Aint"; W["count"] = "MPI_Count"; W["offset"] = "MPI_Offset"
  W["double"] = "double"
}

# An error names the table and the line: while reading, the current one; while
# generating, the line of the function being generated (at).
function die(msg) {
  printf "gen-api.awk: %s:%d: %s\n", tabname, at ? at : NR, msg > "/dev/stderr"
  failed = 1
  exit 1
}

# ---- reading the table ----
{ tabname = FILENAME; sub(/.*\//, "", tabname) }
/^[ \t]*(#|$)/ { next }
$1 == "group" { group = $2; next }
$1 == "missing" {
  for (i = 2; i <= NF; i++) missing[++nmissing] = $i
  next
}
$1 !~ /^MPI_[A-Za-z0-9_]+$/ { die("expected a function name, got " $1) }
{
  f = ++nf
  line[f] = NR
  name[f] = $1
  grp[f] = group
  if ($1 in seen) die($1 " listed twice")
  seen[$1] = f
  body[f] = ""; ret[f] = "int"; frees[f] = 0; completes[f] = 0; cb[f] = 0
  fast[f] = 0; reqflags[f] = "0"; host[f] = $1; eh[f] = ""
  nflag = split($2, fl, ",")
  for (i = 1; i <= nflag; i++) {
    x = fl[i]
    if (x == "gen" || x == "hand") body[f] = x
    else if (x == "frees") frees[f] = 1
    else if (x == "completes") completes[f] = 1
    else if (x == "cb") cb[f] = 1
    else if (x == "fast") fast[f] = 1
    else if (x ~ /^ret=/) ret[f] = substr(x, 5)
    else if (x ~ /^eh=/) eh[f] = substr(x, 4)
    else if (x ~ /^host=/) host[f] = substr(x, 6)
    else if (x ~ /^req=/) reqflags[f] = substr(x, 5)
    else die("unknown flag " x)
  }
  if (body[f] == "") die($1 ": neither gen nor hand")
  np[f] = NF - 2
  for (i = 3; i <= NF; i++) {
    k = i - 2
    c = index($i, ":")
    if (!c) die($1 ": parameter " $i " has no kind")
    pn[f, k] = substr($i, 1, c - 1)
    parse_kind(f, k, substr($i, c + 1))
  }
}

# A kind: BASE[*|&][@root][(ARGS)][[LEN]], e.g. sbuf_ip@root(count,datatype),
# req&[count], int*, fn(MPI_User_function).
function parse_kind(f, k, s,    m, b) {
  pk[f, k] = s
  pargs[f, k] = ""; plen[f, k] = ""; proot[f, k] = 0
  if (match(s, /\[[^]]*\]$/)) {
    plen[f, k] = substr(s, RSTART + 1, RLENGTH - 2)
    s = substr(s, 1, RSTART - 1)
  }
  if (match(s, /\(.*\)$/)) {
    pargs[f, k] = substr(s, RSTART + 1, RLENGTH - 2)
    s = substr(s, 1, RSTART - 1)
  }
  if (s ~ /@root$/) { proot[f, k] = 1; s = substr(s, 1, length(s) - 5) }
  pmode[f, k] = "in"
  if (s ~ /\*$/) { pmode[f, k] = "out"; s = substr(s, 1, length(s) - 1) }
  else if (s ~ /&$/) { pmode[f, k] = "inout"; s = substr(s, 1, length(s) - 1) }
  pbase[f, k] = s
  b = s
  if (!(b in H) && !(b in I) && !(b in W) && b !~ /^(sbuf|rbuf|inout|bytes|cbytes|addr|ptr|str|status|fn|argv|int3|va|intercomm)$|^(sbuf|rbuf)(_ip|v|w|v_ip|w_ip)$/)
    die(name[f] ": unknown kind " pk[f, k])
}

# ---- types ----
# The guest's C type of parameter k (for the prototype check).
function guest_ctype(f, k,    b, m, arr) {
  b = pbase[f, k]; m = pmode[f, k]; arr = plen[f, k] != ""
  if (b ~ /^(sbuf|addr|cbytes)/) return "const void *"
  if (b ~ /^(rbuf|inout|bytes)/) return "void *"
  if (b == "ptr") return "void *"
  if (b == "str") return m == "in" ? "const char *" : "char *"
  if (b == "status") return m == "in" ? "const MPI_Status *" : "MPI_Status *"
  if (b == "fn") return pargs[f, k] " *"
  if (b == "argv") return "char ***"
  if (b == "int3") return "int (*)[3]"
  if (b == "va") return "..."
  if (b == "intercomm") return "MPI_Comm"
  t = (b in H) ? H[b] : (b in W) ? W[b] : "int"
  if (arr) return (m == "in" ? "const " : "") t " *"
  return m == "in" ? t : t " *"
}
# The host wrapper's C type of the Wasm value carrying parameter k.
function host_ctype(f, k,    b) {
  b = pbase[f, k]
  if (pmode[f, k] != "in" || plen[f, k] != "") return "uint32_t"
  if (b in I) return "int32_t"
  if (b == "aint") return "int32_t"
  if (b == "count" || b == "offset") return "int64_t"
  if (b == "double") return "double"
  return "uint32_t"
}
function wasm_type(f, k,    t) {
  t = host_ctype(f, k)
  return t == "int64_t" ? "I" : t == "double" ? "d" : "i"
}
function ret_host(f) { return ret[f] == "double" ? "double" : "int32_t" }
function ret_guest(f) { return ret[f] == "double" ? "double" : ret[f] == "aint" ? "MPI_Aint" : "int" }
function ret_wasm(f) { return ret[f] == "double" ? "d" : "i" }

function host_params(f,    k, s) {
  s = "wasmso_vmctx *vm"
  for (k = 1; k <= np[f]; k++) s = s ", " host_ctype(f, k) " " pn[f, k]
  return s
}
function wasm_sig(f,    k, s) {
  s = ""
  for (k = 1; k <= np[f]; k++) s = s wasm_type(f, k)
  return s
}

# ---- outputs ----
END {
  if (failed) exit 1
  if (out == "h") emit_h()
  else if (out == "table") emit_table()
  else if (out == "names") { for (f = 1; f <= nf; f++) print name[f] }
  else if (out == "frees") { for (f = 1; f <= nf; f++) if (frees[f]) print name[f] }
  else if (out == "hand") { for (f = 1; f <= nf; f++) if (body[f] == "hand") print name[f] }
  else if (out == "sigs") { for (f = 1; f <= nf; f++) print name[f], wasm_sig(f), ret_wasm(f) }
  else if (out == "missing") { for (i = 1; i <= nmissing; i++) print missing[i] }
  else if (out == "proto") emit_proto()
  else if (out == "c") emit_c()
  else { print "gen-api.awk: out=h|c|table|names|proto|missing" > "/dev/stderr"; exit 2 }
}

function banner(what) {
  print "/* " what " — generated by mpi-shim/gen-api.awk from mpi-shim/mpi-api.tab;"
  print " * do not edit. */"
}

function emit_h(    f) {
  banner("ms_api.h")
  print "#ifndef MS_API_H"
  print "#define MS_API_H"
  print "#include <stdint.h>"
  print "#include \"wl_runtime.h\""
  for (f = 1; f <= nf; f++)
    print ret_host(f) " ms_" name[f] "(" host_params(f) ");"
  print "#endif"
}

function emit_table(    f, n) {
  banner("ms_api_table.c")
  print "#include \"ms_internal.h\""
  print "#include \"ms_api.h\""
  print ""
  print "const struct ms_fn ms_fns[] = {"
  for (f = 1; f <= nf; f++)
    printf "  {\"%s\", (void *)ms_%s, \"%s\", \"%s\"},\n", name[f], name[f], wasm_sig(f), ret_wasm(f)
  print "};"
  print "const size_t ms_nfns = sizeof ms_fns / sizeof ms_fns[0];"
  print ""
  print "/* The calls that free, finalize, complete or cancel (flag \"frees\"): each"
  print " * wrapper starts with MS_NO_REENTRY (ms_internal.h). */"
  print "const char *const ms_reentry_refused_fns[] = {"
  for (f = 1; f <= nf; f++) if (frees[f]) printf "  \"%s\",\n", name[f]
  print "  NULL,"
  print "};"
}

function emit_proto(    f, k, s) {
  print "/* Generated by mpi-shim/gen-api.awk from mpi-shim/mpi-api.tab: every"
  print " * implemented function's prototype as the table gives it.  Compiled"
  print " * against the sdk's mpi.h, a disagreement is a conflicting-types error. */"
  print "#include <mpi.h>"
  for (f = 1; f <= nf; f++) {
    s = ""
    for (k = 1; k <= np[f]; k++) s = s (k > 1 ? ", " : "") guest_ctype(f, k)
    if (s == "") s = "void"
    print ret_guest(f) " " name[f] "(" s ");"
  }
}

# ---- generated wrapper bodies ----
# Each parameter kind (gen-kinds*.awk) contributes to two functions:
#   the general path: declarations (decl), checks each raising its own class
#   (slow), set-up after them (pre), the host argument (arg[k]), what runs
#   after the host call whatever it returned (always), on its failure
#   (fail), on success (ok), and the call's last statement when a result
#   finishes it (last);
#   the fast path (functions flagged fast): the same parts prefixed f, and a
#   term of its condition (fastc, " && 0" when the kind has none): predefined
#   handles and in-bounds pointers, table loads and compares, no call.
# With a fast path, ms_MPI_Name is the fast path and reaches the general path
# ms_slow_MPI_Name, which has the same parameters, by a tail call (no
# register is kept for it); without, ms_MPI_Name is the general path.
# Handles are looked up before the rest, communicators first, so that every
# later error goes to the right communicator's handler (eh).
function emit_c(    f) {
  banner("ms_api_gen.c")
  print "#include \"ms_gen.h\""
  for (f = 1; f <= nf; f++) if (body[f] == "gen") emit_fn(f)
}

# The C expression of a length or count: a parameter name, or a product.
function cexpr(f, s,    n, parts, i, r) {
  n = split(s, parts, "*")
  r = ""
  for (i = 1; i <= n; i++) {
    if (!((f, parts[i]) in pidx) && parts[i] !~ /^[0-9]+$/)
      die(name[f] ": cannot generate length " s)
    r = r (i > 1 ? " * " : "") (parts[i] ~ /^[0-9]+$/ ? parts[i] : "(int64_t)" parts[i])
  }
  return r
}

function arglist(f, fastv,    k, s) {
  s = ""
  for (k = 1; k <= np[f]; k++) s = s (k > 1 ? ", " : "") (fastv ? farg[k] : arg[k])
  return s
}
function paramnames(f,    k, s) {
  s = "vm"
  for (k = 1; k <= np[f]; k++) s = s ", " pn[f, k]
  return s
}

function emit_fn(f,    k) {
  at = line[f]
  for (k = 1; k <= np[f]; k++) pidx[f, pn[f, k]] = k
  decl = ""; slow = ""; pre = ""; always = ""; fail = ""; ok = ""; last = ""
  fdecl = ""; fastc = ""; fpre = ""; falways = ""; ffail = ""; fok = ""; flast = ""
  ehv = eh[f]
  parent = ""
  for (k = 1; k <= np[f]; k++)
    if ((pbase[f, k] == "comm" || pbase[f, k] == "intercomm") && pmode[f, k] == "in" && plen[f, k] == "") {
      if (parent == "") parent = pn[f, k]
    }
  if (ehv == "") ehv = parent
  if (ehv == "world") ehv = ""
  for (ph = 1; ph <= 3; ph++)
    for (k = 1; k <= np[f]; k++) {
      if (kind_phase(f, k) != ph) continue
      if (!gen_kind(f, k)) die(name[f] ": kind " pk[f, k] " is not generated")
    }
  # The kind of the error handler's communicator sets eh as soon as it is
  # looked up, so that every later check raises on that communicator.
  if (ehv != "" && index(slow, "  eh = c_" ehv ";\n") == 0)
    die(name[f] ": no kind sets eh to the communicator " ehv)

  print ""
  if (ret[f] == "double") {
    # A query of the host that cannot fail (MPI_Wtime, MPI_Wtick).
    if (np[f] || frees[f]) die(name[f] ": a double result takes no parameters")
    print ret_host(f) " ms_" name[f] "(" host_params(f) ") {"
    print "  (void)vm;"
    print "  return " host[f] "();"
    print "}"
    return
  }
  if (ret[f] == "aint") {
    # Address arithmetic that cannot fail (MPI_Aint_add, MPI_Aint_diff):
    # the value of the function it names, on the arguments as the kinds
    # pass them.
    if (frees[f] || decl slow pre always fail ok last != "") die(name[f] ": an aint result takes plain arguments only")
    print ret_host(f) " ms_" name[f] "(" host_params(f) ") {"
    print "  (void)vm;"
    print "  return " host[f] "(" arglist(f, 0) ");"
    print "}"
    return
  }
  if (fast[f]) {
    if (fastc ~ /&& 0/) die(name[f] ": flag fast on a kind that has no fast path")
    print "static __attribute__((noinline, cold)) int32_t ms_slow_" name[f] "(" host_params(f) ") {"
  } else {
    print "int32_t ms_" name[f] "(" host_params(f) ") {"
    if (frees[f]) print "  MS_NO_REENTRY(vm, \"" name[f] "\");"
  }
  print "  static const char fn[] = \"" name[f] "\";"
  print "  ms_comm *eh = NULL;"
  print "  int cls;"
  printf "%s", decl
  printf "%s", slow
  print "  (void)cls, (void)eh;"
  printf "%s", pre
  print "  int rc = " host[f] "(" arglist(f, 0) ");"
  printf "%s", always
  if (last ~ /^CM_END:/) { sub(/^CM_END:/, "", last); printf "%s}\n", last }
  else {
    print "  if (__builtin_expect(rc != MPI_SUCCESS, 0)) {"
    printf "%s", fail
    print "    return ms_check(vm, eh, rc, fn);"
    print "  }"
    printf "%s", ok
    if (last != "") printf "%s", last
    else print "  return 0;"
    print "}"
  }
  if (!fast[f]) return

  print "int32_t ms_" name[f] "(" host_params(f) ") {"
  if (frees[f]) print "  MS_NO_REENTRY(vm, \"" name[f] "\");"
  print "  static const char fn[] = \"" name[f] "\";"
  print "  int cls;"
  printf "%s", fdecl
  print "  if (__builtin_expect(!(1" fastc "), 0)) return ms_slow_" name[f] "(" paramnames(f) ");"
  print "  (void)cls;"
  printf "%s", fpre
  print "  int rc = " host[f] "(" arglist(f, 1) ");"
  printf "%s", falways
  if (flast ~ /^CM_END:/) { sub(/^CM_END:/, "", flast); printf "%s}\n", flast; return }
  print "  if (__builtin_expect(rc != MPI_SUCCESS, 0)) {"
  printf "%s", ffail
  if (parent != "") print "    return ms_fast_fail(vm, " parent ", rc, fn);"
  else print "    return ms_check(vm, NULL, rc, fn);"
  print "  }"
  printf "%s", fok
  if (flast != "") printf "%s", flast
  else print "  return 0;"
  print "}"
}
