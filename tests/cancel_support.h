// Cancelling work from another thread part-way, for tests of cancellation inside a batch
// (sim/batches.h).
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

namespace parley::testing {

using Clock = std::chrono::steady_clock;

// Runs `work`, setting `cancel` from another thread `after` it starts; returns the seconds
// `work` took.
template <class Work>
double seconds_cancelled_after(std::atomic<bool>& cancel, std::chrono::milliseconds after, Work work) {
  const Clock::time_point start = Clock::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(after);
    cancel = true;
  });
  work();
  const double took = std::chrono::duration<double>(Clock::now() - start).count();
  canceller.join();
  return took;
}

}  // namespace parley::testing
