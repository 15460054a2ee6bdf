#include "parley/sweep/distributed.h"

#include <chrono>
#include <cstdlib>
#include <thread>

#include "parley/core/error.h"
#include "sweep/point_queue.h"

#ifdef PARLEY_HAVE_MPI
#include <mpi.h>
#endif

namespace parley {

namespace {

#ifdef PARLEY_HAVE_MPI
// Messages. A worker sends kResult (doubles: the point index, then its metric values; index -1
// on its first request), and gets kAssign back (one int64: the next point, or -1 to stop).
constexpr int kResult = 1;
constexpr int kAssign = 2;
constexpr int kFailure = 3;  // a worker's error message (chars); it stops after sending it
constexpr std::int64_t kStop = -1;

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

void serve_points(const SweepSpec& spec, const SweepPlan& plan, int threads) {
  std::vector<double> message{-1.0};
  for (;;) {
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_DOUBLE, 0, kResult, MPI_COMM_WORLD);
    std::int64_t index = kStop;
    MPI_Recv(&index, 1, MPI_INT64_T, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index < 0) return;
    try {
      const auto point = evaluate_sweep_point(spec, plan, index, threads, nullptr);
      message.assign(1, static_cast<double>(index));
      message.insert(message.end(), point->metrics.begin(), point->metrics.end());
    } catch (const std::exception& error) {
      const std::string text = error.what();
      MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kFailure, MPI_COMM_WORLD);
      return;
    }
  }
}
#endif

}  // namespace

bool mpi_available() noexcept {
#ifdef PARLEY_HAVE_MPI
  return true;
#else
  return false;
#endif
}

MpiSession::MpiSession() {
#ifdef PARLEY_HAVE_MPI
  if (!launched_by_mpi()) return;
  int provided = 0;
  // Only the main thread calls MPI; rank 0's own points run on other threads.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#endif
}

MpiSession::~MpiSession() {
#ifdef PARLEY_HAVE_MPI
  if (initialised_) MPI_Finalize();
#endif
}

void MpiSession::abort(int code) const {
#ifdef PARLEY_HAVE_MPI
  if (initialised_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

void release_sweep_workers(const MpiSession& session) {
#ifdef PARLEY_HAVE_MPI
  if (session.rank() != 0) return;
  for (int released = 1; released < session.size(); ++released) {
    MPI_Status status;
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    int count = 0;
    MPI_Get_count(&status, status.MPI_TAG == kFailure ? MPI_CHAR : MPI_DOUBLE, &count);
    std::vector<char> buffer(static_cast<std::size_t>(count) * sizeof(double) + 1);
    MPI_Recv(buffer.data(), count, status.MPI_TAG == kFailure ? MPI_CHAR : MPI_DOUBLE, status.MPI_SOURCE,
             status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kFailure) continue;
    const std::int64_t stop = kStop;
    MPI_Send(&stop, 1, MPI_INT64_T, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
  }
#else
  (void)session;
#endif
}

bool run_sweep_points_distributed(const MpiSession& session, const SweepSpec& spec, const SweepPlan& plan,
                                  const SweepOptions& options, SweepResults& results, const PointSink& sink) {
  if (session.size() == 1) return run_sweep_points(spec, plan, options, results, sink);
#ifdef PARLEY_HAVE_MPI
  const int threads = effective_sweep_threads(options.threads);
  if (session.rank() != 0) {
    serve_points(spec, plan, threads);
    return false;
  }
  results.resize(static_cast<std::size_t>(plan.points()));
  sweep_detail::PointQueue queue(results, sink, options);
  // Rank 0 runs points too, on its own thread, one point at a time with all its threads.
  std::thread local([&] { sweep_detail::run_local_lanes(spec, plan, queue, 1, threads, options.cancel); });
  int active = session.size() - 1;
  const std::size_t width = spec.values_per_point();
  std::vector<double> message;
  while (active > 0) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (arrived == 0) {
      // Poll gently: the cores belong to the points.
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      continue;
    }
    if (status.MPI_TAG == kFailure) {
      int count = 0;
      MPI_Get_count(&status, MPI_CHAR, &count);
      std::string text(static_cast<std::size_t>(count), '\0');
      MPI_Recv(text.data(), count, MPI_CHAR, status.MPI_SOURCE, kFailure, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      queue.fail(std::make_exception_ptr(Error("rank " + std::to_string(status.MPI_SOURCE) + ": " + text)));
      --active;
      continue;
    }
    int count = 0;
    MPI_Get_count(&status, MPI_DOUBLE, &count);
    message.resize(static_cast<std::size_t>(count));
    MPI_Recv(message.data(), count, MPI_DOUBLE, status.MPI_SOURCE, kResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (message.size() == width + 1 && message[0] >= 0.0) {
      PointResult point;
      point.index = static_cast<std::int64_t>(message[0]);
      point.metrics.assign(message.begin() + 1, message.end());
      try {
        queue.finish(std::move(point));
      } catch (...) {
        queue.fail(std::current_exception());
      }
    }
    const std::int64_t next = queue.next().value_or(kStop);
    MPI_Send(&next, 1, MPI_INT64_T, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
    if (next == kStop) --active;
  }
  local.join();
  queue.rethrow_if_failed();
  for (const auto& point : results)
    if (!point) return false;
  return true;
#else
  return run_sweep_points(spec, plan, options, results, sink);
#endif
}

}  // namespace parley
