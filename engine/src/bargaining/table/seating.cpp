// Seating: who sits at the table in each format, which issues are on it, and the weights the
// solution concept gives each seat (docs/model.md 10).
#include "parley/bargaining/table.h"

#include <algorithm>
#include <cmath>

#include "bargaining/table/table_detail.h"
#include "parley/bargaining/alternating_offers.h"
#include "parley/bargaining/war_value.h"

namespace parley::bargaining {

using table_detail::is_belligerent;
using table_detail::observed_drift;

void Table::prepare(const Trial& trial) {
  fill_issue_table(trial);
  seat(trial);
  set_weights_and_vetoes(trial);
  set_trial_constants(trial);
  pending_branches_set_ = false;  // their scales are the last trial's
}

void Table::fill_issue_table(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  const auto k = static_cast<Eigen::Index>(scenario.issues.size());
  // The issue table is filled in the storage of the trial before: no allocation once warm.
  Eigen::MatrixXd& ideal = table_.ideal_point;
  Eigen::MatrixXd& salience = table_.salience;
  ideal.resize(n, k);
  salience.resize(n, k);
  table_.status_quo.resize(k);
  table_.owners.resize(static_cast<std::size_t>(k));
  line_issue_ = -1;
  for (Eigen::Index j = 0; j < k; ++j) {
    table_.status_quo(j) = scenario.issues[static_cast<std::size_t>(j)].status_quo;
    table_.owners[static_cast<std::size_t>(j)] = scenario.issues[static_cast<std::size_t>(j)].owners;
    if (scenario.issues[static_cast<std::size_t>(j)].line_of_control) line_issue_ = static_cast<int>(j);
  }
  line_front_ = std::clamp(trial.state.front_share, 0.0, 1.0);
  if (line_issue_ >= 0) table_.status_quo(line_issue_) = line_front_;
  cares_.assign(static_cast<std::size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& positions = params.actors[static_cast<std::size_t>(i)].positions;
    for (Eigen::Index j = 0; j < k; ++j) {
      ideal(i, j) = positions[static_cast<std::size_t>(j)].ideal;
      salience(i, j) = positions[static_cast<std::size_t>(j)].salience;
    }
    cares_[static_cast<std::size_t>(i)] = k > 0 && salience.row(i).sum() > 0.0;
    // An actor with no salient issue has no stake at the table; it is kept out of it (weight 0,
    // no veto), and a uniform row only keeps the table's arithmetic defined.
    if (!cares_[static_cast<std::size_t>(i)] && k > 0) salience.row(i).setConstant(1.0);
  }
}

void Table::seat(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const BargainingSpec& spec = *scenario.bargaining;
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  const auto k = static_cast<Eigen::Index>(scenario.issues.size());
  // Who sits at the table, by format (docs/model.md 10).
  seated_.assign(static_cast<std::size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i) {
    const bool belligerent = is_belligerent(scenario, static_cast<int>(i));
    seated_[static_cast<std::size_t>(i)] = cares_[static_cast<std::size_t>(i)] &&
                                           (belligerent || traits_of(spec.format).third_parties_seated) &&
                                           params.bargaining[static_cast<std::size_t>(i)].weight > 0.0;
  }
  // An issue is on the table when everyone whose consent it needs is there: in bilateral talks
  // the third parties' issues stay at the status quo (000).
  table_.on_table.assign(static_cast<std::size_t>(k), true);
  for (Eigen::Index j = 0; j < k; ++j)
    for (const int owner : table_.owners[static_cast<std::size_t>(j)])
      if (!seated_[static_cast<std::size_t>(owner)]) table_.on_table[static_cast<std::size_t>(j)] = false;
  table_.loss = spec.utility == UtilityShape::kLinear ? LossShape::kLinear : LossShape::kQuadratic;
  check_issue_table(table_);
}

void Table::set_weights_and_vetoes(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const BargainingSpec& spec = *scenario.bargaining;
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  const auto k = static_cast<Eigen::Index>(scenario.issues.size());
  weight_.setZero(n);
  veto_.assign(static_cast<std::size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!seated_[static_cast<std::size_t>(i)]) continue;
    const double power = params.bargaining[static_cast<std::size_t>(i)].weight;
    const double delta = params.actors[static_cast<std::size_t>(i)].preferences.discount_per_month;
    // Alternating offers with frequent offers is Nash bargaining with weights proportional to
    // patience, 1 / r_i (Binmore, Rubinstein & Wolinsky 1986).
    weight_(i) = traits_of(spec.solution).table_weights == ConceptWeights::kPatience
                     ? power / std::max(1e-6, -std::log(delta))
                     : power;
    veto_[static_cast<std::size_t>(i)] = true;
  }
  for (Eigen::Index j = 0; j < k; ++j)
    if (table_.on_table[static_cast<std::size_t>(j)])
      for (const int owner : table_.owners[static_cast<std::size_t>(j)])
        if (cares_[static_cast<std::size_t>(owner)]) veto_[static_cast<std::size_t>(owner)] = true;
  if (traits_of(spec.solution).table_weights == ConceptWeights::kPatience && spec.first_proposer >= 0)
    exact_offer_weights(trial);
}

void Table::set_trial_constants(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const BargainingSpec& spec = *scenario.bargaining;
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  // A victory gives the victor the whole of the contested territory, its full claim: on a line
  // of control (the loader makes it the territory issue) the front at the barrier it reached.
  holder_victory_ = table_.status_quo;
  opponent_victory_ = table_.status_quo;
  if (spec.territory_issue >= 0) {
    holder_victory_(spec.territory_issue) = 1.0;
    opponent_victory_(spec.territory_issue) = 0.0;
  }
  const double sigma = std::max(params.battlefield.volatility_per_sqrt_month, kMinWarVolatility);
  actor_constants_.resize(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    ActorConstants& constants = actor_constants_[static_cast<std::size_t>(i)];
    constants.exit_rate = exit_rate(sigma, params.actors[static_cast<std::size_t>(i)].preferences.discount_per_month);
    constants.status_quo_value = terms_value(static_cast<int>(i), table_.status_quo);
    constants.holder_victory_value = terms_value(static_cast<int>(i), holder_victory_);
    constants.opponent_victory_value = terms_value(static_cast<int>(i), opponent_victory_);
  }
  status_quo_values_stale_ = false;
  stakes_.resize(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < stakes_.size(); ++i)
    stakes_[i] = std::abs(actor_constants_[i].holder_victory_value - actor_constants_[i].opponent_victory_value);
  concession_key_.resize(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < concession_key_.size(); ++i)
    concession_key_[i] = keyed_name(keyed::kAttrition, scenario.actors[i].id);
  regroup_.resize(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < regroup_.size(); ++i) regroup_[i] = params.bargaining[i].regroup_share_per_month;
  // Regrouping during a peace window shifts the drift a renewed war starts from: half a window
  // of the two sides' regrouping, the expected time of a breakdown within it.
  const double half_window = 0.5 * spec.peace_window_months;
  const auto holder = static_cast<std::size_t>(scenario.battlefield.holder);
  const auto opponent = static_cast<std::size_t>(scenario.battlefield.opponent);
  regroup_shift_ = params.battlefield.power_elasticity_per_month *
                   (std::log1p(regroup_[holder] * half_window) - std::log1p(regroup_[opponent] * half_window));
  disagreement_.resize(n);
  for (ExitBracket& bracket : brackets_) bracket = ExitBracket{};
  // reneges copies the trial's state into the projection: its front history, reserved for the
  // horizon as the state's is (init_war_state), then never grows in the month loop.
  projection_.front_history.reserve(static_cast<std::size_t>(scenario.horizon_months) + 1);
  deal_values_set_ = false;
}

void Table::follow_front(const Trial& trial) {
  if (line_issue_ < 0) return;
  const double x = std::clamp(trial.state.front_share, 0.0, 1.0);
  // While the war goes on the line in force is the front: a freeze holds it where it stands, and
  // a coerced concession on another issue leaves it there.
  if (trial.state.table.phase == Phase::kWar) trial.state.table.terms[static_cast<std::size_t>(line_issue_)] = x;
  if (x == line_front_) return;
  line_front_ = x;
  table_.status_quo(line_issue_) = x;
  status_quo_values_stale_ = true;
}

void Table::refresh_status_quo_values() const {
  for (std::size_t i = 0; i < actor_constants_.size(); ++i)
    actor_constants_[i].status_quo_value = terms_value(static_cast<int>(i), table_.status_quo);
  status_quo_values_stale_ = false;
}

void Table::exact_offer_weights(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  // One offer per review, the first by `first_proposer`; while talks fail the war goes on, so a
  // responder's value of rejecting is a round of war and then the next round's terms. With a
  // linear frontier (one issue, linear utility) the subgame-perfect deal gives the proposer the
  // share s of the surplus above the war values, s = (1 - d2)/(1 - d1 d2) (Rubinstein 1982) or
  // the backward-induction share for a finite number of rounds (Stahl 1972), with d the
  // discount per round: the Nash solution with weights (s, 1 - s) is that deal. On a curved
  // frontier the same weights are the Nash approximation, exact as rounds become frequent
  // (Binmore, Rubinstein & Wolinsky 1986). Rounds are counted afresh at every review.
  const BargainingSpec& spec = *scenario.bargaining;
  const int proposer = spec.first_proposer;
  const int responder =
      proposer == scenario.battlefield.holder ? scenario.battlefield.opponent : scenario.battlefield.holder;
  if (!seated_[static_cast<std::size_t>(proposer)] || !seated_[static_cast<std::size_t>(responder)]) return;
  const auto per_round = [&](int actor) {
    return std::pow(params.actors[static_cast<std::size_t>(actor)].preferences.discount_per_month,
                    spec.review_every_months);
  };
  const double d1 = per_round(proposer), d2 = per_round(responder);
  double share = 0.5;  // two perfectly patient sides: the symmetric limit
  if (spec.offer_rounds > 0)
    share = finite_horizon_proposer_share(d1, d2, spec.offer_rounds);
  else if (d1 * d2 < 1.0)
    share = rubinstein_proposer_share(d1, d2);
  // A responder with share 0 (an ultimatum) keeps its veto: the Nash solver treats it as a
  // constraint, so the proposer takes the whole surplus.
  weight_(proposer) = share;
  weight_(responder) = 1.0 - share;
}

}  // namespace parley::bargaining
