/* mpi_abi_check.h — compile-time checks of mpi.h against the MPI 5.0 ABI on
 * wasm32: the layout of the ABI's types and the properties the standard
 * requires of its constants.  Included at the end of mpi.h.  Uses
 * static_assert (C++11), _Static_assert (C11), else a negative-size array
 * typedef (C99). */
#ifndef MPI_ABI_CHECK_H_WASM2SO
#define MPI_ABI_CHECK_H_WASM2SO

#include <stddef.h>

#if defined(__cplusplus) && __cplusplus >= 201103L
#define MPI_ABI_ASSERT_(cond, msg) static_assert(cond, msg)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define MPI_ABI_ASSERT_(cond, msg) _Static_assert(cond, msg)
#else
#define MPI_ABI_CAT2_(a, b) a##b
#define MPI_ABI_CAT_(a, b) MPI_ABI_CAT2_(a, b)
#define MPI_ABI_ASSERT_(cond, msg) \
  typedef char MPI_ABI_CAT_(mpi_abi_assert_line_, __LINE__)[(cond) ? 1 : -1]
#endif

/* Integer types: MPI_Aint is pointer-sized (32-bit on wasm32), MPI_Offset
 * and MPI_Count 64-bit. */
MPI_ABI_ASSERT_(sizeof(MPI_Aint) == sizeof(void *), "MPI_Aint is pointer-sized");
#if defined(__wasm32__)
MPI_ABI_ASSERT_(sizeof(MPI_Aint) == 4, "MPI_Aint is 32-bit on wasm32");
MPI_ABI_ASSERT_(sizeof(MPI_Comm) == 4, "handles are 4 bytes on wasm32");
#endif
MPI_ABI_ASSERT_(sizeof(MPI_Offset) == 8, "MPI_Offset is 64-bit");
MPI_ABI_ASSERT_(sizeof(MPI_Count) == 8, "MPI_Count is 64-bit");
MPI_ABI_ASSERT_(sizeof(MPI_Fint) == sizeof(int), "MPI_Fint is a C int");

/* Status: 32 bytes, the public fields at 0, 4, 8. */
MPI_ABI_ASSERT_(sizeof(MPI_Status) == 32, "MPI_Status is 32 bytes");
MPI_ABI_ASSERT_(offsetof(MPI_Status, MPI_SOURCE) == 0, "MPI_SOURCE at 0");
MPI_ABI_ASSERT_(offsetof(MPI_Status, MPI_TAG) == 4, "MPI_TAG at 4");
MPI_ABI_ASSERT_(offsetof(MPI_Status, MPI_ERROR) == 8, "MPI_ERROR at 8");
MPI_ABI_ASSERT_(sizeof(MPI_F08_status) == MPI_F_STATUS_SIZE * sizeof(MPI_Fint),
                "MPI_F08_status is MPI_F_STATUS_SIZE Fortran integers");

/* Handles are opaque pointers of one size. */
MPI_ABI_ASSERT_(sizeof(MPI_Comm) == sizeof(void *) && sizeof(MPI_Datatype) == sizeof(void *) &&
                    sizeof(MPI_Op) == sizeof(void *) && sizeof(MPI_Request) == sizeof(void *) &&
                    sizeof(MPI_Group) == sizeof(void *) && sizeof(MPI_Info) == sizeof(void *) &&
                    sizeof(MPI_Errhandler) == sizeof(void *) &&
                    sizeof(MPI_Message) == sizeof(void *) && sizeof(MPI_Win) == sizeof(void *) &&
                    sizeof(MPI_File) == sizeof(void *) && sizeof(MPI_Session) == sizeof(void *),
                "handles are pointer-sized");

/* Wildcards and sentinels: negative and distinct; MPI_UNDEFINED is far
 * from any rank or tag. */
MPI_ABI_ASSERT_(MPI_ANY_SOURCE == -1 && MPI_ANY_TAG == -2 && MPI_PROC_NULL == -3 &&
                    MPI_ROOT == -4 && MPI_UNDEFINED == -32766,
                "wildcard and sentinel values");

/* Thread levels are monotonic. */
MPI_ABI_ASSERT_(MPI_THREAD_SINGLE < MPI_THREAD_FUNNELED &&
                    MPI_THREAD_FUNNELED < MPI_THREAD_SERIALIZED &&
                    MPI_THREAD_SERIALIZED < MPI_THREAD_MULTIPLE,
                "thread levels are monotonic");

/* Error classes: MPI_SUCCESS is 0, every class lies below MPI_ERR_LASTCODE,
 * which a 16-bit int can hold. */
MPI_ABI_ASSERT_(MPI_SUCCESS == 0, "MPI_SUCCESS is 0");
MPI_ABI_ASSERT_(MPI_ERR_ABI < MPI_ERR_LASTCODE &&
                    MPI_T_ERR_PVAR_NO_ATOMIC < MPI_ERR_LASTCODE && MPI_ERR_LASTCODE <= 32767,
                "error classes below MPI_ERR_LASTCODE");
MPI_ABI_ASSERT_(MPI_ERR_BUFFER == 1 && MPI_ERR_COMM == 5 && MPI_ERR_ARG == 13 &&
                    MPI_ERR_IN_STATUS == 19 && MPI_ERR_WIN == 56 && MPI_ERR_ERRHANDLER == 61 &&
                    MPI_ERR_ABI == 62,
                "error class values");

/* Modes are distinct powers of two, so they can be OR-ed. */
#define MPI_ABI_POW2_(x) ((x) > 0 && ((x) & ((x) - 1)) == 0)
MPI_ABI_ASSERT_(MPI_ABI_POW2_(MPI_MODE_APPEND) && MPI_ABI_POW2_(MPI_MODE_CREATE) &&
                    MPI_ABI_POW2_(MPI_MODE_DELETE_ON_CLOSE) && MPI_ABI_POW2_(MPI_MODE_EXCL) &&
                    MPI_ABI_POW2_(MPI_MODE_RDONLY) && MPI_ABI_POW2_(MPI_MODE_RDWR) &&
                    MPI_ABI_POW2_(MPI_MODE_SEQUENTIAL) && MPI_ABI_POW2_(MPI_MODE_UNIQUE_OPEN) &&
                    MPI_ABI_POW2_(MPI_MODE_WRONLY) && MPI_ABI_POW2_(MPI_MODE_NOCHECK) &&
                    MPI_ABI_POW2_(MPI_MODE_NOPRECEDE) && MPI_ABI_POW2_(MPI_MODE_NOPUT) &&
                    MPI_ABI_POW2_(MPI_MODE_NOSTORE) && MPI_ABI_POW2_(MPI_MODE_NOSUCCEED),
                "modes are powers of two");
MPI_ABI_ASSERT_((MPI_MODE_APPEND | MPI_MODE_CREATE | MPI_MODE_DELETE_ON_CLOSE | MPI_MODE_EXCL |
                 MPI_MODE_RDONLY | MPI_MODE_RDWR | MPI_MODE_SEQUENTIAL | MPI_MODE_UNIQUE_OPEN |
                 MPI_MODE_WRONLY | MPI_MODE_NOCHECK | MPI_MODE_NOPRECEDE | MPI_MODE_NOPUT |
                 MPI_MODE_NOSTORE | MPI_MODE_NOSUCCEED) == 0x7dff,
                "modes are distinct");
#undef MPI_ABI_POW2_

/* Enumerations keep the ABI's values. */
MPI_ABI_ASSERT_(MPI_ORDER_C == 12 && MPI_ORDER_FORTRAN == 15 && MPI_DISTRIBUTE_NONE == 16 &&
                    MPI_DISTRIBUTE_DFLT_DARG == 19,
                "array order and distribution values");
MPI_ABI_ASSERT_(MPI_COMBINER_NAMED == 101 && MPI_COMBINER_RESIZED == 116 &&
                    MPI_COMBINER_VALUE_INDEX == 117,
                "combiner values");
MPI_ABI_ASSERT_(MPI_IDENT == 201 && MPI_CONGRUENT == 202 && MPI_SIMILAR == 203 &&
                    MPI_UNEQUAL == 204,
                "comparison results");
MPI_ABI_ASSERT_(MPI_CART == 211 && MPI_GRAPH == 212 && MPI_DIST_GRAPH == 213,
                "topology types");
MPI_ABI_ASSERT_(MPI_TAG_UB == 501 && MPI_WTIME_IS_GLOBAL == 504 && MPI_WIN_BASE == 601 &&
                    MPI_KEYVAL_INVALID == 0,
                "predefined attribute keys");
MPI_ABI_ASSERT_(MPI_MAX_PROCESSOR_NAME == 256 && MPI_MAX_ERROR_STRING == 512 &&
                    MPI_MAX_OBJECT_NAME == 128 && MPI_MAX_LIBRARY_VERSION_STRING == 8192,
                "string sizes");

#undef MPI_ABI_ASSERT_
#endif
