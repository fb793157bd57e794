/* ms_pin.c — what requests pin, and freed requests still active (orphans).
 * The counts themselves live on the handle entries (ms_handles.c:
 * ms_obj_pin, ms_obj_unpin, ms_obj_release); see ms_internal.h, "pins". */
#include <stdlib.h>
#include <string.h>

#include "ms_internal.h"

void ms_req_pin(ms_request *r, ms_gh h) {
  if (h < ABI_PREDEF_LIMIT) return;
  for (int i = 0; i < MS_REQ_PINS; i++)
    if (r->pins[i] == 0) {
      if (ms_obj_pin(h)) r->pins[i] = h;
      return;
    }
}

void ms_req_pin2(ms_request *r, ms_gh a, ms_gh b) {
  ms_req_pin(r, a);
  ms_req_pin(r, b);
}

void ms_req_idup_done(ms_request *r) {
  if (!r->idup_comm) return;
  ms_comm *nc = ms_obj_get(MS_COMM, r->idup_comm);
  MPI_Comm host = r->temp ? *(MPI_Comm *)r->temp : MPI_COMM_NULL;
  if (nc && nc->host == (MPI_Comm)0 && host != MPI_COMM_NULL) nc->host = host;
}

void ms_req_drop(ms_request *r, ms_gh h, void *slot) {
  ms_gh pins[MS_REQ_PINS];
  memcpy(pins, r->pins, sizeof pins);
  ms_req_idup_done(r);
  free(r->temp);
  r->temp = NULL;
  ms_obj_free(MS_REQUEST, h);
  if (slot) {
    ms_gh null = ABI_REQUEST_NULL;
    memcpy(slot, &null, 4);
  }
  /* Last: an unpin may free a communicator, whose attribute delete
   * functions run guest code. */
  for (int i = 0; i < MS_REQ_PINS; i++)
    if (pins[i]) ms_obj_unpin(pins[i]);
}

/* ---- orphans ---- */
static struct orphan {
  ms_request *r;
  ms_gh h;
} *orphans;
static unsigned norphans, cap;
unsigned ms_orphan_count;
static bool polling;

/* Test r on the host: true when it is done with it (and it is dropped). */
static bool settle(ms_request *r, ms_gh h, int *rc) {
  int flag = 0;
  *rc = MPI_Test(&r->host, &flag, MPI_STATUS_IGNORE);
  if (!flag && r->host != MPI_REQUEST_NULL) return false;
  /* Done (or inactive, for a persistent request): the host still has a
   * persistent request until it is freed. */
  if (r->host != MPI_REQUEST_NULL) MPI_Request_free(&r->host);
  ms_req_drop(r, h, NULL);
  return true;
}

int ms_req_free_active(ms_request *r, ms_gh h) {
  int rc;
  if (settle(r, h, &rc)) return MPI_SUCCESS;
  if (norphans == cap) {
    unsigned n = cap ? 2 * cap : 16;
    struct orphan *o = realloc(orphans, n * sizeof *o);
    if (!o) { /* no room to keep it: the host's own free, as before */
      rc = MPI_Request_free(&r->host);
      ms_req_drop(r, h, NULL);
      return rc;
    }
    orphans = o;
    cap = n;
  }
  ms_obj_retire(MS_REQUEST, h);
  orphans[norphans++] = (struct orphan){r, h};
  ms_orphan_count = norphans;
  return MPI_SUCCESS;
}

void ms_orphans_poll(void) {
  if (polling || !norphans) return;
  polling = true; /* settle's unpins may free objects, which poll again */
  unsigned j = 0;
  for (unsigned i = 0; i < norphans; i++) {
    int rc;
    if (!settle(orphans[i].r, orphans[i].h, &rc)) orphans[j++] = orphans[i];
  }
  norphans = ms_orphan_count = j;
  polling = false;
}

void ms_orphans_finalize(void) {
  ms_orphans_poll();
  /* Still active: the host's MPI_Finalize deals with them; the objects they
   * pin stay with it. */
  norphans = ms_orphan_count = 0;
  free(orphans);
  orphans = NULL;
  cap = 0;
}
