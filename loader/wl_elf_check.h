/* wl_elf_check.h — look at a file before dlopen may run any of its code. */
#ifndef WL_ELF_CHECK_H
#define WL_ELF_CHECK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum wl_file_kind {
  WL_FILE_ERROR,    /* unreadable, or refused: msg says why */
  WL_FILE_WASM,     /* starts with the Wasm magic "\0asm" */
  WL_FILE_SO,       /* an ELF shared object for this host that defines the descriptor */
} wl_file_kind;

/* Classify the file at path without executing it.  For an ELF file: 64-bit,
 * little-endian, this host's machine, ET_DYN, and a defined dynamic symbol
 * named WASMSO_DESCRIPTOR_SYMBOL.  The rest (magic, ABI version, target,
 * CPU features) is checked by wl_module_open on the descriptor itself. */
wl_file_kind wl_elf_check(const char *path, char *msg, size_t msg_size);

#endif
