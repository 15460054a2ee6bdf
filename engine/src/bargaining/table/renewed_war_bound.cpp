// reneges' shortcut (table.h, ExitBracket): in a ceasefire a side's exit transforms depend on the
// drift alone, D1 = E[e^{-rT}; X_T = 1] rising and D0 = E[e^{-rT}; X_T = 0] falling with it (a
// path with more drift stays above one with less: it reaches 1 sooner and 0 later). Transforms
// computed exactly at two drifts therefore bound them at every drift between, and with
// D1 + D0 <= 1 they bound the renewed war's value, which is linear in them. The exact value is
// computed only where the bound does not show the war below the deal.
#include <algorithm>
#include <cmath>
#include <limits>

#include "bargaining/table/table_detail.h"

namespace parley::bargaining {

namespace {

// The bound must decide as the exact value would, rounding and all. Where |mu| / sigma^2 + theta
// (the closed form's exponents' scale) is at most kMaxConditioning, the computed transforms are
// within about 4 (|mu| / sigma^2 + theta + 1) epsilon < 1e-11 of the true ones (an exponent's
// rounding times its size); the margin is a hundred times that and the value's rounding, relative
// to the size of its terms.
constexpr double kMaxConditioning = 1e4;
constexpr double kMargin = 1e-9;
// How far ahead along the drift's monthly trend a bracket first reaches; it doubles while
// brackets decide and halves when one does not, up to kMaxLookaheadMonths.
constexpr double kFirstLookaheadMonths = 12.0;
constexpr double kMaxLookaheadMonths = 48.0;

double conditioning(double drift, const ExitRate& rate) {
  return (std::abs(drift) + std::sqrt(drift * drift + rate.twice_rate_variance)) / rate.variance;
}

// The largest of base + p D1 + q D0 over D1 in [l1, u1], D0 in [l0, u0] with D1 + D0 <= 1.
double max_over_exits(double base, double p, double q, double l1, double u1, double l0, double u0) {
  double d1 = p >= 0.0 ? u1 : l1;
  double d0 = q >= 0.0 ? u0 : l0;
  if (d1 + d0 > 1.0) {
    // The box's best corner is past D1 + D0 = 1, so the best point is on that line, where the
    // value is base + q + (p - q) D1.
    d1 = p >= q ? std::min(u1, 1.0 - l0) : std::max(l1, 1.0 - u0);
    d0 = 1.0 - d1;
  }
  return base + p * d1 + q * d0;
}

}  // namespace

// The bracket's helpers are used in this file only, once a month each: inlined.
[[gnu::always_inline]] inline Table::ExitBracket* Table::bracket_of(const Trial& trial, int side) {
  if (side == trial.scenario.battlefield.holder) return &brackets_[0];
  if (side == trial.scenario.battlefield.opponent) return &brackets_[1];
  return nullptr;
}

[[gnu::always_inline]] inline bool Table::bracket_applies(const Trial& trial, int side) const {
  const Scenario& scenario = trial.scenario;
  // A snap-back's strain is priced at the drift as well; it is not bounded here.
  const bool strained = scenario.sanctions && scenario.mechanisms.sanctions && scenario.sanctions->target == side;
  return trial.params.commitment.monitoring_detection_prob == 0.0 || !strained;
}

// With anticipation, exit_of adds the correction of the cut-offs still pending to the closed
// form and clamps: D1 = clamp(D1c + s1, 0, 1), D0 = clamp(D0c + s0, 0, 1 - D1), |s| <= the
// slack (AnticipationTables::shift_bound; zero once none is pending).
[[gnu::always_inline]] inline DiscountedExit Table::shift_slack(const Trial& trial, int side) const {
  if (!trial.anticipation || trial.state.month >= trial.anticipation->no_cutoff_pending_from()) return {};
  return trial.anticipation->shift_bound(pending_cutoffs(trial), side, std::clamp(trial.state.front_share, 0.0, 1.0));
}

[[gnu::always_inline]] inline double Table::bracket_bound(const Trial& trial, const ExitBracket& bracket, int side,
                                                          const RenewedWar& war, const DiscountedExit& slack) const {
  double l1 = 0.0, u1 = 1.0, l0 = 0.0, u0 = 1.0;
  bool bounded = false;
  if (bracket.low_set && war.drift >= bracket.low_drift) {
    l1 = bracket.at_low.at_one;
    u0 = bracket.at_low.at_zero;
    bounded = true;
  }
  if (bracket.high_set && war.drift <= bracket.high_drift) {
    u1 = bracket.at_high.at_one;
    l0 = bracket.at_high.at_zero;
    bounded = true;
  }
  if (!bounded) return std::numeric_limits<double>::infinity();
  // Between the two drifts the conditioning is at most the larger of theirs (it is convex in the
  // drift); past one of them the exact transforms' rounding is bounded only if today's is checked.
  const bool between =
      bracket.low_set && bracket.high_set && war.drift >= bracket.low_drift && war.drift <= bracket.high_drift;
  if (!between &&
      !(conditioning(war.drift, actor_constants_[static_cast<std::size_t>(side)].exit_rate) <= kMaxConditioning))
    return std::numeric_limits<double>::infinity();
  // war_value_of's w = (1 - D1 - D0) fighting + D1 v(holder wins) + D0 v(opponent wins).
  const ActorConstants& values = actor_constants_[static_cast<std::size_t>(side)];
  const double fighting = status_quo_value(side) - war.cost;
  const double p = values.holder_victory_value - fighting;
  const double q = values.opponent_victory_value - fighting;
  double bound = 0.0;
  if (!trial.anticipation) {
    bound = max_over_exits(fighting, p, q, l1, u1, l0, u0);
  } else {
    // The bracket holds the closed form's transforms: widened by the slack, and D0 clamped to
    // 1 - D1 may fall below its lower bound, onto the line D1 + D0 = 1.
    l1 = std::max(0.0, l1 - slack.at_one);
    u1 = std::min(1.0, u1 + slack.at_one);
    l0 = std::max(0.0, l0 - slack.at_zero);
    u0 = std::min(1.0, u0 + slack.at_zero);
    bound = max_over_exits(fighting, p, q, l1, u1, l0, u0);
    const double line_low = std::max(l1, 1.0 - l0);
    if (line_low <= u1) bound = std::max(bound, fighting + q + (p - q) * (p >= q ? u1 : line_low));
  }
  return bound + kMargin * (1.0 + std::abs(fighting) + std::abs(p) + std::abs(q));
}

bool Table::renewed_war_below(const Trial& trial, int side, const RenewedWar& war, double deal) {
  ExitBracket* bracket = bracket_of(trial, side);
  if (bracket == nullptr || !bracket_applies(trial, side) ||
      !(bracket->front_share == std::clamp(trial.state.front_share, 0.0, 1.0)))
    return false;
  if (!(bracket_bound(trial, *bracket, side, war, shift_slack(trial, side)) < deal)) return false;
  bracket->last_drift = war.drift;
  bracket->last_set = true;
  return true;
}

void Table::update_bracket(const Trial& trial, int side, const RenewedWar& war, const DiscountedExit& closed_form,
                           double deal) {
  ExitBracket* bracket = bracket_of(trial, side);
  if (bracket == nullptr) return;
  const double x = std::clamp(trial.state.front_share, 0.0, 1.0);
  if (!bracket_applies(trial, side) || !(bracket->front_share == x)) {
    *bracket = ExitBracket{};
    bracket->front_share = x;
    bracket->lookahead_months = kFirstLookaheadMonths;
    if (!bracket_applies(trial, side)) return;
  }
  const double step = bracket->last_set ? war.drift - bracket->last_drift : 0.0;
  bracket->last_drift = war.drift;
  bracket->last_set = true;
  const ExitRate& rate = actor_constants_[static_cast<std::size_t>(side)].exit_rate;
  bracket->low_set = bracket->high_set = conditioning(war.drift, rate) <= kMaxConditioning;
  if (!bracket->low_set) return;
  bracket->low_drift = bracket->high_drift = war.drift;
  // The closed form's transforms (exit_of's without anticipation); bracket_bound adds the slack.
  bracket->at_low = bracket->at_high = closed_form;
  // Reach ahead along the trend: the drift in a ceasefire moves steadily with the regrouping.
  if (!(step != 0.0) || bracket->lookahead_months < 1.0) return;
  const double ahead = war.drift + bracket->lookahead_months * step;
  if (!(conditioning(ahead, rate) <= kMaxConditioning)) return;
  ExitBracket wider = *bracket;
  (step < 0.0 ? wider.low_drift : wider.high_drift) = ahead;
  (step < 0.0 ? wider.at_low : wider.at_high) = closed_form_exit(trial, side, ahead);
  // Kept only if it still shows the war below the deal at today's cost.
  if (bracket_bound(trial, wider, side, war, shift_slack(trial, side)) < deal) {
    *bracket = wider;
    bracket->lookahead_months = std::min(2.0 * bracket->lookahead_months, kMaxLookaheadMonths);
  } else {
    bracket->lookahead_months *= 0.5;
  }
}

}  // namespace parley::bargaining
