#include "parley/sweep/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <boost/random/uniform_int_distribution.hpp>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/core/text.h"
#include "parley/sweep/design.h"

namespace parley {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Stream purposes of this file, keyed by name so that they cannot collide with the numbered
// purposes of core/random.h.
const std::uint64_t kBaseSamplePurpose = fnv1a64("sweep/saltelli-base-sample");
const std::uint64_t kBootstrapPurpose = fnv1a64("sweep/sobol-bootstrap");

// One metric's outputs split by role: a_[j], b_[j] and ab_(i, j) for base row j.
struct RoleOutputs {
  Eigen::VectorXd a;
  Eigen::VectorXd b;
  Eigen::MatrixXd ab;  // d x N, so one row's d values are contiguous
  double shift = 0.0;  // mean of a and b, subtracted in the first-order estimator
};

struct Estimate {
  double variance = 0.0;
  Eigen::VectorXd first;  // V_i (not yet divided by V)
  Eigen::VectorXd total;  // VT_i
};

// The estimators of the header over the base rows `rows` (all rows when empty).
Estimate estimate(const RoleOutputs& y, const std::vector<int>& rows) {
  const auto d = y.ab.rows();
  const auto n = static_cast<int>(y.a.size());
  const int count = rows.empty() ? n : static_cast<int>(rows.size());
  Estimate result{0.0, Eigen::VectorXd::Zero(d), Eigen::VectorXd::Zero(d)};
  RunningMoments moments;
  for (int k = 0; k < count; ++k) {
    const int j = rows.empty() ? k : rows[static_cast<std::size_t>(k)];
    const double a = y.a[j];
    const double b_shifted = y.b[j] - y.shift;
    moments.add(a);
    moments.add(y.b[j]);
    for (Eigen::Index i = 0; i < d; ++i) {
      const double change = y.ab(i, j) - a;
      result.first[i] += b_shifted * change;
      result.total[i] += change * change;
    }
  }
  result.variance = moments.variance();
  result.first /= count;
  result.total /= 2.0 * count;
  return result;
}

// Hyndman & Fan (1996) type 7: linear interpolation between order statistics.
double sorted_quantile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

IndexEstimate summarise(double value, std::vector<double> replicates, double confidence) {
  IndexEstimate estimate{value, kNaN, Interval{kNaN, kNaN}};
  if (replicates.size() < 2) return estimate;
  RunningMoments moments;
  for (const double r : replicates) moments.add(r);
  std::sort(replicates.begin(), replicates.end());
  estimate.standard_error = std::sqrt(moments.variance());
  estimate.interval = Interval{sorted_quantile(replicates, 0.5 * (1.0 - confidence)),
                               sorted_quantile(replicates, 0.5 * (1.0 + confidence))};
  return estimate;
}

int checked_base_rows(int dimensions, const Eigen::MatrixXd& outputs, const SobolOptions& options) {
  IssueCollector issues;
  if (dimensions < 1) issues.add("/dimensions", "must be at least 1", std::to_string(dimensions));
  if (options.bootstrap_resamples < 0) {
    issues.add("/bootstrap_resamples", "must be >= 0", std::to_string(options.bootstrap_resamples));
  }
  if (!(options.confidence > 0.0 && options.confidence < 1.0)) {
    issues.add("/confidence", "must lie in (0, 1)", std::to_string(options.confidence));
  }
  issues.throw_if_any("sobol_indices");
  const auto block = static_cast<Eigen::Index>(dimensions) + 2;
  if (outputs.rows() % block != 0 || outputs.rows() / block < 2) {
    issues.add("/outputs", "must hold N (d + 2) values for N >= 2 base rows, d = " + std::to_string(dimensions),
               std::to_string(outputs.rows()) + " values");
  }
  if (outputs.cols() < 1) issues.add("/outputs", "must have at least one metric");
  for (Eigen::Index m = 0; m < outputs.cols(); ++m) {
    for (Eigen::Index k = 0; k < outputs.rows(); ++k) {
      if (!std::isfinite(outputs(k, m))) {
        issues.add("/outputs/" + std::to_string(k) + "/" + std::to_string(m), "must be finite",
                   std::to_string(outputs(k, m)));
        break;  // one report per metric is enough to find the fault
      }
    }
  }
  issues.throw_if_any("sobol_indices");
  return static_cast<int>(outputs.rows() / block);
}

RoleOutputs split_by_role(int dimensions, int n, const Eigen::Ref<const Eigen::VectorXd>& column) {
  RoleOutputs y{Eigen::VectorXd(n), Eigen::VectorXd(n), Eigen::MatrixXd(dimensions, n), 0.0};
  for (int j = 0; j < n; ++j) {
    y.a[j] = column[saltelli_point_index(dimensions, j, SaltelliRole::kA)];
    y.b[j] = column[saltelli_point_index(dimensions, j, SaltelliRole::kB)];
    for (int i = 0; i < dimensions; ++i) y.ab(i, j) = column[saltelli_point_index(dimensions, j, SaltelliRole::kAB, i)];
  }
  y.shift = 0.5 * (y.a.mean() + y.b.mean());
  return y;
}

}  // namespace

SaltelliPoint SaltelliDesign::role(Eigen::Index index) const {
  const Eigen::Index block = static_cast<Eigen::Index>(dimensions) + 2;
  const auto row = static_cast<int>(index / block);
  const auto offset = static_cast<int>(index % block);
  if (offset == 0) return SaltelliPoint{SaltelliRole::kA, row, -1};
  if (offset == dimensions + 1) return SaltelliPoint{SaltelliRole::kB, row, -1};
  return SaltelliPoint{SaltelliRole::kAB, row, offset - 1};
}

Eigen::Index saltelli_point_index(int dimensions, int row, SaltelliRole role, int column) {
  const Eigen::Index start = static_cast<Eigen::Index>(row) * (dimensions + 2);
  switch (role) {
    case SaltelliRole::kA:
      return start;
    case SaltelliRole::kAB:
      return start + 1 + column;
    case SaltelliRole::kB:
      return start + dimensions + 1;
  }
  return start;
}

std::uint64_t saltelli_sobol_skip(int base_rows) noexcept {
  // Index 1 of the sequence is the centre in all 2d dimensions, so it gives A_0 = B_0 and a row
  // whose d + 2 points are one point (SALib skips it too). Starting at the first power of two
  // M >= N takes the points M .. M + N - 1, a block that keeps the net property of the sequence
  // for N = M (Owen 2020) and holds no copy of the centre.
  std::uint64_t start = 2;
  while (start < static_cast<std::uint64_t>(base_rows)) start *= 2;
  return start - 1;  // sobol_points returns from index 1 + skip
}

SaltelliDesign saltelli_design(int dimensions, int base_rows, std::uint64_t seed, SaltelliBase base) {
  IssueCollector issues;
  const int max_dimensions = base == SaltelliBase::kSobol ? kMaxSobolDimensions / 2 : (1 << 20);
  if (dimensions < 1 || dimensions > max_dimensions) {
    issues.add("/dimensions", "must lie in [1, " + std::to_string(max_dimensions) + "]", std::to_string(dimensions));
  }
  if (base_rows < 2) issues.add("/base_rows", "must be at least 2", std::to_string(base_rows));
  issues.throw_if_any("saltelli_design");

  Eigen::MatrixXd sample;
  if (base == SaltelliBase::kSobol) {
    sample = sobol_points(base_rows, 2 * dimensions, saltelli_sobol_skip(base_rows));
  } else {
    sample.resize(base_rows, 2 * dimensions);
    Rng rng(stream_key(seed, 0, kBaseSamplePurpose));
    for (Eigen::Index j = 0; j < sample.rows(); ++j) {
      for (Eigen::Index c = 0; c < sample.cols(); ++c) sample(j, c) = rng.uniform();
    }
  }

  SaltelliDesign design{dimensions, base_rows, base, seed,
                        Eigen::MatrixXd(static_cast<Eigen::Index>(base_rows) * (dimensions + 2), dimensions)};
  for (int j = 0; j < base_rows; ++j) {
    const Eigen::RowVectorXd a = sample.row(j).head(dimensions);
    const Eigen::RowVectorXd b = sample.row(j).tail(dimensions);
    design.points.row(saltelli_point_index(dimensions, j, SaltelliRole::kA)) = a;
    design.points.row(saltelli_point_index(dimensions, j, SaltelliRole::kB)) = b;
    for (int i = 0; i < dimensions; ++i) {
      const Eigen::Index k = saltelli_point_index(dimensions, j, SaltelliRole::kAB, i);
      design.points.row(k) = a;
      design.points(k, i) = b[i];
    }
  }
  return design;
}

std::vector<SobolIndices> sobol_indices_per_metric(int dimensions, const Eigen::MatrixXd& outputs,
                                                   const SobolOptions& options) {
  const int n = checked_base_rows(dimensions, outputs, options);
  const auto metrics = static_cast<std::size_t>(outputs.cols());
  std::vector<RoleOutputs> split;
  std::vector<Estimate> full;
  for (std::size_t m = 0; m < metrics; ++m) {
    split.push_back(split_by_role(dimensions, n, outputs.col(static_cast<Eigen::Index>(m))));
    full.push_back(estimate(split.back(), {}));
  }

  // replicates[m] holds, per bootstrap replicate, (V, V_0..V_{d-1}, VT_0..VT_{d-1}).
  const int resamples = options.bootstrap_resamples;
  std::vector<Eigen::MatrixXd> replicates(metrics, Eigen::MatrixXd(resamples, 1 + 2 * dimensions));
  tbb::parallel_for(tbb::blocked_range<int>(0, resamples), [&](const tbb::blocked_range<int>& range) {
    std::vector<int> rows(static_cast<std::size_t>(n));
    boost::random::uniform_int_distribution<int> pick(0, n - 1);
    for (int r = range.begin(); r != range.end(); ++r) {
      Rng rng(stream_key(options.seed, static_cast<std::uint64_t>(r), kBootstrapPurpose));
      for (auto& row : rows) row = pick(rng);
      for (std::size_t m = 0; m < metrics; ++m) {
        const Estimate e = estimate(split[m], rows);
        replicates[m](r, 0) = e.variance;
        replicates[m].row(r).segment(1, dimensions) = e.first.transpose();
        replicates[m].row(r).segment(1 + dimensions, dimensions) = e.total.transpose();
      }
    }
  });

  std::vector<SobolIndices> results;
  for (std::size_t m = 0; m < metrics; ++m) {
    SobolIndices result;
    result.mean = split[m].shift;
    result.variance = full[m].variance;
    result.base_rows = n;
    result.confidence = options.confidence;
    result.seed = options.seed;
    const bool varies = full[m].variance > 0.0;
    // Replicates whose resampled rows happen to give a constant output have no indices.
    std::vector<int> usable;
    for (int r = 0; varies && r < resamples; ++r) {
      if (replicates[m](r, 0) > 0.0) usable.push_back(r);
    }
    result.bootstrap_resamples = static_cast<int>(usable.size());
    for (int i = 0; i < dimensions; ++i) {
      std::vector<double> first;
      std::vector<double> total;
      for (const int r : usable) {
        first.push_back(replicates[m](r, 1 + i) / replicates[m](r, 0));
        total.push_back(replicates[m](r, 1 + dimensions + i) / replicates[m](r, 0));
      }
      const double variance = full[m].variance;
      result.first_order.push_back(
          summarise(varies ? full[m].first[i] / variance : kNaN, std::move(first), options.confidence));
      result.total.push_back(
          summarise(varies ? full[m].total[i] / variance : kNaN, std::move(total), options.confidence));
    }
    results.push_back(std::move(result));
  }
  return results;
}

SobolIndices sobol_indices(int dimensions, const Eigen::VectorXd& outputs, const SobolOptions& options) {
  return sobol_indices_per_metric(dimensions, Eigen::MatrixXd(outputs), options).front();
}

std::vector<SobolIndices> evaluate_sobol_indices_per_metric(
    int dimensions, int base_rows, const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& model,
    const SobolOptions& options) {
  const SaltelliDesign design = saltelli_design(dimensions, base_rows, options.seed, options.base);
  Eigen::MatrixXd outputs;
  for (Eigen::Index k = 0; k < design.points.rows(); ++k) {
    const Eigen::VectorXd y = model(design.points.row(k).transpose());
    if (k == 0) outputs.resize(design.points.rows(), y.size());
    if (y.size() != outputs.cols()) {
      throw InputError("evaluate_sobol_indices",
                       {InputIssue{"/outputs/" + std::to_string(k),
                                   "must have " + std::to_string(outputs.cols()) + " metrics like the first point",
                                   std::to_string(y.size()), ""}});
    }
    outputs.row(k) = y.transpose();
  }
  return sobol_indices_per_metric(dimensions, outputs, options);
}

SobolIndices evaluate_sobol_indices(int dimensions, int base_rows,
                                    const std::function<double(const Eigen::VectorXd&)>& model,
                                    const SobolOptions& options) {
  const SaltelliDesign design = saltelli_design(dimensions, base_rows, options.seed, options.base);
  Eigen::VectorXd outputs(design.points.rows());
  for (Eigen::Index k = 0; k < design.points.rows(); ++k) outputs[k] = model(design.points.row(k).transpose());
  return sobol_indices(dimensions, outputs, options);
}

SobolWarnings sobol_warnings(const SobolIndices& indices, const std::vector<std::string>& names) {
  SobolWarnings out;
  double widest = 0.0;  // the largest half-width of an interval too wide to read
  const auto spelled = [](double value) { return shortest_decimal(std::round(value * 1000.0) / 1000.0); };
  const auto check = [&](const IndexEstimate& index, const std::string& what) {
    if (!std::isfinite(index.value)) return;
    if (index.value < -kSobolTolerance || index.value > 1.0 + kSobolTolerance)
      out.messages.push_back(what + " is " + spelled(index.value) +
                             ", outside [0, 1]: sampling error, too few base rows to read it");
    // Wider than the index: the interval cannot tell the index from zero nor from twice itself;
    // the floor keeps a near-zero index with a tight interval (+-kSobolResolution) quiet.
    const double half_width = 0.5 * (index.interval.upper - index.interval.lower);
    if (!(2.0 * half_width > std::max(std::abs(index.value), 2.0 * kSobolResolution))) return;
    widest = std::max(widest, half_width);
    out.messages.push_back(what + " " + spelled(index.value) + " has the interval [" + spelled(index.interval.lower) +
                           ", " + spelled(index.interval.upper) + "], wider than the index itself: it cannot be read");
  };
  for (std::size_t i = 0; i < names.size() && i < indices.total.size(); ++i) {
    check(indices.first_order[i], "the first-order index of " + names[i]);
    check(indices.total[i], "the total index of " + names[i]);
    const double first = indices.first_order[i].value, total = indices.total[i].value;
    if (std::isfinite(first) && std::isfinite(total) && first > total + kSobolTolerance)
      out.messages.push_back("the first-order index of " + names[i] + " (" + spelled(first) +
                             ") is above its total index (" + spelled(total) + "): sampling error");
  }
  if (widest > 0.0 && indices.base_rows > 0) {
    // Bootstrap intervals shrink as 1/sqrt(N): half-width w at N rows is about w_target at
    // N (w / w_target)^2 rows.
    const double needed = indices.base_rows * (widest / kSobolResolution) * (widest / kSobolResolution);
    int rows = 1;
    while (rows < needed && rows < (1 << 30)) rows *= 2;
    out.base_rows_needed = rows;
    out.messages.push_back("about " + std::to_string(rows) + " base rows (now " + std::to_string(indices.base_rows) +
                           ") would narrow every interval to +-" + shortest_decimal(kSobolResolution));
  }
  return out;
}

}  // namespace parley
