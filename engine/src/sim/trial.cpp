#include "parley/sim/trial.h"

#include "parley/model/dynamics.h"

namespace parley {

void simulate_trial(const Scenario& scenario, const TrialKey& key, TrialScratch& scratch) {
  draw_trial_parameters(scenario, key.seed, key.trial, scratch.params);
  WarState& state = scratch.state;
  init_war_state(scenario, scratch.params, state);
  Rng battle(key.seed, key.trial, Stream::kBattle);
  while (!state.ended && state.month < scenario.horizon_months)
    step_month(scenario, scratch.params, state, battle, key);
  if (!state.ended) {
    state.outcome = Outcome::kOngoing;
    state.end_month = scenario.horizon_months;
  }
}

}  // namespace parley
