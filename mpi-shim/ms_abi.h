/* ms_abi.h — the guest's MPI ABI (MPI 5.0 standard ABI on wasm32): the
 * values the guest's mpi.h gives every predefined handle and constant.  The
 * shim compares guest values against these; the host's values come from the
 * host's own <mpi.h>.  Prefix ABI_ (host names keep MPI_). */
#ifndef MS_ABI_H
#define MS_ABI_H

#define ABI_VERSION_MAJOR 1 /* MPI_Abi_get_version */
#define ABI_VERSION_MINOR 0
#define ABI_MPI_VERSION 5   /* MPI_Get_version: the standard the ABI belongs to */
#define ABI_MPI_SUBVERSION 0

/* handles: operations */
#define ABI_OP_NULL                      0x020
#define ABI_SUM                          0x021
#define ABI_MIN                          0x022
#define ABI_MAX                          0x023
#define ABI_PROD                         0x024
#define ABI_BAND                         0x028
#define ABI_BOR                          0x029
#define ABI_BXOR                         0x02a
#define ABI_LAND                         0x030
#define ABI_LOR                          0x031
#define ABI_LXOR                         0x032
#define ABI_MINLOC                       0x038
#define ABI_MAXLOC                       0x039
#define ABI_REPLACE                      0x03c
#define ABI_NO_OP                        0x03d

/* handles: communicators, groups, windows, files, sessions, messages, info, errhandlers */
#define ABI_COMM_NULL                    0x100
#define ABI_COMM_WORLD                   0x101
#define ABI_COMM_SELF                    0x102
#define ABI_GROUP_NULL                   0x108
#define ABI_GROUP_EMPTY                  0x109
#define ABI_WIN_NULL                     0x110
#define ABI_FILE_NULL                    0x118
#define ABI_SESSION_NULL                 0x120
#define ABI_MESSAGE_NULL                 0x128
#define ABI_MESSAGE_NO_PROC              0x129
#define ABI_INFO_NULL                    0x130
#define ABI_INFO_ENV                     0x131
#define ABI_ERRHANDLER_NULL              0x140
#define ABI_ERRORS_ARE_FATAL             0x141
#define ABI_ERRORS_RETURN                0x142
#define ABI_ERRORS_ABORT                 0x143

/* handles: requests */
#define ABI_REQUEST_NULL                 0x180

/* handles: datatypes (value bits encode the type's kind and size) */
#define ABI_DATATYPE_NULL                0x200
#define ABI_AINT                         0x201
#define ABI_COUNT                        0x202
#define ABI_OFFSET                       0x203
#define ABI_PACKED                       0x207
#define ABI_SHORT                        0x208
#define ABI_INT                          0x209
#define ABI_LONG                         0x20a
#define ABI_LONG_LONG                    0x20b
#define ABI_UNSIGNED_SHORT               0x20c
#define ABI_UNSIGNED                     0x20d
#define ABI_UNSIGNED_LONG                0x20e
#define ABI_UNSIGNED_LONG_LONG           0x20f
#define ABI_FLOAT                        0x210
#define ABI_C_FLOAT_COMPLEX              0x212
#define ABI_CXX_FLOAT_COMPLEX            0x213
#define ABI_DOUBLE                       0x214
#define ABI_C_DOUBLE_COMPLEX             0x216
#define ABI_CXX_DOUBLE_COMPLEX           0x217
#define ABI_LOGICAL                      0x218
#define ABI_INTEGER                      0x219
#define ABI_REAL                         0x21a
#define ABI_COMPLEX                      0x21b
#define ABI_DOUBLE_PRECISION             0x21c
#define ABI_DOUBLE_COMPLEX               0x21d
#define ABI_LONG_DOUBLE                  0x220
#define ABI_C_LONG_DOUBLE_COMPLEX        0x224
#define ABI_CXX_LONG_DOUBLE_COMPLEX      0x225
#define ABI_FLOAT_INT                    0x228
#define ABI_DOUBLE_INT                   0x229
#define ABI_LONG_INT                     0x22a
#define ABI_2INT                         0x22b
#define ABI_SHORT_INT                    0x22c
#define ABI_LONG_DOUBLE_INT              0x22d
#define ABI_2REAL                        0x230
#define ABI_2DOUBLE_PRECISION            0x231
#define ABI_2INTEGER                     0x232
#define ABI_C_BOOL                       0x238
#define ABI_CXX_BOOL                     0x239
#define ABI_WCHAR                        0x23c
#define ABI_INT8_T                       0x240
#define ABI_UINT8_T                      0x241
#define ABI_CHAR                         0x243
#define ABI_SIGNED_CHAR                  0x244
#define ABI_UNSIGNED_CHAR                0x245
#define ABI_BYTE                         0x247
#define ABI_INT16_T                      0x248
#define ABI_UINT16_T                     0x249
#define ABI_INT32_T                      0x250
#define ABI_UINT32_T                     0x251
#define ABI_INT64_T                      0x258
#define ABI_UINT64_T                     0x259
#define ABI_LOGICAL1                     0x2c0
#define ABI_INTEGER1                     0x2c1
#define ABI_CHARACTER                    0x2c3
#define ABI_LOGICAL2                     0x2c8
#define ABI_INTEGER2                     0x2c9
#define ABI_REAL2                        0x2ca
#define ABI_LOGICAL4                     0x2d0
#define ABI_INTEGER4                     0x2d1
#define ABI_REAL4                        0x2d2
#define ABI_COMPLEX4                     0x2d3
#define ABI_LOGICAL8                     0x2d8
#define ABI_INTEGER8                     0x2d9
#define ABI_REAL8                        0x2da
#define ABI_COMPLEX8                     0x2db
#define ABI_LOGICAL16                    0x2e0
#define ABI_INTEGER16                    0x2e1
#define ABI_REAL16                       0x2e2
#define ABI_COMPLEX16                    0x2e3
#define ABI_COMPLEX32                    0x2eb

#define ABI_LONG_LONG_INT             ABI_LONG_LONG
#define ABI_C_COMPLEX                 ABI_C_FLOAT_COMPLEX
#define ABI_PREDEF_LIMIT              0x400 /* every predefined handle is below */

/* error classes */
#define ABI_SUCCESS                      0
#define ABI_ERR_BUFFER                   1
#define ABI_ERR_COUNT                    2
#define ABI_ERR_TYPE                     3
#define ABI_ERR_TAG                      4
#define ABI_ERR_COMM                     5
#define ABI_ERR_RANK                     6
#define ABI_ERR_REQUEST                  7
#define ABI_ERR_ROOT                     8
#define ABI_ERR_GROUP                    9
#define ABI_ERR_OP                       10
#define ABI_ERR_TOPOLOGY                 11
#define ABI_ERR_DIMS                     12
#define ABI_ERR_ARG                      13
#define ABI_ERR_UNKNOWN                  14
#define ABI_ERR_TRUNCATE                 15
#define ABI_ERR_OTHER                    16
#define ABI_ERR_INTERN                   17
#define ABI_ERR_PENDING                  18
#define ABI_ERR_IN_STATUS                19
#define ABI_ERR_ACCESS                   20
#define ABI_ERR_AMODE                    21
#define ABI_ERR_ASSERT                   22
#define ABI_ERR_BAD_FILE                 23
#define ABI_ERR_BASE                     24
#define ABI_ERR_CONVERSION               25
#define ABI_ERR_DISP                     26
#define ABI_ERR_DUP_DATAREP              27
#define ABI_ERR_FILE_EXISTS              28
#define ABI_ERR_FILE_IN_USE              29
#define ABI_ERR_FILE                     30
#define ABI_ERR_INFO_KEY                 31
#define ABI_ERR_INFO_NOKEY               32
#define ABI_ERR_INFO_VALUE               33
#define ABI_ERR_INFO                     34
#define ABI_ERR_IO                       35
#define ABI_ERR_KEYVAL                   36
#define ABI_ERR_LOCKTYPE                 37
#define ABI_ERR_NAME                     38
#define ABI_ERR_NO_MEM                   39
#define ABI_ERR_NOT_SAME                 40
#define ABI_ERR_NO_SPACE                 41
#define ABI_ERR_NO_SUCH_FILE             42
#define ABI_ERR_PORT                     43
#define ABI_ERR_QUOTA                    44
#define ABI_ERR_READ_ONLY                45
#define ABI_ERR_RMA_ATTACH               46
#define ABI_ERR_RMA_CONFLICT             47
#define ABI_ERR_RMA_RANGE                48
#define ABI_ERR_RMA_SHARED               49
#define ABI_ERR_RMA_SYNC                 50
#define ABI_ERR_SERVICE                  51
#define ABI_ERR_SIZE                     52
#define ABI_ERR_SPAWN                    53
#define ABI_ERR_UNSUPPORTED_DATAREP      54
#define ABI_ERR_UNSUPPORTED_OPERATION    55
#define ABI_ERR_WIN                      56
#define ABI_ERR_RMA_FLAVOR               57
#define ABI_ERR_PROC_ABORTED             58
#define ABI_ERR_VALUE_TOO_LARGE          59
#define ABI_ERR_SESSION                  60
#define ABI_ERR_ERRHANDLER               61
#define ABI_ERR_LASTCODE                 0x3fff

/* tool-interface error classes */
#define ABI_T_ERR_CANNOT_INIT            1001
#define ABI_T_ERR_NOT_ACCESSIBLE         1002
#define ABI_T_ERR_NOT_INITIALIZED        1003
#define ABI_T_ERR_NOT_SUPPORTED          1004
#define ABI_T_ERR_MEMORY                 1005
#define ABI_T_ERR_INVALID                1006
#define ABI_T_ERR_INVALID_INDEX          1007
#define ABI_T_ERR_INVALID_ITEM           1008
#define ABI_T_ERR_INVALID_SESSION        1009
#define ABI_T_ERR_INVALID_HANDLE         1010
#define ABI_T_ERR_INVALID_NAME           1011
#define ABI_T_ERR_OUT_OF_HANDLES         1012
#define ABI_T_ERR_OUT_OF_SESSIONS        1013
#define ABI_T_ERR_CVAR_SET_NOT_NOW       1014
#define ABI_T_ERR_CVAR_SET_NEVER         1015
#define ABI_T_ERR_PVAR_NO_WRITE          1016
#define ABI_T_ERR_PVAR_NO_STARTSTOP      1017
#define ABI_T_ERR_PVAR_NO_ATOMIC         1018

/* buffer and array sentinels (guest addresses) */
#define ABI_BOTTOM            0u
#define ABI_IN_PLACE          1u
#define ABI_BUFFER_AUTOMATIC  2u
#define ABI_STATUS_IGNORE     0u
#define ABI_STATUSES_IGNORE   0u
#define ABI_ERRCODES_IGNORE   0u
#define ABI_ARGV_NULL         0u
#define ABI_UNWEIGHTED        10u
#define ABI_WEIGHTS_EMPTY     11u

/* ranks, tags, MPI_UNDEFINED */
#define ABI_ANY_SOURCE                   (-1)
#define ABI_ANY_TAG                      (-2)
#define ABI_PROC_NULL                    (-3)
#define ABI_ROOT                         (-4)
#define ABI_UNDEFINED                    (-32766)

/* thread levels */
#define ABI_THREAD_SINGLE                0
#define ABI_THREAD_FUNNELED              1
#define ABI_THREAD_SERIALIZED            2
#define ABI_THREAD_MULTIPLE              7

/* array orders and distributions */
#define ABI_ORDER_C                      0xC
#define ABI_ORDER_FORTRAN                0xF
#define ABI_DISTRIBUTE_NONE              16
#define ABI_DISTRIBUTE_BLOCK             17
#define ABI_DISTRIBUTE_CYCLIC            18
#define ABI_DISTRIBUTE_DFLT_DARG         19

/* datatype combiners */
#define ABI_COMBINER_NAMED               101
#define ABI_COMBINER_DUP                 102
#define ABI_COMBINER_CONTIGUOUS          103
#define ABI_COMBINER_VECTOR              104
#define ABI_COMBINER_HVECTOR             105
#define ABI_COMBINER_INDEXED             106
#define ABI_COMBINER_HINDEXED            107
#define ABI_COMBINER_INDEXED_BLOCK       108
#define ABI_COMBINER_HINDEXED_BLOCK      109
#define ABI_COMBINER_STRUCT              110
#define ABI_COMBINER_SUBARRAY            111
#define ABI_COMBINER_DARRAY              112
#define ABI_COMBINER_F90_INTEGER         113
#define ABI_COMBINER_F90_REAL            114
#define ABI_COMBINER_F90_COMPLEX         115
#define ABI_COMBINER_RESIZED             116
#define ABI_COMBINER_VALUE_INDEX         117

/* type classes */
#define ABI_TYPECLASS_INTEGER            192
#define ABI_TYPECLASS_REAL               193
#define ABI_TYPECLASS_COMPLEX            194

/* comparisons */
#define ABI_IDENT                        201
#define ABI_CONGRUENT                    202
#define ABI_SIMILAR                      203
#define ABI_UNEQUAL                      204

/* topologies */
#define ABI_CART                         211
#define ABI_GRAPH                        212
#define ABI_DIST_GRAPH                   213

/* split types */
#define ABI_COMM_TYPE_SHARED             221
#define ABI_COMM_TYPE_HW_UNGUIDED        222
#define ABI_COMM_TYPE_HW_GUIDED          223
#define ABI_COMM_TYPE_RESOURCE_GUIDED    224

/* window locks, flavors, models */
#define ABI_LOCK_EXCLUSIVE               301
#define ABI_LOCK_SHARED                  302
#define ABI_WIN_FLAVOR_CREATE            311
#define ABI_WIN_FLAVOR_ALLOCATE          312
#define ABI_WIN_FLAVOR_DYNAMIC           313
#define ABI_WIN_FLAVOR_SHARED            314
#define ABI_WIN_UNIFIED                  321
#define ABI_WIN_SEPARATE                 322

/* file seek */
#define ABI_SEEK_SET                     401
#define ABI_SEEK_CUR                     402
#define ABI_SEEK_END                     403

/* mode bits */
#define ABI_MODE_APPEND                  1
#define ABI_MODE_CREATE                  2
#define ABI_MODE_DELETE_ON_CLOSE         4
#define ABI_MODE_EXCL                    8
#define ABI_MODE_RDONLY                  16
#define ABI_MODE_RDWR                    32
#define ABI_MODE_SEQUENTIAL              64
#define ABI_MODE_UNIQUE_OPEN             128
#define ABI_MODE_WRONLY                  256
#define ABI_MODE_NOCHECK                 1024
#define ABI_MODE_NOPRECEDE               2048
#define ABI_MODE_NOPUT                   4096
#define ABI_MODE_NOSTORE                 8192
#define ABI_MODE_NOSUCCEED               16384

/* predefined attribute keys */
#define ABI_KEYVAL_INVALID               0
#define ABI_TAG_UB                       501
#define ABI_IO                           502
#define ABI_HOST                         503
#define ABI_WTIME_IS_GLOBAL              504
#define ABI_UNIVERSE_SIZE                505
#define ABI_APPNUM                       506
#define ABI_LASTUSEDCODE                 507
#define ABI_WIN_BASE                     601
#define ABI_WIN_DISP_UNIT                602
#define ABI_WIN_SIZE                     603
#define ABI_WIN_CREATE_FLAVOR            604
#define ABI_WIN_MODEL                    605

/* string limits the guest's buffers are sized for */
#define ABI_MAX_DATAREP_STRING         128
#define ABI_MAX_ERROR_STRING           512
#define ABI_MAX_INFO_KEY               256
#define ABI_MAX_INFO_VAL               1024
#define ABI_MAX_LIBRARY_VERSION_STRING 8192
#define ABI_MAX_OBJECT_NAME            128
#define ABI_MAX_PORT_NAME              1024
#define ABI_MAX_PROCESSOR_NAME         256
#define ABI_BSEND_OVERHEAD             512

/* attribute callbacks: guest function-table values with a fixed meaning */
#define ABI_NULL_COPY_FN   0u
#define ABI_DUP_FN         1u
#define ABI_NULL_DELETE_FN 0u

#endif
