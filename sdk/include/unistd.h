/* unistd.h — wasi-libc's <unistd.h> plus getpagesize(), which wasi-libc
 * leaves undeclared; declared where musl and glibc declare it (_GNU_SOURCE or
 * _BSD_SOURCE, the default).  The sdk's compat library defines it: the 64 KiB
 * Wasm page. */
#pragma clang system_header
#include_next <unistd.h>

#if (defined(_GNU_SOURCE) || defined(_BSD_SOURCE)) && !defined(UNISTD_H_WASM2SO_PAGESIZE)
#define UNISTD_H_WASM2SO_PAGESIZE
#ifdef __cplusplus
extern "C" {
#endif
int getpagesize(void);
#ifdef __cplusplus
}
#endif
#endif
