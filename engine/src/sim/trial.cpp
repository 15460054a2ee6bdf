#include "parley/sim/trial.h"

#include "parley/core/cancel.h"
#include "parley/model/dynamics.h"

namespace parley {

namespace {

// The trial loop. `observe`, when given, sees the state at month 0 and after every month (a
// trace); the loop and its draws are the same with or without it. Returns false when `cancel`
// was found set before a month: the state is then that of an unfinished trial.
bool run_trial(const Model& model, const TrialKey& key, TrialScratch& scratch, const MonthObserver* observe,
               const std::atomic<bool>* cancel) {
  const Scenario& scenario = model.scenario();
  if (!draw_trial_parameters(scenario, key.seed, key.trial, scratch.params, cancel)) return false;
  TrialState& state = scratch.state;
  init_trial_state(scenario, scratch.params, state);
  Rng battle(key.seed, key.trial, Stream::kBattle);
  const Trial trial{scenario, model.anticipation(), scratch.params, state, key};
  const bool bargaining = scenario.bargaining.has_value();
  if (bargaining) scratch.table.prepare(trial);
  if (observe) (*observe)(state);
  // The front alone has a kernel of its own; it leaves the loop below nothing to do. A trace
  // steps the same months through the general loop, which the kernel equals bit for bit.
  if (!bargaining && !observe && front_alone(scenario.mechanisms))
    step_front_alone_months(scenario, scratch.params, state, battle);
  while (!state.ended && state.month < scenario.horizon_months) {
    // Read every month, not only between trials: a month of the largest scenario the limits
    // allow prices 64 actors' war values on 64 issues, and a trial has up to 1200 of them.
    if (cancel_requested(cancel)) return false;
    if (state.table.phase == Phase::kWar) {
      step_month(scenario, scratch.params, state, battle, key);
    } else {
      ++state.table.ceasefire_months;
      step_ceasefire_month(scenario, scratch.params, state, battle, key, scratch.table.regroup_share_per_month());
    }
    if (bargaining) scratch.table.review(trial);
    if (observe) (*observe)(state);
  }
  if (state.ended) return true;
  // At the horizon: a deal still holding is a settlement (dated by its signing), a ceasefire
  // without a deal not yet old enough to be an armistice a frozen conflict (dated by the freeze).
  switch (state.table.phase) {
    case Phase::kPeace:
      state.outcome = Outcome::kSettlement;
      state.end_month = state.table.deals.back().month;
      break;
    case Phase::kFrozen:
      state.outcome = Outcome::kFrozen;
      state.end_month = state.table.freeze_month;
      break;
    case Phase::kWar:
      state.outcome = Outcome::kOngoing;
      state.end_month = scenario.horizon_months;
      break;
  }
  return true;
}

}  // namespace

void simulate_trial(const Model& model, const TrialKey& key, TrialScratch& scratch) {
  run_trial(model, key, scratch, nullptr, nullptr);
}

bool simulate_trial(const Model& model, const TrialKey& key, TrialScratch& scratch, const std::atomic<bool>* cancel) {
  return run_trial(model, key, scratch, nullptr, cancel);
}

bool simulate_trial(const Model& model, const TrialKey& key, TrialScratch& scratch, const MonthObserver& observe,
                    const std::atomic<bool>* cancel) {
  return run_trial(model, key, scratch, &observe, cancel);
}

}  // namespace parley
