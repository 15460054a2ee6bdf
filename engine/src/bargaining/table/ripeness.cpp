// Ripeness and the month's assessment: each side's perceived drift and war value, the hurting
// stalemate (Zartman 1989), the fear of reneging that raises a disagreement value (Powell 2006),
// and, when talks could open, the solution.
#include "parley/bargaining/table.h"

#include <cmath>

#include "bargaining/table/table_detail.h"
#include "parley/core/error.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

using table_detail::is_belligerent;
using table_detail::observed_drift;

void Table::assess(const Trial& trial, TableView& view, bool solve_always) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const TrialState& state = trial.state;
  const BargainingSpec& spec = *scenario.bargaining;
  const std::size_t n = scenario.actors.size();
  view.war_value.assign(n, 0.0);
  view.disagreement.assign(n, 0.0);
  view.perceived_drift.assign(n, 0.0);
  view.monthly_cost.assign(n, 0.0);
  view.stalemate.assign(n, false);
  view.pain.assign(n, false);
  view.at_table.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) view.at_table[i] = seated_[i];
  view.weight.assign(weight_.data(), weight_.data() + weight_.size());
  view.on_table = table_.on_table;

  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  const double truth = observed_drift(trial);
  // Mediated talks narrow the gap between the belligerents' beliefs before anyone values war.
  const double mean_belief = 0.5 * (state.actors[static_cast<std::size_t>(holder)].belief_mean_drift +
                                    state.actors[static_cast<std::size_t>(opponent)].belief_mean_drift);
  const double pull = traits_of(spec.format).mediated ? params.talks.mediation_share : 0.0;
  // Regrouping during a peace window shifts the drift a renewed war starts from: half a window
  // of the two sides' regrouping, the expected time of a breakdown within it.
  const double half_window = 0.5 * spec.peace_window_months;
  const double regroup_shift = params.battlefield.power_elasticity_per_month *
                               (std::log1p(regroup_[static_cast<std::size_t>(holder)] * half_window) -
                                std::log1p(regroup_[static_cast<std::size_t>(opponent)] * half_window));
  const double fear = params.commitment.mistrust_prob * (1.0 - state.table.trust);

  bool ripe = true;
  for (std::size_t i = 0; i < n; ++i) {
    const int actor = static_cast<int>(i);
    const bool belligerent = is_belligerent(scenario, actor);
    double drift = truth;
    if (belligerent && scenario.mechanisms.beliefs) {
      const double own = state.actors[i].belief_mean_drift;
      drift = own + pull * (mean_belief - own);
    }
    const double cost =
        params.actors[i].preferences.cost_weight * expected_monthly_cost(scenario, params, state, actor);
    const double value = war_value_of(trial, actor, drift, cost);
    view.perceived_drift[i] = drift;
    view.monthly_cost[i] = cost;
    view.war_value[i] = value;
    view.disagreement[i] = value;
    if (!belligerent) continue;
    view.stalemate[i] = std::abs(drift) * params.talks.stalemate_horizon_months < params.talks.stalemate_band_share;
    view.pain[i] = cost >= params.talks.pain_threshold;
    ripe = ripe && view.stalemate[i] && view.pain[i];
    // A deal is worth (1 - q) v(z) + q w_after to the side the anticipated shift disfavours
    // (w_after < w): it fears, with probability q, that the rising rival reneges once it has
    // regrouped, and accepts z iff v(z) >= w + q (w - w_after) / (1 - q). The rising side
    // fears nothing: the rival it faces would only renege into a worse war (Powell 2006).
    if (fear > 0.0) {
      const double after = war_value_of(trial, actor, drift + regroup_shift, cost);
      if (after < value)
        view.disagreement[i] = fear < 1.0 ? value + fear * (value - after) / (1.0 - fear) : table_detail::kNoDeal;
    }
  }
  view.ripe = ripe;
  view.solver_failed = false;
  if (!ripe && !solve_always) {
    view.deal.status = NashStatus::kNoBargainingSpace;
    return;
  }
  try {
    solve(trial, view);
  } catch (const Error&) {
    // A non-converged solve is not evidence of a deal; it is counted and reported, never hidden.
    view.solver_failed = true;
    view.deal.status = NashStatus::kNoBargainingSpace;
    view.deal.deal = table_.status_quo;
    view.deal.gain.setZero(static_cast<Eigen::Index>(n));
  }
}

}  // namespace parley::bargaining
