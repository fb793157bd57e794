/* Hostile guest: leave the preopens through links and renames.  The test
 * planted sandbox/up -> ../outside, sandbox/etc -> /etc, sandbox/secretlink ->
 * ../outside/secret and sandbox/abslink -> (absolute host path of the secret);
 * the guest plants its own symlinks, makes hard links and renames across the
 * edge of a preopen and between the two preopens "sandbox" and "other".
 * Creating a symlink whose target lies outside is allowed by WASI (it is only
 * a string); following it must not be. */
#include "attempt.h"
#include <sys/stat.h>

int main(void) {
  int s = open("sandbox", O_RDONLY | O_DIRECTORY);
  int o = open("other", O_RDONLY | O_DIRECTORY);
  report("control open sandbox dir", s);
  report("control open other dir", o);

  /* Symlinks planted by the test. */
  report_open("openat up/secret", openat(s, "up/secret", O_RDONLY));
  report_open("open sandbox/up/secret", open("sandbox/up/secret", O_RDONLY));
  report_open("openat etc/passwd", openat(s, "etc/passwd", O_RDONLY));
  report_open("openat secretlink", openat(s, "secretlink", O_RDONLY));
  report_open("openat abslink", openat(s, "abslink", O_RDONLY));
  report_open("openat creat up/new", openat(s, "up/new", O_CREAT | O_WRONLY, 0644));
  report_open("openat trunc secretlink", openat(s, "secretlink", O_WRONLY | O_TRUNC));
  report_dir("opendir sandbox/up", opendir("sandbox/up"));
  report_dir("opendir sandbox/etc", opendir("sandbox/etc"));
  struct stat st;
  report("fstatat follow up/secret", fstatat(s, "up/secret", &st, 0));
  report("fstatat follow secretlink", fstatat(s, "secretlink", &st, 0));
  report("mkdirat up/newdir", mkdirat(s, "up/newdir", 0755));
  report("unlinkat up/victim", unlinkat(s, "up/victim", 0));
  report("unlinkat AT_REMOVEDIR up/sub", unlinkat(s, "up/sub", AT_REMOVEDIR));

  /* Symlinks the guest creates itself (creation may succeed; use must not). */
  report("plant own symlink x -> ../outside", symlinkat("../outside", s, "x"));
  report_open("openat x/secret (own symlink to ../outside)", openat(s, "x/secret", O_RDONLY));
  report_open("open sandbox/x/secret", open("sandbox/x/secret", O_RDONLY));
  report("plant own symlink y -> /etc", symlinkat("/etc", s, "y"));
  report_open("openat y/passwd (own symlink to /etc)", openat(s, "y/passwd", O_RDONLY));
  report("plant own symlink z -> sub/../../outside/secret", symlinkat("sub/../../outside/secret", s, "z"));
  report_open("openat z (own symlink sub/../../outside/secret)", openat(s, "z", O_RDONLY));
  report("plant own symlink sub/w -> ../../outside/secret", symlinkat("../../outside/secret", s, "sub/w"));
  report_open("openat sub/w (own symlink in a subdirectory)", openat(s, "sub/w", O_RDONLY));
  report("plant own symlink sub/v -> ../up/secret", symlinkat("../up/secret", s, "sub/v"));
  report_open("openat sub/v (own symlink to a planted one)", openat(s, "sub/v", O_RDONLY));
  report("symlinkat into ../outside/lnk", symlinkat("secret", s, "../outside/lnk"));
  report("symlinkat into up/lnk", symlinkat("secret", s, "up/lnk"));

  /* Hard links. */
  report("linkat ../outside/secret -> h", linkat(s, "../outside/secret", s, "h", 0));
  report_open("openat h", openat(s, "h", O_RDONLY));
  report("linkat up/secret -> h2", linkat(s, "up/secret", s, "h2", 0));
  report("linkat follow secretlink -> h3", linkat(s, "secretlink", s, "h3", AT_SYMLINK_FOLLOW));
  report_open("openat h3", openat(s, "h3", O_RDONLY));
  report("linkat inside.txt -> ../outside/h4", linkat(s, "inside.txt", s, "../outside/h4", 0));
  report("linkat inside.txt -> other/../outside/h5", linkat(s, "inside.txt", o, "../outside/h5", 0));
  report("link sandbox/../outside/secret -> sandbox/h6", link("sandbox/../outside/secret", "sandbox/h6"));

  /* Renames. */
  report("control create sandbox/file", close(openat(s, "file", O_CREAT | O_WRONLY, 0644)));
  report("renameat file -> ../outside/moved", renameat(s, "file", s, "../outside/moved"));
  report("rename sandbox/file -> sandbox/../outside/moved", rename("sandbox/file", "sandbox/../outside/moved"));
  report("renameat file -> up/moved", renameat(s, "file", s, "up/moved"));
  report("renameat file -> other/../outside/moved", renameat(s, "file", o, "../outside/moved"));
  report("renameat ../outside/secret -> stolen", renameat(s, "../outside/secret", s, "stolen"));
  report("renameat up/secret -> stolen", renameat(s, "up/secret", s, "stolen"));
  report("renameat other/../outside/secret -> stolen", renameat(o, "../outside/secret", s, "stolen"));
  report("renameat sub -> ../outside/sub2", renameat(s, "sub", s, "../outside/sub2"));
  report("renameat file -> ../outside/secret (overwrite)", renameat(s, "file", s, "../outside/secret"));
  /* Between the two preopens: both are the guest's, so success is allowed,
   * but the file must end up in other/, nowhere else. */
  report("renameat file -> other/file (across preopens)", renameat(s, "file", o, "file"));
  report("rename other/theirs.txt -> sandbox/theirs.txt (across preopens)",
         rename("other/theirs.txt", "sandbox/theirs.txt"));
  printf("done\n");
  return 0;
}
