/* ms_errclass.h — the table of error classes (ms_errclass.c). */
#ifndef MS_ERRCLASS_H
#define MS_ERRCLASS_H

#include "ms_internal.h"

struct ms_errclass {
  int abi, host;        /* host -1: the host has no such class */
  const char *name, *text;
};
extern const struct ms_errclass ms_errclasses[];
extern const size_t ms_nerrclasses;

#endif
