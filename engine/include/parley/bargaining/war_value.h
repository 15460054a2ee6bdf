// The value of fighting on, by closed form, for a front that follows Brownian motion with
// constant drift (docs/model.md 10-11 and the first canonical case of docs/model.md 12).
//
// Where it sits: the disagreement point d_i of the bargaining stage (nash.h) is a war value;
// with constant parameters it is this closed form, with anticipated changes the solver in
// war_value_solver.h, whose terminal condition is again this closed form.
// Model: X_t = x + mu t + sigma W_t on (0, 1), time in months, absorbed at 0 (Russian military
// victory) and 1 (Ukrainian), discounted at r = -ln(delta) per month. With the roots
// l_{+,-} = (-mu +- sqrt(mu^2 + 2 r sigma^2)) / sigma^2 of sigma^2/2 l^2 + mu l - r = 0, write
// a = mu / sigma^2, th = sqrt(mu^2 + 2 r sigma^2) / sigma^2; then (Borodin & Salminen 2002,
// "Handbook of Brownian Motion", Part II, 2.3.0.5 ("3.0.5" for the drifted process);
// Karatzas & Shreve 1991, "Brownian Motion and Stochastic Calculus", 3.5.C)
//   E_x[e^{-rT}; X_T = 1] = e^{a (1 - x)} sinh(th x) / sinh(th),
//   E_x[e^{-rT}; X_T = 0] = e^{-a x} sinh(th (1 - x)) / sinh(th).
// At r = 0 these are the first-passage probabilities; P(exit at 1) = (1 - e^{-2 a x}) / (1 - e^{-2 a})
// (x when mu = 0), and E[T] = (P(exit at 1) - x) / mu by Wald's identity (x (1 - x) / sigma^2
// when mu = 0) (Cox & Miller 1965, "The Theory of Stochastic Processes", 5.7).
// The value of fighting on is
//   V(x) = W E[e^{-rT}; exit at 1] + L E[e^{-rT}; exit at 0] - c E[int_0^T e^{-rt} dt],
// with E[int_0^T e^{-rt} dt] = (1 - E[e^{-rT}]) / r (E[T] at r = 0).
#pragma once

namespace parley::bargaining {

// Below this the closed form's hyperbolic functions overflow; a front this quiet is a stalemate
// for any purpose the war value serves, so callers floor the volatility here.
inline constexpr double kMinWarVolatility = 1e-4;

// Laplace transforms of the exit time split by exit side: E[e^{-rT}; X_T = 1], E[e^{-rT}; X_T = 0].
struct DiscountedExit {
  double at_one = 0.0;
  double at_zero = 0.0;
};

// front_share: the start x in [0, 1]; volatility > 0; discount_factor_per_month in (0, 1].
// Throws parley::Error on invalid arguments.
[[nodiscard]] DiscountedExit discounted_exit(double front_share, double drift_per_month,
                                             double volatility_per_sqrt_month, double discount_factor_per_month);

// What discounted_exit computes from the volatility and the discount factor alone: a trial's
// constants, so that pricing war every month does not take a logarithm each time.
struct ExitRate {
  double rate = 0.0;                 // r = -ln(delta)
  double variance = 0.0;             // sigma^2
  double twice_rate_variance = 0.0;  // 2 r sigma^2
};

// Throws parley::Error on an invalid volatility or discount factor, as discounted_exit does.
[[nodiscard]] ExitRate exit_rate(double volatility_per_sqrt_month, double discount_factor_per_month);

// discounted_exit with the constants of exit_rate: the same value, bit for bit.
[[nodiscard]] DiscountedExit discounted_exit(double front_share, double drift_per_month, const ExitRate& rate);

// P(X_T = 1), undiscounted.
[[nodiscard]] double exit_at_one_prob(double front_share, double drift_per_month, double volatility_per_sqrt_month);

// E[T] in months.
[[nodiscard]] double expected_exit_months(double front_share, double drift_per_month, double volatility_per_sqrt_month);

// E[int_0^T e^{-rt} dt] in months: the discounted duration over which costs are paid.
[[nodiscard]] double discounted_exit_months(double front_share, double drift_per_month,
                                            double volatility_per_sqrt_month, double discount_factor_per_month);

// V(x) above, for an actor who receives payoff_at_one if the front reaches 1, payoff_at_zero if
// it reaches 0, and pays cost_per_month while fighting.
[[nodiscard]] double war_value(double front_share, double drift_per_month, double volatility_per_sqrt_month,
                               double discount_factor_per_month, double payoff_at_one, double payoff_at_zero,
                               double cost_per_month);

}  // namespace parley::bargaining
