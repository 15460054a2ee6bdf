// War values by belief: what fighting on is worth to each actor from the current state, in the
// units of a deal (Fearon 1995; the discounted exit transforms of war_value.h, corrected by the
// run's anticipation tables), and what raised sanctions take off it.
#include "parley/bargaining/table.h"

#include <algorithm>
#include <cmath>

#include "parley/bargaining/war_value.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

double Table::terms_value(int actor, const Eigen::Ref<const Eigen::VectorXd>& terms) const {
  return 1.0 + actor_utility(table_, actor, terms);
}

double Table::war_value_of(const Trial& trial, int actor, double drift, double cost_utility) const {
  return war_value_of(exit_of(trial, actor, drift), actor, cost_utility);
}

double Table::war_value_of(const DiscountedExit& exit, int actor, double cost_utility) const {
  // Values are monthly flows normalised by the discount rate (a deal's terms are worth v(z)
  // every month): while fighting, an actor keeps the status-quo terms and pays the war's cost;
  // after a victory it keeps the victor's terms. With D1, D0 the discounted exit transforms,
  //   w = (1 - D1 - D0) (v(sq) - cost) + D1 v(holder wins) + D0 v(opponent wins).
  const ActorConstants& actor_constants = actor_constants_[static_cast<std::size_t>(actor)];
  const double fighting = status_quo_value(actor) - cost_utility;
  return (1.0 - exit.at_one - exit.at_zero) * fighting + exit.at_one * actor_constants.holder_victory_value +
         exit.at_zero * actor_constants.opponent_victory_value;
}

const PendingCutoffs& Table::pending_cutoffs(const Trial& trial) const {
  if (pending_open_ && pending_state_ == &trial.state && pending_.month == trial.state.month) return pending_;
  const TrialState& state = trial.state;
  unsigned certain = 0;
  const unsigned pending = trial.anticipation->pending_sets(trial.scenario, trial.params, state, certain);
  // The branches' scales change only with the sets pending and the aid amounts in force (the
  // trial's parameters are its own: prepare() forgets them), so a month like the last reuses them.
  const bool same_branches =
      pending_branches_set_ && pending == pending_sets_ && certain == pending_certain_ &&
      std::equal(state.aid.begin(), state.aid.end(), pending_amounts_.begin(), pending_amounts_.end(),
                 [](const AidState& aid, double amount) { return aid.amount_per_month == amount; });
  if (same_branches) {
    pending_.month = state.month;
  } else {
    trial.anticipation->fill_branches(trial.scenario, trial.params, state, pending, certain, pending_);
    pending_sets_ = pending;
    pending_certain_ = certain;
    pending_amounts_.resize(state.aid.size());
    for (std::size_t j = 0; j < state.aid.size(); ++j) pending_amounts_[j] = state.aid[j].amount_per_month;
    pending_branches_set_ = true;
  }
  pending_state_ = pending_open_ ? &state : nullptr;
  return pending_;
}

DiscountedExit Table::closed_form_exit(const Trial& trial, int actor, double drift) const {
  const double x = std::clamp(trial.state.front_share, 0.0, 1.0);
  return discounted_exit(x, drift, actor_constants_[static_cast<std::size_t>(actor)].exit_rate);
}

DiscountedExit Table::exit_of(const Trial& trial, int actor, double drift, const DiscountedExit& closed_form) const {
  DiscountedExit exit = closed_form;
  if (trial.anticipation) {
    // Known cut-offs ahead: the solver's correction, looked up at (month, front, drift).
    const double x = std::clamp(trial.state.front_share, 0.0, 1.0);
    const DiscountedExit shift = trial.anticipation->exit_shift(pending_cutoffs(trial), actor, x, drift);
    exit.at_one = std::clamp(exit.at_one + shift.at_one, 0.0, 1.0);
    exit.at_zero = std::clamp(exit.at_zero + shift.at_zero, 0.0, 1.0 - exit.at_one);
  }
  return exit;
}

DiscountedExit Table::exit_of(const Trial& trial, int actor, double drift) const {
  return exit_of(trial, actor, drift, closed_form_exit(trial, actor, drift));
}

double Table::sanctions_strain_loss(const Trial& trial, int actor, double drift, double raised_level,
                                    const DiscountedExit& exit) const {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const TrialState& state = trial.state;
  if (!scenario.sanctions || !scenario.mechanisms.sanctions || scenario.sanctions->target != actor) return 0.0;
  const Sanctions& s = params.sanctions;
  const double level = state.sanctions_level_share;
  if (!(raised_level > level)) return 0.0;
  // The economy follows e' = e - drag L e + recovery (1 - e): from today's strain s0 the strain
  // moves to s*(L) = drag L / (recovery + drag L) at the rate rho = 1 - drag L - recovery a month,
  // s_t = s*(L) + rho^t (s0 - s*(L)). A war value prices today's strain as a constant cost, so a
  // raised level costs the difference of the two paths, (s*(L') - s0)(1 - rho'^t) -
  // (s*(L) - s0)(1 - rho^t), every month of war. In the flow units of the war value,
  //   r E int_0^T e^{-rt} A (1 - rho^t) dt = A [(1 - E e^{-rT}) - r/(r + k) (1 - E e^{-(r + k)T})],
  // k = -ln rho, r = -ln delta: Laplace transforms of the exit time at two discount rates.
  const double x = std::clamp(state.front_share, 0.0, 1.0);
  const double sigma = std::max(params.battlefield.volatility_per_sqrt_month, kMinWarVolatility);
  const double delta = params.actors[static_cast<std::size_t>(actor)].preferences.discount_per_month;
  const double fighting_share = 1.0 - exit.at_one - exit.at_zero;
  const double strain_now = 1.0 - state.economy_index;
  const auto path_cost = [&](double l) {
    const double pull = s.economy_drag_per_month * l + s.economy_recovery_per_month;
    if (!(pull > 0.0)) return 0.0;  // the economy does not move
    const double gap = s.economy_drag_per_month * l / pull - strain_now;
    const double rho = 1.0 - pull;
    // A month's step at or past the target (rho <= 0) reaches it at once.
    if (!(rho > 0.0) || !(delta < 1.0)) return gap * fighting_share;
    const DiscountedExit faster = discounted_exit(x, drift, sigma, delta * rho);
    return gap * (fighting_share - std::log(delta) / std::log(delta * rho) * (1.0 - faster.at_one - faster.at_zero));
  };
  return params.actors[static_cast<std::size_t>(actor)].preferences.cost_weight *
         (path_cost(std::min(1.0, raised_level)) - path_cost(level));
}

}  // namespace parley::bargaining
