// Exact counts of the months a run simulates, by phase. A trial's final state says how many
// months it ran (state.month: both the war's and the ceasefire's month step advance it) but not
// how many of them were ceasefire months: a deal's peace window is in its held_months, while a
// freeze that ended leaves no trace. So this replays each trial month by month through the
// same public steps as sim/trial.cpp's loop, noting each month's phase, and checks that the
// replay ends exactly where simulate_trial ends the trial (same months, front and costs), so
// the counts cannot silently drift from what the engine runs. The engine has no hook for this;
// a per-phase month count in TrialState would make the replay unnecessary.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "parley/model/dynamics.h"
#include "parley/sim/model.h"
#include "parley/sim/trial.h"

namespace parley::bench {

struct SimulatedMonths {
  std::int64_t war = 0;
  std::int64_t ceasefire = 0;  // peace windows and freezes
  [[nodiscard]] std::int64_t total() const noexcept { return war + ceasefire; }
};

namespace detail {

inline void replay_trial(const Model& model, const TrialKey& key, TrialScratch& scratch, SimulatedMonths& months) {
  const Scenario& scenario = model.scenario();
  draw_trial_parameters(scenario, key.seed, key.trial, scratch.params);
  TrialState& state = scratch.state;
  init_trial_state(scenario, scratch.params, state);
  Rng battle(key.seed, key.trial, Stream::kBattle);
  const bool bargaining = scenario.bargaining.has_value();
  if (bargaining) scratch.table.prepare(scenario, scratch.params, model.anticipation());
  while (!state.ended && state.month < scenario.horizon_months) {
    if (state.table.phase == Phase::kWar) {
      ++months.war;
      step_month(scenario, scratch.params, state, battle, key);
    } else {
      ++months.ceasefire;
      step_ceasefire_month(scenario, scratch.params, state, battle, key, scratch.table.regroup_share_per_month());
    }
    if (bargaining) scratch.table.review(scenario, scratch.params, state, key);
  }
}

inline bool same_ending(const TrialState& replayed, const TrialState& engine) {
  if (replayed.month != engine.month || replayed.front_share != engine.front_share ||
      replayed.actors.size() != engine.actors.size())
    return false;
  for (std::size_t i = 0; i < engine.actors.size(); ++i)
    if (replayed.actors[i].cost_total != engine.actors[i].cost_total) return false;
  return true;
}

}  // namespace detail

// The months trials [0, trials) of `seed` simulate, as run_monte_carlo runs them.
inline SimulatedMonths count_simulated_months(const Model& model, std::uint64_t seed, std::int64_t trials) {
  SimulatedMonths months;
  TrialScratch replay, engine;
  for (std::int64_t trial = 0; trial < trials; ++trial) {
    const TrialKey key{seed, static_cast<std::uint64_t>(trial)};
    const std::int64_t before = months.total();
    detail::replay_trial(model, key, replay, months);
    simulate_trial(model, key, engine);
    if (!detail::same_ending(replay.state, engine.state) || months.total() - before != engine.state.month)
      throw std::logic_error("bench/trial_months.h: the month-by-month replay of trial " + std::to_string(trial) +
                             " no longer ends where simulate_trial ends it; follow sim/trial.cpp's loop");
  }
  return months;
}

}  // namespace parley::bench
