#include "bargaining/table/table_detail.h"

#include "parley/model/dynamics.h"

namespace parley::bargaining::table_detail {

bool is_belligerent(const Scenario& scenario, int actor) {
  return actor == scenario.battlefield.holder || actor == scenario.battlefield.opponent;
}

double observed_drift(const Trial& trial, double extra_opponent_aid_effect, int disfavoured) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const TrialState& state = trial.state;
  const AidMultipliers flowing = would_flow_multipliers(scenario, params, state);
  double holder_multiplier = flowing.holder, opponent_multiplier = flowing.opponent;
  if (disfavoured == scenario.battlefield.opponent) holder_multiplier += extra_opponent_aid_effect;
  if (disfavoured == scenario.battlefield.holder) opponent_multiplier += extra_opponent_aid_effect;
  const double holder =
      state.actors[static_cast<std::size_t>(scenario.battlefield.holder)].strength * holder_multiplier;
  const double opponent =
      state.actors[static_cast<std::size_t>(scenario.battlefield.opponent)].strength * opponent_multiplier;
  return front_drift(params.battlefield, holder, opponent);
}

}  // namespace parley::bargaining::table_detail
