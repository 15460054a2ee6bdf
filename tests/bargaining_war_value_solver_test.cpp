// The backward solver against the closed form (order of convergence) and an aid cut-off.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/bargaining/war_value.h"
#include "parley/bargaining/war_value_solver.h"

using namespace parley::bargaining;
using Eigen::VectorXd;

namespace {

constexpr double kDelta = 0.99, kWin = 10.0, kLose = -10.0, kCost = 0.3, kSigma = 0.12;

VectorXd closed_form_on_grid(int intervals, double mu) {
  VectorXd v(intervals + 1);
  for (int j = 0; j <= intervals; ++j) v[j] = war_value(double(j) / intervals, mu, kSigma, kDelta, kWin, kLose, kCost);
  return v;
}

double max_error_at_start(int intervals, int months, const VectorXd& terminal) {
  const double mu = 0.01;
  const WarValueTable table = solve_war_value_table(VectorXd::Constant(months, mu), VectorXd::Constant(months, kSigma),
                                                    VectorXd::Constant(months, kCost), kDelta, kWin, kLose, terminal,
                                                    {intervals, intervals / 10});
  const VectorXd exact = closed_form_on_grid(intervals, mu);
  return (table.values().row(0).transpose() - exact).cwiseAbs().maxCoeff();
}

}  // namespace

TEST_CASE("constant parameters: converges to the closed form at second order") {
  double previous = 0.0;
  for (const int intervals : {20, 40, 80, 160}) {
    const double error = max_error_at_start(intervals, 60, closed_form_on_grid(intervals, 0.01));
    if (previous > 0.0) {
      const double order = std::log2(previous / error);
      CHECK(order > 1.8);
      CHECK(order < 2.2);
    }
    previous = error;
  }
  CHECK(previous < 1e-3);
}

TEST_CASE("a long horizon forgets the terminal value") {
  // From terminal 0 the influence of the horizon decays like delta^T P(T_exit > T): with
  // T = 1200 months that is below 1e-5, far below the grid error at J = 160 from the case above.
  const double from_zero = max_error_at_start(160, 1200, VectorXd::Zero(161));
  const double from_exact = max_error_at_start(160, 1200, closed_form_on_grid(160, 0.01));
  CHECK(from_zero <= from_exact + 1e-5);
}

TEST_CASE("a known aid cut-off lowers the recipient's value as it approaches") {
  const int cutoff = 24, intervals = 100;
  const double mu_aid = 0.02, mu_after = -0.01;
  const WarValueTable table = solve_war_value_table(
      VectorXd::Constant(cutoff, mu_aid), VectorXd::Constant(cutoff, kSigma), VectorXd::Constant(cutoff, kCost), kDelta,
      kWin, kLose, closed_form_on_grid(intervals, mu_after), {intervals, 10});
  for (const double x : {0.2, 0.5, 0.8}) {
    for (int t = 0; t < cutoff; ++t) CHECK(table.value(t, x) > table.value(t + 1, x));
    CHECK(table.value(cutoff, x) ==
          doctest::Approx(war_value(x, mu_after, kSigma, kDelta, kWin, kLose, kCost)).epsilon(1e-12));
    CHECK(table.value(0, x) < war_value(x, mu_aid, kSigma, kDelta, kWin, kLose, kCost));
  }
}

TEST_CASE("lookup interpolates linearly between grid points and months") {
  Eigen::MatrixXd values(2, 3);
  values << 0, 1, 2, 4, 5, 6;
  const WarValueTable table(values);
  CHECK(table.value(0.0, 0.25) == doctest::Approx(0.5));
  CHECK(table.value(0.5, 0.5) == doctest::Approx(3.0));
  CHECK(table.value(7.0, 2.0) == doctest::Approx(6.0));
}
