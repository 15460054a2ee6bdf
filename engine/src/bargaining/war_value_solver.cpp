#include "parley/bargaining/war_value_solver.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parley/core/error.h"

namespace parley::bargaining {

WarValueTable::Cell WarValueTable::cell_of(double month, double front_share) const noexcept {
  const int horizon = horizon_months();
  const int intervals = static_cast<int>(values_.cols()) - 1;
  const double t = std::clamp(month, 0.0, static_cast<double>(horizon));
  const double x = std::clamp(front_share, 0.0, 1.0) * intervals;
  const int t0 = std::min(static_cast<int>(t), std::max(horizon - 1, 0));
  const int j0 = std::min(static_cast<int>(x), intervals - 1);
  return {t0, horizon == 0 ? t0 : t0 + 1, j0, horizon == 0 ? 0.0 : t - t0, x - j0};
}

double WarValueTable::value(double month, double front_share) const noexcept {
  const Cell c = cell_of(month, front_share);
  const auto at = [&](int row) { return (1.0 - c.fx) * values_(row, c.j0) + c.fx * values_(row, c.j0 + 1); };
  return (1.0 - c.ft) * at(c.t0) + c.ft * at(c.t1);
}

double WarValueTable::largest_interpolated(double month, double front_share) const noexcept {
  const Cell c = cell_of(month, front_share);
  return std::max({std::abs(values_(c.t0, c.j0)), std::abs(values_(c.t0, c.j0 + 1)), std::abs(values_(c.t1, c.j0)),
                   std::abs(values_(c.t1, c.j0 + 1))});
}

WarValueTable solve_war_value_table(const Eigen::Ref<const Eigen::VectorXd>& drift_per_month,
                                    const Eigen::Ref<const Eigen::VectorXd>& volatility_per_sqrt_month,
                                    const Eigen::Ref<const Eigen::VectorXd>& cost_per_month,
                                    double discount_factor_per_month, double payoff_at_one, double payoff_at_zero,
                                    const Eigen::Ref<const Eigen::VectorXd>& terminal_value, WarValueGrid grid) {
  const auto months = drift_per_month.size();
  const int J = grid.front_intervals;
  if (volatility_per_sqrt_month.size() != months || cost_per_month.size() != months) {
    throw Error("solve_war_value_table: drift, volatility and cost need one entry per month");
  }
  if (J < 2 || grid.steps_per_month < 1)
    throw Error("solve_war_value_table: grid needs J >= 2 and >= 1 step per month");
  if (terminal_value.size() != J + 1) throw Error("solve_war_value_table: terminal_value needs J + 1 entries");
  if (!(discount_factor_per_month > 0.0 && discount_factor_per_month <= 1.0)) {
    throw Error("solve_war_value_table: discount factor must lie in (0, 1]");
  }
  if (months > 0 && !(volatility_per_sqrt_month.minCoeff() > 0.0)) {
    throw Error("solve_war_value_table: volatility must be > 0");
  }
  const double r = -std::log(discount_factor_per_month);
  const double h = 1.0 / J, dt = 1.0 / grid.steps_per_month;
  Eigen::MatrixXd values(months + 1, J + 1);
  Eigen::VectorXd v = terminal_value;
  v[0] = payoff_at_zero;
  v[J] = payoff_at_one;
  values.row(months) = v.transpose();
  std::vector<double> sub(J + 1), diag(J + 1), sup(J + 1), rhs(J + 1);
  for (auto t = months - 1; t >= 0; --t) {
    const double mu = drift_per_month[t], s2 = volatility_per_sqrt_month[t] * volatility_per_sqrt_month[t];
    // L V_j = lo V_{j-1} + mid V_j + hi V_{j+1}
    const double lo = 0.5 * s2 / (h * h) - 0.5 * mu / h;
    const double hi = 0.5 * s2 / (h * h) + 0.5 * mu / h;
    const double mid = -s2 / (h * h) - r;
    for (int step = 0; step < grid.steps_per_month; ++step) {
      // (I - dt/2 L) V_new = (I + dt/2 L) V_old - dt c, Dirichlet ends folded into the right side.
      for (int j = 1; j < J; ++j) {
        rhs[j] = v[j] + 0.5 * dt * (lo * v[j - 1] + mid * v[j] + hi * v[j + 1]) - dt * cost_per_month[t];
        sub[j] = -0.5 * dt * lo;
        diag[j] = 1.0 - 0.5 * dt * mid;
        sup[j] = -0.5 * dt * hi;
      }
      rhs[1] -= sub[1] * payoff_at_zero;
      rhs[J - 1] -= sup[J - 1] * payoff_at_one;
      // Thomas algorithm: forward elimination, back substitution.
      for (int j = 2; j < J; ++j) {
        const double m = sub[j] / diag[j - 1];
        diag[j] -= m * sup[j - 1];
        rhs[j] -= m * rhs[j - 1];
      }
      v[J - 1] = rhs[J - 1] / diag[J - 1];
      for (int j = J - 2; j >= 1; --j) v[j] = (rhs[j] - sup[j] * v[j + 1]) / diag[j];
    }
    values.row(t) = v.transpose();
  }
  return WarValueTable(std::move(values));
}

}  // namespace parley::bargaining
