// Screening under one-sided private information (docs/model.md 10, "Private information: the
// screening ultimatum"; Fearon 1995's risk-return trade-off; Powell 2004, bargaining while
// fighting). The responder's cost weight is its private type; the proposer knows its prior (the
// scenario's distribution of that cost weight) and everything else. At each review the proposer
// chooses the ultimatum that maximises
//   F(t) = S(t) v_P(z(t)) + (1 - S(t)) d_P,
// z(t) its best deal that leaves the responder at least t (the Nash solution with all the weight
// on the proposer and the responder's disagreement at t), S(t) the posterior chance that the
// responder's disagreement at its type is at most what z(t) gives it, d_P the proposer's own
// disagreement value: a richer offer is accepted by more types and leaves the proposer less. The
// responder accepts iff the offer is worth at least its disagreement value at its true type. A
// rejection means another month of war, and the proposer's posterior drops the types that would
// have accepted.
#include <algorithm>
#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

#include "bargaining/table/table_detail.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// The posterior's ends where the prior is unbounded: types beyond these quantiles carry no
// weight an offer could be tuned to.
constexpr double kTailQuantile = 1e-9;
// Brent's search over the responder's value to half a double's bits (about 1.5e-8 of the range
// between the least and the most demanding types' disagreement values: the most any minimiser
// can resolve), in at most this many evaluations (a smooth objective takes a dozen or two).
constexpr int kBrentBits = 26;
constexpr std::uintmax_t kBrentIterations = 100;

// A condition alpha - beta w <= 0 on the type w, as the interval of types meeting it.
void restrict_to(double alpha, double beta, double& lower, double& upper) {
  if (beta > 0.0)
    lower = std::max(lower, alpha / beta);
  else if (beta < 0.0)
    upper = std::min(upper, alpha / beta);
  else if (alpha > 0.0)
    upper = -kInf;  // no type meets it
}

// The proposer's best deals against the responder, the search's z(t), in closed form: with two
// bargainers (a first proposer needs a two-seat format), max u_P subject to u_R >= t over the
// on-table box separates by issue. The frontier is walked by one coordinate x in [0, 1], from the
// proposer's ideal (x = 0; issues it does not care about already at the responder's) to the
// responder's (x = 1):
// - quadratic loss: the contract curve z_k = ((1 - x) sP a + x sR b) / ((1 - x) sP + x sR), the
//   first-order condition of the Lagrangian with multiplier x / (1 - x);
// - linear loss: the fractional knapsack, x the share of the responder's largest gain conceded,
//   issues moved from a to b in falling order of sR / sP (the responder's gain per unit of the
//   proposer's loss), the last one in part.
// Values are on the terms_value scale (1 + u), computed by actor_utility as everywhere else.
class TwoPartyFrontier {
 public:
  TwoPartyFrontier(const IssueTable& table, int proposer, int responder)
      : table_(table), proposer_(proposer), responder_(responder), deal_(table.status_quo) {
    for (int k = 0; k < table.issue_count(); ++k) {
      if (!table.on_table[static_cast<std::size_t>(k)]) continue;
      // An issue the responder does not care about is the proposer's to set.
      if (salience(responder_, k) > 0.0)
        moved_.push_back(k);
      else
        deal_(k) = ideal(proposer_, k);
    }
    if (table.loss == LossShape::kLinear) {
      std::stable_sort(moved_.begin(), moved_.end(), [&](int i, int j) {
        // sR_i / sP_i > sR_j / sP_j without dividing by a zero salience.
        return salience(responder_, i) * salience(proposer_, j) > salience(responder_, j) * salience(proposer_, i);
      });
      // Issues the proposer does not care about are conceded at once, outside the budget.
      for (const int k : moved_)
        if (salience(proposer_, k) != 0.0)
          total_gain_ += salience(responder_, k) * std::abs(ideal(proposer_, k) - ideal(responder_, k));
    }
  }

  // The deal at coordinate x and its value to the responder; proposer_value() reads the other.
  double responder_value_at(double x) {
    place(x);
    return 1.0 + actor_utility(table_, responder_, deal_);
  }
  [[nodiscard]] double proposer_value() const { return 1.0 + actor_utility(table_, proposer_, deal_); }
  [[nodiscard]] const Eigen::VectorXd& deal() const { return deal_; }

  // The smallest x whose deal is worth at least `floor` to the responder (1 where none is).
  double coordinate_for(double floor) {
    if (responder_value_at(0.0) >= floor) return 0.0;
    if (responder_value_at(1.0) < floor) return 1.0;
    double below = 0.0, above = 1.0;
    for (int step = 0; step < kBisectionSteps; ++step) {
      const double mid = 0.5 * (below + above);
      (responder_value_at(mid) >= floor ? above : below) = mid;
    }
    return above;
  }

 private:
  static constexpr int kBisectionSteps = 52;  // x to 2^-52: a double's resolution near 1

  [[nodiscard]] double salience(int actor, int k) const { return table_.salience(actor, k); }
  [[nodiscard]] double ideal(int actor, int k) const { return table_.ideal_point(actor, k); }

  void place(double x) {
    if (table_.loss == LossShape::kLinear) {
      double budget = x * total_gain_;
      for (const int k : moved_) {
        const double a = ideal(proposer_, k), b = ideal(responder_, k);
        const double full = salience(responder_, k) * std::abs(a - b);
        const double share = salience(proposer_, k) == 0.0 ? 1.0
                             : full > 0.0                  ? std::clamp(budget / full, 0.0, 1.0)
                                                           : 0.0;
        deal_(k) = a + share * (b - a);
        if (salience(proposer_, k) != 0.0) budget -= share * full;
      }
      return;
    }
    for (const int k : moved_) {
      const double sp = salience(proposer_, k), sr = salience(responder_, k);
      deal_(k) = sp == 0.0 ? ideal(responder_, k)
                           : ((1.0 - x) * sp * ideal(proposer_, k) + x * sr * ideal(responder_, k)) /
                                 ((1.0 - x) * sp + x * sr);
    }
  }

  const IssueTable& table_;
  int proposer_, responder_;
  Eigen::VectorXd deal_;  // off-table issues at the status quo
  std::vector<int> moved_;
  double total_gain_ = 0.0;
};

}  // namespace

Table::TypeDisagreement Table::responder_disagreement(const Trial& trial, const TableView& view, int responder) const {
  const std::size_t r = static_cast<std::size_t>(responder);
  const double drift = view.perceived_drift[r];
  const ActorConstants& values = actor_constants_[r];
  TypeDisagreement d;
  d.monthly_cost = expected_monthly_cost(trial.scenario, trial.params, trial.state, responder);
  d.status_quo = status_quo_value(responder);
  d.holder_victory = values.holder_victory_value;
  d.opponent_victory = values.opponent_victory_value;
  d.exit = exit_of(trial, responder, drift);
  d.fear = trial.params.commitment.mistrust_prob * (1.0 - trial.state.table.trust);
  if (d.fear > 0.0) d.after = exit_of(trial, responder, drift + regroup_shift_);
  return d;
}

double Table::TypeDisagreement::war_value(const DiscountedExit& at, double type) const {
  // war_value_of's expression, term for term, with the cost weight `type` (perceived_cost's
  // product): at the responder's true type it is price_war's value bit for bit.
  const double fighting = status_quo - type * monthly_cost;
  return (1.0 - at.at_one - at.at_zero) * fighting + at.at_one * holder_victory + at.at_zero * opponent_victory;
}

double Table::TypeDisagreement::at(double type) const {
  // price_war's rule: with fear q of reneging, v + q (v - w_after) / (1 - q) where the shift
  // hurts, no deal at all for q >= 1.
  const double value = war_value(exit, type);
  if (!(fear > 0.0)) return value;
  const double shifted = war_value(after, type);
  if (!(shifted < value)) return value;
  return fear < 1.0 ? value + fear * (value - shifted) / (1.0 - fear) : table_detail::kNoDeal;
}

TypeInterval Table::TypeDisagreement::accepting(double offered) const {
  // d(w) <= t, d linear in w on each side of the kink: the value's condition and, with fear,
  // price_war's raised value (the larger of the two where the shift hurts) or, for q >= 1, the
  // shift not hurting. Lines: v(w) = v(0) - (1 - D1 - D0) m w, the same for the shifted war.
  const double value_at_zero = war_value(exit, 0.0), value_slope = (1.0 - exit.at_one - exit.at_zero) * monthly_cost;
  TypeInterval types{-kInf, kInf};
  restrict_to(value_at_zero - offered, value_slope, types.lower, types.upper);
  if (!(fear > 0.0)) return types;
  const double after_at_zero = war_value(after, 0.0), after_slope = (1.0 - after.at_one - after.at_zero) * monthly_cost;
  if (fear < 1.0)
    restrict_to((value_at_zero - fear * after_at_zero) / (1.0 - fear) - offered,
                (value_slope - fear * after_slope) / (1.0 - fear), types.lower, types.upper);
  else
    restrict_to(value_at_zero - after_at_zero, value_slope - after_slope, types.lower, types.upper);
  return types;
}

double Table::posterior_mass(const Trial& trial, const TypeDisagreement& d, double offered) const {
  const TableState& table = trial.state.table;
  const Uncertain& prior =
      trial.scenario.actors[static_cast<std::size_t>(trial.scenario.bargaining->private_cost)].preferences.cost_weight;
  if (prior.is_fixed() || !(table.type_lower < table.type_upper)) {
    // A point prior, or a posterior shrunk to a point: that type accepts or not, decided as the
    // responder decides (so a point prior is complete information, bit for bit).
    const double point = prior.is_fixed() ? prior.quantile(0.5) : table.type_lower;
    return d.at(point) <= offered ? 1.0 : 0.0;
  }
  const TypeInterval types = d.accepting(offered);
  const double lower = std::max(types.lower, table.type_lower);
  const double upper = std::min(types.upper, table.type_upper);
  if (!(lower < upper)) return 0.0;
  const double all = prior.cdf(table.type_upper) - prior.cdf(table.type_lower);
  if (!(all > 0.0)) return lower <= table.type_lower && upper >= table.type_upper ? 1.0 : 0.0;
  return std::clamp((prior.cdf(upper) - prior.cdf(lower)) / all, 0.0, 1.0);
}

void Table::learn_from_talks_opening(const Trial& trial, const TableView& view, const TypeDisagreement& d,
                                     int responder) {
  // Talks opened on ripeness tell the proposer that the responder is hurting: its cost weight
  // times its monthly cost reached its pain threshold (ripeness.cpp's in_pain), so the type is
  // at least that threshold over the monthly cost. The type is the trial's: the bound only grows.
  if (!view.ripe || !(d.monthly_cost > 0.0)) return;
  const Talks& talks = trial.params.talks;
  const double pain = talks.pain_threshold + talks.pain_share_of_stakes * stakes_[static_cast<std::size_t>(responder)];
  TableState& table = trial.state.table;
  table.type_lower = std::min(std::max(table.type_lower, pain / d.monthly_cost), table.type_upper);
}

double Table::best_ultimatum(const Trial& trial, TableView& view, const TypeDisagreement& d, int proposer,
                             int responder, double low, double high) {
  // Over the frontier in closed form (TwoPartyFrontier), by Brent's minimiser on -F (Boost.Math;
  // the objective is unimodal for a log-concave prior and a concave frontier), the ends compared
  // too: an offer every type accepts is often the best.
  TwoPartyFrontier frontier(table_, proposer, responder);
  const double fallback = view.disagreement[static_cast<std::size_t>(proposer)];
  const auto value_at = [&](double x) {
    const double offered = frontier.responder_value_at(x);
    const double keeps = frontier.proposer_value();
    if (!(keeps > fallback)) return fallback;  // the proposer would rather fight on
    const double accepted = posterior_mass(trial, d, offered);
    return accepted * keeps + (1.0 - accepted) * fallback;
  };
  const double from = frontier.coordinate_for(low), to = frontier.coordinate_for(high);
  double best_x = to, best = value_at(to);
  if (const double at_from = value_at(from); at_from > best) best = at_from, best_x = from;
  std::uintmax_t iterations = kBrentIterations;
  const auto [x, negated] =
      boost::math::tools::brent_find_minima([&](double at) { return -value_at(at); }, from, to, kBrentBits, iterations);
  if (-negated > best) best = -negated, best_x = x;
  // The ultimatum is the frontier's deal there, with the gains the solver would report.
  const double offered = frontier.responder_value_at(best_x);
  disagreement_(responder) = offered - 1.0;
  view.deal.deal = frontier.deal();
  view.deal.gain.resize(disagreement_.size());
  for (Eigen::Index i = 0; i < disagreement_.size(); ++i)
    view.deal.gain(i) = actor_utility(table_, static_cast<int>(i), view.deal.deal) - disagreement_(i);
  view.deal.newton_steps = 0;
  view.deal.status = best > fallback ? NashStatus::kAgreement : NashStatus::kNoBargainingSpace;
  return best;
}

void Table::screen(const Trial& trial, TableView& view) {
  const Scenario& scenario = trial.scenario;
  const int proposer = scenario.bargaining->first_proposer;
  const int responder = scenario.bargaining->private_cost;
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  view.offer_made = false;
  const TypeDisagreement d = responder_disagreement(trial, view, responder);
  learn_from_talks_opening(trial, view, d, responder);
  for (Eigen::Index i = 0; i < n; ++i) disagreement_(i) = view.disagreement[static_cast<std::size_t>(i)] - 1.0;
  // The offers worth searching run from the least to the most demanding type's disagreement (d is
  // convex in the type, being the larger of two lines: its largest value is at an end).
  const TableState& table = trial.state.table;
  const Uncertain& prior = scenario.actors[static_cast<std::size_t>(responder)].preferences.cost_weight;
  const double lowest_type = std::max(table.type_lower, prior.quantile(kTailQuantile));
  const double highest_type = std::min(table.type_upper, prior.quantile(1.0 - kTailQuantile));
  const double at_lowest = d.at(std::min(lowest_type, highest_type)), at_highest = d.at(highest_type);
  double low = std::min(at_lowest, at_highest), high = std::max(at_lowest, at_highest);
  if (!std::isfinite(high)) high = low;  // a type that fears reneging for sure takes no deal
  double best = view.disagreement[static_cast<std::size_t>(proposer)];
  if (!(high > low)) {
    // A point prior, or a posterior shrunk to a point: complete information's ultimatum, solved
    // as the table solves it without private information (bit for bit the same deal): all the
    // weight on the proposer (exact_offer_weights gives the same for one round), the responder
    // left its disagreement value.
    screen_weight_ = weight_;
    screen_weight_(responder) = 0.0;
    screen_weight_(proposer) = 1.0;
    disagreement_(responder) = high - 1.0;
    nash_bargaining(table_, screen_weight_, disagreement_, veto_, workspace_, view.deal);
    if (view.deal.status == NashStatus::kAgreement) {
      const double accepted = posterior_mass(trial, d, terms_value(responder, view.deal.deal));
      best = accepted * terms_value(proposer, view.deal.deal) + (1.0 - accepted) * best;
    }
  } else {
    best = best_ultimatum(trial, view, d, proposer, responder, low, high);
  }
  view.acceptance_prob = 0.0;
  if (view.deal.status != NashStatus::kAgreement || !(best > view.disagreement[static_cast<std::size_t>(proposer)])) {
    // No ultimatum the proposer prefers to fighting on: no offer is made.
    view.deal.status = NashStatus::kNoBargainingSpace;
    return;
  }
  const double offered = terms_value(responder, view.deal.deal);
  view.offer_made = true;
  // Reported within the posterior (the types the proposer still thinks possible).
  view.accepting = d.accepting(offered);
  view.accepting.lower = std::max(view.accepting.lower, table.type_lower);
  view.accepting.upper = std::min(view.accepting.upper, table.type_upper);
  view.acceptance_prob = posterior_mass(trial, d, offered);
  // The responder knows its type: it accepts iff the ultimatum is worth its disagreement value.
  if (!(offered >= view.disagreement[static_cast<std::size_t>(responder)]))
    view.deal.status = NashStatus::kNoBargainingSpace;
}

void Table::learn_from_rejection(const Trial& trial, const TableView& view) {
  // The responder's type is not among those that would have accepted. Where those types are an
  // end of the posterior, the posterior is truncated there; an interior set (possible only with a
  // fear of reneging that falls with the cost) leaves the posterior's hull as it was.
  TableState& table = trial.state.table;
  if (view.accepting.lower <= table.type_lower)
    table.type_lower = std::max(table.type_lower, std::min(view.accepting.upper, table.type_upper));
  else if (view.accepting.upper >= table.type_upper)
    table.type_upper = std::min(table.type_upper, std::max(view.accepting.lower, table.type_lower));
}

}  // namespace parley::bargaining
