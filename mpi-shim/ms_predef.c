/* ms_predef.c — the records behind the ABI's predefined handles.
 *
 * Datatypes carry the guest's sizes: on wasm32 long is 32-bit (host int32),
 * MPI_Aint is 32-bit, long double is IEEE binary128 (16 bytes, no host
 * arithmetic for it: the host's long double types where their size and
 * extent match, else bytes; marked transport-only, which reductions refuse).  Each predefined type's size, extent and true extent
 * are checked against the host after MPI_Init; a type the host cannot carry
 * with the guest's layout is withdrawn (its handle is then invalid) rather
 * than sent with the wrong size. */
#include <string.h>

#include "ms_core.h"

enum { PLAIN = 0, ALIAS = 1, TRANSPORT = 2, NONE = 4 };

struct tdef {
  uint16_t abi;
  uint8_t flags;
  uint8_t size, extent, true_extent; /* the guest's; true_lb is 0 for all */
  MPI_Datatype host;                 /* filled at init: not all hosts' handles are constants */
};

/* The host type of each guest type, or NULL when the host has none. */
static MPI_Datatype host_of(uint16_t abi) {
  switch (abi) {
  case ABI_AINT: return MPI_INT32_T;
  case ABI_COUNT: return MPI_INT64_T;
  case ABI_OFFSET: return MPI_INT64_T;
  case ABI_PACKED: return MPI_PACKED;
  case ABI_SHORT: return MPI_SHORT;
  case ABI_INT: return MPI_INT;
  case ABI_LONG: return MPI_INT32_T;
  case ABI_LONG_LONG: return MPI_LONG_LONG;
  case ABI_UNSIGNED_SHORT: return MPI_UNSIGNED_SHORT;
  case ABI_UNSIGNED: return MPI_UNSIGNED;
  case ABI_UNSIGNED_LONG: return MPI_UINT32_T;
  case ABI_UNSIGNED_LONG_LONG: return MPI_UNSIGNED_LONG_LONG;
  case ABI_FLOAT: return MPI_FLOAT;
  case ABI_C_FLOAT_COMPLEX: return MPI_C_FLOAT_COMPLEX;
  case ABI_CXX_FLOAT_COMPLEX: return MPI_CXX_FLOAT_COMPLEX;
  case ABI_DOUBLE: return MPI_DOUBLE;
  case ABI_C_DOUBLE_COMPLEX: return MPI_C_DOUBLE_COMPLEX;
  case ABI_CXX_DOUBLE_COMPLEX: return MPI_CXX_DOUBLE_COMPLEX;
  case ABI_LOGICAL: return MPI_LOGICAL;
  case ABI_INTEGER: return MPI_INTEGER;
  case ABI_REAL: return MPI_REAL;
  case ABI_COMPLEX: return MPI_COMPLEX;
  case ABI_DOUBLE_PRECISION: return MPI_DOUBLE_PRECISION;
  case ABI_DOUBLE_COMPLEX: return MPI_DOUBLE_COMPLEX;
  case ABI_FLOAT_INT: return MPI_FLOAT_INT;
  case ABI_DOUBLE_INT: return MPI_DOUBLE_INT;
  case ABI_LONG_INT: return MPI_2INT;
  case ABI_2INT: return MPI_2INT;
  case ABI_SHORT_INT: return MPI_SHORT_INT;
  case ABI_2REAL: return MPI_2REAL;
  case ABI_2DOUBLE_PRECISION: return MPI_2DOUBLE_PRECISION;
  case ABI_2INTEGER: return MPI_2INTEGER;
  case ABI_C_BOOL: return MPI_C_BOOL;
  case ABI_CXX_BOOL: return MPI_CXX_BOOL;
  case ABI_WCHAR: return MPI_WCHAR;
  case ABI_INT8_T: return MPI_INT8_T;
  case ABI_UINT8_T: return MPI_UINT8_T;
  case ABI_CHAR: return MPI_CHAR;
  case ABI_SIGNED_CHAR: return MPI_SIGNED_CHAR;
  case ABI_UNSIGNED_CHAR: return MPI_UNSIGNED_CHAR;
  case ABI_BYTE: return MPI_BYTE;
  case ABI_INT16_T: return MPI_INT16_T;
  case ABI_UINT16_T: return MPI_UINT16_T;
  case ABI_INT32_T: return MPI_INT32_T;
  case ABI_UINT32_T: return MPI_UINT32_T;
  case ABI_INT64_T: return MPI_INT64_T;
  case ABI_UINT64_T: return MPI_UINT64_T;
  /* binary128 in the guest: the host's long double types carry the bytes
   * with the right size and alignment (struct extents come out as the
   * guest's C); their arithmetic is never used (transport_only). */
  case ABI_LONG_DOUBLE: return MPI_LONG_DOUBLE;
  case ABI_C_LONG_DOUBLE_COMPLEX: return MPI_C_LONG_DOUBLE_COMPLEX;
  case ABI_CXX_LONG_DOUBLE_COMPLEX: return MPI_CXX_LONG_DOUBLE_COMPLEX;
  case ABI_LONG_DOUBLE_INT: return MPI_LONG_DOUBLE_INT;
#ifdef MPI_REAL16
  case ABI_REAL16: return MPI_REAL16;
#endif
#ifdef MPI_COMPLEX32
  case ABI_COMPLEX32: return MPI_COMPLEX32;
#endif
#ifdef MPI_LOGICAL1
  case ABI_LOGICAL1: return MPI_LOGICAL1;
#endif
#ifdef MPI_INTEGER1
  case ABI_INTEGER1: return MPI_INTEGER1;
#endif
  case ABI_CHARACTER: return MPI_CHARACTER;
#ifdef MPI_LOGICAL2
  case ABI_LOGICAL2: return MPI_LOGICAL2;
#endif
#ifdef MPI_INTEGER2
  case ABI_INTEGER2: return MPI_INTEGER2;
#endif
#ifdef MPI_REAL2
  case ABI_REAL2: return MPI_REAL2;
#endif
#ifdef MPI_LOGICAL4
  case ABI_LOGICAL4: return MPI_LOGICAL4;
#endif
#ifdef MPI_INTEGER4
  case ABI_INTEGER4: return MPI_INTEGER4;
#endif
#ifdef MPI_REAL4
  case ABI_REAL4: return MPI_REAL4;
#endif
#ifdef MPI_COMPLEX4
  case ABI_COMPLEX4: return MPI_COMPLEX4;
#endif
#ifdef MPI_LOGICAL8
  case ABI_LOGICAL8: return MPI_LOGICAL8;
#endif
#ifdef MPI_INTEGER8
  case ABI_INTEGER8: return MPI_INTEGER8;
#endif
#ifdef MPI_REAL8
  case ABI_REAL8: return MPI_REAL8;
#endif
#ifdef MPI_COMPLEX8
  case ABI_COMPLEX8: return MPI_COMPLEX8;
#endif
#ifdef MPI_LOGICAL16
  case ABI_LOGICAL16: return MPI_LOGICAL16;
#endif
#ifdef MPI_INTEGER16
  case ABI_INTEGER16: return MPI_INTEGER16;
#endif
#ifdef MPI_COMPLEX16
  case ABI_COMPLEX16: return MPI_COMPLEX16;
#endif
  default: return MPI_DATATYPE_NULL;
  }
}

static struct tdef types[] = {
  {ABI_AINT, ALIAS, 4, 4, 4}, {ABI_COUNT, ALIAS, 8, 8, 8}, {ABI_OFFSET, ALIAS, 8, 8, 8},
  {ABI_PACKED, PLAIN, 1, 1, 1}, {ABI_SHORT, PLAIN, 2, 2, 2}, {ABI_INT, PLAIN, 4, 4, 4},
  {ABI_LONG, ALIAS, 4, 4, 4}, {ABI_LONG_LONG, PLAIN, 8, 8, 8},
  {ABI_UNSIGNED_SHORT, PLAIN, 2, 2, 2}, {ABI_UNSIGNED, PLAIN, 4, 4, 4},
  {ABI_UNSIGNED_LONG, ALIAS, 4, 4, 4}, {ABI_UNSIGNED_LONG_LONG, PLAIN, 8, 8, 8},
  {ABI_FLOAT, PLAIN, 4, 4, 4}, {ABI_C_FLOAT_COMPLEX, PLAIN, 8, 8, 8},
  {ABI_CXX_FLOAT_COMPLEX, PLAIN, 8, 8, 8}, {ABI_DOUBLE, PLAIN, 8, 8, 8},
  {ABI_C_DOUBLE_COMPLEX, PLAIN, 16, 16, 16}, {ABI_CXX_DOUBLE_COMPLEX, PLAIN, 16, 16, 16},
  {ABI_LOGICAL, PLAIN, 4, 4, 4}, {ABI_INTEGER, PLAIN, 4, 4, 4}, {ABI_REAL, PLAIN, 4, 4, 4},
  {ABI_COMPLEX, PLAIN, 8, 8, 8}, {ABI_DOUBLE_PRECISION, PLAIN, 8, 8, 8},
  {ABI_DOUBLE_COMPLEX, PLAIN, 16, 16, 16},
  {ABI_LONG_DOUBLE, TRANSPORT, 16, 16, 16},
  {ABI_C_LONG_DOUBLE_COMPLEX, TRANSPORT, 32, 32, 32},
  {ABI_CXX_LONG_DOUBLE_COMPLEX, TRANSPORT, 32, 32, 32},
  /* pairs for MINLOC/MAXLOC: {value, int} with the guest's padding */
  {ABI_FLOAT_INT, PLAIN, 8, 8, 8}, {ABI_DOUBLE_INT, PLAIN, 12, 16, 12},
  {ABI_LONG_INT, ALIAS, 8, 8, 8}, {ABI_2INT, PLAIN, 8, 8, 8}, {ABI_SHORT_INT, PLAIN, 6, 8, 8},
  {ABI_LONG_DOUBLE_INT, TRANSPORT, 20, 32, 20},
  {ABI_2REAL, PLAIN, 8, 8, 8}, {ABI_2DOUBLE_PRECISION, PLAIN, 16, 16, 16},
  {ABI_2INTEGER, PLAIN, 8, 8, 8},
  {ABI_C_BOOL, PLAIN, 1, 1, 1}, {ABI_CXX_BOOL, PLAIN, 1, 1, 1}, {ABI_WCHAR, PLAIN, 4, 4, 4},
  {ABI_INT8_T, PLAIN, 1, 1, 1}, {ABI_UINT8_T, PLAIN, 1, 1, 1}, {ABI_CHAR, PLAIN, 1, 1, 1},
  {ABI_SIGNED_CHAR, PLAIN, 1, 1, 1}, {ABI_UNSIGNED_CHAR, PLAIN, 1, 1, 1},
  {ABI_BYTE, PLAIN, 1, 1, 1}, {ABI_INT16_T, PLAIN, 2, 2, 2}, {ABI_UINT16_T, PLAIN, 2, 2, 2},
  {ABI_INT32_T, PLAIN, 4, 4, 4}, {ABI_UINT32_T, PLAIN, 4, 4, 4},
  {ABI_INT64_T, PLAIN, 8, 8, 8}, {ABI_UINT64_T, PLAIN, 8, 8, 8},
  /* Fortran sized types: where the host has them */
  {ABI_LOGICAL1, PLAIN, 1, 1, 1}, {ABI_INTEGER1, PLAIN, 1, 1, 1}, {ABI_CHARACTER, PLAIN, 1, 1, 1},
  {ABI_LOGICAL2, PLAIN, 2, 2, 2}, {ABI_INTEGER2, PLAIN, 2, 2, 2}, {ABI_REAL2, PLAIN, 2, 2, 2},
  {ABI_LOGICAL4, PLAIN, 4, 4, 4}, {ABI_INTEGER4, PLAIN, 4, 4, 4}, {ABI_REAL4, PLAIN, 4, 4, 4},
  {ABI_COMPLEX4, PLAIN, 4, 4, 4}, {ABI_LOGICAL8, PLAIN, 8, 8, 8}, {ABI_INTEGER8, PLAIN, 8, 8, 8},
  {ABI_REAL8, PLAIN, 8, 8, 8}, {ABI_COMPLEX8, PLAIN, 8, 8, 8},
  {ABI_LOGICAL16, PLAIN, 16, 16, 16}, {ABI_INTEGER16, PLAIN, 16, 16, 16},
  /* binary128: transport only, as long double */
  {ABI_REAL16, TRANSPORT, 16, 16, 16}, {ABI_COMPLEX16, PLAIN, 16, 16, 16},
  {ABI_COMPLEX32, TRANSPORT, 32, 32, 32},
};
#define NTYPES (sizeof types / sizeof types[0])
static ms_type type_recs[NTYPES];

static ms_comm comm_world, comm_self;
static MPI_Group group_empty;
static MPI_Info info_env;
static MPI_Message message_no_proc;
static ms_errhandler eh_fatal, eh_return, eh_abort;

static const struct { uint16_t abi; } op_list[] = {
  {ABI_SUM}, {ABI_MIN}, {ABI_MAX}, {ABI_PROD}, {ABI_BAND}, {ABI_BOR}, {ABI_BXOR}, {ABI_LAND},
  {ABI_LOR}, {ABI_LXOR}, {ABI_MINLOC}, {ABI_MAXLOC}, {ABI_REPLACE}, {ABI_NO_OP},
};
#define NOPS (sizeof op_list / sizeof op_list[0])
static ms_op op_recs[NOPS];

static MPI_Op host_op(uint16_t abi) {
  switch (abi) {
  case ABI_SUM: return MPI_SUM;
  case ABI_MIN: return MPI_MIN;
  case ABI_MAX: return MPI_MAX;
  case ABI_PROD: return MPI_PROD;
  case ABI_BAND: return MPI_BAND;
  case ABI_BOR: return MPI_BOR;
  case ABI_BXOR: return MPI_BXOR;
  case ABI_LAND: return MPI_LAND;
  case ABI_LOR: return MPI_LOR;
  case ABI_LXOR: return MPI_LXOR;
  case ABI_MINLOC: return MPI_MINLOC;
  case ABI_MAXLOC: return MPI_MAXLOC;
  case ABI_REPLACE: return MPI_REPLACE;
  default: return MPI_NO_OP;
  }
}

/* The fast path's tables (ms_fast.h) follow ms_predef: a communicator, or a
 * datatype with dense elements, under its handle; NULL elsewhere. */
ms_comm *ms_fast_comms[ABI_PREDEF_LIMIT];
const ms_type *ms_fast_types[ABI_PREDEF_LIMIT];
static void sync_fast(ms_gh h) {
  const struct ms_predef_entry *p = &ms_predef[h];
  const ms_type *t = p->rec;
  ms_fast_comms[h] = p->kind == MS_COMM + 1 ? p->rec : NULL;
  ms_fast_types[h] = p->kind == MS_TYPE + 1 && t->fast_extent ? t : NULL;
}

static void put(ms_gh h, enum ms_kind k, void *rec) {
  ms_predef[h].kind = (uint8_t)(k + 1);
  ms_predef[h].rec = rec;
  sync_fast(h);
}

static bool predef_ready;

ms_comm *ms_comm_world(void) {
  ms_predef_init();
  return &comm_world;
}

void ms_predef_init(void) {
  if (predef_ready) return;
  predef_ready = true;
  comm_world = (ms_comm){.host = MPI_COMM_WORLD, .errhandler = ABI_ERRORS_ARE_FATAL};
  comm_self = (ms_comm){.host = MPI_COMM_SELF, .errhandler = ABI_ERRORS_ARE_FATAL};
  put(ABI_COMM_WORLD, MS_COMM, &comm_world);
  put(ABI_COMM_SELF, MS_COMM, &comm_self);
  group_empty = MPI_GROUP_EMPTY;
  put(ABI_GROUP_EMPTY, MS_GROUP, &group_empty);
  info_env = MPI_INFO_ENV;
  put(ABI_INFO_ENV, MS_INFO, &info_env);
  message_no_proc = MPI_MESSAGE_NO_PROC;
  put(ABI_MESSAGE_NO_PROC, MS_MESSAGE, &message_no_proc);
  /* The host has no MPI_ERRORS_ABORT (Open MPI 4.1); host comms keep
   * ERRORS_RETURN anyway, ms_raise applies the guest's choice. */
  eh_fatal = (ms_errhandler){.host = MPI_ERRORS_ARE_FATAL};
  eh_return = (ms_errhandler){.host = MPI_ERRORS_RETURN};
  eh_abort = (ms_errhandler){.host = MPI_ERRORS_ARE_FATAL};
  put(ABI_ERRORS_ARE_FATAL, MS_ERRHANDLER, &eh_fatal);
  put(ABI_ERRORS_RETURN, MS_ERRHANDLER, &eh_return);
  put(ABI_ERRORS_ABORT, MS_ERRHANDLER, &eh_abort);
  for (size_t i = 0; i < NOPS; i++) {
    op_recs[i] = (ms_op){.host = host_op(op_list[i].abi), .predefined = true, .commute = 1};
    put(op_list[i].abi, MS_OP, &op_recs[i]);
  }
  for (size_t i = 0; i < NTYPES; i++) {
    struct tdef *d = &types[i];
    d->host = host_of(d->abi);
    if (!(d->flags & TRANSPORT) && d->host == MPI_DATATYPE_NULL) d->flags |= NONE;
    type_recs[i] = (ms_type){.host = d->host, .size = d->size, .lb = 0, .extent = d->extent,
                             .true_lb = 0, .true_extent = d->true_extent, .committed = true,
                             .predefined = true, .transport_only = (d->flags & TRANSPORT) != 0,
                             .fast_extent = d->true_extent == d->extent ? d->extent : 0};
    /* Transport types get their host type at MPI_Init. */
    if (d->flags & (NONE | TRANSPORT)) continue;
    put(d->abi, MS_TYPE, &type_recs[i]);
    ms_predef[d->abi].alias = (d->flags & ALIAS) != 0;
  }
}

static bool layout_ok(MPI_Datatype host, const ms_type *t) {
  MPI_Count size, lb, ext, tlb, text;
  return host != MPI_DATATYPE_NULL && MPI_Type_size_x(host, &size) == MPI_SUCCESS &&
         MPI_Type_get_extent_x(host, &lb, &ext) == MPI_SUCCESS &&
         MPI_Type_get_true_extent_x(host, &tlb, &text) == MPI_SUCCESS && size == t->size &&
         lb == 0 && ext == t->extent && tlb == 0 && text == t->true_extent;
}

/* Bytes of the guest's layout, for a host whose own long double types
 * differ from binary128's size (their alignment is then only 1). */
static int byte_type(const struct tdef *d, MPI_Datatype *out) {
  int rc;
  if (d->abi == ABI_LONG_DOUBLE_INT) {
    int lens[2] = {16, 1};
    MPI_Aint disps[2] = {0, 16};
    MPI_Datatype ts[2] = {MPI_BYTE, MPI_INT}, s;
    rc = MPI_Type_create_struct(2, lens, disps, ts, &s);
    if (rc != MPI_SUCCESS) return rc;
    rc = MPI_Type_create_resized(s, 0, d->extent, out);
    MPI_Type_free(&s);
  } else {
    rc = MPI_Type_contiguous(d->size, MPI_BYTE, out);
  }
  return rc == MPI_SUCCESS ? MPI_Type_commit(out) : rc;
}

int ms_predef_init_host(void) {
  ms_predef_init();
  for (size_t i = 0; i < NTYPES; i++) {
    struct tdef *d = &types[i];
    ms_type *t = &type_recs[i];
    if (d->flags & NONE) continue;
    if (d->flags & TRANSPORT) {
      if (!layout_ok(t->host, t)) {
        int rc = byte_type(d, &t->host);
        if (rc != MPI_SUCCESS) return rc;
      }
      put(d->abi, MS_TYPE, t);
    }
    if (!layout_ok(t->host, t)) {
      ms_predef[d->abi].kind = 0; /* withdrawn: the host would move the wrong bytes */
      ms_predef[d->abi].rec = NULL;
      sync_fast(d->abi);
    }
  }
  return MPI_SUCCESS;
}

/* 1 if the predefined datatype h is usable (tests, MPI_Abi_get_info). */
bool ms_predef_type_ok(ms_gh h) {
  return h < ABI_PREDEF_LIMIT && ms_predef[h].kind == MS_TYPE + 1;
}
