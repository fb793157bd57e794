// stencil.cc — a C++ 1-D wave-equation stencil: the field lives in
// std::vector<double> with ghost cells, exchanged through the C API with
// Isend/Irecv on vector data(); energy summed with Allreduce; results
// gathered into a std::vector on rank 0.
/* ranks: 4 1 2 */
#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

namespace {

struct Field {
  std::vector<double> prev, cur, next;
  explicit Field(std::size_t n) : prev(n + 2, 0.0), cur(n + 2, 0.0), next(n + 2, 0.0) {}
  std::size_t n() const { return cur.size() - 2; }
};

void exchange(std::vector<double> &u, int left, int right, MPI_Comm comm) {
  MPI_Request rq[4];
  const int n = static_cast<int>(u.size()) - 2;
  MPI_Irecv(&u[0], 1, MPI_DOUBLE, left, 0, comm, &rq[0]);
  MPI_Irecv(&u[n + 1], 1, MPI_DOUBLE, right, 1, comm, &rq[1]);
  MPI_Isend(&u[n], 1, MPI_DOUBLE, right, 0, comm, &rq[2]);
  MPI_Isend(&u[1], 1, MPI_DOUBLE, left, 1, comm, &rq[3]);
  MPI_Waitall(4, rq, MPI_STATUSES_IGNORE);
}

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::size_t nloc = 40;
  const std::size_t nglob = nloc * size;
  Field f(nloc);
  for (std::size_t i = 1; i <= nloc; ++i) {
    double x = double(rank * nloc + i - 1) / nglob;
    f.cur[i] = f.prev[i] = std::exp(-200.0 * (x - 0.3) * (x - 0.3));
  }
  int left = (rank + size - 1) % size, right = (rank + 1) % size;
  const double c2 = 0.25;
  for (int step = 0; step < 300; ++step) {
    exchange(f.cur, left, right, MPI_COMM_WORLD);
    for (std::size_t i = 1; i <= nloc; ++i)
      f.next[i] = 2 * f.cur[i] - f.prev[i] + c2 * (f.cur[i - 1] - 2 * f.cur[i] + f.cur[i + 1]);
    std::swap(f.prev, f.cur);
    std::swap(f.cur, f.next);
    if (step % 100 == 99) {
      double e = 0;
      for (std::size_t i = 1; i <= nloc; ++i) e += f.cur[i] * f.cur[i];
      double etot = 0;
      MPI_Allreduce(&e, &etot, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
      if (rank == 0) std::printf("step %d: energy %.10f\n", step + 1, etot);
    }
  }
  std::vector<double> mine(f.cur.begin() + 1, f.cur.end() - 1);
  std::vector<double> all(rank == 0 ? nglob : 0);
  MPI_Gather(mine.data(), static_cast<int>(nloc), MPI_DOUBLE, all.data(), static_cast<int>(nloc),
             MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    auto peak = std::max_element(all.begin(), all.end());
    std::printf("%zu points, peak %.8f at %ld, checksum %.10f\n", all.size(), *peak,
                static_cast<long>(peak - all.begin()), std::accumulate(all.begin(), all.end(), 0.0));
  }
  MPI_Finalize();
  return 0;
}
