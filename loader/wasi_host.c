/* wasi_host.c — the import table of the WASI host: name, function and
 * signature of every function it provides. */
#include <string.h>

#include "wasi_internal.h"

#define FN(n, p, r) {#n, (void *)wasi_##n, p, r}
static const wl_host_fn fns[] = {
  FN(args_get, "ii", "i"),
  FN(args_sizes_get, "ii", "i"),
  FN(environ_get, "ii", "i"),
  FN(environ_sizes_get, "ii", "i"),
  FN(clock_res_get, "ii", "i"),
  FN(clock_time_get, "iIi", "i"),
  FN(fd_advise, "iIIi", "i"),
  FN(fd_allocate, "iII", "i"),
  FN(fd_close, "i", "i"),
  FN(fd_datasync, "i", "i"),
  FN(fd_fdstat_get, "ii", "i"),
  FN(fd_fdstat_set_flags, "ii", "i"),
  FN(fd_fdstat_set_rights, "iII", "i"),
  FN(fd_filestat_get, "ii", "i"),
  FN(fd_filestat_set_size, "iI", "i"),
  FN(fd_filestat_set_times, "iIIi", "i"),
  FN(fd_pread, "iiiIi", "i"),
  FN(fd_prestat_get, "ii", "i"),
  FN(fd_prestat_dir_name, "iii", "i"),
  FN(fd_pwrite, "iiiIi", "i"),
  FN(fd_read, "iiii", "i"),
  FN(fd_readdir, "iiiIi", "i"),
  FN(fd_renumber, "ii", "i"),
  FN(fd_seek, "iIii", "i"),
  FN(fd_sync, "i", "i"),
  FN(fd_tell, "ii", "i"),
  FN(fd_write, "iiii", "i"),
  FN(path_create_directory, "iii", "i"),
  FN(path_filestat_get, "iiiii", "i"),
  FN(path_filestat_set_times, "iiiiIIi", "i"),
  FN(path_link, "iiiiiii", "i"),
  FN(path_open, "iiiiiIIii", "i"),
  FN(path_readlink, "iiiiii", "i"),
  FN(path_remove_directory, "iii", "i"),
  FN(path_rename, "iiiiii", "i"),
  FN(path_symlink, "iiiii", "i"),
  FN(path_unlink_file, "iii", "i"),
  FN(poll_oneoff, "iiii", "i"),
  FN(proc_exit, "i", ""),
  FN(proc_raise, "i", "i"),
  FN(random_get, "ii", "i"),
  FN(sched_yield, "", "i"),
  FN(sock_accept, "iii", "i"),
  FN(sock_recv, "iiiiii", "i"),
  FN(sock_send, "iiiii", "i"),
  FN(sock_shutdown, "ii", "i"),
};
#undef FN

bool wl_wasi_resolve(void *user, const char *module, size_t module_len, const char *name,
                     size_t name_len, uint8_t kind, wl_extern *out) {
  (void)user;
  return wl_resolve_host("wasi_snapshot_preview1", fns, sizeof fns / sizeof fns[0], module,
                         module_len, name, name_len, kind, out);
}
