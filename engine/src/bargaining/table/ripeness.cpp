// Ripeness and the month's assessment: each side's perceived drift and war value, the hurting
// stalemate (Zartman 1989), the fear of reneging that raises a disagreement value (Powell 2006),
// and, when talks could open, the solution.
#include "parley/bargaining/table.h"

#include <cmath>
#include <vector>

#include "bargaining/table/table_detail.h"
#include "parley/core/error.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

using table_detail::is_belligerent;
using table_detail::observed_drift;

namespace {

// A belligerent's perceived drift: its belief, pulled toward the sides' mean belief by a
// mediator; `truth` (observed_drift) without beliefs.
double belligerent_drift(const Trial& trial, int side, double truth) {
  const Scenario& scenario = trial.scenario;
  const TrialState& state = trial.state;
  if (!scenario.mechanisms.beliefs) return truth;
  // Mediated talks narrow the gap between the belligerents' beliefs before anyone values war.
  const double mean_belief =
      0.5 * (state.actors[static_cast<std::size_t>(scenario.battlefield.holder)].belief_mean_drift +
             state.actors[static_cast<std::size_t>(scenario.battlefield.opponent)].belief_mean_drift);
  const double pull = traits_of(scenario.bargaining->format).mediated ? trial.params.talks.mediation_share : 0.0;
  const double own = state.actors[static_cast<std::size_t>(side)].belief_mean_drift;
  return own + pull * (mean_belief - own);
}

// An actor's expected cost of a month of war, in utility units.
double perceived_cost(const Trial& trial, int actor) {
  return trial.params.actors[static_cast<std::size_t>(actor)].preferences.cost_weight *
         expected_monthly_cost(trial.scenario, trial.params, trial.state, actor);
}

// The hurting stalemate's two tests for a belligerent (Zartman 1989).
bool in_stalemate(const Trial& trial, double drift) {
  const Talks& talks = trial.params.talks;
  return std::abs(drift) * talks.stalemate_horizon_months < talks.stalemate_band_share;
}

// Pain relative to the stakes: the month's cost against what the war decides for the side, with
// the share each trial draws (docs/model.md section 10), on top of an absolute floor.
bool in_pain(const Trial& trial, double cost, double stakes) {
  const Talks& talks = trial.params.talks;
  return cost >= talks.pain_threshold + talks.pain_share_of_stakes * stakes;
}

// Both belligerents in a hurting stalemate: assess's `ripe`, with the tests taken in the order
// that stops soonest.
bool ripe_now(const Trial& trial, const std::vector<double>& stakes) {
  const Scenario& scenario = trial.scenario;
  const int sides[2] = {scenario.battlefield.holder, scenario.battlefield.opponent};
  // With beliefs the belligerents' drifts are theirs, and the observed drift is not needed.
  const double truth = scenario.mechanisms.beliefs ? 0.0 : observed_drift(trial);
  for (const int side : sides)
    if (!in_stalemate(trial, belligerent_drift(trial, side, truth))) return false;
  for (const int side : sides)
    if (!in_pain(trial, perceived_cost(trial, side), stakes[static_cast<std::size_t>(side)])) return false;
  return true;
}

}  // namespace

bool table_detail::in_hurting_stalemate(const Trial& trial, int side, const std::vector<double>& stakes) {
  const double truth = trial.scenario.mechanisms.beliefs ? 0.0 : observed_drift(trial);
  return in_stalemate(trial, belligerent_drift(trial, side, truth)) &&
         in_pain(trial, perceived_cost(trial, side), stakes[static_cast<std::size_t>(side)]);
}

void Table::assess(const Trial& trial, TableView& view, bool solve_always) {
  view.solver_failed = false;
  view.offer_made = false;
  follow_front(trial);
  // A month that cannot be ripe, with no talks forced, prices no war: ripeness's stalemate and
  // pain need only the belligerents' drifts and costs, taken in the order that stops soonest.
  if (!solve_always && !ripe_now(trial, stakes_)) {
    view.ripe = false;
    view.deal.status = NashStatus::kNoBargainingSpace;
    return;
  }
  const Scenario& scenario = trial.scenario;
  const std::size_t n = scenario.actors.size();
  view.perceived_drift.resize(n);
  view.monthly_cost.resize(n);
  view.stalemate.assign(n, false);
  view.pain.assign(n, false);
  view.at_table = seated_;
  view.weight.assign(weight_.data(), weight_.data() + weight_.size());
  view.on_table = table_.on_table;
  const double truth = observed_drift(trial);
  bool ripe = true;
  for (std::size_t i = 0; i < n; ++i) {
    const int actor = static_cast<int>(i);
    const bool belligerent = is_belligerent(scenario, actor);
    view.perceived_drift[i] = belligerent ? belligerent_drift(trial, actor, truth) : truth;
    view.monthly_cost[i] = perceived_cost(trial, actor);
    if (!belligerent) continue;
    view.stalemate[i] = in_stalemate(trial, view.perceived_drift[i]);
    view.pain[i] = in_pain(trial, view.monthly_cost[i], stakes_[i]);
    ripe = ripe && view.stalemate[i] && view.pain[i];
  }
  view.ripe = ripe;
  if (!ripe && !solve_always) {
    view.deal.status = NashStatus::kNoBargainingSpace;
    return;
  }
  price_war(trial, view);
  try {
    if (scenario.bargaining->private_cost >= 0)
      screen(trial, view);
    else
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
  const PendingCutoffsScope same_pending_cutoffs(*this);
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
