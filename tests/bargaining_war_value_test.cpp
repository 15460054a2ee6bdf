// Discounted first passage of Brownian motion between two barriers: limits and symmetries.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "parley/bargaining/war_value.h"

using namespace parley::bargaining;

TEST_CASE("r -> 0 gives the classic first-passage probability and expected exit time") {
  for (const double mu : {-0.03, 0.0, 0.01, 0.05}) {
    const double sigma = 0.1;
    for (const double x : {0.1, 0.5, 0.8}) {
      const double p1 =
          mu == 0.0 ? x
                    : (1.0 - std::exp(-2.0 * mu * x / (sigma * sigma))) / (1.0 - std::exp(-2.0 * mu / (sigma * sigma)));
      const DiscountedExit undiscounted = discounted_exit(x, mu, sigma, 1.0);
      CHECK(undiscounted.at_one == doctest::Approx(p1).epsilon(1e-12));
      CHECK(undiscounted.at_one + undiscounted.at_zero == doctest::Approx(1.0).epsilon(1e-12));
      const double expected_t = mu == 0.0 ? x * (1 - x) / (sigma * sigma) : (p1 - x) / mu;
      CHECK(expected_exit_months(x, mu, sigma) == doctest::Approx(expected_t).epsilon(1e-12));
      // Small r: (1 - E e^{-rT}) / r = E[T] - r E[T^2] / 2 + ..., and E[T^2] <= 2 (sup_x E_x T)^2
      // (Kac's moment bound), so the gap is at most r (sup E T)^2, plus rounding of order eps / r.
      const double r = 1e-7;
      double t_bound = 0.0;
      for (int j = 1; j < 100; ++j) t_bound = std::max(t_bound, expected_exit_months(j / 100.0, mu, sigma));
      t_bound *= 1.1;  // the grid maximum can miss the true maximum by a little
      const double tol = r * t_bound * t_bound + 1e-15 / r * 10.0;
      CHECK(std::abs(discounted_exit_months(x, mu, sigma, std::exp(-r)) - expected_t) <= tol);
    }
  }
}

TEST_CASE("expected exit time is continuous through mu = 0 (series branch against 50-digit values)") {
  // E[T] at x = 0.3, sigma = 0.1, b = 2 mu / sigma^2 = 1e-3 and 1e-4, computed with mpmath at 50 digits.
  CHECK(expected_exit_months(0.3, 1e-3 * 0.01 / 2, 0.1) == doctest::Approx(21.001399632461975365).epsilon(1e-13));
  CHECK(expected_exit_months(0.3, 1e-4 * 0.01 / 2, 0.1) == doctest::Approx(21.000139996324961968).epsilon(1e-13));
}

TEST_CASE("mu = 0: E[e^{-rT}; exit at 1] = sinh(th x)/sinh(th), th = sqrt(2 r)/sigma") {
  const double sigma = 0.2, delta = 0.98, r = -std::log(delta), th = std::sqrt(2.0 * r) / sigma;
  for (const double x : {0.05, 0.3, 0.5, 0.9}) {
    const DiscountedExit e = discounted_exit(x, 0.0, sigma, delta);
    CHECK(e.at_one == doctest::Approx(std::sinh(th * x) / std::sinh(th)).epsilon(1e-13));
    CHECK(e.at_zero == doctest::Approx(std::sinh(th * (1 - x)) / std::sinh(th)).epsilon(1e-13));
  }
}

TEST_CASE("the transforms solve sigma^2/2 f'' + mu f' - r f = 0 (finite-difference check)") {
  const double mu = 0.02, sigma = 0.15, delta = 0.99, r = -std::log(delta), h = 1e-4;
  for (const double x : {0.2, 0.5, 0.7}) {
    const auto f = [&](double y) { return discounted_exit(y, mu, sigma, delta).at_one; };
    const double d2 = (f(x + h) - 2 * f(x) + f(x - h)) / (h * h);
    const double d1 = (f(x + h) - f(x - h)) / (2 * h);
    // Truncation error of the central differences is O(h^2) relative to f's derivatives.
    CHECK(std::abs(0.5 * sigma * sigma * d2 + mu * d1 - r * f(x)) < 1e-6);
  }
}

TEST_CASE("mirror symmetry: x -> 1 - x, mu -> -mu swaps the two exits") {
  for (const double mu : {-0.04, 0.01, 0.3}) {
    for (const double x : {0.1, 0.45, 0.9}) {
      const DiscountedExit e = discounted_exit(x, mu, 0.1, 0.97);
      const DiscountedExit m = discounted_exit(1 - x, -mu, 0.1, 0.97);
      CHECK(e.at_one == doctest::Approx(m.at_zero).epsilon(1e-13));
      CHECK(e.at_zero == doctest::Approx(m.at_one).epsilon(1e-13));
      const double v = war_value(x, mu, 0.1, 0.97, 10.0, -5.0, 0.2);
      const double v_mirror = war_value(1 - x, -mu, 0.1, 0.97, -5.0, 10.0, 0.2);
      CHECK(v == doctest::Approx(v_mirror).epsilon(1e-12));
    }
  }
}

TEST_CASE("war value at the barriers is the payoff there; tiny volatility does not overflow") {
  CHECK(war_value(1.0, 0.01, 0.1, 0.99, 3.0, -1.0, 0.5) == 3.0);
  CHECK(war_value(0.0, 0.01, 0.1, 0.99, 3.0, -1.0, 0.5) == -1.0);
  const DiscountedExit e = discounted_exit(0.5, 0.01, 1e-3, 0.99);
  CHECK(std::isfinite(e.at_one));
  CHECK(std::isfinite(e.at_zero));
}
