#include "parley/bargaining/table_state.h"

#include <limits>

#include "parley/model/dynamics.h"

namespace parley {

void init_table_state(const Scenario& scenario, TableState& table) {
  table.phase = Phase::kWar;
  table.months_ripe = 0;
  table.talks = 0;
  table.freeze_month = -1;
  table.trust = 0.0;
  table.ceasefire_drift = 0.0;
  table.terms.assign(scenario.issues.size(), 0.0);
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) table.terms[k] = scenario.issues[k].status_quo;
  table.deals.clear();
  table.demands = 0;
  table.demands_met = 0;
  table.solver_failures = 0;
  table.conceded = false;
  table.ceasefire_months = 0;
  table.offers = 0;
  table.offers_rejected = 0;
  table.type_lower = -std::numeric_limits<double>::infinity();
  table.type_upper = std::numeric_limits<double>::infinity();
  if (scenario.bargaining && scenario.bargaining->private_cost >= 0) {
    const Uncertain& prior =
        scenario.actors[static_cast<std::size_t>(scenario.bargaining->private_cost)].preferences.cost_weight;
    table.type_lower = prior.support_lower();
    table.type_upper = prior.support_upper();
  }
}

void init_trial_state(const Scenario& scenario, const TrialParameters& params, TrialState& state) {
  init_war_state(scenario, params, state);
  init_table_state(scenario, state.table);
}

}  // namespace parley
