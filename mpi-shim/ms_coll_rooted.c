/* ms_coll_rooted.c — the rooted collectives: Bcast, Gather(v), Scatter(v)
 * and their non-blocking forms.  A buffer is checked (and handed to the
 * host) only on the ranks where the standard makes it significant; where it
 * is not, the host gets NULL, so it can never reach unchecked memory. */
#include "ms_coll.h"

/* What this rank does in a rooted collective. */
enum role {
  ROLE_NONE, /* intercommunicator, MPI_PROC_NULL: nothing */
  ROLE_ROOT, /* the root (intra) or MPI_ROOT (inter): the root-side buffers */
  ROLE_LEAF, /* any other rank: the leaf-side buffer */
};

/* The role, and ERR_ROOT for a root value the communicator cannot have. */
static int root_role(ms_cc *x, int root, const ms_shape *s, enum role *role, bool *also_leaf) {
  *also_leaf = false;
  if (s->inter) {
    if (root == ABI_ROOT)
      *role = ROLE_ROOT;
    else if (root == ABI_PROC_NULL)
      *role = ROLE_NONE;
    else if (root >= 0 && root < s->peers)
      *role = ROLE_LEAF;
    else
      goto bad;
    return 0;
  }
  if (root < 0 || root >= s->size) goto bad;
  *role = root == s->rank ? ROLE_ROOT : ROLE_LEAF;
  *also_leaf = root == s->rank; /* an intracommunicator's root also contributes */
  return 0;
bad:
  return ms_raise(x->vm, x->c, ABI_ERR_ROOT, x->fn, "invalid root %d (%s of %d)", root,
                  s->inter ? "intercommunicator, remote size" : "size", s->peers);
}

/* ---- Bcast ---- */

static int32_t bcast(wasmso_vmctx *vm, ms_gaddr buf, int32_t count, ms_gh type, int32_t root,
                     ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  ms_type *t;
  void *hbuf = NULL;
  MPI_Datatype ht;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc) return rc;
  if (root != ABI_PROC_NULL) { /* the only value that makes buf insignificant */
    if ((rc = ms_cc_tbuf(&x, "buffer", buf, count, type, &t, &hbuf))) return rc;
    ht = t->host;
  } else {
    ht = ms_cc_ignored_type(type);
  }
  if (!nb) return ms_cc_check(&x, MPI_Bcast(hbuf, count, ht, ms_rank_in(root), x.c->host));
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) return rc;
  return ms_cc_req_end(&x, &q, MPI_Ibcast(hbuf, count, ht, ms_rank_in(root), x.c->host, &q.r->host),
                       NULL);
}

int32_t ms_MPI_Bcast(wasmso_vmctx *vm, uint32_t buf, int32_t count, uint32_t type, int32_t root, uint32_t comm) {
  return bcast(vm, buf, count, type, root, comm, 0, false, "MPI_Bcast");
}
int32_t ms_MPI_Ibcast(wasmso_vmctx *vm, uint32_t buf, int32_t count, uint32_t type, int32_t root, uint32_t comm, uint32_t req) {
  return bcast(vm, buf, count, type, root, comm, req, true, "MPI_Ibcast");
}

/* ---- Gather, Scatter ----
 * `one` is the per-rank side (Gather's send, Scatter's receive buffer), `all`
 * the root's side holding a block per peer. */

static int32_t gather_scatter(wasmso_vmctx *vm, bool gather, ms_gaddr sbuf, int32_t scount,
                              ms_gh stype, ms_gaddr rbuf, int32_t rcount, ms_gh rtype, int32_t root,
                              ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  ms_shape s;
  enum role role;
  bool leaf;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_shape(&x, &s)) || (rc = root_role(&x, root, &s, &role, &leaf))) return rc;
  ms_gaddr one = gather ? sbuf : rbuf, all = gather ? rbuf : sbuf;
  int32_t one_n = gather ? scount : rcount, all_n = gather ? rcount : scount;
  ms_gh one_t = gather ? stype : rtype, all_t = gather ? rtype : stype;
  const char *one_name = gather ? "sendbuf" : "recvbuf", *all_name = gather ? "recvbuf" : "sendbuf";
  void *hone = NULL, *hall = NULL;
  MPI_Datatype htone = ms_cc_ignored_type(one_t), htall = ms_cc_ignored_type(all_t);
  ms_type *t;
  if (role == ROLE_ROOT) {
    if ((rc = ms_cc_tbuf(&x, all_name, all, (int64_t)all_n * s.peers, all_t, &t, &hall))) return rc;
    htall = t->host;
  }
  if (role == ROLE_LEAF || leaf) {
    if (leaf && one == ABI_IN_PLACE) {
      hone = MPI_IN_PLACE; /* the root's own block stays where it is */
    } else {
      if ((rc = ms_cc_tbuf(&x, one_name, one, one_n, one_t, &t, &hone))) return rc;
      htone = t->host;
    }
  }
  void *hs = gather ? hone : hall, *hr = gather ? hall : hone;
  MPI_Datatype hst = gather ? htone : htall, hrt = gather ? htall : htone;
  int hroot = ms_rank_in(root);
  if (!nb)
    return ms_cc_check(&x, gather
                               ? MPI_Gather(hs, scount, hst, hr, rcount, hrt, hroot, x.c->host)
                               : MPI_Scatter(hs, scount, hst, hr, rcount, hrt, hroot, x.c->host));
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) return rc;
  return ms_cc_req_end(
      &x, &q,
      gather ? MPI_Igather(hs, scount, hst, hr, rcount, hrt, hroot, x.c->host, &q.r->host)
             : MPI_Iscatter(hs, scount, hst, hr, rcount, hrt, hroot, x.c->host, &q.r->host),
      NULL);
}

int32_t ms_MPI_Gather(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, int32_t root, uint32_t comm) {
  return gather_scatter(vm, true, sbuf, scount, stype, rbuf, rcount, rtype, root, comm, 0, false,
                        "MPI_Gather");
}
int32_t ms_MPI_Igather(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, int32_t root, uint32_t comm, uint32_t req) {
  return gather_scatter(vm, true, sbuf, scount, stype, rbuf, rcount, rtype, root, comm, req, true,
                        "MPI_Igather");
}
int32_t ms_MPI_Scatter(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, int32_t root, uint32_t comm) {
  return gather_scatter(vm, false, sbuf, scount, stype, rbuf, rcount, rtype, root, comm, 0, false,
                        "MPI_Scatter");
}
int32_t ms_MPI_Iscatter(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, int32_t root, uint32_t comm, uint32_t req) {
  return gather_scatter(vm, false, sbuf, scount, stype, rbuf, rcount, rtype, root, comm, req, true,
                        "MPI_Iscatter");
}

/* ---- Gatherv, Scatterv ----
 * The root's side is counts[i] elements at displs[i] * extent for each peer;
 * the arrays are significant at the root only.  A non-blocking call gets
 * host copies of them (the guest may rewrite its arrays before completion). */

static int32_t gatherv_scatterv(wasmso_vmctx *vm, bool gather, ms_gaddr one, int32_t one_n,
                                ms_gh one_t, ms_gaddr all, ms_gaddr countsg, ms_gaddr displsg,
                                ms_gh all_t, int32_t root, ms_gh comm, ms_gaddr reqp, bool nb,
                                const char *fn) {
  ms_cc x;
  ms_shape s;
  enum role role;
  bool leaf;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_shape(&x, &s)) || (rc = root_role(&x, root, &s, &role, &leaf))) return rc;
  const char *one_name = gather ? "sendbuf" : "recvbuf", *all_name = gather ? "recvbuf" : "sendbuf";
  void *hone = NULL, *hall = NULL, *temp = NULL;
  int32_t *counts = NULL, *displs = NULL;
  MPI_Datatype htone = ms_cc_ignored_type(one_t), htall = ms_cc_ignored_type(all_t);
  ms_type *t;
  if (role == ROLE_ROOT) {
    if ((rc = ms_cc_ints(&x, gather ? "recvcounts" : "sendcounts", countsg, s.peers, &counts)) ||
        (rc = ms_cc_ints(&x, "displs", displsg, s.peers, &displs)) ||
        (rc = ms_cc_type(&x, all_name, all_t, &t)) ||
        (rc = ms_cc_vbuf(&x, all_name, all, counts, displs, s.peers, t, &hall)))
      return rc;
    htall = t->host;
    if (nb) {
      if ((rc = ms_cc_alloc(&x, (size_t)s.peers * 8, &temp))) return rc;
      int32_t *copy = temp;
      ms_cc_copy_ints(copy, counts, s.peers);
      ms_cc_copy_ints(copy + s.peers, displs, s.peers);
      counts = copy;
      displs = copy + s.peers;
    }
  }
  if (role == ROLE_LEAF || leaf) {
    if (leaf && one == ABI_IN_PLACE) {
      hone = MPI_IN_PLACE;
    } else if ((rc = ms_cc_tbuf(&x, one_name, one, one_n, one_t, &t, &hone))) {
      free(temp);
      return rc;
    } else {
      htone = t->host;
    }
  }
  int hroot = ms_rank_in(root);
  if (!nb)
    return ms_cc_check(
        &x, gather
                ? MPI_Gatherv(hone, one_n, htone, hall, counts, displs, htall, hroot, x.c->host)
                : MPI_Scatterv(hall, counts, displs, htall, hone, one_n, htone, hroot, x.c->host));
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) {
    free(temp);
    return rc;
  }
  return ms_cc_req_end(&x, &q,
                       gather ? MPI_Igatherv(hone, one_n, htone, hall, counts, displs, htall, hroot,
                                             x.c->host, &q.r->host)
                              : MPI_Iscatterv(hall, counts, displs, htall, hone, one_n, htone,
                                              hroot, x.c->host, &q.r->host),
                       temp);
}

int32_t ms_MPI_Gatherv(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t displs, uint32_t rtype, int32_t root, uint32_t comm) {
  return gatherv_scatterv(vm, true, sbuf, scount, stype, rbuf, rcounts, displs, rtype, root, comm,
                          0, false, "MPI_Gatherv");
}
int32_t ms_MPI_Igatherv(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t displs, uint32_t rtype, int32_t root, uint32_t comm, uint32_t req) {
  return gatherv_scatterv(vm, true, sbuf, scount, stype, rbuf, rcounts, displs, rtype, root, comm,
                          req, true, "MPI_Igatherv");
}
int32_t ms_MPI_Scatterv(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t displs, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, int32_t root, uint32_t comm) {
  return gatherv_scatterv(vm, false, rbuf, rcount, rtype, sbuf, scounts, displs, stype, root, comm,
                          0, false, "MPI_Scatterv");
}
int32_t ms_MPI_Iscatterv(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t displs, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, int32_t root, uint32_t comm, uint32_t req) {
  return gatherv_scatterv(vm, false, rbuf, rcount, rtype, sbuf, scounts, displs, stype, root, comm,
                          req, true, "MPI_Iscatterv");
}
