/* wl_elf_check.c — refuse a file that is not a wasm2so shared object for this
 * host before dlopen: dlopen runs a library's constructors, so a random ELF
 * library would execute code just by being named on the command line, and a
 * non-ELF file or one for another machine only gets dlerror()'s terse text.
 *
 * The descriptor symbol is looked up in the section table's .dynsym (wasm2so
 * links with ld.lld, which always writes one), and its first words, magic and
 * ABI version, read from the file: they are plain data, needing no
 * relocation.  (The rest of the descriptor holds pointers, so the target, CPU
 * and features are checked after dlopen, by wl_module_open, before any of the
 * module's functions is called.)  This guards against mistakes,
 * not against a hostile .so: a file that defines the symbol is trusted, as
 * any shared library is once loaded. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasmso_abi.h"
#include "wl_elf_check.h"

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#else
#define HOST_MACHINE EM_NONE
#endif

static const char *machine_name(unsigned m) {
  switch (m) {
  case EM_X86_64: return "x86_64";
  case EM_AARCH64: return "aarch64";
  case EM_386: return "i386";
  case EM_ARM: return "arm";
  case EM_RISCV: return "riscv";
  case EM_PPC64: return "ppc64";
  case EM_S390: return "s390x";
  case EM_LOONGARCH: return "loongarch";
  default: return NULL;
  }
}

static wl_file_kind fail(char *msg, size_t size, const char *path, const char *what) {
  snprintf(msg, size, "%s: %s", path, what);
  return WL_FILE_ERROR;
}

/* Is [off, off+len) inside a file of size bytes? */
static bool in_file(uint64_t off, uint64_t len, uint64_t size) {
  return off <= size && len <= size - off;
}

/* The descriptor symbol's address, or 0 if there is none. */
static uint64_t descriptor_addr(const uint8_t *p, uint64_t size) {
  const Elf64_Ehdr *eh = (const void *)p;
  if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
      !in_file(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), size) ||
      eh->e_shoff % _Alignof(Elf64_Shdr))
    return false;
  const Elf64_Shdr *sh = (const void *)(p + eh->e_shoff);
  const char *want = WASMSO_DESCRIPTOR_SYMBOL;
  size_t want_len = strlen(want);
  for (unsigned i = 0; i < eh->e_shnum; i++) {
    if (sh[i].sh_type != SHT_DYNSYM) continue;
    if (sh[i].sh_link >= eh->e_shnum || sh[i].sh_entsize != sizeof(Elf64_Sym) ||
        !in_file(sh[i].sh_offset, sh[i].sh_size, size) || sh[i].sh_offset % _Alignof(Elf64_Sym))
      return 0;
    const Elf64_Shdr *str = &sh[sh[i].sh_link];
    if (!in_file(str->sh_offset, str->sh_size, size)) return 0;
    const Elf64_Sym *sym = (const void *)(p + sh[i].sh_offset);
    const char *names = (const char *)(p + str->sh_offset);
    uint64_t n = sh[i].sh_size / sizeof(Elf64_Sym);
    for (uint64_t k = 0; k < n; k++) {
      if (sym[k].st_shndx == SHN_UNDEF || ELF64_ST_TYPE(sym[k].st_info) != STT_OBJECT) continue;
      uint64_t at = sym[k].st_name;
      if (at >= str->sh_size || str->sh_size - at <= want_len) continue;
      if (memcmp(names + at, want, want_len + 1) == 0 && sym[k].st_size >= 8) return sym[k].st_value;
    }
  }
  return 0;
}

/* The file bytes behind [addr, addr+len) of the loaded image, or NULL. */
static const uint8_t *at_addr(const uint8_t *p, uint64_t size, uint64_t addr, uint64_t len) {
  const Elf64_Ehdr *eh = (const void *)p;
  if (eh->e_phentsize != sizeof(Elf64_Phdr) ||
      !in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), size) ||
      eh->e_phoff % _Alignof(Elf64_Phdr))
    return NULL;
  const Elf64_Phdr *ph = (const void *)(p + eh->e_phoff);
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type != PT_LOAD || addr < ph[i].p_vaddr || addr - ph[i].p_vaddr > ph[i].p_filesz ||
        ph[i].p_filesz - (addr - ph[i].p_vaddr) < len)
      continue;
    uint64_t off = ph[i].p_offset + (addr - ph[i].p_vaddr);
    return in_file(off, len, size) ? p + off : NULL;
  }
  return NULL;
}

wl_file_kind wl_elf_check(const char *path, char *msg, size_t size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(msg, size, path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return fail(msg, size, path, "not a regular file");
  }
  uint8_t head[4] = {0};
  if (st.st_size >= 4 && pread(fd, head, 4, 0) == 4 && memcmp(head, "\0asm", 4) == 0) {
    close(fd);
    return WL_FILE_WASM;
  }
  if (st.st_size < (off_t)sizeof(Elf64_Ehdr) || memcmp(head, ELFMAG, SELFMAG) != 0) {
    close(fd);
    return fail(msg, size, path, "neither a WebAssembly module nor a wasm2so shared object (not ELF)");
  }
  const uint8_t *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) return fail(msg, size, path, strerror(errno));
  const Elf64_Ehdr *eh = (const void *)p;
  wl_file_kind kind = WL_FILE_ERROR;
  char what[200];
  if (p[EI_CLASS] != ELFCLASS64 || p[EI_DATA] != ELFDATA2LSB) {
    snprintf(what, sizeof what, "a %s ELF file; wasm2so objects are 64-bit little-endian",
             p[EI_CLASS] == ELFCLASS32 ? "32-bit" : p[EI_DATA] != ELFDATA2LSB ? "big-endian" : "damaged");
  } else if (eh->e_machine != HOST_MACHINE) {
    const char *m = machine_name(eh->e_machine), *h = machine_name(HOST_MACHINE);
    char num[32];
    snprintf(num, sizeof num, "machine %u", eh->e_machine);
    snprintf(what, sizeof what, "built for %s, but this host is %s", m ? m : num, h ? h : "unsupported");
  } else if (eh->e_type != ET_DYN) {
    snprintf(what, sizeof what, "an ELF file but not a shared object");
  } else {
    uint64_t addr = descriptor_addr(p, (uint64_t)st.st_size);
    const uint8_t *d = addr ? at_addr(p, (uint64_t)st.st_size, addr, 8) : NULL;
    uint32_t magic = 0, abi = 0;
    if (d) {
      memcpy(&magic, d, 4);
      memcpy(&abi, d + 4, 4);
    }
    if (!addr)
      snprintf(what, sizeof what, "not a wasm2so shared object (no %s symbol)", WASMSO_DESCRIPTOR_SYMBOL);
    else if (!d || magic != WASMSO_MAGIC)
      snprintf(what, sizeof what, "not a wasm2so shared object (bad descriptor)");
    else if (abi != WASMSO_ABI_VERSION)
      snprintf(what, sizeof what, "made for wasm2so ABI version %u, but this wasmload reads version %u",
               abi, WASMSO_ABI_VERSION);
    else
      kind = WL_FILE_SO;
  }
  munmap((void *)p, (size_t)st.st_size);
  return kind == WL_FILE_SO ? kind : fail(msg, size, path, what);
}
