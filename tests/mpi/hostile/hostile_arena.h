/* hostile_arena.h — for the hostile programs whose own malloc calls MPI
 * (the shim calls the guest's malloc for scratch memory from inside MPI
 * calls): replaces the C library's allocator with a bump arena of
 * HOSTILE_ARENA_BYTES whose malloc first calls arena_hook(), which the
 * including program defines (and which may make one MPI call).  free does
 * nothing. */
#ifndef HOSTILE_ARENA_H
#define HOSTILE_ARENA_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static _Alignas(16) unsigned char arena[HOSTILE_ARENA_BYTES];
static size_t used;
static void arena_hook(void);

void *malloc(size_t n) {
  arena_hook();
  size_t at = (used + 15) & ~(size_t)15;
  if (n > sizeof arena - at) {
    errno = ENOMEM;
    return NULL;
  }
  used = at + n;
  return arena + at;
}
void free(void *p) { (void)p; }
void *calloc(size_t n, size_t m) {
  if (m && n > (size_t)-1 / m) return NULL;
  void *p = malloc(n * m);
  if (p) memset(p, 0, n * m);
  return p;
}
void *realloc(void *p, size_t n) {
  void *q = malloc(n);
  if (q && p) memcpy(q, p, n); /* the old block may be shorter: it is in the arena */
  return q;
}
void *aligned_alloc(size_t al, size_t n) {
  used = (used + al - 1) & ~(al - 1);
  return malloc(n);
}
int posix_memalign(void **out, size_t al, size_t n) {
  void *p = aligned_alloc(al, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

#endif
