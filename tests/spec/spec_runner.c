/* spec_runner.c — run converted spec test scripts (wast2json output).
 *
 *   spec_runner [-j N] [-O N] [--target=T] [-x LIST] [--timeout=S] [--cmd-timeout=S] [-v] FILE.json...
 *
 * Each file runs in its own forked child, up to N at once, so a crash or a
 * hang in one file is that file's failure and the run goes on.  Children
 * write their failure reports to a private temporary file and their counts to
 * memory shared with the parent; the parent prints each file's block in the
 * order the files were given.  After a crash or a command timeout, a new
 * child replays the file up to the command after the one that crashed
 * (silently, skipping the crashed ones) and goes on from there. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spec.h"

typedef struct job {
  const char *path;
  char wast[256];
  FILE *out;                /* the child's report */
  pid_t pid;
  int status;
  bool done, timed_out;
  struct timespec start;
} job;

static void usage(FILE *to) {
  fprintf(to,
          "usage: spec_runner [options] FILE.json...\n"
          "  -j N              run N files at once (default: number of CPUs)\n"
          "  -O N              translate with -ON (default 2)\n"
          "  --bounds-checks   translate with wasm2so --bounds-checks\n"
          "  --target=T        only translate (and link) every valid module for T\n"
          "  -x, --expected-failures=FILE   the expected-failures list\n"
          "  --timeout=S       kill a file after S seconds (default 1800, 0: never)\n"
          "  --cmd-timeout=S   kill a file whose command runs S seconds (default 60, 0: never)\n"
          "  --tmpdir=DIR      where translated modules go (default $TMPDIR or /tmp)\n"
          "  --so-dir=DIR      with --target: keep each translated module as DIR/FILENAME.so;\n"
          "                    without: run those instead of translating (cross testing)\n"
          "  --label=NAME      name of the summary line (default spec)\n"
          "  -v                also list expected failures and diag-kind notes\n");
}

/* "dir/i32.json" -> "i32.wast" */
static void wast_name(const char *path, char *out, size_t len) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  if (n > 5 && strcmp(base + n - 5, ".json") == 0) n -= 5;
  snprintf(out, len, "%.*s.wast", (int)n, base);
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb; (void)flag; (void)ftw;
  remove(path);
  return 0;
}

static void remove_tree(const char *dir) {
  if (dir[0]) nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void run_child(const spec_options *opts, job *j, spec_counts *c) {
  snprintf(c->tmpdir, sizeof c->tmpdir, "%s/spec-XXXXXX", opts->tmpdir);
  if (!mkdtemp(c->tmpdir)) {
    fprintf(j->out, "  %s: cannot create a directory in %s: %s\n", j->wast, opts->tmpdir, strerror(errno));
    c->tmpdir[0] = '\0';
    c->failed++;
    fflush(j->out);
    _exit(1);
  }
  spec_file f;
  memset(&f, 0, sizeof f);
  f.opts = opts;
  f.json_path = j->path;
  snprintf(f.wast, sizeof f.wast, "%s", j->wast);
  f.out = j->out;
  f.counts = c;
  spec_run_file(&f);
  fflush(j->out);
  remove_tree(c->tmpdir);
  c->tmpdir[0] = '\0';
  _exit(0);
}

static double elapsed(const struct timespec *since) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - since->tv_sec) + (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/* A child ended: if it crashed, append what happened to its report and count
 * the command as failed.  Returns true if the file should go on after that
 * command in a new child (which first replays the commands before it). */
static bool child_ended(const spec_options *opts, job *j, spec_counts *c) {
  bool crashed = j->timed_out || !WIFEXITED(j->status) || WEXITSTATUS(j->status) != 0;
  if (!crashed) return false;
  if (j->timed_out)
    fprintf(j->out, "  %s:%d: killed after %u s (file timeout) while running this command\n",
            j->wast, c->last_line, opts->timeout);
  else if (WIFSIGNALED(j->status) && WTERMSIG(j->status) == SIGALRM)
    fprintf(j->out, "  %s:%d: killed after %u s (command timeout) while running this command\n",
            j->wast, c->last_line, opts->cmd_timeout);
  else if (WIFSIGNALED(j->status))
    fprintf(j->out, "  %s:%d: crashed with signal %d (%s) while running this command\n",
            j->wast, c->last_line, WTERMSIG(j->status), strsignal(WTERMSIG(j->status)));
  else
    fprintf(j->out, "  %s:%d: child exited with status %d\n", j->wast, c->last_line,
            WEXITSTATUS(j->status));
  fflush(j->out);
  if (opts->target) c->translate_failed++;
  else c->failed++;
  remove_tree(c->tmpdir);
  c->tmpdir[0] = '\0';
  if (j->timed_out || c->cur_cmd < 0 || c->ncrashed >= SPEC_MAX_RESTARTS) return false;
  c->crashed[c->ncrashed++] = c->cur_cmd;
  c->resume_from = c->cur_cmd + 1;
  return true;
}

/* Print one finished file: its summary line, then what its children reported. */
static void print_job(const spec_options *opts, job *j, spec_counts *c) {
  if (opts->target)
    printf("%s: %" PRIu64 " translated, %" PRIu64 " failed\n", j->wast, c->translated, c->translate_failed);
  else
    printf("%s: %" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", j->wast, c->passed,
           c->failed, c->skipped);
  rewind(j->out);
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, j->out)) > 0) fwrite(buf, 1, n, stdout);
  fclose(j->out);
  fflush(stdout);
}

static bool start_child(const spec_options *opts, job *j, spec_counts *c) {
  fflush(stdout);
  c->cur_cmd = -1;
  j->pid = fork();
  if (j->pid < 0) { perror("spec_runner: fork"); return false; }
  if (j->pid == 0) run_child(opts, j, c);
  return true;
}

static int run_all(const spec_options *opts, job *jobs, size_t n, spec_counts *counts) {
  size_t next_start = 0, next_print = 0, running = 0;
  while (next_print < n) {
    while (running < (size_t)opts->jobs && next_start < n) {
      job *j = &jobs[next_start];
      j->out = tmpfile();
      if (!j->out) { perror("spec_runner: tmpfile"); return -1; }
      clock_gettime(CLOCK_MONOTONIC, &j->start);
      if (!start_child(opts, j, &counts[next_start])) return -1;
      next_start++;
      running++;
    }
    int status;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid < 0 && errno != EINTR) { perror("spec_runner: waitpid"); return -1; }
    if (pid > 0) {
      for (size_t i = 0; i < next_start; i++) {
        if (jobs[i].pid != pid || jobs[i].done) continue;
        jobs[i].status = status;
        if (child_ended(opts, &jobs[i], &counts[i])) {
          if (!start_child(opts, &jobs[i], &counts[i])) return -1;
        } else {
          jobs[i].done = true;
          running--;
        }
      }
    } else {
      for (size_t i = 0; opts->timeout && i < next_start; i++)
        if (!jobs[i].done && !jobs[i].timed_out && elapsed(&jobs[i].start) > opts->timeout) {
          jobs[i].timed_out = true;
          kill(jobs[i].pid, SIGKILL);
        }
      struct timespec nap = { 0, 10 * 1000 * 1000 };
      nanosleep(&nap, NULL);
    }
    while (next_print < n && jobs[next_print].done) {
      print_job(opts, &jobs[next_print], &counts[next_print]);
      next_print++;
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  spec_options opts;
  memset(&opts, 0, sizeof opts);
  opts.opt_level = 2;
  opts.timeout = 1800;
  opts.cmd_timeout = 60;
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  opts.jobs = ncpu > 0 ? (int)ncpu : 1;
  opts.tmpdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  const char *expect_path = NULL;

  opts.label = "spec";
  enum { OPT_TARGET = 256, OPT_TIMEOUT, OPT_CMD_TIMEOUT, OPT_TMPDIR, OPT_SO_DIR, OPT_LABEL, OPT_BOUNDS };
  static const struct option longopts[] = {
    { "target", required_argument, NULL, OPT_TARGET },
    { "expected-failures", required_argument, NULL, 'x' },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "cmd-timeout", required_argument, NULL, OPT_CMD_TIMEOUT },
    { "tmpdir", required_argument, NULL, OPT_TMPDIR },
    { "so-dir", required_argument, NULL, OPT_SO_DIR },
    { "label", required_argument, NULL, OPT_LABEL },
    { "bounds-checks", no_argument, NULL, OPT_BOUNDS },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
  };
  int c;
  while ((c = getopt_long(argc, argv, "j:O:x:vh", longopts, NULL)) != -1) {
    switch (c) {
    case 'j': opts.jobs = atoi(optarg); if (opts.jobs < 1) opts.jobs = 1; break;
    case 'O':
      opts.opt_level = atoi(optarg);
      if (opts.opt_level < 0 || opts.opt_level > 3) { usage(stderr); return 2; }
      break;
    case OPT_TARGET: opts.target = optarg; break;
    case 'x': expect_path = optarg; break;
    case OPT_TIMEOUT: opts.timeout = (unsigned)atoi(optarg); break;
    case OPT_CMD_TIMEOUT: opts.cmd_timeout = (unsigned)atoi(optarg); break;
    case OPT_TMPDIR: opts.tmpdir = optarg; break;
    case OPT_SO_DIR: opts.so_dir = optarg; break;
    case OPT_LABEL: opts.label = optarg; break;
    case OPT_BOUNDS: opts.bounds_checks = true; break;
    case 'v': opts.verbose = true; break;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return 2;
    }
  }
  if (optind >= argc) { usage(stderr); return 2; }

  spec_expect expect;
  memset(&expect, 0, sizeof expect);
  if (expect_path) {
    char err[512];
    if (!spec_expect_load(&expect, expect_path, err, sizeof err)) {
      fprintf(stderr, "spec_runner: %s\n", err);
      return 2;
    }
    if (!expect.text_rule) {
      fprintf(stderr, "spec_runner: %s: the *:text-modules rule line is missing\n", expect_path);
      return 2;
    }
    opts.expect = &expect;
  }

  size_t n = (size_t)(argc - optind);
  job *jobs = calloc(n, sizeof *jobs);
  spec_counts *counts = mmap(NULL, n * sizeof *counts, PROT_READ | PROT_WRITE,
                             MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (!jobs || counts == MAP_FAILED) { perror("spec_runner"); return 2; }
  for (size_t i = 0; i < n; i++) {
    jobs[i].path = argv[optind + (int)i];
    wast_name(jobs[i].path, jobs[i].wast, sizeof jobs[i].wast);
  }
  if (run_all(&opts, jobs, n, counts) != 0) return 2;

  spec_counts total;
  memset(&total, 0, sizeof total);
  for (size_t i = 0; i < n; i++) {
    total.passed += counts[i].passed;
    total.failed += counts[i].failed;
    total.skipped += counts[i].skipped;
    total.translated += counts[i].translated;
    total.translate_failed += counts[i].translate_failed;
    total.notes += counts[i].notes;
  }
  if (opts.target) {
    printf("%s-translate-%s: %" PRIu64 " translated, %" PRIu64 " failed\n", opts.label,
           opts.target, total.translated, total.translate_failed);
    return total.translate_failed ? 1 : 0;
  }
  if (total.notes)
    printf("spec-notes: %" PRIu64 " modules rejected with another diag kind than expected (-v lists them)\n",
           total.notes);
  printf("%s: %" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", opts.label,
         total.passed, total.failed, total.skipped);
  spec_expect_free(&expect);
  return total.failed ? 1 : 0;
}
