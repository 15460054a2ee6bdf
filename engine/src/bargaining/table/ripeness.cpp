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
  view.perceived_drift.resize(n);
  view.monthly_cost.resize(n);
  view.stalemate.resize(n);
  view.pain.resize(n);
  view.at_table = seated_;
  view.weight.assign(weight_.data(), weight_.data() + weight_.size());
  view.on_table = table_.on_table;

  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  const double truth = observed_drift(trial);
  // Mediated talks narrow the gap between the belligerents' beliefs before anyone values war.
  const double mean_belief = 0.5 * (state.actors[static_cast<std::size_t>(holder)].belief_mean_drift +
                                    state.actors[static_cast<std::size_t>(opponent)].belief_mean_drift);
  const double pull = spec.format == TalksFormat::kMediated ? params.talks.mediation_share : 0.0;
  const auto perceive = [&](std::size_t i) {
    const int actor = static_cast<int>(i);
    double drift = truth;
    if (is_belligerent(scenario, actor) && scenario.mechanisms.beliefs) {
      const double own = state.actors[i].belief_mean_drift;
      drift = own + pull * (mean_belief - own);
    }
    view.perceived_drift[i] = drift;
    view.monthly_cost[i] =
        params.actors[i].preferences.cost_weight * expected_monthly_cost(scenario, params, state, actor);
  };
  // Ripeness needs only the belligerents' drifts and costs: a month that cannot be ripe, with no
  // talks forced, prices no war.
  bool ripe = true;
  for (const int side : {holder, opponent}) {
    const auto i = static_cast<std::size_t>(side);
    perceive(i);
    view.stalemate[i] =
        std::abs(view.perceived_drift[i]) * params.talks.stalemate_horizon_months < params.talks.stalemate_band_share;
    view.pain[i] = view.monthly_cost[i] >= params.talks.pain_threshold;
    ripe = ripe && view.stalemate[i] && view.pain[i];
  }
  view.ripe = ripe;
  view.solver_failed = false;
  if (!ripe && !solve_always) {
    view.deal.status = NashStatus::kNoBargainingSpace;
    return;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!is_belligerent(scenario, static_cast<int>(i))) {
      perceive(i);
      view.stalemate[i] = false;
      view.pain[i] = false;
    }
  price_war(trial, view);
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

void Table::price_war(const Trial& trial, TableView& view) const {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const TrialState& state = trial.state;
  const std::size_t n = scenario.actors.size();
  view.war_value.resize(n);
  view.disagreement.resize(n);
  const double fear = params.commitment.mistrust_prob * (1.0 - state.table.trust);
  for (std::size_t i = 0; i < n; ++i) {
    const int actor = static_cast<int>(i);
    const double drift = view.perceived_drift[i];
    const double cost = view.monthly_cost[i];
    const double value = war_value_of(trial, actor, drift, cost);
    view.war_value[i] = value;
    view.disagreement[i] = value;
    if (!is_belligerent(scenario, actor)) continue;
    // A deal is worth (1 - q) v(z) + q w_after to the side the anticipated shift disfavours
    // (w_after < w): it fears, with probability q, that the rising rival reneges once it has
    // regrouped, and accepts z iff v(z) >= w + q (w - w_after) / (1 - q). The rising side
    // fears nothing: the rival it faces would only renege into a worse war (Powell 2006).
    if (fear > 0.0) {
      const double after = war_value_of(trial, actor, drift + regroup_shift_, cost);
      if (after < value)
        view.disagreement[i] = fear < 1.0 ? value + fear * (value - after) / (1.0 - fear) : table_detail::kNoDeal;
    }
  }
}

}  // namespace parley::bargaining
