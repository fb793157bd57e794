/* wasi_internal.h — shared by the wasi_*.c files: preview1 constants and
 * layouts, the guest fd table, guest-memory access, path resolution. */
#ifndef WASI_INTERNAL_H
#define WASI_INTERNAL_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "wl_wasi.h"

/* WASI errno values (preview1, witx "errno"). */
enum {
  WASI_ESUCCESS = 0, WASI_E2BIG = 1, WASI_EACCES = 2, WASI_EADDRINUSE = 3, WASI_EADDRNOTAVAIL = 4,
  WASI_EAFNOSUPPORT = 5, WASI_EAGAIN = 6, WASI_EALREADY = 7, WASI_EBADF = 8, WASI_EBADMSG = 9,
  WASI_EBUSY = 10, WASI_ECANCELED = 11, WASI_ECHILD = 12, WASI_ECONNABORTED = 13,
  WASI_ECONNREFUSED = 14, WASI_ECONNRESET = 15, WASI_EDEADLK = 16, WASI_EDESTADDRREQ = 17,
  WASI_EDOM = 18, WASI_EDQUOT = 19, WASI_EEXIST = 20, WASI_EFAULT = 21, WASI_EFBIG = 22,
  WASI_EHOSTUNREACH = 23, WASI_EIDRM = 24, WASI_EILSEQ = 25, WASI_EINPROGRESS = 26,
  WASI_EINTR = 27, WASI_EINVAL = 28, WASI_EIO = 29, WASI_EISCONN = 30, WASI_EISDIR = 31,
  WASI_ELOOP = 32, WASI_EMFILE = 33, WASI_EMLINK = 34, WASI_EMSGSIZE = 35, WASI_EMULTIHOP = 36,
  WASI_ENAMETOOLONG = 37, WASI_ENETDOWN = 38, WASI_ENETRESET = 39, WASI_ENETUNREACH = 40,
  WASI_ENFILE = 41, WASI_ENOBUFS = 42, WASI_ENODEV = 43, WASI_ENOENT = 44, WASI_ENOEXEC = 45,
  WASI_ENOLCK = 46, WASI_ENOLINK = 47, WASI_ENOMEM = 48, WASI_ENOMSG = 49, WASI_ENOPROTOOPT = 50,
  WASI_ENOSPC = 51, WASI_ENOSYS = 52, WASI_ENOTCONN = 53, WASI_ENOTDIR = 54, WASI_ENOTEMPTY = 55,
  WASI_ENOTRECOVERABLE = 56, WASI_ENOTSOCK = 57, WASI_ENOTSUP = 58, WASI_ENOTTY = 59,
  WASI_ENXIO = 60, WASI_EOVERFLOW = 61, WASI_EOWNERDEAD = 62, WASI_EPERM = 63, WASI_EPIPE = 64,
  WASI_EPROTO = 65, WASI_EPROTONOSUPPORT = 66, WASI_EPROTOTYPE = 67, WASI_ERANGE = 68,
  WASI_EROFS = 69, WASI_ESPIPE = 70, WASI_ESRCH = 71, WASI_ESTALE = 72, WASI_ETIMEDOUT = 73,
  WASI_ETXTBSY = 74, WASI_EXDEV = 75, WASI_ENOTCAPABLE = 76,
};

/* Host errno -> WASI errno. */
uint32_t wasi_errno(int host_errno);

/* filetype */
enum {
  WASI_FT_UNKNOWN = 0, WASI_FT_BLOCK = 1, WASI_FT_CHAR = 2, WASI_FT_DIR = 3, WASI_FT_REG = 4,
  WASI_FT_DGRAM = 5, WASI_FT_STREAM = 6, WASI_FT_SYMLINK = 7,
};
uint8_t wasi_filetype(mode_t mode);

/* rights (witx "rights" bit numbers) */
#define WR_FD_DATASYNC (1ull << 0)
#define WR_FD_READ (1ull << 1)
#define WR_FD_SEEK (1ull << 2)
#define WR_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define WR_FD_SYNC (1ull << 4)
#define WR_FD_TELL (1ull << 5)
#define WR_FD_WRITE (1ull << 6)
#define WR_FD_ADVISE (1ull << 7)
#define WR_FD_ALLOCATE (1ull << 8)
#define WR_PATH_CREATE_DIRECTORY (1ull << 9)
#define WR_PATH_CREATE_FILE (1ull << 10)
#define WR_PATH_LINK_SOURCE (1ull << 11)
#define WR_PATH_LINK_TARGET (1ull << 12)
#define WR_PATH_OPEN (1ull << 13)
#define WR_FD_READDIR (1ull << 14)
#define WR_PATH_READLINK (1ull << 15)
#define WR_PATH_RENAME_SOURCE (1ull << 16)
#define WR_PATH_RENAME_TARGET (1ull << 17)
#define WR_PATH_FILESTAT_GET (1ull << 18)
#define WR_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define WR_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define WR_FD_FILESTAT_GET (1ull << 21)
#define WR_FD_FILESTAT_SET_SIZE (1ull << 22)
#define WR_FD_FILESTAT_SET_TIMES (1ull << 23)
#define WR_PATH_SYMLINK (1ull << 24)
#define WR_PATH_REMOVE_DIRECTORY (1ull << 25)
#define WR_PATH_UNLINK_FILE (1ull << 26)
#define WR_POLL_FD_READWRITE (1ull << 27)
#define WR_SOCK_SHUTDOWN (1ull << 28)
#define WR_SOCK_ACCEPT (1ull << 29)
#define WR_ALL ((1ull << 30) - 1)

/* fdflags, oflags, lookupflags, fstflags */
enum { WASI_FDFLAG_APPEND = 1, WASI_FDFLAG_DSYNC = 2, WASI_FDFLAG_NONBLOCK = 4, WASI_FDFLAG_RSYNC = 8, WASI_FDFLAG_SYNC = 16 };
enum { WASI_O_CREAT = 1, WASI_O_DIRECTORY = 2, WASI_O_EXCL = 4, WASI_O_TRUNC = 8 };
enum { WASI_LOOKUP_SYMLINK_FOLLOW = 1 };
enum { WASI_FST_ATIM = 1, WASI_FST_ATIM_NOW = 2, WASI_FST_MTIM = 4, WASI_FST_MTIM_NOW = 8 };

/* ---- the guest fd table (wasi_fdtable.c) ---- */
typedef struct wasi_fd {
  int host;              /* host fd, -1 if this guest fd is free */
  uint8_t type;          /* filetype */
  uint16_t sync_flags;   /* DSYNC/RSYNC/SYNC as opened (fcntl cannot report RSYNC) */
  uint64_t base, inh;    /* rights */
  char *preopen;         /* guest name of a preopened directory, else NULL */
  uint32_t preopen_len;
} wasi_fd;

/* The entry of guest fd if it is open and has every right in need, else
 * NULL with *e = EBADF or ENOTCAPABLE. */
wasi_fd *wasi_fd_get(uint32_t fd, uint64_t need, uint32_t *e);
/* Take ownership of host fd as the lowest free guest fd; EMFILE if full. */
uint32_t wasi_fd_install(int host, uint8_t type, uint64_t base, uint64_t inh, uint32_t *guest_fd);
/* Free a guest fd (closing its host fd unless that is the host's stdio). */
void wasi_fd_release(wasi_fd *f);
/* Move entry from onto to (to's old host fd is closed). */
void wasi_fd_move(uint32_t from, uint32_t to);
/* Close every guest fd, forget the preopens (wl_wasi_reset). */
void wasi_fdtable_reset(void);
/* Default rights for an fd of this type. */
uint64_t wasi_rights_for(uint8_t type);
#define WASI_DIR_RIGHTS                                                                        \
  (WR_FD_FDSTAT_SET_FLAGS | WR_FD_SYNC | WR_FD_DATASYNC | WR_PATH_CREATE_DIRECTORY |           \
   WR_PATH_CREATE_FILE | WR_PATH_LINK_SOURCE | WR_PATH_LINK_TARGET | WR_PATH_OPEN |            \
   WR_FD_READDIR | WR_PATH_READLINK | WR_PATH_RENAME_SOURCE | WR_PATH_RENAME_TARGET |          \
   WR_PATH_FILESTAT_GET | WR_PATH_FILESTAT_SET_SIZE | WR_PATH_FILESTAT_SET_TIMES |             \
   WR_FD_FILESTAT_GET | WR_FD_FILESTAT_SET_TIMES | WR_PATH_SYMLINK | WR_PATH_REMOVE_DIRECTORY | \
   WR_PATH_UNLINK_FILE | WR_POLL_FD_READWRITE)

/* ---- guest memory ---- */

/* host address of guest [ptr, ptr+len), or NULL if any of it is outside the
 * importing instance's memory. */
static inline uint8_t *wasi_mem(wasmso_vmctx *vm, uint32_t ptr, uint64_t len) {
  wasmso_memory *m = vm->memory;
  if (!m || (uint64_t)ptr + len > m->size) return 0;
  return m->base + ptr;
}

/* Little-endian access to guest memory (the host is little-endian on both
 * supported targets). */
static inline void wasi_put16(uint8_t *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }
static inline void wasi_put32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void wasi_put64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
static inline uint16_t wasi_get16(const uint8_t *p) { uint16_t v; __builtin_memcpy(&v, p, 2); return v; }
static inline uint32_t wasi_get32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }
static inline uint64_t wasi_get64(const uint8_t *p) { uint64_t v; __builtin_memcpy(&v, p, 8); return v; }

/* Guest iovec array (8 bytes each: ptr, len) -> host iovecs (at most
 * WASI_MAX_IOVS); EFAULT if any part is outside the memory. */
#define WASI_MAX_IOVS 1024
struct iovec;
uint32_t wasi_iovs(wasmso_vmctx *vm, uint32_t iovs, uint32_t n, struct iovec *out);

/* Write a host struct stat as a filestat (64 bytes) at p. */
struct stat;
void wasi_put_filestat(uint8_t *p, const struct stat *st);

/* Host timespecs for futimens/utimensat from WASI (atim, mtim, fstflags);
 * EINVAL for contradictory flags. */
struct timespec;
uint32_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]);

/* ---- paths (wasi_resolve.c) ---- */
#define WASI_PATH_MAX 4096

/* Copy the guest path [ptr, ptr+len) into buf (NUL-terminated): EFAULT out
 * of bounds, EILSEQ for a NUL byte inside, ENAMETOOLONG. */
uint32_t wasi_path(wasmso_vmctx *vm, uint32_t ptr, uint32_t len, char buf[WASI_PATH_MAX]);

/* Open path beneath the directory dirfd (flags as for openat, plus
 * O_NOFOLLOW unless follow): never outside it.  Returns the host fd or a
 * negative WASI errno (ENOTCAPABLE for an escape). */
int wasi_open_beneath(int dirfd, const char *path, int flags, mode_t mode, bool follow);

/* Split path into a parent directory opened beneath dirfd (O_PATH) and the
 * last component (in name, no slashes).  Trailing slashes are dropped;
 * *slash says there were some.  name may be "." or ".." (the caller decides).
 * Returns the parent fd or a negative WASI errno. */
int wasi_open_parent(int dirfd, const char *path, char name[WASI_PATH_MAX], bool *slash);

/* Tests: force the component-by-component walk instead of openat2. */
extern bool wasi_force_walk;

/* WASI clock id -> host clock (false: no such clock); now on a host clock in ns. */
bool wasi_clock_of(uint32_t id, clockid_t *c);
uint64_t wasi_now(clockid_t c);

/* ---- the host functions ---- */
uint32_t wasi_args_get(wasmso_vmctx *vm, uint32_t argv, uint32_t buf);
uint32_t wasi_args_sizes_get(wasmso_vmctx *vm, uint32_t argc_p, uint32_t size_p);
uint32_t wasi_environ_get(wasmso_vmctx *vm, uint32_t env, uint32_t buf);
uint32_t wasi_environ_sizes_get(wasmso_vmctx *vm, uint32_t count_p, uint32_t size_p);
uint32_t wasi_clock_res_get(wasmso_vmctx *vm, uint32_t id, uint32_t res_p);
uint32_t wasi_clock_time_get(wasmso_vmctx *vm, uint32_t id, uint64_t precision, uint32_t time_p);
uint32_t wasi_random_get(wasmso_vmctx *vm, uint32_t buf, uint32_t len);
void wasi_proc_exit(wasmso_vmctx *vm, uint32_t code);
uint32_t wasi_proc_raise(wasmso_vmctx *vm, uint32_t sig);
uint32_t wasi_sched_yield(wasmso_vmctx *vm);

uint32_t wasi_fd_write(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nwritten_p);
uint32_t wasi_fd_read(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nread_p);
uint32_t wasi_fd_pwrite(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off, uint32_t nwritten_p);
uint32_t wasi_fd_pread(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off, uint32_t nread_p);
uint32_t wasi_fd_close(wasmso_vmctx *vm, uint32_t fd);
uint32_t wasi_fd_renumber(wasmso_vmctx *vm, uint32_t fd, uint32_t to);
uint32_t wasi_fd_seek(wasmso_vmctx *vm, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoff_p);
uint32_t wasi_fd_tell(wasmso_vmctx *vm, uint32_t fd, uint32_t off_p);
uint32_t wasi_fd_fdstat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t stat_p);
uint32_t wasi_fd_fdstat_set_flags(wasmso_vmctx *vm, uint32_t fd, uint32_t flags);
uint32_t wasi_fd_fdstat_set_rights(wasmso_vmctx *vm, uint32_t fd, uint64_t base, uint64_t inh);
uint32_t wasi_fd_filestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t buf);
uint32_t wasi_fd_filestat_set_size(wasmso_vmctx *vm, uint32_t fd, uint64_t size);
uint32_t wasi_fd_filestat_set_times(wasmso_vmctx *vm, uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t fst);
uint32_t wasi_fd_advise(wasmso_vmctx *vm, uint32_t fd, uint64_t off, uint64_t len, uint32_t advice);
uint32_t wasi_fd_allocate(wasmso_vmctx *vm, uint32_t fd, uint64_t off, uint64_t len);
uint32_t wasi_fd_datasync(wasmso_vmctx *vm, uint32_t fd);
uint32_t wasi_fd_sync(wasmso_vmctx *vm, uint32_t fd);
uint32_t wasi_fd_prestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t prestat_p);
uint32_t wasi_fd_prestat_dir_name(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len);
uint32_t wasi_fd_readdir(wasmso_vmctx *vm, uint32_t fd, uint32_t buf, uint32_t len, uint64_t cookie, uint32_t used_p);

uint32_t wasi_path_open(wasmso_vmctx *vm, uint32_t fd, uint32_t dirflags, uint32_t path, uint32_t path_len,
                        uint32_t oflags, uint64_t base, uint64_t inh, uint32_t fdflags, uint32_t fd_p);
uint32_t wasi_path_create_directory(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len);
uint32_t wasi_path_remove_directory(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len);
uint32_t wasi_path_unlink_file(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len);
uint32_t wasi_path_filestat_get(wasmso_vmctx *vm, uint32_t fd, uint32_t flags, uint32_t path, uint32_t len, uint32_t buf);
uint32_t wasi_path_filestat_set_times(wasmso_vmctx *vm, uint32_t fd, uint32_t flags, uint32_t path, uint32_t len,
                                      uint64_t atim, uint64_t mtim, uint32_t fst);
uint32_t wasi_path_readlink(wasmso_vmctx *vm, uint32_t fd, uint32_t path, uint32_t len, uint32_t buf,
                            uint32_t buf_len, uint32_t used_p);
uint32_t wasi_path_symlink(wasmso_vmctx *vm, uint32_t old, uint32_t old_len, uint32_t fd, uint32_t path, uint32_t len);
uint32_t wasi_path_link(wasmso_vmctx *vm, uint32_t old_fd, uint32_t old_flags, uint32_t old, uint32_t old_len,
                        uint32_t new_fd, uint32_t path, uint32_t len);
uint32_t wasi_path_rename(wasmso_vmctx *vm, uint32_t fd, uint32_t old, uint32_t old_len, uint32_t new_fd,
                          uint32_t path, uint32_t len);

uint32_t wasi_poll_oneoff(wasmso_vmctx *vm, uint32_t in, uint32_t out, uint32_t nsubs, uint32_t nevents_p);

uint32_t wasi_sock_accept(wasmso_vmctx *vm, uint32_t fd, uint32_t flags, uint32_t fd_p);
uint32_t wasi_sock_recv(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t flags,
                        uint32_t len_p, uint32_t oflags_p);
uint32_t wasi_sock_send(wasmso_vmctx *vm, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t flags, uint32_t len_p);
uint32_t wasi_sock_shutdown(wasmso_vmctx *vm, uint32_t fd, uint32_t how);

#endif
