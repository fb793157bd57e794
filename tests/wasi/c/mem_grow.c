/* Memory growth past 1 GiB: allocate 1.25 GiB in 64 MiB blocks (memory.grow
 * many times over), write a stamp every 64 KiB (so the host does not need to
 * back all of it), read every stamp back, free, and allocate again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BLOCK (64u << 20)
#define NBLOCKS 20
#define STRIDE (64u << 10)

int main(void) {
  unsigned char *blocks[NBLOCKS];
  for (int b = 0; b < NBLOCKS; b++) {
    blocks[b] = malloc(BLOCK);
    if (!blocks[b]) {
      printf("malloc of block %d failed\n", b);
      return 1;
    }
    for (size_t o = 0; o < BLOCK; o += STRIDE) blocks[b][o] = (unsigned char)(b * 31 + o / STRIDE);
    blocks[b][BLOCK - 1] = (unsigned char)b;
  }
  printf("allocated %d MiB\n", NBLOCKS * (BLOCK >> 20));
  unsigned long bad = 0;
  for (int b = 0; b < NBLOCKS; b++) {
    for (size_t o = 0; o < BLOCK; o += STRIDE)
      if (blocks[b][o] != (unsigned char)(b * 31 + o / STRIDE)) bad++;
    if (blocks[b][BLOCK - 1] != (unsigned char)b) bad++;
  }
  printf("bad stamps %lu\n", bad);
  /* The highest block lies above 1 GiB in the wasm build's address space. */
  uintptr_t hi = 0;
  for (int b = 0; b < NBLOCKS; b++)
    if ((uintptr_t)blocks[b] > hi) hi = (uintptr_t)blocks[b];
  printf("highest block beyond 1 GiB: %d\n", hi + BLOCK > (1u << 30));
  for (int b = 0; b < NBLOCKS; b++) free(blocks[b]);
  unsigned char *again = malloc((size_t)NBLOCKS / 2 * BLOCK);
  printf("reallocated after free: %d\n", again != NULL);
  if (again) again[(size_t)NBLOCKS / 2 * BLOCK - 1] = 1;
  free(again);
  return bad != 0;
}
