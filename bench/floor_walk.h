// The floor (issue 18): the cheapest program that does what a trial-month of the front does,
// so that every bench figure can be read as a multiple of it. A bare Brownian walk with the
// engine's random family (xoshiro256++ streams keyed by seed and trial, Boost's normal), one
// normal draw and two barrier compares per step, absorbing at 0 and 1, in the engine's trial and
// month structure: trials of up to a horizon of months, one stream per trial. Its parameters are
// scenarios/validation/brownian_two_barriers.json's, so its walks last as long as that
// scenario's wars.
#pragma once

#include <boost/random/normal_distribution.hpp>
#include <cstdint>

#include "bench_util.h"
#include "parley/core/random.h"

namespace parley::bench {

struct FloorWalkSpec {
  double initial_share = 0.3;
  double drift_per_month = 0.005;
  double volatility_per_sqrt_month = 0.05;
  int horizon_months = 1200;
  std::uint64_t seed = 2024;
};

struct FloorWalkTotals {
  std::int64_t steps = 0;
  std::int64_t absorbed = 0;
  double final_share_sum = 0.0;  // printed, so that the compiler cannot drop the walk
};

// Kept out of line so that callgrind and a profiler see the walk as one function.
[[gnu::noinline]] inline FloorWalkTotals floor_walk(const FloorWalkSpec& spec, std::int64_t trials) {
  FloorWalkTotals totals;
  for (std::int64_t trial = 0; trial < trials; ++trial) {
    Rng rng(spec.seed, static_cast<std::uint64_t>(trial), Stream::kBattle);
    boost::random::normal_distribution<double> standard_normal;
    double share = spec.initial_share;
    for (int month = 0; month < spec.horizon_months; ++month) {
      share += spec.drift_per_month + spec.volatility_per_sqrt_month * standard_normal(rng);
      ++totals.steps;
      if (share <= 0.0 || share >= 1.0) {
        ++totals.absorbed;
        break;
      }
    }
    totals.final_share_sum += share;
  }
  return totals;
}

// Wall time per step, best of `repeats` walks of `trials` trials: what a bench divides its own
// time per unit by, measured in the same process under the same load.
inline double floor_ns_per_step(std::int64_t trials = 20000, int repeats = 3) {
  FloorWalkTotals totals;
  const double seconds = best_seconds_of(repeats, [&] { totals = floor_walk(FloorWalkSpec{}, trials); });
  return seconds * 1e9 / static_cast<double>(totals.steps);
}

}  // namespace parley::bench
