// War of attrition: quitting times exponential with rate c / V.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/bargaining/war_of_attrition.h"
#include "parley/core/error.h"

using namespace parley::bargaining;

TEST_CASE("hazard is c / V") {
  CHECK(attrition_quit_hazard_per_month(2.0, 8.0) == 0.25);
  CHECK_THROWS_AS((void)attrition_quit_hazard_per_month(0.0, 1.0), parley::Error);
}

TEST_CASE("sample mean V / c and survival e^{-ct/V} within 4 standard errors") {
  parley::Rng rng(11, 0, parley::Stream::kBargaining);
  const double c = 0.5, v = 6.0, mean = v / c;
  const int n = 400'000;
  double sum = 0.0;
  int beyond_mean = 0;
  for (int i = 0; i < n; ++i) {
    const double t = sample_attrition_quit_months(c, v, rng);
    sum += t;
    if (t > mean) ++beyond_mean;
  }
  // An exponential's standard deviation equals its mean.
  CHECK(std::abs(sum / n - mean) < 4.0 * mean / std::sqrt(n));
  const double survival = std::exp(-1.0);
  CHECK(std::abs(static_cast<double>(beyond_mean) / n - survival) < 4.0 * std::sqrt(survival * (1 - survival) / n));
}
