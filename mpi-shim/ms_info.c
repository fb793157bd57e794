/* ms_info.c — info objects: host info objects behind user handles.  Every
 * guest string must end inside guest memory; every output buffer is checked
 * over what is written.  Create, set, delete, get_nkeys, dup and free are
 * generated from mpi-api.tab (gen-kinds-comm.awk).
 * hand-written: MPI_Info_get (valuelen + 1 bytes written by the host)
 * hand-written: MPI_Info_get_valuelen (valuelen written only when found)
 * hand-written: MPI_Info_get_string (MPI-4: built from the host's older calls)
 * hand-written: MPI_Info_get_nthkey (n checked against the host's key count)
 * hand-written: MPI_Abi_get_info (the ABI's own description) */
#include <stdio.h>
#include <stdlib.h>

#include "ms_core.h"
#include "ms_env.h"

#define BAD(cls, ...) ms_raise(vm, NULL, cls, fn, __VA_ARGS__)

static const char *key_in(vmx *vm, uint32_t g) { return ms_str(vm, g); }

/* A user or predefined info object (not MPI_INFO_NULL). */
static int get(uint32_t h, MPI_Info *out) {
  MPI_Info *rec = ms_obj_get(MS_INFO, h);
  if (!rec) return ABI_ERR_INFO;
  *out = *rec;
  return 0;
}

int32_t ms_MPI_Info_get(vmx *vm, uint32_t info, uint32_t key, int32_t valuelen, uint32_t value, uint32_t flag) {
  const char *fn = "MPI_Info_get";
  MPI_Info hi;
  if (get(info, &hi)) return BAD(ABI_ERR_INFO, "invalid info handle 0x%x", info);
  const char *k = key_in(vm, key);
  if (!k) return BAD(ABI_ERR_INFO_KEY, "the key does not end inside the program's memory");
  if ((int32_t)valuelen < 0) return BAD(ABI_ERR_ARG, "negative valuelen %d", (int32_t)valuelen);
  char *v = ms_ptr(vm, value, (uint64_t)valuelen + 1);
  if (!v) return BAD(ABI_ERR_ARG, "value (%u bytes) lies outside the program's memory", valuelen + 1);
  if (!ms_ptr(vm, flag, 4)) return BAD(ABI_ERR_ARG, "flag points outside the program's memory");
  int f = 0, rc = MPI_Info_get(hi, k, (int)valuelen, v, &f);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  return ms_put_i32(vm, flag, f != 0);
}

int32_t ms_MPI_Info_get_valuelen(vmx *vm, uint32_t info, uint32_t key, uint32_t valuelen, uint32_t flag) {
  const char *fn = "MPI_Info_get_valuelen";
  MPI_Info hi;
  if (get(info, &hi)) return BAD(ABI_ERR_INFO, "invalid info handle 0x%x", info);
  const char *k = key_in(vm, key);
  if (!k) return BAD(ABI_ERR_INFO_KEY, "the key does not end inside the program's memory");
  if (!ms_ptr(vm, valuelen, 4) || !ms_ptr(vm, flag, 4))
    return BAD(ABI_ERR_ARG, "valuelen or flag points outside the program's memory");
  int n = 0, f = 0, rc = MPI_Info_get_valuelen(hi, k, &n, &f);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  if (f) ms_put_i32(vm, valuelen, n);
  return ms_put_i32(vm, flag, f != 0);
}

/* MPI-4's MPI_Info_get_string (the host has only the older calls):
 * *buflen in: the buffer's size; out: the value's length + 1. */
int32_t ms_MPI_Info_get_string(vmx *vm, uint32_t info, uint32_t key, uint32_t buflen, uint32_t value, uint32_t flag) {
  const char *fn = "MPI_Info_get_string";
  MPI_Info hi;
  int32_t cap;
  if (get(info, &hi)) return BAD(ABI_ERR_INFO, "invalid info handle 0x%x", info);
  const char *k = key_in(vm, key);
  if (!k) return BAD(ABI_ERR_INFO_KEY, "the key does not end inside the program's memory");
  if (ms_get_i32(vm, buflen, &cap) || !ms_ptr(vm, flag, 4))
    return BAD(ABI_ERR_ARG, "buflen or flag points outside the program's memory");
  if (cap < 0) return BAD(ABI_ERR_ARG, "negative buflen %d", cap);
  int n = 0, f = 0, rc = MPI_Info_get_valuelen(hi, k, &n, &f);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  if (f && cap > 0) {
    char *v = ms_ptr(vm, value, (uint64_t)(n + 1 < cap ? n + 1 : cap));
    if (!v) return BAD(ABI_ERR_ARG, "value lies outside the program's memory");
    char *tmp = malloc((size_t)n + 1);
    if (!tmp) return BAD(ABI_ERR_NO_MEM, "no memory for a %d-byte value", n);
    rc = MPI_Info_get(hi, k, n, tmp, &f);
    if (rc == MPI_SUCCESS) ms_str_out(vm, value, tmp, (size_t)cap, NULL);
    free(tmp);
    if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  }
  if (f) ms_put_i32(vm, buflen, n + 1);
  return ms_put_i32(vm, flag, f != 0);
}

int32_t ms_MPI_Info_get_nthkey(vmx *vm, uint32_t info, int32_t n, uint32_t key) {
  const char *fn = "MPI_Info_get_nthkey";
  MPI_Info hi;
  if (get(info, &hi)) return BAD(ABI_ERR_INFO, "invalid info handle 0x%x", info);
  char k[MPI_MAX_INFO_KEY + 1] = "";
  int nkeys = 0, rc = MPI_Info_get_nkeys(hi, &nkeys);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  if ((int32_t)n < 0 || (int32_t)n >= nkeys)
    return BAD(ABI_ERR_ARG, "key number %d of an info object with %d keys", (int32_t)n, nkeys);
  rc = MPI_Info_get_nthkey(hi, (int32_t)n, k);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  k[MPI_MAX_INFO_KEY] = 0;
  if (ms_str_out(vm, key, k, ABI_MAX_INFO_KEY, NULL))
    return BAD(ABI_ERR_ARG, "key lies outside the program's memory");
  return 0;
}

/* The ABI's own description of itself, with the keys Open MPI 5 gives
 * (sizes in bytes of the guest's integer types). */
int32_t ms_MPI_Abi_get_info(vmx *vm, uint32_t info) {
  const char *fn = "MPI_Abi_get_info";
  if (!ms_ptr(vm, info, 4)) return BAD(ABI_ERR_ARG, "info points outside the program's memory");
  MPI_Info hi;
  int rc = MPI_Info_create(&hi);
  if (rc == MPI_SUCCESS) rc = MPI_Info_set(hi, "mpi_aint_size", "4");
  if (rc == MPI_SUCCESS) rc = MPI_Info_set(hi, "mpi_count_size", "8");
  if (rc == MPI_SUCCESS) rc = MPI_Info_set(hi, "mpi_offset_size", "8");
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  ms_gh h;
  MPI_Info *rec = ms_obj_new(MS_INFO, &h);
  if (!rec) {
    MPI_Info_free(&hi);
    return BAD(ABI_ERR_NO_MEM, "no room for another info object");
  }
  *rec = hi;
  return ms_put_i32(vm, info, (int32_t)h);
}
