/* sched.h — wasi-libc's <sched.h> plus sched_getcpu() for _GNU_SOURCE code,
 * which wasi-libc leaves undeclared.  The sdk's compat library defines it:
 * it fails with ENOSYS, since a Wasm guest cannot know its CPU. */
#pragma clang system_header
#include_next <sched.h>

#if defined(_GNU_SOURCE) && !defined(SCHED_H_WASM2SO_GETCPU)
#define SCHED_H_WASM2SO_GETCPU
#ifdef __cplusplus
extern "C" {
#endif
int sched_getcpu(void);
#ifdef __cplusplus
}
#endif
#endif
