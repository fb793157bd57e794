/* comm_groups.c — a process grid as communicators: row and column
 * communicators by Comm_split; even/odd by groups (Comm_group, Group_incl,
 * Group_excl, Group_union, Group_intersection, Group_translate_ranks,
 * Group_size/rank) and Comm_create; Comm_dup + Comm_compare; names;
 * Comm_split_type(SHARED) (one host: everyone together). */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

static const char *cmpname(int r) {
  return r == MPI_IDENT ? "IDENT" : r == MPI_CONGRUENT ? "CONGRUENT" : r == MPI_SIMILAR ? "SIMILAR"
       : r == MPI_UNEQUAL ? "UNEQUAL" : "?";
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int ncol = size >= 4 ? 2 : 1;
  MPI_Comm row, col;
  MPI_Comm_split(MPI_COMM_WORLD, rank / ncol, rank % ncol, &row);
  MPI_Comm_split(MPI_COMM_WORLD, rank % ncol, -rank, &col); /* reversed order by key */
  int rr, cr, rs, cs;
  MPI_Comm_rank(row, &rr);
  MPI_Comm_rank(col, &cr);
  MPI_Comm_size(row, &rs);
  MPI_Comm_size(col, &cs);
  int rsum, csum;
  MPI_Allreduce(&rank, &rsum, 1, MPI_INT, MPI_SUM, row);
  MPI_Allreduce(&rank, &csum, 1, MPI_INT, MPI_SUM, col);
  mt_lines(MPI_COMM_WORLD, "row %d/%d sum %d, column %d/%d sum %d", rr, rs, rsum, cr, cs, csum);

  /* UNDEFINED colour: no communicator */
  MPI_Comm none;
  MPI_Comm_split(MPI_COMM_WORLD, rank == 0 ? MPI_UNDEFINED : 1, 0, &none);
  mt_lines(MPI_COMM_WORLD, "split with UNDEFINED gives %s", none == MPI_COMM_NULL ? "COMM_NULL" : "a comm");
  if (none != MPI_COMM_NULL) MPI_Comm_free(&none);

  MPI_Group world, even, odd, both, inter, firsttwo;
  MPI_Comm_group(MPI_COMM_WORLD, &world);
  int evens[8], ne = 0;
  for (int i = 0; i < size; i += 2) evens[ne++] = i;
  MPI_Group_incl(world, ne, evens, &even);
  MPI_Group_excl(world, ne, evens, &odd);
  MPI_Group_union(odd, even, &both);
  int two[2] = {0, 1};
  MPI_Group_incl(world, size > 1 ? 2 : 1, two, &firsttwo);
  MPI_Group_intersection(firsttwo, odd, &inter);
  int gs[4], gr[4];
  MPI_Group_size(even, &gs[0]); MPI_Group_rank(even, &gr[0]);
  MPI_Group_size(odd, &gs[1]); MPI_Group_rank(odd, &gr[1]);
  MPI_Group_size(both, &gs[2]); MPI_Group_rank(both, &gr[2]);
  MPI_Group_size(inter, &gs[3]); MPI_Group_rank(inter, &gr[3]);
  mt_lines(MPI_COMM_WORLD, "groups even %d:%d odd %d:%d union %d:%d inter %d:%d", gs[0],
           gr[0] == MPI_UNDEFINED ? -1 : gr[0], gs[1], gr[1] == MPI_UNDEFINED ? -1 : gr[1], gs[2],
           gr[2], gs[3], gr[3] == MPI_UNDEFINED ? -1 : gr[3]);
  int from[8], to[8];
  for (int i = 0; i < size; i++) from[i] = i;
  MPI_Group_translate_ranks(both, size, from, world, to);
  char line[64] = "", *p = line;
  for (int i = 0; i < size; i++) p += sprintf(p, " %d", to[i]);
  mt_say("union ranks in world:%s\n", line);
  int cmp;
  MPI_Group_compare(both, world, &cmp);
  mt_say("union vs world group: %s\n", cmpname(cmp));

  MPI_Comm evencomm;
  MPI_Comm_create(MPI_COMM_WORLD, even, &evencomm);
  int esum = -1;
  if (evencomm != MPI_COMM_NULL) {
    MPI_Allreduce(&rank, &esum, 1, MPI_INT, MPI_SUM, evencomm);
    MPI_Comm_set_name(evencomm, "evens");
    char name[MPI_MAX_OBJECT_NAME];
    int len;
    MPI_Comm_get_name(evencomm, name, &len);
    if (strcmp(name, "evens") || len != 5) printf("rank %d: name %s\n", rank, name);
    MPI_Comm_free(&evencomm);
  }
  mt_lines(MPI_COMM_WORLD, "even comm sum %d", esum);

  MPI_Comm dup;
  MPI_Comm_dup(MPI_COMM_WORLD, &dup);
  int c1, c2, c3;
  MPI_Comm_compare(MPI_COMM_WORLD, MPI_COMM_WORLD, &c1);
  MPI_Comm_compare(MPI_COMM_WORLD, dup, &c2);
  MPI_Comm_compare(MPI_COMM_WORLD, row, &c3);
  mt_say("compare: self %s, dup %s, row %s\n", cmpname(c1), cmpname(c2), cmpname(c3));
  char wname[MPI_MAX_OBJECT_NAME];
  int wl;
  MPI_Comm_get_name(MPI_COMM_WORLD, wname, &wl);
  mt_say("world is called %s\n", wname);

  MPI_Comm shared;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &shared);
  int ss;
  MPI_Comm_size(shared, &ss);
  mt_say("shared-memory communicator has %d of %d ranks\n", ss, size);

  MPI_Group_free(&world); MPI_Group_free(&even); MPI_Group_free(&odd);
  MPI_Group_free(&both); MPI_Group_free(&inter); MPI_Group_free(&firsttwo);
  mt_check("Group_free sets MPI_GROUP_NULL", world == MPI_GROUP_NULL && inter == MPI_GROUP_NULL);
  MPI_Comm_free(&shared);
  MPI_Comm_free(&dup);
  MPI_Comm_free(&row);
  MPI_Comm_free(&col);
  mt_check("Comm_free sets MPI_COMM_NULL", dup == MPI_COMM_NULL && row == MPI_COMM_NULL);
  MPI_Finalize();
  return 0;
}
