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

#define CHUNK 256u
#define INDEX_BITS 20u
#define MAX_INDEX (1u << INDEX_BITS)
#define GEN_MASK 0xffu
#define KIND_SHIFT 28u
#define REUSE_AFTER 256u /* free slots kept back before reuse */

union ms_record {
  ms_comm comm;
  ms_type type;
  ms_op op;
  ms_request request;
  ms_errhandler errhandler;
  MPI_Group group;
  MPI_Info info;
  MPI_Message message;
};

struct slot {
  union ms_record rec; /* first: the record's address is the slot's */
  uint32_t next_free;
  uint32_t pins;     /* pending operations that use it (ms_obj_pin) */
  ms_obj_release_fn *release; /* RETIRED by ms_obj_release: run at the last unpin */
  uint8_t live, gen; /* live: 0 free, LIVE, or RETIRED (ms_obj_retire) */
};
enum { LIVE = 1, RETIRED = 2 };

struct table {
  struct slot **chunks;
  uint32_t nchunks, used;     /* slots handed out at least once */
  uint32_t free_head, free_tail, nfree;
  uint32_t live;
};

static struct table tables[MS_KIND_COUNT];
struct ms_predef_entry ms_predef[ABI_PREDEF_LIMIT];

static inline struct slot *slot_at(struct table *t, uint32_t i) {
  return &t->chunks[i / CHUNK][i % CHUNK];
}

void *ms_obj_get(enum ms_kind k, ms_gh h) {
  if (h < ABI_PREDEF_LIMIT) {
    const struct ms_predef_entry *p = &ms_predef[h];
    return p->kind == (uint8_t)(k + 1) ? p->rec : NULL;
  }
  if ((unsigned)k >= MS_KIND_COUNT || (h >> KIND_SHIFT) != (uint32_t)k + 1) return NULL;
  struct table *t = &tables[k];
  uint32_t i = h & (MAX_INDEX - 1);
  if (i >= t->used) return NULL;
  struct slot *s = slot_at(t, i);
  return s->live == LIVE && s->gen == ((h >> INDEX_BITS) & GEN_MASK) ? &s->rec : NULL;
}

/* The slot of live or retired user object h of kind k, or NULL. */
static struct slot *held_slot(enum ms_kind k, ms_gh h) {
  if (h < ABI_PREDEF_LIMIT || (unsigned)k >= MS_KIND_COUNT || (h >> KIND_SHIFT) != (uint32_t)k + 1)
    return NULL;
  struct table *t = &tables[k];
  uint32_t i = h & (MAX_INDEX - 1);
  if (i >= t->used) return NULL;
  struct slot *s = slot_at(t, i);
  return s->live && s->gen == ((h >> INDEX_BITS) & GEN_MASK) ? s : NULL;
}

void ms_obj_retire(enum ms_kind k, ms_gh h) {
  struct slot *s = held_slot(k, h);
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
  struct slot *s = held_slot(kind_of(h), h);
  if (!s || s->live != LIVE) return false;
  s->pins++;
  return true;
}

void ms_obj_unpin(ms_gh h) {
  enum ms_kind k = kind_of(h);
  struct slot *s = held_slot(k, h);
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
  struct slot *s = held_slot(k, h);
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
  struct slot *s = held_slot(kind_of(h), h);
  return s && s->pins;
}

static bool grow(struct table *t) {
  if (t->used == t->nchunks * CHUNK) {
    if (t->used >= MAX_INDEX) return false;
    struct slot **c = realloc(t->chunks, (t->nchunks + 1) * sizeof *c);
    if (!c) return false;
    t->chunks = c;
    if (!(c[t->nchunks] = calloc(CHUNK, sizeof(struct slot)))) return false;
    t->nchunks++;
  }
  return true;
}

void *ms_obj_new(enum ms_kind k, ms_gh *h) {
  if ((unsigned)k >= MS_KIND_COUNT) return NULL;
  struct table *t = &tables[k];
  uint32_t i;
  if (t->nfree > REUSE_AFTER || (t->nfree && !grow(t))) {
    i = t->free_head;
    t->free_head = slot_at(t, i)->next_free;
    if (--t->nfree == 0) t->free_head = t->free_tail = 0;
  } else {
    if (!grow(t)) return NULL;
    i = t->used++;
  }
  struct slot *s = slot_at(t, i);
  memset(&s->rec, 0, sizeof s->rec);
  s->live = LIVE;
  s->pins = 0;
  s->release = NULL;
  t->live++;
  *h = ((uint32_t)(k + 1) << KIND_SHIFT) | ((uint32_t)s->gen << INDEX_BITS) | i;
  return &s->rec;
}

void ms_obj_free(enum ms_kind k, ms_gh h) {
  struct slot *s = held_slot(k, h);
  if (!s) return;
  struct table *t = &tables[k];
  uint32_t i = h & (MAX_INDEX - 1);
  s->live = 0;
  s->pins = 0;
  s->release = NULL;
  s->gen = (s->gen + 1) & GEN_MASK;
  s->next_free = 0;
  if (t->nfree) slot_at(t, t->free_tail)->next_free = i;
  else t->free_head = i;
  t->free_tail = i;
  t->nfree++;
  t->live--;
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
  struct table *t = &tables[k];
  for (uint32_t i = 0; i < t->used; i++) {
    struct slot *s = slot_at(t, i);
    if (s->live && memcmp(&s->rec, host_handle, host_size) == 0)
      return ((uint32_t)(k + 1) << KIND_SHIFT) | ((uint32_t)s->gen << INDEX_BITS) | i;
  }
  return 0;
}

size_t ms_obj_live(enum ms_kind k) {
  return (unsigned)k < MS_KIND_COUNT ? tables[k].live : 0;
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
