#include "parley/bargaining/war_value.h"

#include <cmath>

#include "parley/core/error.h"

namespace parley::bargaining {
namespace {

void check(double x, double sigma) {
  if (!(x >= 0.0 && x <= 1.0)) throw Error("war_value: front_share must lie in [0, 1]");
  if (!(sigma > 0.0) || !std::isfinite(sigma)) throw Error("war_value: volatility must be finite and > 0");
}

double rate_of(double delta) {
  if (!(delta > 0.0 && delta <= 1.0)) throw Error("war_value: discount factor must lie in (0, 1]");
  return -std::log(delta);
}

// upper_transform's denominator, which depends on th alone: sinh(th), or for large th the
// exponential form's -expm1(-2 th). The two transforms of one front share it.
double whole_interval_term(double th) {
  return th < 20.0 ? std::sinh(th) : -std::expm1(-2.0 * th);
}

// e^{a (1 - x)} sinh(th x) / sinh(th) without overflow: for large th use the exponential form,
// whose exponent (1 - x)(a - th) is <= 0 because th >= |a|. `whole` is whole_interval_term(th).
double upper_transform(double x, double a, double th, double whole) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  if (th == 0.0) return x;  // mu = 0 and r = 0
  if (th < 20.0) return std::exp(a * (1.0 - x)) * std::sinh(th * x) / whole;
  return std::exp((1.0 - x) * (a - th)) * -std::expm1(-2.0 * th * x) / whole;
}

}  // namespace

ExitRate exit_rate(double volatility_per_sqrt_month, double discount_factor_per_month) {
  check(0.0, volatility_per_sqrt_month);
  const double r = rate_of(discount_factor_per_month);
  const double s2 = volatility_per_sqrt_month * volatility_per_sqrt_month;
  return {r, s2, 2.0 * r * s2};
}

DiscountedExit discounted_exit(double front_share, double drift_per_month, const ExitRate& rate) {
  if (!(front_share >= 0.0 && front_share <= 1.0)) throw Error("war_value: front_share must lie in [0, 1]");
  const double s2 = rate.variance;
  const double a = drift_per_month / s2;
  const double th = std::sqrt(drift_per_month * drift_per_month + rate.twice_rate_variance) / s2;
  // The lower transform is the upper one for the mirrored process 1 - X (drift -mu).
  const double lower_share = 1.0 - front_share;
  const bool interior = front_share > 0.0 && front_share < 1.0 && th != 0.0;
  const double whole = interior ? whole_interval_term(th) : 0.0;  // unused at the barriers
  return {upper_transform(front_share, a, th, whole), upper_transform(lower_share, -a, th, whole)};
}

DiscountedExit discounted_exit(double front_share, double drift_per_month, double volatility_per_sqrt_month,
                               double discount_factor_per_month) {
  check(front_share, volatility_per_sqrt_month);
  return discounted_exit(front_share, drift_per_month, exit_rate(volatility_per_sqrt_month, discount_factor_per_month));
}

double exit_at_one_prob(double front_share, double drift_per_month, double volatility_per_sqrt_month) {
  return discounted_exit(front_share, drift_per_month, volatility_per_sqrt_month, 1.0).at_one;
}

double expected_exit_months(double front_share, double drift_per_month, double volatility_per_sqrt_month) {
  check(front_share, volatility_per_sqrt_month);
  const double s2 = volatility_per_sqrt_month * volatility_per_sqrt_month;
  // (P1 - x) / mu cancels catastrophically as mu -> 0. With b = 2 mu / sigma^2,
  // P1 - x = [expm1(-b x) - x expm1(-b)] / expm1(-b), and the numerator's series
  // sum_{n >= 2} (-b)^n (x^n - x) / n! has the cancelling first-order terms removed exactly.
  const double b = 2.0 * drift_per_month / s2;
  const double x = front_share;
  if (b == 0.0) return x * (1.0 - x) / s2;
  if (std::abs(b) < 0.5) {
    double numerator = 0.0, power_b = -b, term_x = x, factorial = 1.0;
    for (int n = 2; n < 40; ++n) {
      power_b *= -b;
      term_x *= x;
      factorial *= n;
      numerator += power_b * (term_x - x) / factorial;
    }
    return numerator / std::expm1(-b) / drift_per_month;
  }
  return (exit_at_one_prob(x, drift_per_month, volatility_per_sqrt_month) - x) / drift_per_month;
}

double discounted_exit_months(double front_share, double drift_per_month, double volatility_per_sqrt_month,
                              double discount_factor_per_month) {
  const double r = rate_of(discount_factor_per_month);
  if (r == 0.0) return expected_exit_months(front_share, drift_per_month, volatility_per_sqrt_month);
  const DiscountedExit e =
      discounted_exit(front_share, drift_per_month, volatility_per_sqrt_month, discount_factor_per_month);
  return (1.0 - e.at_one - e.at_zero) / r;
}

double war_value(double front_share, double drift_per_month, double volatility_per_sqrt_month,
                 double discount_factor_per_month, double payoff_at_one, double payoff_at_zero, double cost_per_month) {
  const DiscountedExit e =
      discounted_exit(front_share, drift_per_month, volatility_per_sqrt_month, discount_factor_per_month);
  return payoff_at_one * e.at_one + payoff_at_zero * e.at_zero -
         cost_per_month *
             discounted_exit_months(front_share, drift_per_month, volatility_per_sqrt_month, discount_factor_per_month);
}

}  // namespace parley::bargaining
