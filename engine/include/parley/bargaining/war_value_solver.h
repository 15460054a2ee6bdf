// War values when actors anticipate a change (an aid cut-off at a known month, an election):
// the engine's backward solver on a (month, front) grid (docs/model.md 10-11).
//
// Where it sits: computed once per parameter point, before the trials; trials look values up
// with WarValueTable::value(month, front). Equation: with drift mu_t, volatility sigma_t and
// cost c_t constant within month t, V solves the backward Kolmogorov (Feynman-Kac) equation
//     dV/dt + mu_t V_x + sigma_t^2 / 2 V_xx - r V - c_t = 0,   r = -ln(delta),
// with V = payoff_at_one at x = 1, payoff_at_zero at x = 0, and a given terminal value at the
// horizon (e.g. the constant-parameter closed form of war_value.h after the last change).
// Scheme: Crank & Nicolson (1947), "A practical method for numerical evaluation of solutions of
// partial differential equations of the heat-conduction type", Proc. Camb. Phil. Soc. 43(1):
// central differences in x, trapezoidal in t, second order in both, unconditionally stable; one
// tridiagonal solve per time step (Thomas algorithm).
#pragma once

#include <Eigen/Dense>
#include <utility>

namespace parley::bargaining {

struct WarValueGrid {
  int front_intervals = 200;  // J: grid x_j = j / J
  int steps_per_month = 4;    // time steps per month
};

// V_t(x_j) for t = 0..T months (rows) and j = 0..J (columns).
class WarValueTable {
 public:
  explicit WarValueTable(Eigen::MatrixXd values) : values_(std::move(values)) {}
  // Linear interpolation in month and front (second order, like the scheme). Month is clamped to
  // [0, T] and front to [0, 1].
  [[nodiscard]] double value(double month, double front_share) const noexcept;
  [[nodiscard]] const Eigen::MatrixXd& values() const noexcept { return values_; }
  // The largest absolute value among the entries value(month, front_share) interpolates: a
  // bound on its absolute value.
  [[nodiscard]] double largest_interpolated(double month, double front_share) const noexcept;
  [[nodiscard]] int horizon_months() const noexcept { return static_cast<int>(values_.rows()) - 1; }

 private:
  // The grid cell a (month, front) falls in and its place in it, as value() interpolates.
  struct Cell {
    int t0, t1, j0;
    double ft, fx;
  };
  [[nodiscard]] Cell cell_of(double month, double front_share) const noexcept;
  Eigen::MatrixXd values_;
};

// drift, volatility, cost: T entries each (month 0 .. T-1). terminal_value: J + 1 entries on the
// grid (its end points are replaced by the payoffs). Throws parley::Error on inconsistent sizes,
// a non-positive volatility or a discount factor outside (0, 1].
[[nodiscard]] WarValueTable solve_war_value_table(const Eigen::Ref<const Eigen::VectorXd>& drift_per_month,
                                                  const Eigen::Ref<const Eigen::VectorXd>& volatility_per_sqrt_month,
                                                  const Eigen::Ref<const Eigen::VectorXd>& cost_per_month,
                                                  double discount_factor_per_month, double payoff_at_one,
                                                  double payoff_at_zero,
                                                  const Eigen::Ref<const Eigen::VectorXd>& terminal_value,
                                                  WarValueGrid grid);

}  // namespace parley::bargaining
