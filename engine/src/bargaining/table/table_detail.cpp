#include "bargaining/table/table_detail.h"

#include "parley/model/dynamics.h"

namespace parley::bargaining::table_detail {

bool is_belligerent(const Scenario& scenario, int actor) {
  return actor == scenario.battlefield.holder || actor == scenario.battlefield.opponent;
}

double observed_drift(const Trial& trial, double extra_opponent_aid_effect, int disfavoured) {
  const Scenario& scenario = trial.scenario;
  AidMultipliers flowing = would_flow_multipliers(scenario, trial.params, trial.state);
  if (disfavoured == scenario.battlefield.opponent) flowing.holder += extra_opponent_aid_effect;
  if (disfavoured == scenario.battlefield.holder) flowing.opponent += extra_opponent_aid_effect;
  return observed_drift(trial, flowing);
}

double observed_drift(const Trial& trial, const AidMultipliers& would_flow) {
  const Scenario& scenario = trial.scenario;
  const TrialState& state = trial.state;
  const double holder =
      state.actors[static_cast<std::size_t>(scenario.battlefield.holder)].strength * would_flow.holder;
  const double opponent =
      state.actors[static_cast<std::size_t>(scenario.battlefield.opponent)].strength * would_flow.opponent;
  return front_drift(trial.params.battlefield, holder, opponent);
}

}  // namespace parley::bargaining::table_detail
