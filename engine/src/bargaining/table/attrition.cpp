// The war of attrition (Maynard Smith 1974; Hendricks, Weiss & Wilson 1988): a side may quit
// in a month of war at the hazard that leaves its rival indifferent.
#include "parley/bargaining/table.h"

#include <cmath>

#include "parley/bargaining/war_of_attrition.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

void Table::concede(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  TrialState& state = trial.state;
  const TrialKey& key = trial.key;
  // The war of attrition (Maynard Smith 1974; Bishop & Cannings 1978; Hendricks, Weiss & Wilson
  // 1988): in the stationary equilibrium each side quits at the hazard that leaves its rival
  // indifferent between holding on and quitting, lambda_i = c_j / V_j (j the rival, c its monthly
  // cost in utility, V the prize it gets when i quits); in the symmetric game both quit at c / V.
  // Hazards are constant within a month, so each side's quitting time in the month is
  // exponential and the earlier of two quitters in the same month is the one who concedes.
  const int sides[2] = {scenario.battlefield.holder, scenario.battlefield.opponent};
  double ratio[2];  // c_j / V_j of each side
  for (int s = 0; s < 2; ++s) {
    const auto actor = static_cast<std::size_t>(sides[s]);
    const double prize = params.bargaining[actor].attrition_prize;
    if (!(prize > 0.0)) return;
    const double cost =
        params.actors[actor].preferences.cost_weight * expected_monthly_cost(scenario, params, state, sides[s]);
    ratio[s] = cost > 0.0 ? attrition_quit_hazard_per_month(cost, prize) : 0.0;
  }
  int quitter = -1;
  double first_months = 1.0;
  for (int s = 0; s < 2; ++s) {
    const double hazard = ratio[1 - s];
    if (!(hazard > 0.0)) continue;
    const double quit_months = -std::log(key.uniform(concession_key_[static_cast<std::size_t>(sides[s])],
                                                     static_cast<std::uint64_t>(state.month))) /
                               hazard;
    if (quit_months <= first_months) {
      first_months = quit_months;
      quitter = sides[s];
    }
  }
  if (quitter < 0) return;
  state.ended = true;
  state.outcome = quitter == scenario.battlefield.holder ? Outcome::kOpponentVictory : Outcome::kHolderVictory;
  state.end_month = state.month;
  state.table.conceded = true;
}

}  // namespace parley::bargaining
