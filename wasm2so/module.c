/* module.c — owning side of the module IR: freeing it, naming functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2s_module.h"

void w2s_module_free(w2s_module *m) {
  if (!m)
    return;
  for (uint32_t i = 0; i < m->ntypes; i++) {
    free(m->types[i].params);
    free(m->types[i].results);
  }
  free(m->types);
  for (uint32_t i = 0; i < m->nimports; i++) {
    free((char *)m->imports[i].module);
    free((char *)m->imports[i].name);
  }
  free(m->imports);
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    free(m->funcs[i].local_groups);
    free((char *)m->funcs[i].name);
  }
  free(m->funcs);
  free(m->tables);
  free(m->memories);
  free(m->globals);
  for (uint32_t i = 0; i < m->nexports; i++)
    free((char *)m->exports[i].name);
  free(m->exports);
  for (uint32_t i = 0; i < m->nelems; i++)
    free(m->elems[i].items);
  free(m->elems);
  free(m->datas);
  free(m->func_declared);
  const uint8_t *bytes = m->bytes;
  size_t size = m->size;
  memset(m, 0, sizeof *m);
  m->bytes = bytes;
  m->size = size;
}

const char *w2s_func_name(const w2s_module *m, uint32_t idx, char *buf, size_t buflen) {
  if (idx < m->nfuncs && m->funcs[idx].name)
    return m->funcs[idx].name;
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == WASMSO_EXTERN_FUNC && m->exports[i].index == idx)
      return m->exports[i].name;
  if (buf && buflen) {
    snprintf(buf, buflen, "wasm-function[%u]", idx);
    return buf;
  }
  return "";
}
