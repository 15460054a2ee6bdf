// Rubinstein (1982) and its finite-horizon backward induction (Stahl 1972).
#include <doctest/doctest.h>

#include <cmath>

#include "parley/bargaining/alternating_offers.h"
#include "parley/core/error.h"

using namespace parley::bargaining;

TEST_CASE("Rubinstein share (1 - d2) / (1 - d1 d2)") {
  CHECK(rubinstein_proposer_share(0.9, 0.9) == doctest::Approx(1.0 / 1.9).epsilon(1e-15));
  CHECK(rubinstein_proposer_share(0.9, 0.8) == doctest::Approx(0.2 / 0.28).epsilon(1e-15));
  CHECK(rubinstein_proposer_share(0.0, 0.5) == doctest::Approx(0.5).epsilon(1e-15));
  CHECK_THROWS_AS((void)rubinstein_proposer_share(1.0, 1.0), parley::Error);
}

TEST_CASE("finite horizon by hand: T = 1, 2, 3") {
  const double d1 = 0.7, d2 = 0.6;
  CHECK(finite_horizon_proposer_share(d1, d2, 1) == 1.0);
  // T = 2: player 2 proposes last and takes all; player 1 offers d2.
  CHECK(finite_horizon_proposer_share(d1, d2, 2) == doctest::Approx(1.0 - d2).epsilon(1e-15));
  // T = 3: player 1 takes all in round 3, so 2 offers d1 in round 2 and keeps 1 - d1; player 1
  // offers d2 (1 - d1) in round 1.
  CHECK(finite_horizon_proposer_share(d1, d2, 3) == doctest::Approx(1.0 - d2 * (1.0 - d1)).epsilon(1e-15));
}

TEST_CASE("finite horizon converges geometrically to Rubinstein") {
  const double d1 = 0.9, d2 = 0.85;
  const double limit = rubinstein_proposer_share(d1, d2);
  // Two rounds shrink the distance to the limit by exactly d1 d2 (the map x -> 1 - d2 (1 - d1 x)).
  for (int t = 1; t < 60; ++t) {
    const double now = std::abs(finite_horizon_proposer_share(d1, d2, t) - limit);
    const double later = std::abs(finite_horizon_proposer_share(d1, d2, t + 2) - limit);
    CHECK(later == doctest::Approx(d1 * d2 * now).epsilon(1e-9).scale(1e-15));
  }
  CHECK(finite_horizon_proposer_share(d1, d2, 400) == doctest::Approx(limit).epsilon(1e-12));
}
