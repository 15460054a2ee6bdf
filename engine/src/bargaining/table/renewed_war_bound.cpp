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
  // Pending anticipated cut-offs move the transforms with the month and the aid in force.
  if (trial.anticipation && trial.state.month < trial.anticipation->no_cutoff_pending_from()) return false;
  // A snap-back's strain is priced at the drift as well; it is not bounded here.
  const bool strained = scenario.sanctions && scenario.mechanisms.sanctions && scenario.sanctions->target == side;
  return trial.params.commitment.monitoring_detection_prob == 0.0 || !strained;
}

[[gnu::always_inline]] inline double Table::bracket_bound(const ExitBracket& bracket, int side,
                                                          const RenewedWar& war) const {
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
  const double fighting = values.status_quo_value - war.cost;
  const double p = values.holder_victory_value - fighting;
  const double q = values.opponent_victory_value - fighting;
  return max_over_exits(fighting, p, q, l1, u1, l0, u0) +
         kMargin * (1.0 + std::abs(fighting) + std::abs(p) + std::abs(q));
}

bool Table::renewed_war_below(const Trial& trial, int side, const RenewedWar& war, double deal) {
  ExitBracket* bracket = bracket_of(trial, side);
  if (bracket == nullptr || !bracket_applies(trial, side) ||
      !(bracket->front_share == std::clamp(trial.state.front_share, 0.0, 1.0)))
    return false;
  if (!(bracket_bound(*bracket, side, war) < deal)) return false;
  bracket->last_drift = war.drift;
  bracket->last_set = true;
  return true;
}

void Table::update_bracket(const Trial& trial, int side, const RenewedWar& war, const DiscountedExit& exit,
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
  bracket->at_low = bracket->at_high = exit;
  // Reach ahead along the trend: the drift in a ceasefire moves steadily with the regrouping.
  if (!(step != 0.0) || bracket->lookahead_months < 1.0) return;
  const double ahead = war.drift + bracket->lookahead_months * step;
  if (!(conditioning(ahead, rate) <= kMaxConditioning)) return;
  ExitBracket wider = *bracket;
  (step < 0.0 ? wider.low_drift : wider.high_drift) = ahead;
  (step < 0.0 ? wider.at_low : wider.at_high) = exit_of(trial, side, ahead);
  // Kept only if it still shows the war below the deal at today's cost.
  if (bracket_bound(wider, side, war) < deal) {
    *bracket = wider;
    bracket->lookahead_months = std::min(2.0 * bracket->lookahead_months, kMaxLookaheadMonths);
  } else {
    bracket->lookahead_months *= 0.5;
  }
}

}  // namespace parley::bargaining
