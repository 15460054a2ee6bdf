// Claim robustness: the Wilson share, PRIM recovering a known failure region, and the split
// ranking naming the parameters that define it.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/sweep/robustness.h"

using namespace parley;

namespace {

// The synthetic sweep: uniform points in [0, 1]^4; the claim fails exactly when x0 > 0.7 and
// x2 < 0.3 (probability 0.3 * 0.3 = 0.09).
constexpr double kEdge0 = 0.7;
constexpr double kEdge2 = 0.3;
constexpr double kWidth = 0.3;  // the failure region's width in x0 and in x2

struct Sweep {
  Eigen::MatrixXd points;
  std::vector<bool> holds;
};

Sweep synthetic_sweep(int n, std::uint64_t seed) {
  Rng rng(seed, 0, Stream::kParameters);
  Sweep sweep{Eigen::MatrixXd(n, 4), std::vector<bool>(static_cast<std::size_t>(n))};
  for (int k = 0; k < n; ++k) {
    for (int j = 0; j < 4; ++j) sweep.points(k, j) = rng.uniform();
    sweep.holds[static_cast<std::size_t>(k)] = !(sweep.points(k, 0) > kEdge0 && sweep.points(k, 2) < kEdge2);
  }
  return sweep;
}

}  // namespace

TEST_CASE("claim share: counts and the Wilson interval") {
  const ClaimShare share = claim_share({true, true, false, true});
  CHECK(share.holds == 3);
  CHECK(share.points == 4);
  CHECK(share.share == 0.75);
  const Interval expected = wilson_interval(3, 4);
  CHECK(share.interval.lower == expected.lower);
  CHECK(share.interval.upper == expected.upper);
  CHECK(std::isnan(claim_share({}).share));
}

TEST_CASE("PRIM recovers the failure box x0 > 0.7, x2 < 0.3 in [0, 1]^4") {
  const int n = 20000;
  const Sweep sweep = synthetic_sweep(n, 17);
  const ClaimRobustness robustness = describe_claim_robustness(sweep.points, sweep.holds);
  const PrimBox& box = robustness.failure_box.box;
  const double alpha = robustness.failure_box.options.paste_alpha;

  // The share where the claim holds: 0.91, within the Wilson interval's reach.
  CHECK(robustness.share.interval.lower <= 0.91);
  CHECK(robustness.share.interval.upper >= 0.91);

  // Tolerance of a recovered edge. The last paste over an edge adds a strip of alpha times the
  // box's points, about alpha * 0.09 n points spread over a cross-section of 0.3 (the other
  // bounded dimension), so the strip is alpha * 0.3 wide in expectation; the count of points in
  // a strip of fixed width is Poisson, so its width varies by 1/sqrt(points) relative (four
  // of those allowed); the bound itself sits half a point spacing, 1/(0.3 n), past a point.
  const double strip_points = alpha * kWidth * kWidth * n;
  const double tolerance = alpha * kWidth * (1.0 + 4.0 / std::sqrt(strip_points)) + 0.5 / (kWidth * n);
  CAPTURE(tolerance);
  CAPTURE(box.lower.transpose());
  CAPTURE(box.upper.transpose());
  CHECK(box.restricted_dimensions() == std::vector<int>{0, 2});
  // A box of density 1 cannot reach past an edge by more than the gap to the next point, so
  // the error is one-sided: the box lies inside the failure region.
  const double spacing = 1.0 / (kWidth * n);
  CHECK(box.lower[0] - kEdge0 >= -spacing);
  CHECK(box.lower[0] - kEdge0 <= tolerance);
  CHECK(kEdge2 - box.upper[2] >= -spacing);
  CHECK(kEdge2 - box.upper[2] <= tolerance);
  CHECK(box.upper[0] == std::numeric_limits<double>::infinity());
  CHECK(box.lower[2] == -std::numeric_limits<double>::infinity());
  // A box inside the region holds only failures; missing strips cost at most one tolerance of
  // width on each of the two edges.
  CHECK(box.density == 1.0);
  CHECK(box.coverage >= 1.0 - 2.0 * tolerance / kWidth);

  // The trajectory starts at the whole space and shrinks; no box below the minimum support.
  const auto& trajectory = robustness.failure_box.trajectory;
  CHECK(trajectory.front().support == 1.0);
  CHECK(trajectory.front().points_inside == n);
  for (std::size_t s = 1; s < trajectory.size(); ++s) {
    CHECK(trajectory[s].points_inside < trajectory[s - 1].points_inside);
    CHECK(trajectory[s].support >= robustness.failure_box.options.min_support);
  }
}

TEST_CASE("split ranking puts x0 and x2 first with thresholds at the region's edges") {
  const int n = 20000;
  const Sweep sweep = synthetic_sweep(n, 23);
  const ClaimRobustness robustness = describe_claim_robustness(sweep.points, sweep.holds);
  const auto& splits = robustness.splits;
  REQUIRE(splits.size() == 4);
  const bool top_two =
      (splits[0].dimension == 0 && splits[1].dimension == 2) || (splits[0].dimension == 2 && splits[1].dimension == 0);
  CHECK(top_two);
  // With failure share p = 0.09, the population Gini decrease of a split of x0 at t < 0.7 is
  // 2 p^2 t / (1 - t), rising with slope 2 p^2 / 0.09 = 0.18 into 0.7 and falling at a like rate
  // beyond, where it peaks at 2 p^2 0.7 / 0.3 = 0.0378; an irrelevant dimension's decrease is
  // O(p (1 - p) / n). The empirical decrease has noise of order sqrt(p (1 - p) / n), so the
  // empirical optimum sits within a few noise units / slope of the edge.
  const double p = 0.09;
  const double noise = std::sqrt(p * (1.0 - p) / n);
  const double slope = 2.0 * p * p / ((1.0 - kEdge0) * (1.0 - kEdge0));
  const double peak = 2.0 * p * p * kEdge0 / (1.0 - kEdge0);
  for (const SingleSplit& split : splits) {
    CAPTURE(split.dimension);
    if (split.dimension == 0) {
      CHECK(std::abs(split.threshold - kEdge0) <= 3.0 * noise / slope);
      CHECK(split.share_above > split.share_below);
      CHECK(std::abs(split.gini_decrease - peak) <= 3.0 * noise);
    } else if (split.dimension == 2) {
      CHECK(std::abs(split.threshold - kEdge2) <= 3.0 * noise / slope);
      CHECK(split.share_below > split.share_above);
    } else {
      CHECK(split.gini_decrease <= 3.0 * noise);
    }
  }
}

TEST_CASE("PRIM peels a discrete dimension by whole values") {
  // x0 takes the levels 0..4, x1 is continuous; cases are exactly x0 >= 3.
  const int n = 5000;
  Rng rng(31, 0, Stream::kParameters);
  Eigen::MatrixXd points(n, 2);
  std::vector<bool> cases(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) {
    points(k, 0) = std::floor(5.0 * rng.uniform());
    points(k, 1) = rng.uniform();
    cases[static_cast<std::size_t>(k)] = points(k, 0) >= 3.0;
  }
  const PrimResult result = prim_box(points, cases);
  CHECK(result.box.restricted_dimensions() == std::vector<int>{0});
  CHECK(result.box.lower[0] == 2.5);  // halfway between the last value removed and the first kept
  CHECK(result.box.density == 1.0);
  CHECK(result.box.coverage == 1.0);
}

TEST_CASE("PRIM edge cases and invalid input") {
  const Sweep sweep = synthetic_sweep(200, 3);
  const std::vector<bool> none(200, false);
  const PrimResult empty = prim_box(sweep.points, none);
  CHECK(empty.cases == 0);
  CHECK(empty.box.restricted_dimensions().empty());
  CHECK(empty.box.density == 0.0);
  CHECK_THROWS_AS((void)prim_box(sweep.points, std::vector<bool>(199, true)), InputError);
  PrimOptions bad;
  bad.peel_alpha = 0.7;
  bad.min_support = 0.0;
  try {
    (void)prim_box(sweep.points, sweep.holds, bad);
    FAIL("invalid options accepted");
  } catch (const InputError& error) {
    CHECK(error.issues().size() == 2);
  }
}
