// Fearon (1995): the bargaining range [p - c_A, p + c_B], exactly.
#include <doctest/doctest.h>

#include "parley/bargaining/fearon.h"
#include "parley/core/error.h"

using namespace parley::bargaining;

TEST_CASE("the range is [p - c_A, p + c_B] with positive costs") {
  const auto range = fearon_bargaining_range(0.6, 0.1, 0.05);
  REQUIRE(range.has_value());
  CHECK(range->lower_share == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(range->upper_share == doctest::Approx(0.65).epsilon(1e-15));
  // Both sides weakly prefer every deal in the range to war (risk-neutral payoffs).
  for (double x = range->lower_share; x <= range->upper_share; x += 0.01) {
    CHECK(x >= 0.6 - 0.1 - 1e-15);
    CHECK(1.0 - x >= 1.0 - 0.6 - 0.05 - 1e-15);
  }
}

TEST_CASE("zero costs leave exactly the point p") {
  const auto range = fearon_bargaining_range(0.3, 0.0, 0.0);
  REQUIRE(range.has_value());
  CHECK(range->lower_share == 0.3);
  CHECK(range->upper_share == 0.3);
}

TEST_CASE("the range is empty when the sides gain from war (negative total cost)") {
  CHECK_FALSE(fearon_bargaining_range(0.5, -0.1, 0.05).has_value());
}

TEST_CASE("the range is clipped to the unit interval") {
  const auto range = fearon_bargaining_range(0.95, 0.1, 0.2);
  REQUIRE(range.has_value());
  CHECK(range->lower_share == doctest::Approx(0.85).epsilon(1e-15));
  CHECK(range->upper_share == 1.0);
}

TEST_CASE("a probability outside [0, 1] is rejected") {
  CHECK_THROWS_AS((void)fearon_bargaining_range(1.2, 0.1, 0.1), parley::Error);
}
