/* ms_handles.c — guest handles to shim objects.
 *
 * Predefined handles (< ABI_PREDEF_LIMIT) index one flat table filled by
 * ms_predef.c.  User objects live in per-kind tables of fixed-size chunks
 * (records never move, so a pointer from ms_obj_get stays valid while other
 * objects are created).  A user handle is ((kind + 1) << 28) | (gen << 20) |
 * index: the kind nibble refuses a handle of another kind, the 8-bit
 * generation a stale one whose slot was reused; freed slots queue up and are
 * reused oldest first, and only once more than REUSE_AFTER are free, so a
 * stale handle could name a new object only after 256 full turns of that
 * queue (over 65000 objects created since). */
#include <stdlib.h>
#include <string.h>

#include "ms_internal.h"
#include "ms_core.h"
#include "ms_fast.h"

/* The table layout (struct ms_table, ms_slot, ms_tables and the handle
 * bits) is in ms_fast.h, whose request helpers inline the common cases of
 * ms_obj_new, ms_obj_get and ms_obj_free below: keep them in step. */
#define CHUNK MS_TAB_CHUNK
#define INDEX_BITS MS_TAB_INDEX_BITS
#define MAX_INDEX MS_TAB_MAX_INDEX
#define GEN_MASK MS_TAB_GEN_MASK
#define KIND_SHIFT MS_TAB_KIND_SHIFT
#define REUSE_AFTER MS_TAB_REUSE_AFTER
#define LIVE MS_SLOT_LIVE
#define RETIRED MS_SLOT_RETIRED

struct ms_table ms_tables[MS_KIND_COUNT];
struct ms_predef_entry ms_predef[ABI_PREDEF_LIMIT];

void *ms_obj_get(enum ms_kind k, ms_gh h) {
  if (h < ABI_PREDEF_LIMIT) {
    const struct ms_predef_entry *p = &ms_predef[h];
    return p->kind == (uint8_t)(k + 1) ? p->rec : NULL;
  }
  if ((unsigned)k >= MS_KIND_COUNT || (h >> KIND_SHIFT) != (uint32_t)k + 1) return NULL;
  struct ms_table *t = &ms_tables[k];
  uint32_t i = h & (MAX_INDEX - 1);
  if (i >= t->used) return NULL;
  struct ms_slot *s = ms_slot_at(t, i);
  return s->live == LIVE && s->gen == ((h >> INDEX_BITS) & GEN_MASK) ? &s->rec : NULL;
}

/* The slot of live or retired user object h of kind k, or NULL. */
static struct ms_slot *held_slot(enum ms_kind k, ms_gh h) {
  if (h < ABI_PREDEF_LIMIT || (unsigned)k >= MS_KIND_COUNT || (h >> KIND_SHIFT) != (uint32_t)k + 1)
    return NULL;
  struct ms_table *t = &ms_tables[k];
  uint32_t i = h & (MAX_INDEX - 1);
  if (i >= t->used) return NULL;
  struct ms_slot *s = ms_slot_at(t, i);
  return s->live && s->gen == ((h >> INDEX_BITS) & GEN_MASK) ? s : NULL;
}

void ms_obj_retire(enum ms_kind k, ms_gh h) {
  struct ms_slot *s = held_slot(k, h);
  if (s) s->live = RETIRED;
}

/* ---- pins ----
 * The one mechanism behind every free that MPI lets a program make while
 * operations still use the object (a communicator, datatype or op freed
 * under a pending nonblocking or persistent operation): the operation pins
 * the objects it uses, the free only retires the handle, and the release
 * (the host free) runs when the last pin goes.  Predefined objects are never
 * freed and are not counted. */

/* The kind a user handle names (its top nibble), or MS_KIND_COUNT. */
static enum ms_kind kind_of(ms_gh h) {
  uint32_t k = h >> KIND_SHIFT;
  return h >= ABI_PREDEF_LIMIT && k >= 1 && k <= MS_KIND_COUNT ? (enum ms_kind)(k - 1) : MS_KIND_COUNT;
}

bool ms_obj_pin(ms_gh h) {
  struct ms_slot *s = held_slot(kind_of(h), h);
  if (!s || s->live != LIVE) return false;
  s->pins++;
  return true;
}

void ms_obj_unpin(ms_gh h) {
  enum ms_kind k = kind_of(h);
  struct ms_slot *s = held_slot(k, h);
  if (!s || !s->pins || --s->pins || s->live != RETIRED || !s->release) return;
  ms_obj_release_fn *release = s->release;
  s->release = NULL;
  /* Inside the completion call that dropped the last pin: an error has no
   * object left to report on, MPI_COMM_WORLD's handler hears of it. */
  int rc = release(&s->rec, h);
  ms_obj_free(k, h);
  if (rc != MPI_SUCCESS) ms_check(ms_vm(), NULL, rc, "(deferred free)");
}

int ms_obj_release(enum ms_kind k, ms_gh h, ms_obj_release_fn *release) {
  struct ms_slot *s = held_slot(k, h);
  if (!s) return MPI_SUCCESS;
  if (s->pins) {
    s->live = RETIRED;
    s->release = release;
    return MPI_SUCCESS;
  }
  int rc = release ? release(&s->rec, h) : MPI_SUCCESS;
  if (rc == MPI_SUCCESS) ms_obj_free(k, h);
  return rc;
}

bool ms_obj_pinned(ms_gh h) {
  struct ms_slot *s = held_slot(kind_of(h), h);
  return s && s->pins;
}

static bool grow(struct ms_table *t) {
  if (t->used == t->nchunks * CHUNK) {
    if (t->used >= MAX_INDEX) return false;
    struct ms_slot **c = realloc(t->chunks, (t->nchunks + 1) * sizeof *c);
    if (!c) return false;
    t->chunks = c;
    if (!(c[t->nchunks] = calloc(CHUNK, sizeof(struct ms_slot)))) return false;
    t->nchunks++;
  }
  return true;
}

void *ms_obj_new(enum ms_kind k, ms_gh *h) {
  if ((unsigned)k >= MS_KIND_COUNT) return NULL;
  struct ms_table *t = &ms_tables[k];
  uint32_t i;
  if (t->nfree > REUSE_AFTER || (t->nfree && !grow(t))) {
    i = t->free_head;
    t->free_head = ms_slot_at(t, i)->next_free;
    if (--t->nfree == 0) t->free_head = t->free_tail = 0;
  } else {
    if (!grow(t)) return NULL;
    i = t->used++;
  }
  struct ms_slot *s = ms_slot_at(t, i);
  memset(&s->rec, 0, sizeof s->rec);
  s->live = LIVE;
  s->pins = 0;
  s->release = NULL;
  t->live++;
  *h = ((uint32_t)(k + 1) << KIND_SHIFT) | ((uint32_t)s->gen << INDEX_BITS) | i;
  return &s->rec;
}

void ms_obj_free(enum ms_kind k, ms_gh h) {
  struct ms_slot *s = held_slot(k, h);
  if (!s) return;
  ms_slot_release(&ms_tables[k], s, h & (MAX_INDEX - 1));
}

/* Every record starts with its host handle (see ms_internal.h), so the
 * comparison is over the first host_size bytes. */
ms_gh ms_obj_find(enum ms_kind k, const void *host_handle, size_t host_size) {
  if ((unsigned)k >= MS_KIND_COUNT) return 0;
  ms_gh alias = 0;
  for (uint32_t h = 0; h < ABI_PREDEF_LIMIT; h++) {
    const struct ms_predef_entry *p = &ms_predef[h];
    if (p->kind != (uint8_t)(k + 1) || memcmp(p->rec, host_handle, host_size) != 0) continue;
    if (!p->alias) return h;
    if (!alias) alias = h;
  }
  if (alias) return alias;
  struct ms_table *t = &ms_tables[k];
  for (uint32_t i = 0; i < t->used; i++) {
    struct ms_slot *s = ms_slot_at(t, i);
    if (s->live && memcmp(&s->rec, host_handle, host_size) == 0)
      return ((uint32_t)(k + 1) << KIND_SHIFT) | ((uint32_t)s->gen << INDEX_BITS) | i;
  }
  return 0;
}

size_t ms_obj_live(enum ms_kind k) {
  return (unsigned)k < MS_KIND_COUNT ? ms_tables[k].live : 0;
}

/* ---- typed getters ---- */

int ms_group_get(ms_gh h, MPI_Group *out) {
  MPI_Group *g = ms_obj_get(MS_GROUP, h);
  if (!g) return ABI_ERR_GROUP;
  *out = *g;
  return 0;
}

int ms_info_get(ms_gh h, MPI_Info *out) {
  if (h == ABI_INFO_NULL) {
    *out = MPI_INFO_NULL;
    return 0;
  }
  MPI_Info *i = ms_obj_get(MS_INFO, h);
  if (!i) return ABI_ERR_INFO;
  *out = *i;
  return 0;
}

ms_gh ms_type_from_host(MPI_Datatype host) {
  return ms_obj_find(MS_TYPE, &host, sizeof host);
}

/* ---- cached communicator rank and size (ms_fast.h) ---- */

void ms_comm_cache(ms_comm *c) {
  int rank, size, inter = 0, remote = 0;
  if (!c || c->host == MPI_COMM_NULL || c->host == (MPI_Comm)0) return;
  if (MPI_Comm_rank(c->host, &rank) != MPI_SUCCESS ||
      MPI_Comm_size(c->host, &size) != MPI_SUCCESS || rank < 0 || size <= 0 ||
      MPI_Comm_test_inter(c->host, &inter) != MPI_SUCCESS ||
      (inter && (MPI_Comm_remote_size(c->host, &remote) != MPI_SUCCESS || remote <= 0)))
    return;
  c->rank = rank;
  c->remote_size = inter ? remote : 0;
  c->size = size;
}

const ms_comm *ms_comm_cached(ms_gh h) {
  const ms_comm *c = ms_obj_get(MS_COMM, h);
  return c && c->size != 0 ? c : NULL;
}

void ms_comm_forget_all(void) {
  for (uint32_t h = 0; h < ABI_PREDEF_LIMIT; h++)
    if (ms_predef[h].kind == MS_COMM + 1) ((ms_comm *)ms_predef[h].rec)->size = 0;
  struct ms_table *t = &ms_tables[MS_COMM];
  for (uint32_t i = 0; i < t->used; i++) ms_slot_at(t, i)->rec.comm.size = 0;
}
