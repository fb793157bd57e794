/* hostile.h — helpers for the hostile MPI guests (wasm only): addresses at
 * and past the end of linear memory, forged handles, and the names of the
 * standard's error classes. */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The current size of linear memory, in bytes. */
static inline uintptr_t mem_end(void) {
  return (uintptr_t)__builtin_wasm_memory_size(0) * 65536u;
}
/* A pointer to the last n bytes of memory: valid for n bytes, no more. */
static inline void *at_end(uintptr_t n) { return (void *)(mem_end() - n); }
/* A wild pointer far past the end of memory. */
#define WILD ((void *)(uintptr_t)0xfffff000u)

/* A forged handle value of any kind (no object has it). */
#define FORGED(T) ((T)(uintptr_t)0x7777u)

static inline const char *class_name(int cls) {
  static const struct { int c; const char *n; } t[] = {
      {MPI_SUCCESS, "MPI_SUCCESS"},         {MPI_ERR_BUFFER, "MPI_ERR_BUFFER"},
      {MPI_ERR_COUNT, "MPI_ERR_COUNT"},     {MPI_ERR_TYPE, "MPI_ERR_TYPE"},
      {MPI_ERR_TAG, "MPI_ERR_TAG"},         {MPI_ERR_COMM, "MPI_ERR_COMM"},
      {MPI_ERR_RANK, "MPI_ERR_RANK"},       {MPI_ERR_REQUEST, "MPI_ERR_REQUEST"},
      {MPI_ERR_ROOT, "MPI_ERR_ROOT"},       {MPI_ERR_GROUP, "MPI_ERR_GROUP"},
      {MPI_ERR_OP, "MPI_ERR_OP"},           {MPI_ERR_TOPOLOGY, "MPI_ERR_TOPOLOGY"},
      {MPI_ERR_DIMS, "MPI_ERR_DIMS"},       {MPI_ERR_ARG, "MPI_ERR_ARG"},
      {MPI_ERR_UNKNOWN, "MPI_ERR_UNKNOWN"}, {MPI_ERR_TRUNCATE, "MPI_ERR_TRUNCATE"},
      {MPI_ERR_OTHER, "MPI_ERR_OTHER"},     {MPI_ERR_INTERN, "MPI_ERR_INTERN"},
      {MPI_ERR_IN_STATUS, "MPI_ERR_IN_STATUS"}, {MPI_ERR_PENDING, "MPI_ERR_PENDING"},
      {MPI_ERR_KEYVAL, "MPI_ERR_KEYVAL"},   {MPI_ERR_NO_MEM, "MPI_ERR_NO_MEM"},
      {MPI_ERR_INFO, "MPI_ERR_INFO"},       {MPI_ERR_ERRHANDLER, "MPI_ERR_ERRHANDLER"},
      {MPI_ERR_VALUE_TOO_LARGE, "MPI_ERR_VALUE_TOO_LARGE"},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (t[i].c == cls) return t[i].n;
  return "(an unknown class)";
}

/* The programs that run several cases: with no argument all of them, with
 * one only the case it names (for valgrind runs). */
static inline int want(int argc, char **argv, const char *c) __attribute__((unused));
static inline int want(int argc, char **argv, const char *c) {
  return argc < 2 || strcmp(argv[1], c) == 0;
}

/* Rank 0 prints "label: v" if every rank of MPI_COMM_WORLD has v, else
 * "label: DISAGREE" (collective). */
static inline void same(const char *label, int v) __attribute__((unused));
static inline void same(const char *label, int v) {
  int lo, hi, me;
  MPI_Comm_rank(MPI_COMM_WORLD, &me);
  MPI_Allreduce(&v, &lo, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  MPI_Allreduce(&v, &hi, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (me == 0) {
    if (lo == hi) printf("%s: %d\n", label, lo);
    else printf("%s: DISAGREE\n", label);
    fflush(stdout);
  }
}

#endif
