// Shared helpers for the benchmark programs: wall-clock timing and peak resident memory.
// Benchmarks print one JSON object per measurement so bench/run_benchmarks.sh can tabulate them.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <functional>

namespace parley::bench {

inline double seconds_of(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Best of `repeats` runs: the least disturbed by other work on the machine.
inline double best_seconds_of(int repeats, const std::function<void()>& work) {
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) best = std::min(best, seconds_of(work));
  return best;
}

inline long peak_resident_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace parley::bench
