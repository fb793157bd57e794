/* ms_env.h — the env group's wrappers (ms_fn_env.def lists them). */
#ifndef MS_ENV_H
#define MS_ENV_H

#include "ms_internal.h"

typedef wasmso_vmctx vmx;
int32_t ms_MPI_Init(vmx *, uint32_t argc, uint32_t argv);
int32_t ms_MPI_Init_thread(vmx *, uint32_t argc, uint32_t argv, uint32_t required, uint32_t provided);
int32_t ms_MPI_Initialized(vmx *, uint32_t flag);
int32_t ms_MPI_Finalized(vmx *, uint32_t flag);
int32_t ms_MPI_Finalize(vmx *);
int32_t ms_MPI_Abort(vmx *, uint32_t comm, uint32_t code);
double ms_MPI_Wtime(vmx *);
double ms_MPI_Wtick(vmx *);
int32_t ms_MPI_Get_processor_name(vmx *, uint32_t name, uint32_t len);
int32_t ms_MPI_Get_version(vmx *, uint32_t version, uint32_t subversion);
int32_t ms_MPI_Get_library_version(vmx *, uint32_t version, uint32_t len);
int32_t ms_MPI_Query_thread(vmx *, uint32_t provided);
int32_t ms_MPI_Is_thread_main(vmx *, uint32_t flag);
int32_t ms_MPI_Abi_get_version(vmx *, uint32_t major, uint32_t minor);
int32_t ms_MPI_Abi_get_info(vmx *, uint32_t info);
int32_t ms_MPI_Pcontrol(vmx *, uint32_t level, uint32_t varargs);
int32_t ms_MPI_Alloc_mem(vmx *, uint32_t size, uint32_t info, uint32_t baseptr);
int32_t ms_MPI_Free_mem(vmx *, uint32_t base);
int32_t ms_MPI_Error_class(vmx *, uint32_t code, uint32_t cls);
int32_t ms_MPI_Error_string(vmx *, uint32_t code, uint32_t str, uint32_t len);
int32_t ms_MPI_Comm_create_errhandler(vmx *, uint32_t fn, uint32_t errhandler);
int32_t ms_MPI_Comm_set_errhandler(vmx *, uint32_t comm, uint32_t errhandler);
int32_t ms_MPI_Comm_get_errhandler(vmx *, uint32_t comm, uint32_t errhandler);
int32_t ms_MPI_Errhandler_free(vmx *, uint32_t errhandler);
int32_t ms_MPI_Comm_call_errhandler(vmx *, uint32_t comm, uint32_t code);
int32_t ms_MPI_Add_error_class(vmx *, uint32_t errorclass);
int32_t ms_MPI_Add_error_code(vmx *, uint32_t errorclass, uint32_t errorcode);
int32_t ms_MPI_Add_error_string(vmx *, uint32_t errorcode, uint32_t string);
int32_t ms_MPI_Info_create(vmx *, uint32_t info);
int32_t ms_MPI_Info_set(vmx *, uint32_t info, uint32_t key, uint32_t value);
int32_t ms_MPI_Info_get(vmx *, uint32_t info, uint32_t key, uint32_t valuelen, uint32_t value, uint32_t flag);
int32_t ms_MPI_Info_get_valuelen(vmx *, uint32_t info, uint32_t key, uint32_t valuelen, uint32_t flag);
int32_t ms_MPI_Info_get_string(vmx *, uint32_t info, uint32_t key, uint32_t buflen, uint32_t value, uint32_t flag);
int32_t ms_MPI_Info_get_nkeys(vmx *, uint32_t info, uint32_t nkeys);
int32_t ms_MPI_Info_get_nthkey(vmx *, uint32_t info, uint32_t n, uint32_t key);
int32_t ms_MPI_Info_delete(vmx *, uint32_t info, uint32_t key);
int32_t ms_MPI_Info_dup(vmx *, uint32_t info, uint32_t newinfo);
int32_t ms_MPI_Info_free(vmx *, uint32_t info);

#endif
