// The points of one sweep waiting to run, shared by the threads (and, on rank 0, the MPI
// server) that run them. Private to engine/src/sweep/.
#pragma once

#include <exception>
#include <mutex>
#include <optional>
#include <vector>

#include "parley/sweep/sweep_run.h"

namespace parley::sweep_detail {

class PointQueue {
 public:
  PointQueue(SweepResults& results, const PointSink& sink, const SweepOptions& options);

  // The next point to run, or nothing when none is left, the sweep was cancelled, or a point failed.
  [[nodiscard]] std::optional<std::int64_t> next();
  // Stores a finished point and hands it to the sink, one call at a time.
  void finish(PointResult point);
  // Records the first failure; no more points are handed out.
  void fail(std::exception_ptr error);
  void rethrow_if_failed();
  [[nodiscard]] std::size_t pending() const noexcept { return pending_.size() - next_; }
  [[nodiscard]] bool cancelled() const noexcept;

 private:
  std::mutex mutex_;
  SweepResults& results_;
  const PointSink& sink_;
  const SweepOptions& options_;
  std::vector<std::int64_t> pending_;
  std::size_t next_ = 0;
  std::int64_t done_ = 0;
  std::exception_ptr error_;
};

// Runs points from `queue` on `lanes` threads (the caller's among them), each point on
// `threads_per_lane` threads, until the queue is empty.
void run_local_lanes(const SweepSpec& spec, const SweepPlan& plan, PointQueue& queue, int lanes, int threads_per_lane,
                     const std::atomic<bool>* cancel);

}  // namespace parley::sweep_detail
