// Exact counts of the months a run simulates, by phase: a trial's final state holds the months
// it ran (state.month) and those stepped in a ceasefire (state.table.ceasefire_months, peace
// windows and freezes); the rest were fought.
#pragma once

#include <cstdint>

#include "parley/sim/model.h"
#include "parley/sim/trial.h"

namespace parley::bench {

struct SimulatedMonths {
  std::int64_t war = 0;
  std::int64_t ceasefire = 0;  // peace windows and freezes
  [[nodiscard]] std::int64_t total() const noexcept { return war + ceasefire; }
};

// The months trials [0, trials) of `seed` simulate, as run_monte_carlo runs them.
inline SimulatedMonths count_simulated_months(const Model& model, std::uint64_t seed, std::int64_t trials) {
  SimulatedMonths months;
  TrialScratch scratch;
  for (std::int64_t trial = 0; trial < trials; ++trial) {
    simulate_trial(model, TrialKey{seed, static_cast<std::uint64_t>(trial)}, scratch);
    months.ceasefire += scratch.state.table.ceasefire_months;
    months.war += scratch.state.month - scratch.state.table.ceasefire_months;
  }
  return months;
}

}  // namespace parley::bench
