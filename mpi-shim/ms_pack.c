/* ms_pack.c — MPI_Pack, MPI_Unpack, MPI_Pack_size and their external32
 * forms.  Besides the typed buffer (ms_buffer), the packed buffer
 * [buf, buf + size) must lie in guest memory, the position (a guest int, or
 * a 32-bit MPI_Aint for external32) within it, and the data must fit in what
 * is left: then host MPI stays inside the packed buffer whatever it does.
 *
 * hand-written: MPI_Pack, MPI_Unpack, MPI_Pack_external, MPI_Unpack_external
 * (the packed buffer, the position in it and the fit of the data are checked
 * together), MPI_Pack_size, MPI_Pack_external_size (sizes checked against
 * the int or 32-bit MPI_Aint result: MPI_ERR_VALUE_TOO_LARGE, which host MPI
 * has no code for). */
#include <limits.h>
#include <string.h>

#include "ms_type.h"

/* The records behind a pack call's handles (c NULL: no communicator), or a
 * raised class. */
static int handles(V *vm, const char *fn, G type, G comm, ms_type **t, ms_comm **c) {
  if (c && ms_comm_get(comm, c))
    return ms_raise(vm, NULL, ABI_ERR_COMM, fn, "invalid communicator handle 0x%x", (unsigned)comm);
  if (ms_type_get_committed(type, t))
    return ms_raise(vm, c ? *c : NULL, ABI_ERR_TYPE, fn, "datatype 0x%x is %s", (unsigned)type,
                    *t ? "not committed" : "invalid");
  return 0;
}

/* The packed buffer and the position in it: 0 or a raised class. */
static int packed(V *vm, const char *fn, ms_comm *c, G buf, int64_t size, int64_t pos) {
  if (size < 0) return ms_raise(vm, c, ABI_ERR_ARG, fn, "negative buffer size %lld", (long long)size);
  if (!ms_in_mem(vm, buf, (uint64_t)size))
    return ms_raise(vm, c, ABI_ERR_BUFFER, fn, "packed buffer 0x%x of %lld bytes leaves guest memory",
                    (unsigned)buf, (long long)size);
  if (pos < 0 || pos > size)
    return ms_raise(vm, c, ABI_ERR_ARG, fn, "position %lld is outside the %lld-byte buffer",
                    (long long)pos, (long long)size);
  return 0;
}

/* count elements of t, `unit` packed bytes each, must fit in size - pos. */
static int fits(V *vm, const char *fn, ms_comm *c, int64_t count, int64_t unit, int64_t size,
                int64_t pos) {
  if ((__int128)count * unit <= size - pos) return 0;
  return ms_raise(vm, c, ABI_ERR_TRUNCATE, fn, "%lld elements of %lld bytes do not fit in %lld bytes",
                  (long long)count, (long long)unit, (long long)(size - pos));
}

static int typed(V *vm, const char *fn, ms_comm *c, G buf, I count, const ms_type *t, void **host) {
  int cls = ms_buffer(vm, buf, count, t, host);
  if (!cls) return 0;
  return ms_raise(vm, c, cls, fn, "%d elements at 0x%x: %s", count, (unsigned)buf,
                  cls == ABI_ERR_COUNT ? "negative count" : "the buffer leaves guest memory");
}

int32_t ms_MPI_Pack(V *vm, uint32_t inbuf, int32_t incount, uint32_t type, uint32_t outbuf, int32_t outsize, uint32_t position, uint32_t comm) {
  static const char fn[] = "MPI_Pack";
  ms_type *t;
  ms_comm *c;
  void *in;
  int cls;
  if ((cls = handles(vm, fn, type, comm, &t, &c))) return cls;
  if (!ms_in_mem(vm, position, 4)) return MS_BADPTR(vm, fn, "position", position);
  int pos = ms_get32(vm, position);
  if ((cls = typed(vm, fn, c, inbuf, incount, t, &in)) ||
      (cls = packed(vm, fn, c, outbuf, outsize, pos)) ||
      (cls = fits(vm, fn, c, incount, t->size, outsize, pos)))
    return cls;
  int rc = MPI_Pack(in, incount, t->host, vm->mem_base + outbuf, outsize, &pos, c->host);
  if (rc != MPI_SUCCESS) return ms_check(vm, c, rc, fn);
  ms_put32(vm, position, pos);
  return 0;
}

int32_t ms_MPI_Unpack(V *vm, uint32_t inbuf, int32_t insize, uint32_t position, uint32_t outbuf, int32_t outcount, uint32_t type, uint32_t comm) {
  static const char fn[] = "MPI_Unpack";
  ms_type *t;
  ms_comm *c;
  void *out;
  int cls;
  if ((cls = handles(vm, fn, type, comm, &t, &c))) return cls;
  if (!ms_in_mem(vm, position, 4)) return MS_BADPTR(vm, fn, "position", position);
  int pos = ms_get32(vm, position);
  if ((cls = packed(vm, fn, c, inbuf, insize, pos)) ||
      (cls = typed(vm, fn, c, outbuf, outcount, t, &out)))
    return cls;
  int rc = MPI_Unpack(vm->mem_base + inbuf, insize, &pos, out, outcount, t->host, c->host);
  if (rc != MPI_SUCCESS) return ms_check(vm, c, rc, fn);
  ms_put32(vm, position, pos);
  return 0;
}

int32_t ms_MPI_Pack_size(V *vm, int32_t incount, uint32_t type, uint32_t comm, uint32_t size) {
  static const char fn[] = "MPI_Pack_size";
  ms_type *t;
  ms_comm *c;
  if (ms_comm_get(comm, &c))
    return ms_raise(vm, NULL, ABI_ERR_COMM, fn, "invalid communicator handle 0x%x", (unsigned)comm);
  if (ms_type_get(type, &t))
    return ms_raise(vm, c, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x", (unsigned)type);
  if (incount < 0) return ms_raise(vm, c, ABI_ERR_COUNT, fn, "negative count %d", incount);
  if (!ms_in_mem(vm, size, 4)) return MS_BADPTR(vm, fn, "size", size);
  /* the host multiplies in int and would wrap */
  if ((__int128)incount * t->size > INT_MAX)
    return ms_raise(vm, c, ABI_ERR_VALUE_TOO_LARGE, fn, "%d elements of %lld bytes exceed an int",
                    incount, (long long)t->size);
  int n;
  int rc = MPI_Pack_size(incount, t->host, c->host, &n);
  if (rc != MPI_SUCCESS) return ms_check(vm, c, rc, fn);
  ms_put32(vm, size, n);
  return 0;
}

/* ---- external32 ---- */

/* The datarep must be "external32"; transport-only types have no host
 * conversion (the host would read binary128 long doubles as its own). */
static int external(V *vm, const char *fn, G datarep, const ms_type *t) {
  const char *s = ms_gstr(vm, datarep, ABI_MAX_DATAREP_STRING);
  if (!s || strcmp(s, "external32") != 0)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "datarep 0x%x is not \"external32\"", (unsigned)datarep);
  if (t->transport_only)
    return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "this datatype has no external32 conversion here");
  return 0;
}

/* The external32 size of one element of t (host), or -1. */
static int64_t unit32(const ms_type *t) {
  MPI_Aint n;
  return MPI_Pack_external_size("external32", 1, t->host, &n) == MPI_SUCCESS ? n : -1;
}

static int unit_ok(V *vm, const char *fn, int64_t unit) {
  return unit < 0 ? ms_raise(vm, NULL, ABI_ERR_INTERN, fn, "host MPI gives no external32 size") : 0;
}

int32_t ms_MPI_Pack_external(V *vm, uint32_t datarep, uint32_t inbuf, int32_t incount, uint32_t type, uint32_t outbuf, int32_t outsize, uint32_t position) {
  static const char fn[] = "MPI_Pack_external";
  ms_type *t;
  void *in;
  int cls;
  if ((cls = handles(vm, fn, type, 0, &t, NULL)) || (cls = external(vm, fn, datarep, t))) return cls;
  if (!ms_in_mem(vm, position, 4)) return MS_BADPTR(vm, fn, "position", position);
  MPI_Aint pos = ms_get32(vm, position); /* a guest MPI_Aint */
  int64_t unit = unit32(t);
  if ((cls = typed(vm, fn, NULL, inbuf, incount, t, &in)) ||
      (cls = packed(vm, fn, NULL, outbuf, outsize, pos)) || (cls = unit_ok(vm, fn, unit)) ||
      (cls = fits(vm, fn, NULL, incount, unit, outsize, pos)))
    return cls;
  int rc = MPI_Pack_external("external32", in, incount, t->host, vm->mem_base + outbuf, outsize,
                             &pos);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  ms_put32(vm, position, (int32_t)pos);
  return 0;
}

int32_t ms_MPI_Unpack_external(V *vm, uint32_t datarep, uint32_t inbuf, int32_t insize, uint32_t position, uint32_t outbuf, int32_t outcount, uint32_t type) {
  static const char fn[] = "MPI_Unpack_external";
  ms_type *t;
  void *out;
  int cls;
  if ((cls = handles(vm, fn, type, 0, &t, NULL)) || (cls = external(vm, fn, datarep, t))) return cls;
  if (!ms_in_mem(vm, position, 4)) return MS_BADPTR(vm, fn, "position", position);
  MPI_Aint pos = ms_get32(vm, position);
  if ((cls = packed(vm, fn, NULL, inbuf, insize, pos)) ||
      (cls = typed(vm, fn, NULL, outbuf, outcount, t, &out)))
    return cls;
  int rc = MPI_Unpack_external("external32", vm->mem_base + inbuf, insize, &pos, out, outcount,
                               t->host);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  ms_put32(vm, position, (int32_t)pos);
  return 0;
}

int32_t ms_MPI_Pack_external_size(V *vm, uint32_t datarep, int32_t incount, uint32_t type, uint32_t size) {
  static const char fn[] = "MPI_Pack_external_size";
  ms_type *t;
  if (ms_type_get(type, &t))
    return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x", (unsigned)type);
  int cls = external(vm, fn, datarep, t);
  if (cls) return cls;
  if (incount < 0) return ms_raise(vm, NULL, ABI_ERR_COUNT, fn, "negative count %d", incount);
  if (!ms_in_mem(vm, size, 4)) return MS_BADPTR(vm, fn, "size", size);
  int64_t unit = unit32(t);
  if ((cls = unit_ok(vm, fn, unit))) return cls;
  __int128 n = (__int128)incount * unit;
  if (n > INT32_MAX)
    return ms_raise(vm, NULL, ABI_ERR_VALUE_TOO_LARGE, fn,
                    "%d elements of %lld bytes exceed a 32-bit MPI_Aint", incount, (long long)unit);
  ms_put32(vm, size, (int32_t)n);
  return 0;
}
