/* ms_p2p_buffer.c — the buffered-send buffer.  The guest's buffer is checked
 * to lie in guest memory, but the host gets a shadow buffer of the same size
 * in host memory: Open MPI's allocator keeps each buffered message's size in
 * a header inside the attached buffer and trusts it when the message is
 * freed, so a guest writing over its attached buffer could make the host
 * copy later messages outside it.  The guest cannot tell the difference: a
 * program may not touch its attached buffer, and MPI_Buffer_detach gives back
 * the guest's address and size.
 * hand-written: MPI_Buffer_attach, MPI_Buffer_detach (the shadow buffer). */
#include <stdlib.h>

#include "ms_p2p.h"

static void *shadow;       /* what the host has attached, or NULL */
static ms_gaddr guest_buf; /* what the guest attached */
static int32_t guest_size;

int32_t ms_MPI_Buffer_attach(wasmso_vmctx *vm, uint32_t buf, int32_t size) {
  static const char fn[] = "MPI_Buffer_attach";
  int32_t n = (int32_t)size;
  if (buf == 0 || n < 0) /* the host refuses these itself (NULL stays NULL) */
    return ms_check(vm, NULL, MPI_Buffer_attach(NULL, n), fn);
  if (!ms_ptr(vm, buf, (uint64_t)n))
    return ms_raise(vm, NULL, ABI_ERR_BUFFER, fn,
                    "buffer %#x of %d bytes runs outside guest memory", buf, n);
  if (shadow) /* the host says what it says of a second buffer */
    return ms_check(vm, NULL, MPI_Buffer_attach(shadow, n), fn);
  void *p = malloc(n ? (size_t)n : 1);
  if (!p) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "no host memory for %d bytes", n);
  int rc = MPI_Buffer_attach(p, n);
  if (rc != MPI_SUCCESS) {
    free(p);
    return ms_check(vm, NULL, rc, fn);
  }
  shadow = p;
  guest_buf = buf;
  guest_size = n;
  return 0;
}

int32_t ms_MPI_Buffer_detach(wasmso_vmctx *vm, uint32_t buf_addr, uint32_t size) {
  MS_NO_REENTRY(vm, "MPI_Buffer_detach");
  static const char fn[] = "MPI_Buffer_detach";
  ms_u32 *ga = buf_addr ? (ms_u32 *)ms_ptr(vm, buf_addr, 4) : NULL;
  ms_i32 *gs = size ? (ms_i32 *)ms_ptr(vm, size, 4) : NULL;
  if (!ga || !gs)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "%s %#x outside guest memory",
                    ga ? "size" : "buffer address", ga ? size : buf_addr);
  void *p = NULL;
  int n = 0;
  int rc = MPI_Buffer_detach(&p, &n); /* waits until the buffered messages left */
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  if (p && p == shadow) {
    free(shadow);
    shadow = NULL;
    *ga = guest_buf;
    *gs = guest_size;
  } else { /* nothing attached */
    *ga = 0;
    *gs = n;
  }
  return 0;
}
