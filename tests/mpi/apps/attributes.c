/* attributes.c — caching on communicators: a keyval with copy and delete
 * callbacks (called by Comm_dup and Comm_free / Comm_delete_attr), a keyval
 * that is not copied, the predefined MPI_TAG_UB attribute, and
 * Comm_free_keyval.  A library would keep its per-communicator state so. */
/* ranks: 4 1 */
#include "mpitest.h"

static int copies, deletes;

typedef struct {
  int uses;
  int id;
} libstate;

static int copy_state(MPI_Comm old, int key, void *extra, void *in, void *out, int *flag) {
  (void)old; (void)key;
  libstate *s = malloc(sizeof *s);
  *s = *(libstate *)in;
  s->id += *(int *)extra;
  *(void **)out = s;
  *flag = 1;
  copies++;
  return MPI_SUCCESS;
}

static int delete_state(MPI_Comm c, int key, void *val, void *extra) {
  (void)c; (void)key; (void)extra;
  free(val);
  deletes++;
  return MPI_SUCCESS;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  static int step = 10;
  int key, nocopy;
  MPI_Comm_create_keyval(copy_state, delete_state, &key, &step);
  MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, MPI_COMM_NULL_DELETE_FN, &nocopy, NULL);
  MPI_Comm a;
  MPI_Comm_dup(MPI_COMM_WORLD, &a);
  libstate *s = malloc(sizeof *s);
  s->uses = 3;
  s->id = 1;
  MPI_Comm_set_attr(a, key, s);
  static int plain = 42;
  MPI_Comm_set_attr(a, nocopy, &plain);

  MPI_Comm b;
  MPI_Comm_dup(a, &b);
  void *v;
  int flag;
  MPI_Comm_get_attr(b, key, &v, &flag);
  mt_lines(MPI_COMM_WORLD, "dup copied state: flag %d id %d uses %d (copies %d)", flag,
           flag ? ((libstate *)v)->id : -1, flag ? ((libstate *)v)->uses : -1, copies);
  MPI_Comm_get_attr(b, nocopy, &v, &flag);
  int f2;
  void *v2;
  MPI_Comm_get_attr(a, nocopy, &v2, &f2);
  mt_say("not-copied attribute on the dup: %s; on the original: %d\n", flag ? "present" : "absent",
         f2 ? *(int *)v2 : -1);

  MPI_Comm_delete_attr(a, key);
  MPI_Comm_get_attr(a, key, &v, &flag);
  mt_say("after delete_attr: %s, deletes %d\n", flag ? "present" : "absent", deletes);
  MPI_Comm_free(&b);
  mt_say("after freeing the dup: deletes %d\n", deletes);

  /* replacing a value calls delete on the old one */
  libstate *t = malloc(sizeof *t);
  t->uses = 0; t->id = 5;
  MPI_Comm_set_attr(a, key, t);
  libstate *u = malloc(sizeof *u);
  u->uses = 1; u->id = 6;
  MPI_Comm_set_attr(a, key, u);
  mt_say("after replacing: deletes %d\n", deletes);
  MPI_Comm_free(&a);
  mt_say("after freeing the original: deletes %d\n", deletes);
  MPI_Comm_free_keyval(&key);
  MPI_Comm_free_keyval(&nocopy);
  mt_check("free_keyval sets MPI_KEYVAL_INVALID", key == MPI_KEYVAL_INVALID);

  int *ub;
  MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &ub, &flag);
  mt_check("MPI_TAG_UB is at least 32767", flag && *ub >= 32767);
  MPI_Finalize();
  return 0;
}
