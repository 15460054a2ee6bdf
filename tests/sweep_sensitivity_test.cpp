// Sobol' indices from the Saltelli design: the Ishigami function and a linear model against
// their closed-form indices, the design's layout, and the separation design -> outputs -> indices.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include <tbb/task_arena.h>

#include "parley/core/error.h"
#include "parley/sweep/design.h"
#include "parley/sweep/sensitivity.h"

using namespace parley;

namespace {

// Ishigami & Homma (1990), f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1 with x_i ~ U(-pi, pi).
// Closed-form partial variances (Sobol' & Levitan 1999; Saltelli et al. 2008, "Global
// sensitivity analysis: the primer", 4.8):
//   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,   V1 = (1 + b pi^4/5)^2 / 2,   V2 = a^2/8,
//   V3 = 0,   V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225.
constexpr double kA = 7.0;
constexpr double kB = 0.1;

double ishigami(const Eigen::VectorXd& u) {
  constexpr double pi = std::numbers::pi;
  const double x1 = -pi + 2.0 * pi * u[0];
  const double x2 = -pi + 2.0 * pi * u[1];
  const double x3 = -pi + 2.0 * pi * u[2];
  return std::sin(x1) + kA * std::sin(x2) * std::sin(x2) + kB * std::pow(x3, 4) * std::sin(x1);
}

struct IshigamiTruth {
  std::vector<double> first;
  std::vector<double> total;
};

IshigamiTruth ishigami_truth() {
  const double pi4 = std::pow(std::numbers::pi, 4);
  const double pi8 = pi4 * pi4;
  const double v = kA * kA / 8.0 + kB * pi4 / 5.0 + kB * kB * pi8 / 18.0 + 0.5;
  const double v1 = 0.5 * std::pow(1.0 + kB * pi4 / 5.0, 2);
  const double v2 = kA * kA / 8.0;
  const double v13 = 8.0 * kB * kB * pi8 / 225.0;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

// |estimate - truth| within `sigmas` bootstrap standard errors. Four: a single normal estimate
// lies further out with probability 6e-5, so a failure means a wrong estimator, not bad luck.
void check_within_standard_errors(const IndexEstimate& estimate, double truth, double sigmas = 4.0) {
  INFO("estimate " << estimate.value << " +- " << estimate.standard_error << ", truth " << truth);
  CHECK(std::abs(estimate.value - truth) <= sigmas * estimate.standard_error);
}

}  // namespace

TEST_CASE("Ishigami: closed-form indices agree with the published rounded values") {
  const IshigamiTruth truth = ishigami_truth();
  const double published_first[3] = {0.3139, 0.4424, 0.0};
  const double published_total[3] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    CHECK(std::abs(truth.first[static_cast<std::size_t>(i)] - published_first[i]) <= 0.5e-4);
    CHECK(std::abs(truth.total[static_cast<std::size_t>(i)] - published_total[i]) <= 0.5e-4);
  }
}

TEST_CASE("Ishigami on a Sobol' base, N = 2^13: estimates within 4 bootstrap SE, intervals cover") {
  const IshigamiTruth truth = ishigami_truth();
  SobolOptions options;
  options.seed = 2024;
  const SobolIndices indices = evaluate_sobol_indices(3, 1 << 13, ishigami, options);
  REQUIRE(indices.first_order.size() == 3);
  CHECK(indices.bootstrap_resamples == 500);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    check_within_standard_errors(indices.first_order[i], truth.first[i]);
    check_within_standard_errors(indices.total[i], truth.total[i]);
    // The bootstrap treats the low-discrepancy rows as independent, which overstates the error
    // of a Sobol' base; its 95% intervals are therefore conservative and must cover.
    CHECK(indices.first_order[i].interval.lower <= truth.first[i]);
    CHECK(indices.first_order[i].interval.upper >= truth.first[i]);
    CHECK(indices.total[i].interval.lower <= truth.total[i]);
    CHECK(indices.total[i].interval.upper >= truth.total[i]);
    // Standard errors of order 1/sqrt(N): between 0 and 10 / sqrt(N) for indices in [0, 1].
    CHECK(indices.first_order[i].standard_error > 0.0);
    CHECK(indices.first_order[i].standard_error < 10.0 / std::sqrt(8192.0));
  }
  const double pi4 = std::pow(std::numbers::pi, 4);
  const double variance = kA * kA / 8.0 + kB * pi4 / 5.0 + kB * kB * pi4 * pi4 / 18.0 + 0.5;
  // The sample variance of 2N values: relative standard error about sqrt(kurtosis - 1) / sqrt(2N),
  // well under 5% here (the Ishigami output's kurtosis is below 10).
  CHECK(std::abs(indices.variance / variance - 1.0) <= 3.0 * std::sqrt(9.0 / (2.0 * 8192.0)));
}

TEST_CASE("Ishigami on a random base, N = 2^13: estimates within 4 bootstrap SE") {
  const IshigamiTruth truth = ishigami_truth();
  SobolOptions options;
  options.seed = 7;
  options.base = SaltelliBase::kRandom;
  const SobolIndices indices = evaluate_sobol_indices(3, 1 << 13, ishigami, options);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    check_within_standard_errors(indices.first_order[i], truth.first[i]);
    check_within_standard_errors(indices.total[i], truth.total[i]);
  }
}

TEST_CASE("linear model: S_i = ST_i = c_i^2 / sum c_j^2; an inert input is exactly zero") {
  const std::vector<double> c = {1.0, 2.0, 3.0, 0.0};
  double sum_squares = 0.0;
  for (const double ci : c) sum_squares += ci * ci;
  const auto linear = [&](const Eigen::VectorXd& x) {
    double y = 0.0;
    for (std::size_t i = 0; i < c.size(); ++i) y += c[i] * x[static_cast<Eigen::Index>(i)];
    return y;
  };
  SobolOptions options;
  options.seed = 99;
  options.base = SaltelliBase::kRandom;
  const SobolIndices indices = evaluate_sobol_indices(4, 4096, linear, options);
  for (std::size_t i = 0; i < c.size(); ++i) {
    CAPTURE(i);
    const double truth = c[i] * c[i] / sum_squares;
    check_within_standard_errors(indices.first_order[i], truth);
    check_within_standard_errors(indices.total[i], truth);
  }
  // f(A_B^(3)) == f(A) bit for bit, so both estimators and every replicate are exactly 0.
  CHECK(indices.first_order[3].value == 0.0);
  CHECK(indices.total[3].value == 0.0);
  CHECK(indices.total[3].interval.upper == 0.0);
  // Var(sum c_i U_i) = sum c_i^2 / 12. The sample variance of 2N i.i.d. values has relative
  // standard error sqrt((kurtosis - 1) / 2N); a uniform's excess kurtosis is -6/5, so the sum's
  // kurtosis is 3 - (6/5) sum c_i^4 / (sum c_i^2)^2.
  double sum_fourth = 0.0;
  for (const double ci : c) sum_fourth += ci * ci * ci * ci;
  const double kurtosis = 3.0 - 1.2 * sum_fourth / (sum_squares * sum_squares);
  CHECK(std::abs(indices.variance / (sum_squares / 12.0) - 1.0) <= 4.0 * std::sqrt((kurtosis - 1.0) / (2.0 * 4096.0)));
}

TEST_CASE("Saltelli design: layout by base row, A_B^(i) is A with column i from B") {
  const int d = 3;
  const SaltelliDesign design = saltelli_design(d, 16, 1, SaltelliBase::kRandom);
  REQUIRE(design.points.rows() == 16 * (d + 2));
  for (int j = 0; j < 16; ++j) {
    const Eigen::RowVectorXd a = design.points.row(saltelli_point_index(d, j, SaltelliRole::kA));
    const Eigen::RowVectorXd b = design.points.row(saltelli_point_index(d, j, SaltelliRole::kB));
    for (int i = 0; i < d; ++i) {
      const Eigen::Index k = saltelli_point_index(d, j, SaltelliRole::kAB, i);
      const SaltelliPoint point = design.role(k);
      CHECK(point.role == SaltelliRole::kAB);
      CHECK(point.row == j);
      CHECK(point.column == i);
      for (int c = 0; c < d; ++c) CHECK(design.points(k, c) == (c == i ? b[c] : a[c]));
    }
    CHECK(design.role(saltelli_point_index(d, j, SaltelliRole::kA)).role == SaltelliRole::kA);
    CHECK(design.role(saltelli_point_index(d, j, SaltelliRole::kB)).role == SaltelliRole::kB);
  }
  // The Sobol' base is the 2d-dimensional sequence from index M (4 rows: M = 4, points 4..7), A
  // and B the two halves of each point; index 1, the centre, where A_0 = B_0, is never used.
  const SaltelliDesign sobol = saltelli_design(2, 4, 0);
  const Eigen::MatrixXd sequence = sobol_points(7, 4);  // indices 1..7
  for (int j = 0; j < 4; ++j) {
    CHECK(sobol.points.row(saltelli_point_index(2, j, SaltelliRole::kA)) == sequence.row(3 + j).head(2));
    CHECK(sobol.points.row(saltelli_point_index(2, j, SaltelliRole::kB)) == sequence.row(3 + j).tail(2));
    CHECK(sobol.points.row(saltelli_point_index(2, j, SaltelliRole::kA)) !=
          sobol.points.row(saltelli_point_index(2, j, SaltelliRole::kB)));
  }
  CHECK(saltelli_sobol_skip(2) == 1);
  CHECK(saltelli_sobol_skip(8) == 7);
  CHECK(saltelli_sobol_skip(9) == 15);
  CHECK_THROWS_AS((void)saltelli_design(0, 16, 1), InputError);
  CHECK_THROWS_AS((void)saltelli_design(2, 1, 1), InputError);
}

TEST_CASE("design and estimator separate: outputs evaluated in any order give the same indices") {
  const int d = 3;
  const int n = 512;
  SobolOptions options;
  options.seed = 3;
  options.bootstrap_resamples = 200;
  const SaltelliDesign design = saltelli_design(d, n, options.seed, options.base);
  // Evaluate backwards, as a parallel or resumed sweep might, storing by point index.
  Eigen::MatrixXd outputs(design.points.rows(), 2);
  for (Eigen::Index k = design.points.rows() - 1; k >= 0; --k) {
    const Eigen::VectorXd x = design.points.row(k).transpose();
    outputs(k, 0) = ishigami(x);
    outputs(k, 1) = x[0] + 0.5 * x[1];
  }
  const SobolIndices direct = evaluate_sobol_indices(d, n, ishigami, options);
  const std::vector<SobolIndices> both = sobol_indices_per_metric(d, outputs, options);
  REQUIRE(both.size() == 2);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(both[0].first_order[i].value == direct.first_order[i].value);
    CHECK(both[0].total[i].interval.lower == direct.total[i].interval.lower);
    CHECK(both[0].total[i].interval.upper == direct.total[i].interval.upper);
  }
  // The callable form with several metrics equals the split form.
  const std::vector<SobolIndices> evaluated = evaluate_sobol_indices_per_metric(
      d, n, [](const Eigen::VectorXd& x) { return Eigen::Vector2d(ishigami(x), x[0] + 0.5 * x[1]).eval(); }, options);
  REQUIRE(evaluated.size() == 2);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(evaluated[1].first_order[i].value == both[1].first_order[i].value);
    CHECK(evaluated[1].total[i].interval.upper == both[1].total[i].interval.upper);
  }
  // Bit-identical on one thread and on all of them.
  tbb::task_arena one_thread(1);
  const SobolIndices serial =
      one_thread.execute([&] { return sobol_indices(d, Eigen::VectorXd(outputs.col(1)), options); });
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(serial.first_order[i].standard_error == both[1].first_order[i].standard_error);
    CHECK(serial.total[i].interval.lower == both[1].total[i].interval.lower);
  }
  // Another seed resamples other rows.
  SobolOptions other = options;
  other.seed = 4;
  CHECK(sobol_indices(d, Eigen::VectorXd(outputs.col(1)), other).first_order[0].standard_error !=
        both[1].first_order[0].standard_error);
}

TEST_CASE("sobol_indices: constant outputs give NaN indices; malformed outputs are rejected") {
  const SobolIndices flat = sobol_indices(2, Eigen::VectorXd::Constant(4 * 8, 3.0));
  CHECK(flat.variance == 0.0);
  CHECK(std::isnan(flat.first_order[0].value));
  CHECK(flat.bootstrap_resamples == 0);
  CHECK_THROWS_AS((void)sobol_indices(2, Eigen::VectorXd::Zero(4 * 8 + 1)), InputError);
  Eigen::VectorXd broken = Eigen::VectorXd::Zero(4 * 8);
  broken[5] = NAN;
  CHECK_THROWS_AS((void)sobol_indices(2, broken), InputError);
  SobolOptions bad;
  bad.confidence = 1.5;
  CHECK_THROWS_AS((void)sobol_indices(2, Eigen::VectorXd::Zero(4 * 8), bad), InputError);
}

TEST_CASE("Ishigami: warnings at 8 base rows, none at 1,024, and the rows that would be needed") {
  SobolOptions options;
  options.seed = 11;
  const std::vector<std::string> names{"x1", "x2", "x3"};
  const SobolIndices few = evaluate_sobol_indices(3, 8, ishigami, options);
  const SobolWarnings warned = sobol_warnings(few, names);
  CAPTURE(warned.messages.size());
  REQUIRE_FALSE(warned.messages.empty());
  bool wide = false;
  for (const auto& message : warned.messages) wide = wide || message.find("wider than the index") != std::string::npos;
  CHECK(wide);
  // The widest interval sets the estimate of the rows needed: a power of two above 8, and the
  // last message says so.
  CHECK(warned.base_rows_needed > 8);
  CHECK((warned.base_rows_needed & (warned.base_rows_needed - 1)) == 0);
  CHECK(warned.messages.back().find(std::to_string(warned.base_rows_needed) + " base rows") != std::string::npos);

  const SobolIndices many = evaluate_sobol_indices(3, 1024, ishigami, options);
  const SobolWarnings quiet = sobol_warnings(many, names);
  const std::string first_warning = quiet.messages.empty() ? std::string() : quiet.messages.front();
  INFO(first_warning);
  CHECK(quiet.messages.empty());
  CHECK(quiet.base_rows_needed == 0);
}

TEST_CASE("Sobol' warnings name what is out of range and a first order above the total") {
  SobolIndices indices;
  indices.base_rows = 16;
  IndexEstimate in_range{0.3, 0.01, {0.28, 0.32}};
  IndexEstimate above_one{1.17, 0.5, {1.1, 1.2}};
  indices.first_order = {IndexEstimate{0.6, 0.01, {0.58, 0.62}}, in_range};
  indices.total = {IndexEstimate{0.4, 0.01, {0.38, 0.42}}, above_one};
  const SobolWarnings warnings = sobol_warnings(indices, {"a", "b"});
  REQUIRE(warnings.messages.size() == 2);
  CHECK(warnings.messages[0] == "the first-order index of a (0.6) is above its total index (0.4): sampling error");
  CHECK(warnings.messages[1] ==
        "the total index of b is 1.17, outside [0, 1]: sampling error, too few base rows to read it");
  CHECK(warnings.base_rows_needed == 0);
}
