// Random streams and uncertain parameters: the reproducibility contract and the quantiles.
#include <doctest/doctest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <set>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/scenario/uncertain.h"

using namespace parley;

TEST_CASE("a stream depends only on (seed, trial, purpose)") {
  Rng a(7, 12, Stream::kBattle), b(7, 12, Stream::kBattle);
  for (int i = 0; i < 100; ++i) CHECK(a() == b());
  Rng other_trial(7, 13, Stream::kBattle), other_purpose(7, 12, Stream::kBargaining),
      other_seed(8, 12, Stream::kBattle);
  Rng c(7, 12, Stream::kBattle);
  const auto first = c();
  CHECK(other_trial() != first);
  CHECK(other_purpose() != first);
  CHECK(other_seed() != first);
}

TEST_CASE("xoshiro256++ uniforms have mean 1/2 and variance 1/12 within 4 standard errors") {
  Rng rng(1, 0, Stream::kBattle);
  const int n = 1'000'000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / n;
  const double var = sum_sq / n - mean * mean;
  CHECK(std::abs(mean - 0.5) < 4.0 * std::sqrt(1.0 / 12.0 / n));
  // Var of (U - 1/2)^2 is 1/180; the sample variance's standard error is sqrt(1/180/n).
  CHECK(std::abs(var - 1.0 / 12.0) < 4.0 * std::sqrt(1.0 / 180.0 / n));
}

TEST_CASE("per-trial draws: quantiles reproduce each distribution's mean within 4 standard errors") {
  const int n = 200'000;
  struct Case {
    Uncertain u;
    double sd;
  };
  const Case cases[] = {
      {Uncertain::normal(2.0, 0.5), 0.5},
      {Uncertain::uniform(-1.0, 3.0), 4.0 / std::sqrt(12.0)},
      {Uncertain::beta(2.0, 5.0), std::sqrt(2.0 * 5.0 / (49.0 * 8.0))},
      {Uncertain::triangular(0.0, 0.2, 1.0), std::sqrt((0.0 + 0.04 + 1.0 - 0.0 - 0.0 - 0.2) / 18.0)},
      {Uncertain::lognormal(1.0, 0.25), std::sqrt((std::exp(0.0625) - 1.0) * std::exp(0.0625))},
  };
  for (auto c : cases) {
    c.u.set_key(fnv1a64("/test/parameter"));
    double sum = 0;
    for (int t = 0; t < n; ++t) sum += c.u.draw(42, static_cast<std::uint64_t>(t));
    CAPTURE(c.u.kind_name());
    CHECK(std::abs(sum / n - c.u.mean()) < 4.0 * c.sd / std::sqrt(n));
  }
}

TEST_CASE("a truncated normal stays inside its bounds and has the truncated mean") {
  auto u = Uncertain::normal(0.0, 1.0, 0.0, kInf);
  CHECK(u.mean() == doctest::Approx(std::sqrt(2.0 / M_PI)).epsilon(1e-12));
  for (double p : {1e-12, 0.3, 0.999999}) CHECK(u.quantile(p) >= 0.0);
}

TEST_CASE("domains describe themselves and reject non-finite values") {
  CHECK(kShare.describe() == "must lie in [0, 1]");
  CHECK(kPositive.describe() == "must be a finite number > 0");
  CHECK_FALSE(kAnyReal.contains(std::nan("")));
  CHECK_FALSE(kAnyReal.contains(kInf));
  CHECK(kOpenShare.contains(0.5));
  CHECK_FALSE(kOpenShare.contains(0.0));
}

TEST_CASE("did-you-mean hints pick the closest key") {
  CHECK(closest_match("horizon_month", {"horizon_months", "name", "actors"}) == "horizon_months");
  CHECK(closest_match("zzzz", {"horizon_months", "name"}).empty());
  CHECK(edit_distance("kitten", "sitting") == 3);
}
