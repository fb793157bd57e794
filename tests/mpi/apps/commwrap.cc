// commwrap.cc — a small C++ class owning a communicator (RAII over
// Comm_dup/Comm_free through the C API), with type-mapped templates for
// send/recv/allreduce, move semantics, and an exception-free error path
// (the wrapper sets MPI_ERRORS_RETURN and turns codes into values).
/* ranks: 4 3 */
#include <mpi.h>

#include <array>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace {

template <typename T> MPI_Datatype mpi_type();
template <> MPI_Datatype mpi_type<int>() { return MPI_INT; }
template <> MPI_Datatype mpi_type<double>() { return MPI_DOUBLE; }
template <> MPI_Datatype mpi_type<long long>() { return MPI_LONG_LONG; }

class Comm {
 public:
  explicit Comm(MPI_Comm parent) {
    MPI_Comm_dup(parent, &c_);
    MPI_Comm_set_errhandler(c_, MPI_ERRORS_RETURN);
    MPI_Comm_rank(c_, &rank_);
    MPI_Comm_size(c_, &size_);
  }
  Comm(MPI_Comm parent, int color, int key) {
    MPI_Comm_split(parent, color, key, &c_);
    MPI_Comm_set_errhandler(c_, MPI_ERRORS_RETURN);
    MPI_Comm_rank(c_, &rank_);
    MPI_Comm_size(c_, &size_);
  }
  Comm(const Comm &) = delete;
  Comm &operator=(const Comm &) = delete;
  Comm(Comm &&o) noexcept : c_(std::exchange(o.c_, MPI_COMM_NULL)), rank_(o.rank_), size_(o.size_) {}
  ~Comm() {
    if (c_ != MPI_COMM_NULL) MPI_Comm_free(&c_);
  }
  int rank() const { return rank_; }
  int size() const { return size_; }

  template <typename T> int send(const std::vector<T> &v, int dest, int tag) const {
    return MPI_Send(v.data(), static_cast<int>(v.size()), mpi_type<T>(), dest, tag, c_);
  }
  template <typename T> std::pair<int, std::vector<T>> recv(int src, int tag) const {
    MPI_Status st;
    int rc = MPI_Probe(src, tag, c_, &st);
    if (rc != MPI_SUCCESS) return {rc, {}};
    int n = 0;
    MPI_Get_count(&st, mpi_type<T>(), &n);
    std::vector<T> v(static_cast<std::size_t>(n));
    rc = MPI_Recv(v.data(), n, mpi_type<T>(), st.MPI_SOURCE, st.MPI_TAG, c_, MPI_STATUS_IGNORE);
    return {rc, std::move(v)};
  }
  template <typename T> T allreduce(T x, MPI_Op op) const {
    T r{};
    MPI_Allreduce(&x, &r, 1, mpi_type<T>(), op, c_);
    return r;
  }
  std::string error_of(int rc) const {
    int cls;
    MPI_Error_class(rc, &cls);
    return cls == MPI_ERR_RANK ? "MPI_ERR_RANK" : cls == MPI_SUCCESS ? "MPI_SUCCESS" : "other";
  }

 private:
  MPI_Comm c_ = MPI_COMM_NULL;
  int rank_ = -1, size_ = 0;
};

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  {
    Comm world(MPI_COMM_WORLD);
    // rank 0 sends each rank a message whose length depends on the rank
    if (world.rank() == 0) {
      for (int r = 1; r < world.size(); ++r) {
        std::vector<double> v(static_cast<std::size_t>(r * 3));
        for (std::size_t i = 0; i < v.size(); ++i) v[i] = r + 0.5 * double(i);
        world.send(v, r, 5);
      }
    }
    double mysum = 0;
    if (world.rank() != 0) {
      auto [rc, v] = world.recv<double>(0, 5);
      for (double d : v) mysum += d;
      if (rc != MPI_SUCCESS) mysum = -1;
    }
    double total = world.allreduce(mysum, MPI_SUM);
    long long cnt = world.allreduce<long long>(world.rank() == 0 ? 0 : 3LL * world.rank(), MPI_SUM);
    // a moved-from wrapper owns nothing; the new owner frees the communicator
    Comm moved(std::move(world));
    Comm halves(MPI_COMM_WORLD, moved.rank() % 2, -moved.rank());
    int hmax = halves.allreduce(moved.rank(), MPI_MAX);
    std::array<int, 64> all{};
    MPI_Gather(&hmax, 1, MPI_INT, all.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> bad{1};
    int rc = moved.send(bad, moved.size() + 5, 0);
    if (moved.rank() == 0) {
      std::printf("received %lld doubles in total, sum %.2f\n", cnt, total);
      std::printf("max rank in my half:");
      for (int r = 0; r < moved.size(); ++r) std::printf(" %d", all[static_cast<std::size_t>(r)]);
      std::printf("\nsend to a missing rank: %s\n", moved.error_of(rc).c_str());
    }
  }
  MPI_Finalize();
  return 0;
}
