// Powell (2006): war iff delta p_next - p_now > (1 - delta)(c_D + delta c_R).
#include <doctest/doctest.h>

#include "parley/bargaining/commitment.h"
#include "parley/core/error.h"

using namespace parley::bargaining;

TEST_CASE("the threshold in closed form and a case on each side of it") {
  const double p_now = 0.3, delta = 0.9, c_d = 0.5, c_r = 0.4;
  const double threshold = (p_now + (1.0 - delta) * (c_d + delta * c_r)) / delta;  // 0.386 / 0.9 = 0.42889...
  const CommitmentCheck at = commitment_problem_war(p_now, 0.5, delta, c_d, c_r);
  CHECK(at.threshold_next_prob == doctest::Approx(threshold).epsilon(1e-15));
  CHECK(threshold == doctest::Approx(0.386 / 0.9).epsilon(1e-15));
  const CommitmentCheck below = commitment_problem_war(p_now, threshold - 1e-9, delta, c_d, c_r);
  const CommitmentCheck above = commitment_problem_war(p_now, threshold + 1e-9, delta, c_d, c_r);
  CHECK_FALSE(below.war);
  CHECK(above.war);
  // The two sides' values agree at the threshold (the condition is their difference).
  const CommitmentCheck on = commitment_problem_war(p_now, threshold, delta, c_d, c_r);
  CHECK(on.declining_war_value == doctest::Approx(on.declining_best_peace).epsilon(1e-12));
}

TEST_CASE("no shift, no war: a bargaining range exists whenever costs are positive") {
  for (const double p : {0.0, 0.2, 0.5, 0.9}) CHECK_FALSE(commitment_problem_war(p, p, 0.95, 0.01, 0.01).war);
}

TEST_CASE("a shift that is smaller per period matters less when delta is small") {
  // War iff delta p_next - p_now exceeds the cost term: impatient states discount the shift.
  CHECK(commitment_problem_war(0.2, 0.6, 0.95, 0.2, 0.2).war);
  CHECK_FALSE(commitment_problem_war(0.2, 0.6, 0.3, 0.2, 0.2).war);
}

TEST_CASE("invalid inputs are rejected") {
  CHECK_THROWS_AS((void)commitment_problem_war(0.2, 1.2, 0.9, 0.1, 0.1), parley::Error);
  CHECK_THROWS_AS((void)commitment_problem_war(0.2, 0.4, 1.0, 0.1, 0.1), parley::Error);
}
