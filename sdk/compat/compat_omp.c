/* compat_omp.c — the serial OpenMP runtime behind the sdk's omp.h: one
 * thread, no nesting, locks that only record their state (nothing can
 * contend for them). */
#include <omp.h>
#include <time.h>

void omp_set_num_threads(int num_threads) { (void)num_threads; }
int omp_get_num_threads(void) { return 1; }
int omp_get_max_threads(void) { return 1; }
int omp_get_thread_num(void) { return 0; }
int omp_get_num_procs(void) { return 1; }
int omp_in_parallel(void) { return 0; }
void omp_set_dynamic(int dynamic_threads) { (void)dynamic_threads; }
int omp_get_dynamic(void) { return 0; }
void omp_set_nested(int nested) { (void)nested; }
int omp_get_nested(void) { return 0; }

static omp_sched_t sched_kind = omp_sched_static;
static int sched_chunk = 0;
void omp_set_schedule(omp_sched_t kind, int chunk_size) {
  sched_kind = kind;
  sched_chunk = chunk_size;
}
void omp_get_schedule(omp_sched_t *kind, int *chunk_size) {
  *kind = sched_kind;
  *chunk_size = sched_chunk;
}

int omp_get_thread_limit(void) { return 1; }
static int max_active_levels = 1;
void omp_set_max_active_levels(int max_levels) {
  if (max_levels >= 0) max_active_levels = max_levels;
}
int omp_get_max_active_levels(void) { return max_active_levels; }
int omp_get_level(void) { return 0; }
/* Level 0 is the initial thread, number 0 of a team of 1; other levels do
 * not exist outside a parallel region: -1 as the specification says. */
int omp_get_ancestor_thread_num(int level) { return level == 0 ? 0 : -1; }
int omp_get_team_size(int level) { return level == 0 ? 1 : -1; }
int omp_get_active_level(void) { return 0; }
int omp_in_final(void) { return 0; }
int omp_get_cancellation(void) { return 0; }
omp_proc_bind_t omp_get_proc_bind(void) { return omp_proc_bind_false; }
int omp_get_num_teams(void) { return 1; }
int omp_get_team_num(void) { return 0; }

int omp_get_num_devices(void) { return 0; }
int omp_get_default_device(void) { return 0; }
void omp_set_default_device(int device_num) { (void)device_num; }
int omp_is_initial_device(void) { return 1; }
int omp_get_initial_device(void) { return 0; }

void omp_init_lock(omp_lock_t *lock) { lock->held = 0; }
void omp_destroy_lock(omp_lock_t *lock) { lock->held = 0; }
void omp_set_lock(omp_lock_t *lock) { lock->held = 1; }
void omp_unset_lock(omp_lock_t *lock) { lock->held = 0; }
int omp_test_lock(omp_lock_t *lock) {
  if (lock->held) return 0;
  lock->held = 1;
  return 1;
}
void omp_init_nest_lock(omp_nest_lock_t *lock) { lock->depth = 0; }
void omp_destroy_nest_lock(omp_nest_lock_t *lock) { lock->depth = 0; }
void omp_set_nest_lock(omp_nest_lock_t *lock) { lock->depth++; }
void omp_unset_nest_lock(omp_nest_lock_t *lock) {
  if (lock->depth > 0) lock->depth--;
}
/* The one thread always owns the lock: the new nesting depth. */
int omp_test_nest_lock(omp_nest_lock_t *lock) { return ++lock->depth; }

double omp_get_wtime(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0.0;
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
double omp_get_wtick(void) {
  struct timespec ts;
  if (clock_getres(CLOCK_MONOTONIC, &ts) != 0 || (ts.tv_sec == 0 && ts.tv_nsec == 0)) return 1e-9;
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
