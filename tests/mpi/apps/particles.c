/* particles.c — particles leave their rank's slab of [0,1) and move to the
 * owner: a struct type built from Get_address offsets (create_struct, then
 * create_resized to the C struct's size) carries them; counts first
 * (Sendrecv), then the particles; Get_count/Get_elements on the receives;
 * the same exchange again through Pack/Unpack with Pack_size. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

typedef struct {
  double x, v;
  int id;
  char kind;
} particle;

#define NP 20

static MPI_Datatype particle_type(void) {
  particle p;
  int len[3] = {2, 1, 1};
  MPI_Aint base, disp[3];
  MPI_Get_address(&p, &base);
  MPI_Get_address(&p.x, &disp[0]);
  MPI_Get_address(&p.id, &disp[1]);
  MPI_Get_address(&p.kind, &disp[2]);
  for (int i = 0; i < 3; i++) disp[i] -= base;
  MPI_Datatype types[3] = {MPI_DOUBLE, MPI_INT, MPI_CHAR}, t, r;
  MPI_Type_create_struct(3, len, disp, types, &t);
  MPI_Type_create_resized(t, 0, sizeof(particle), &r);
  MPI_Type_free(&t);
  MPI_Type_commit(&r);
  return r;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Datatype pt = particle_type();
  int tsize;
  MPI_Type_size(pt, &tsize);
  mt_say("particle type carries %d bytes\n", tsize);

  particle mine[NP * 4];
  int n = NP;
  unsigned seed = 17u + rank;
  for (int i = 0; i < n; i++) {
    mine[i].x = (rank + (mt_rand(&seed) % 1000) / 1000.0) / size;
    mine[i].v = ((int)(mt_rand(&seed) % 201) - 100) / 250.0;
    mine[i].id = rank * 1000 + i;
    mine[i].kind = "ab"[i % 2];
  }
  int right = (rank + 1) % size, left = (rank + size - 1) % size;
  for (int step = 0; step < 6; step++) {
    particle goR[NP * 4], goL[NP * 4], inR[NP * 4], inL[NP * 4];
    int nr = 0, nl = 0, keep = 0;
    for (int i = 0; i < n; i++) {
      particle p = mine[i];
      p.x += p.v * 0.1;
      if (p.x < 0) p.x += 1;
      if (p.x >= 1) p.x -= 1;
      int owner = (int)(p.x * size);
      if (owner == rank) mine[keep++] = p;
      else if (owner == right) goR[nr++] = p;
      else goL[nl++] = p; /* |v| * 0.1 < one slab for up to 4 ranks */
    }
    n = keep;
    int cr, cl;
    MPI_Sendrecv(&nr, 1, MPI_INT, right, 0, &cl, 1, MPI_INT, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Sendrecv(&nl, 1, MPI_INT, left, 1, &cr, 1, MPI_INT, right, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Status st;
    int got, elems;
    if (step % 2 == 0) {
      MPI_Sendrecv(goR, nr, pt, right, 2, inL, cl, pt, left, 2, MPI_COMM_WORLD, &st);
      MPI_Get_count(&st, pt, &got);
      MPI_Get_elements(&st, pt, &elems);
      if (got != cl || elems != 4 * cl) printf("rank %d: count %d elements %d, expected %d\n", rank, got, elems, cl);
      MPI_Sendrecv(goL, nl, pt, left, 3, inR, cr, pt, right, 3, MPI_COMM_WORLD, &st);
    } else {
      /* the same through Pack/Unpack */
      int psz, pos = 0;
      MPI_Pack_size(NP * 4, pt, MPI_COMM_WORLD, &psz);
      char *pb = malloc(psz), *ib = malloc(psz);
      MPI_Pack(goR, nr, pt, pb, psz, &pos, MPI_COMM_WORLD);
      MPI_Sendrecv(pb, pos, MPI_PACKED, right, 2, ib, psz, MPI_PACKED, left, 2, MPI_COMM_WORLD, &st);
      MPI_Get_count(&st, MPI_PACKED, &got);
      pos = 0;
      MPI_Unpack(ib, got, &pos, inL, cl, pt, MPI_COMM_WORLD);
      pos = 0;
      MPI_Pack(goL, nl, pt, pb, psz, &pos, MPI_COMM_WORLD);
      MPI_Sendrecv(pb, pos, MPI_PACKED, left, 3, ib, psz, MPI_PACKED, right, 3, MPI_COMM_WORLD, &st);
      MPI_Get_count(&st, MPI_PACKED, &got);
      pos = 0;
      MPI_Unpack(ib, got, &pos, inR, cr, pt, MPI_COMM_WORLD);
      free(pb);
      free(ib);
    }
    for (int i = 0; i < cl; i++) mine[n++] = inL[i];
    for (int i = 0; i < cr; i++) mine[n++] = inR[i];
  }
  long idsum = 0;
  double xs = 0;
  int nb = 0, wrong = 0;
  for (int i = 0; i < n; i++) {
    idsum += mine[i].id;
    xs += mine[i].x;
    nb += mine[i].kind == 'b';
    if ((int)(mine[i].x * size) != rank) wrong++;
  }
  mt_lines(MPI_COMM_WORLD, "%d particles (%d of kind b), id sum %ld, x sum %.6f, misplaced %d", n,
           nb, idsum, xs, wrong);
  MPI_Type_free(&pt);
  MPI_Finalize();
  return 0;
}
