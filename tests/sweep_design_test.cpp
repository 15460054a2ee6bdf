// Sweep designs: stratification of Latin hypercubes, the Sobol' sequence against its published
// direction numbers, grid order and size, range mapping and input validation.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/sweep/design.h"

using namespace parley;

namespace {

// An independent Sobol' generator (Bratley & Fox 1988, algorithm 659, Gray-code order) from the
// first entries of Joe & Kuo's new-joe-kuo-6.21201 table: dimension 1 has every m_k = 1; then
// (degree s, coefficient bits a, initial m_1..m_s) = (1, 0, {1}), (2, 1, {1, 3}),
// (3, 1, {1, 3, 1}), (3, 2, {1, 1, 1}).
struct DirectionNumbers {
  int degree;
  unsigned coefficients;
  std::vector<std::uint64_t> initial;
};

std::vector<std::vector<double>> reference_sobol(int points, int dimensions) {
  constexpr int kBits = 32;
  const std::vector<DirectionNumbers> table = {{1, 0, {1}}, {2, 1, {1, 3}}, {3, 1, {1, 3, 1}}, {3, 2, {1, 1, 1}}};
  std::vector<std::vector<std::uint64_t>> v(static_cast<std::size_t>(dimensions),
                                            std::vector<std::uint64_t>(kBits + 1, 0));
  for (int k = 1; k <= kBits; ++k) v[0][static_cast<std::size_t>(k)] = std::uint64_t{1} << (kBits - k);
  for (int j = 1; j < dimensions; ++j) {
    const DirectionNumbers& row = table[static_cast<std::size_t>(j - 1)];
    const int s = row.degree;
    std::vector<std::uint64_t> m(kBits + 1, 0);
    for (int k = 1; k <= s; ++k) m[static_cast<std::size_t>(k)] = row.initial[static_cast<std::size_t>(k - 1)];
    for (int k = s + 1; k <= kBits; ++k) {
      std::uint64_t next = m[static_cast<std::size_t>(k - s)] ^ (m[static_cast<std::size_t>(k - s)] << s);
      for (int i = 1; i < s; ++i) {
        if ((row.coefficients >> (s - 1 - i)) & 1U) next ^= m[static_cast<std::size_t>(k - i)] << i;
      }
      m[static_cast<std::size_t>(k)] = next;
    }
    for (int k = 1; k <= kBits; ++k) {
      v[static_cast<std::size_t>(j)][static_cast<std::size_t>(k)] = m[static_cast<std::size_t>(k)] << (kBits - k);
    }
  }
  std::vector<std::vector<double>> result;
  std::vector<std::uint64_t> x(static_cast<std::size_t>(dimensions), 0);
  for (int n = 1; n <= points; ++n) {
    // Gray code: point n differs from point n - 1 by the direction number of the lowest zero
    // bit of n - 1.
    int c = 1;
    for (unsigned value = static_cast<unsigned>(n - 1); value & 1U; value >>= 1U) ++c;
    std::vector<double> point;
    for (int j = 0; j < dimensions; ++j) {
      x[static_cast<std::size_t>(j)] ^= v[static_cast<std::size_t>(j)][static_cast<std::size_t>(c)];
      point.push_back(std::ldexp(static_cast<double>(x[static_cast<std::size_t>(j)]), -kBits));
    }
    result.push_back(point);
  }
  return result;
}

}  // namespace

TEST_CASE("Sobol' points: the published start, then Joe-Kuo direction numbers exactly") {
  const Eigen::MatrixXd two = sobol_points(7, 2);
  const double expected[7][2] = {{0.5, 0.5},     {0.75, 0.25},   {0.25, 0.75},  {0.375, 0.375},
                                 {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}};
  for (int i = 0; i < 7; ++i) {
    CHECK(two(i, 0) == expected[i][0]);
    CHECK(two(i, 1) == expected[i][1]);
  }
  const int points = 1000;
  const Eigen::MatrixXd five = sobol_points(points, 5);
  const auto reference = reference_sobol(points, 5);
  int mismatches = 0;
  for (int i = 0; i < points; ++i) {
    for (int j = 0; j < 5; ++j)
      mismatches += five(i, j) != reference[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
  }
  CHECK(mismatches == 0);
}

TEST_CASE("Sobol' points: skip continues the sequence, origin never returned, means near 1/2") {
  const Eigen::MatrixXd all = sobol_points(40, 6);
  const Eigen::MatrixXd tail = sobol_points(15, 6, 25);
  CHECK(tail == all.bottomRows(15));
  CHECK(all.minCoeff() > 0.0);
  CHECK(all.maxCoeff() < 1.0);

  // An i.i.d. uniform mean has standard error 1/sqrt(12 n); a low-discrepancy sample does far
  // better, so three i.i.d. standard errors is a loose, theory-based bound.
  const int n = 4096;
  const Eigen::MatrixXd design = sobol_points(n, 10);
  const double se = 1.0 / std::sqrt(12.0 * n);
  for (Eigen::Index j = 0; j < design.cols(); ++j) CHECK(std::abs(design.col(j).mean() - 0.5) <= 3.0 * se);
  CHECK_THROWS_AS((void)sobol_points(4, kMaxSobolDimensions + 1), InputError);
  CHECK(sobol_points(1, kMaxSobolDimensions).cols() == kMaxSobolDimensions);
}

TEST_CASE("Latin hypercube: one point per stratum in every dimension, seeded") {
  const int n = 97;
  const int d = 5;
  Rng rng(11, 0, Stream::kParameters);
  const Eigen::MatrixXd design = latin_hypercube(n, d, rng);
  for (int j = 0; j < d; ++j) {
    std::vector<int> count(n, 0);
    for (int i = 0; i < n; ++i) {
      const double scaled = design(i, j) * n;
      REQUIRE(scaled > 0.0);
      REQUIRE(scaled < n);
      ++count[static_cast<std::size_t>(std::floor(scaled))];
    }
    CHECK(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
  }
  Rng same(11, 0, Stream::kParameters);
  CHECK(latin_hypercube(n, d, same) == design);
  Rng other(12, 0, Stream::kParameters);
  CHECK(latin_hypercube(n, d, other) != design);
}

TEST_CASE("Latin hypercube: positions inside strata and the pairing of strata are uniform") {
  const int n = 2000;
  const int d = 4;
  Rng rng(5, 1, Stream::kParameters);
  const Eigen::MatrixXd design = latin_hypercube(n, d, rng);
  // Offsets inside strata are i.i.d. U(0, 1): mean 1/2 with standard error 1/sqrt(12 n d).
  double offsets = 0.0;
  for (int j = 0; j < d; ++j) {
    for (int i = 0; i < n; ++i) offsets += design(i, j) * n - std::floor(design(i, j) * n);
  }
  CHECK(std::abs(offsets / (n * d) - 0.5) <= 4.0 / std::sqrt(12.0 * n * d));
  // Independent permutations: the correlation between two columns has standard error
  // 1/sqrt(n - 1) under independence.
  for (int j = 1; j < d; ++j) {
    const Eigen::ArrayXd a = design.col(0).array() - 0.5;
    const Eigen::ArrayXd b = design.col(j).array() - 0.5;
    const double correlation = (a * b).sum() / std::sqrt((a * a).sum() * (b * b).sum());
    CHECK(std::abs(correlation) <= 4.0 / std::sqrt(n - 1.0));
  }
}

TEST_CASE("full grid: size, last dimension fastest, both ends included") {
  const Eigen::MatrixXd grid = full_grid({2, 3});
  Eigen::MatrixXd expected(6, 2);
  expected << 0, 0, 0, 0.5, 0, 1, 1, 0, 1, 0.5, 1, 1;
  CHECK(grid == expected);
  CHECK(full_grid({1})(0, 0) == 0.5);
  CHECK(full_grid({4, 5, 6}).rows() == 120);

  const Eigen::MatrixXd values = full_grid_of_values({{10.0, 20.0}, {-1.0}, {7.0, 8.0, 9.0}});
  REQUIRE(values.rows() == 6);
  CHECK(values.row(0) == Eigen::RowVector3d(10.0, -1.0, 7.0));
  CHECK(values.row(2) == Eigen::RowVector3d(10.0, -1.0, 9.0));
  CHECK(values.row(3) == Eigen::RowVector3d(20.0, -1.0, 7.0));

  // A K-level grid through a discrete range visits exactly its K values, in order.
  const std::vector<double> choices = {0.1, 0.2, 0.3, 0.5, 0.8, 1.3, 2.1};
  const Eigen::MatrixXd mapped =
      map_to_ranges(full_grid({static_cast<int>(choices.size())}), {ParameterRange::discrete(choices)});
  for (std::size_t k = 0; k < choices.size(); ++k) CHECK(mapped(static_cast<Eigen::Index>(k), 0) == choices[k]);

  CHECK_THROWS_AS((void)full_grid({3, 0}), InputError);
  CHECK_THROWS_AS((void)full_grid({}), InputError);
}

TEST_CASE("ranges: linear, logarithmic and discrete maps; every invalid range reported") {
  const ParameterRange linear = ParameterRange::linear(-2.0, 6.0);
  CHECK(map_unit_value(0.0, linear) == -2.0);
  CHECK(map_unit_value(0.25, linear) == 0.0);
  CHECK(map_unit_value(1.0, linear) == 6.0);
  const ParameterRange log = ParameterRange::logarithmic(0.01, 100.0);
  CHECK(map_unit_value(0.0, log) == 0.01);
  CHECK(map_unit_value(0.5, log) == doctest::Approx(1.0).epsilon(1e-14));
  CHECK(map_unit_value(1.0, log) == 100.0);
  const ParameterRange discrete = ParameterRange::discrete({3.0, 5.0, 9.0});
  CHECK(map_unit_value(0.0, discrete) == 3.0);
  CHECK(map_unit_value(0.34, discrete) == 5.0);
  CHECK(map_unit_value(0.99, discrete) == 9.0);
  CHECK(map_unit_value(1.0, discrete) == 9.0);

  try {
    validate_ranges({ParameterRange::linear(1.0, 0.0), ParameterRange::logarithmic(0.0, 1.0),
                     ParameterRange::discrete({}), ParameterRange::linear(0.0, NAN)});
    FAIL("invalid ranges accepted");
  } catch (const InputError& error) {
    REQUIRE(error.issues().size() == 4);
    CHECK(error.issues()[0].pointer == "/0/upper");
    CHECK(error.issues()[1].pointer == "/1/lower");
    CHECK(error.issues()[2].pointer == "/2/values");
    CHECK(error.issues()[3].pointer == "/3/upper");
  }
  CHECK_THROWS_AS((void)map_to_ranges(Eigen::MatrixXd::Zero(2, 2), {linear}), InputError);
}
