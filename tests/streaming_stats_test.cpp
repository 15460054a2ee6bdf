// Streaming statistics: exact merges, the Wilson interval, histogram quantiles.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/core/random.h"
#include "parley/stats/streaming.h"

using namespace parley;

TEST_CASE("Wilson interval: published values and exact edges") {
  // Brown, Cai & DasGupta (2001), and direct evaluation: 0 of 10 gives [0, 0.2775].
  const Interval none = wilson_interval(0, 10);
  CHECK(none.lower == 0.0);
  CHECK(none.upper == doctest::Approx(0.27753).epsilon(1e-4));
  const Interval half = wilson_interval(50, 100);
  CHECK(half.lower == doctest::Approx(0.40383).epsilon(1e-4));
  CHECK(half.upper == doctest::Approx(0.59617).epsilon(1e-4));
  CHECK(wilson_interval(10, 10).upper == 1.0);
}

TEST_CASE("merged moments equal moments of the concatenation") {
  Rng rng(3, 0, Stream::kBattle);
  RunningMoments all, left, right;
  for (int i = 0; i < 1000; ++i) {
    const double v = 10.0 * rng.uniform() + 1e6;  // large offset: tests the stable update
    all.add(v);
    (i < 300 ? left : right).add(v);
  }
  left.merge(right);
  CHECK(left.count() == all.count());
  CHECK(left.mean() == doctest::Approx(all.mean()).epsilon(1e-14));
  CHECK(left.variance() == doctest::Approx(all.variance()).epsilon(1e-9));
  CHECK(all.variance() == doctest::Approx(100.0 / 12.0).epsilon(0.1));
}

TEST_CASE("integer histogram quantiles are the inverse empirical CDF") {
  IntegerHistogram h(11);
  for (std::size_t v = 1; v <= 10; ++v) h.add(v);
  CHECK(h.quantile(0.5) == 5.0);
  CHECK(h.quantile(0.05) == 1.0);
  CHECK(h.quantile(1.0) == 10.0);
}

TEST_CASE("log histogram quantiles are within the bin resolution") {
  LogHistogram h;
  for (int i = 1; i <= 10000; ++i) h.add(static_cast<double>(i));
  const double resolution = std::pow(10.0, 1.0 / LogHistogram::kBinsPerDecade) - 1.0;
  CHECK(std::abs(h.quantile(0.5) / 5000.0 - 1.0) <= resolution);
  CHECK(std::abs(h.quantile(0.95) / 9500.0 - 1.0) <= resolution);
  h.add(0.0);
  CHECK(h.quantile(0.0) == 0.0);
}

TEST_CASE("log histogram: histograms of zeros merge into any other in either order, as one histogram would") {
  // The bins exist only once a value falls in one; a merge must not depend on which side has them.
  Rng rng(5, 0, Stream::kBattle);
  LogHistogram all, zeros_only, overflow_only, spread;
  for (int i = 0; i < 500; ++i) {
    const double value = std::pow(10.0, 8.0 * rng.uniform() - 2.0);
    const double spilled = i % 3 == 0 ? 0.0 : i % 3 == 1 ? 1e13 : value;
    all.add(spilled);
    (spilled == 0.0 ? zeros_only : spilled >= 1e12 ? overflow_only : spread).add(spilled);
  }
  CHECK(zeros_only.quantile(0.5) == 0.0);
  CHECK(overflow_only.quantile(0.5) == 1e12);
  LogHistogram left = zeros_only;
  left.merge(overflow_only);
  left.merge(spread);
  LogHistogram right = spread;
  right.merge(zeros_only);
  right.merge(overflow_only);
  CHECK(left.total() == all.total());
  CHECK(right.total() == all.total());
  for (const double p : {0.0, 0.2, 0.34, 0.5, 0.66, 0.9, 1.0}) {
    CAPTURE(p);
    CHECK(left.quantile(p) == all.quantile(p));
    CHECK(right.quantile(p) == all.quantile(p));
  }
}
