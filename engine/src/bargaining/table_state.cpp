#include "parley/bargaining/table_state.h"

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
}

void init_trial_state(const Scenario& scenario, const TrialParameters& params, TrialState& state) {
  init_war_state(scenario, params, state);
  init_table_state(scenario, state.table);
}

}  // namespace parley
