/* ms_p2p_buffer.c — the buffered-send buffer: MPI_Buffer_attach checks the
 * whole buffer lies in guest memory (the host then copies Bsend messages
 * into it), MPI_Buffer_detach hands back the guest address. */
#include "ms_p2p.h"

int32_t ms_MPI_Buffer_attach(wasmso_vmctx *vm, u32 buf, u32 size) {
  static const char fn[] = "MPI_Buffer_attach";
  int32_t n = (int32_t)size;
  void *p = NULL; /* guest NULL stays NULL: the host refuses it */
  if (buf != 0 && n >= 0) {
    p = ms_ptr(vm, buf, (uint64_t)n);
    if (!p)
      return ms_raise(vm, NULL, ABI_ERR_BUFFER, fn,
                      "buffer %#x of %d bytes runs outside guest memory", buf, n);
  }
  int rc = MPI_Buffer_attach(p, n);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, NULL, rc, fn);
}

int32_t ms_MPI_Buffer_detach(wasmso_vmctx *vm, u32 buf_addr, u32 size) {
  static const char fn[] = "MPI_Buffer_detach";
  ms_u32 *ga = buf_addr ? (ms_u32 *)ms_ptr(vm, buf_addr, 4) : NULL;
  ms_i32 *gs = size ? (ms_i32 *)ms_ptr(vm, size, 4) : NULL;
  if (!ga || !gs)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "%s %#x outside guest memory",
                    ga ? "size" : "buffer address", ga ? size : buf_addr);
  void *p = NULL;
  int n = 0;
  int rc = MPI_Buffer_detach(&p, &n);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  /* Only guest buffers are ever attached (by MPI_Buffer_attach above). */
  *ga = p ? (uint32_t)((uint8_t *)p - vm->mem_base) : 0;
  *gs = n;
  return 0;
}
