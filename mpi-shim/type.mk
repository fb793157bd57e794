# Sources of the shim group "type" (owned by that group): datatype
# constructors, queries, attributes, decoding and packing.
MS_TYPE_SOURCES = mpi-shim/ms_type.h mpi-shim/ms_type_new.c mpi-shim/ms_type_util.c \
	mpi-shim/ms_type_ctor.c mpi-shim/ms_type_array.c mpi-shim/ms_type_query.c \
	mpi-shim/ms_type_attr.c mpi-shim/ms_type_decode.c mpi-shim/ms_pack.c
