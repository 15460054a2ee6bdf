#include "parley/sweep/design.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>

#include <boost/random/sobol.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "parley/core/error.h"

namespace parley {
namespace {

static_assert(kMaxSobolDimensions == boost::random::default_sobol_table::num_polynomials + 1,
              "the dimension limit must follow Boost's direction-number table");

std::string number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

// "/j". Appending, rather than "/" + to_string(j), avoids a GCC 12 -Wrestrict false positive.
std::string index_pointer(std::size_t index) {
  std::string pointer = "/";
  pointer += std::to_string(index);
  return pointer;
}

// Grids larger than this are surely a mistake in a sweep file (and would not fit in memory).
constexpr std::int64_t kMaxGridPoints = std::int64_t{1} << 31;

std::int64_t grid_size(const std::vector<std::int64_t>& levels) {
  IssueCollector issues;
  if (levels.empty()) issues.add("", "needs at least one dimension");
  std::int64_t size = 1;
  for (std::size_t j = 0; j < levels.size(); ++j) {
    if (levels[j] < 1) {
      issues.add(index_pointer(j), "must be at least 1 level", std::to_string(levels[j]));
      continue;
    }
    if (size > kMaxGridPoints / levels[j]) {
      issues.add("", "grid must have at most 2^31 points");
      break;
    }
    size *= levels[j];
  }
  issues.throw_if_any("full_grid");
  return size;
}

// Row r of a grid with the last dimension fastest: its digits in the mixed radix `levels`.
template <typename Fill>
Eigen::MatrixXd fill_grid(const std::vector<std::int64_t>& levels, Fill fill) {
  const std::int64_t rows = grid_size(levels);
  const auto d = static_cast<Eigen::Index>(levels.size());
  Eigen::MatrixXd grid(rows, d);
  for (std::int64_t r = 0; r < rows; ++r) {
    std::int64_t rest = r;
    for (Eigen::Index j = d - 1; j >= 0; --j) {
      const std::int64_t level = rest % levels[static_cast<std::size_t>(j)];
      rest /= levels[static_cast<std::size_t>(j)];
      grid(r, j) = fill(static_cast<std::size_t>(j), level);
    }
  }
  return grid;
}

void require_shape(int points, int dimensions, int max_dimensions, const char* source) {
  IssueCollector issues;
  if (points < 1) issues.add("/points", "must be at least 1", std::to_string(points));
  if (dimensions < 1 || dimensions > max_dimensions) {
    issues.add("/dimensions", "must lie in [1, " + std::to_string(max_dimensions) + "]", std::to_string(dimensions));
  }
  issues.throw_if_any(source);
}

}  // namespace

ParameterRange ParameterRange::linear(double lower, double upper) {
  return ParameterRange{Scale::kLinear, lower, upper, {}};
}

ParameterRange ParameterRange::logarithmic(double lower, double upper) {
  return ParameterRange{Scale::kLogarithmic, lower, upper, {}};
}

ParameterRange ParameterRange::discrete(std::vector<double> values) {
  return ParameterRange{Scale::kDiscrete, 0.0, 0.0, std::move(values)};
}

void validate_ranges(const std::vector<ParameterRange>& ranges) {
  IssueCollector issues;
  for (std::size_t j = 0; j < ranges.size(); ++j) {
    const ParameterRange& range = ranges[j];
    const std::string at = index_pointer(j);
    if (range.scale == ParameterRange::Scale::kDiscrete) {
      if (range.values.empty()) issues.add(at + "/values", "must hold at least one value");
      for (std::size_t k = 0; k < range.values.size(); ++k) {
        if (!std::isfinite(range.values[k])) {
          issues.add(at + "/values/" + std::to_string(k), "must be finite", number(range.values[k]));
        }
      }
      continue;
    }
    if (!std::isfinite(range.lower)) issues.add(at + "/lower", "must be finite", number(range.lower));
    if (!std::isfinite(range.upper)) issues.add(at + "/upper", "must be finite", number(range.upper));
    if (range.upper < range.lower) issues.add(at + "/upper", "must be >= lower", number(range.upper));
    if (range.scale == ParameterRange::Scale::kLogarithmic && !(range.lower > 0.0)) {
      issues.add(at + "/lower", "must be > 0 on a log scale", number(range.lower));
    }
  }
  issues.throw_if_any("parameter ranges");
}

double map_unit_value(double u, const ParameterRange& range) {
  u = std::clamp(u, 0.0, 1.0);
  switch (range.scale) {
    case ParameterRange::Scale::kLinear:
      return range.lower + u * (range.upper - range.lower);
    case ParameterRange::Scale::kLogarithmic:
      // exp(log lower + u log(upper/lower)) would miss `upper` at u = 1 by rounding; pin the ends.
      if (u >= 1.0) return range.upper;
      return range.lower * std::pow(range.upper / range.lower, u);
    case ParameterRange::Scale::kDiscrete: {
      const auto count = range.values.size();
      const auto index = std::min(static_cast<std::size_t>(u * static_cast<double>(count)), count - 1);
      return range.values[index];
    }
  }
  return range.lower;
}

Eigen::MatrixXd map_to_ranges(const Eigen::MatrixXd& unit, const std::vector<ParameterRange>& ranges) {
  if (static_cast<std::size_t>(unit.cols()) != ranges.size()) {
    throw InputError("map_to_ranges",
                     {InputIssue{"", "needs one range per column (" + std::to_string(unit.cols()) + ")",
                                 std::to_string(ranges.size()), ""}});
  }
  validate_ranges(ranges);
  Eigen::MatrixXd values(unit.rows(), unit.cols());
  for (Eigen::Index j = 0; j < unit.cols(); ++j) {
    const ParameterRange& range = ranges[static_cast<std::size_t>(j)];
    for (Eigen::Index i = 0; i < unit.rows(); ++i) values(i, j) = map_unit_value(unit(i, j), range);
  }
  return values;
}

Eigen::MatrixXd full_grid(const std::vector<int>& levels) {
  const std::vector<std::int64_t> counts(levels.begin(), levels.end());
  return fill_grid(counts, [&](std::size_t j, std::int64_t level) {
    const std::int64_t count = counts[j];
    return count == 1 ? 0.5 : static_cast<double>(level) / static_cast<double>(count - 1);
  });
}

Eigen::MatrixXd full_grid_of_values(const std::vector<std::vector<double>>& values) {
  std::vector<std::int64_t> counts;
  counts.reserve(values.size());
  for (const auto& list : values) counts.push_back(static_cast<std::int64_t>(list.size()));
  return fill_grid(counts,
                   [&](std::size_t j, std::int64_t level) { return values[j][static_cast<std::size_t>(level)]; });
}

Eigen::MatrixXd latin_hypercube(int points, int dimensions, Rng& rng) {
  require_shape(points, dimensions, std::numeric_limits<int>::max(), "latin_hypercube");
  Eigen::MatrixXd design(points, dimensions);
  std::vector<int> strata(static_cast<std::size_t>(points));
  const double width = 1.0 / points;
  for (int j = 0; j < dimensions; ++j) {
    std::iota(strata.begin(), strata.end(), 0);
    // Fisher-Yates with Boost's platform-independent integer distribution (std::shuffle's
    // sequence differs between standard libraries, which would break seeded reproducibility).
    for (int i = points - 1; i > 0; --i) {
      boost::random::uniform_int_distribution<int> pick(0, i);
      std::swap(strata[static_cast<std::size_t>(i)], strata[static_cast<std::size_t>(pick(rng))]);
    }
    for (int i = 0; i < points; ++i) {
      // rng.uniform() is in the open (0, 1), so the point stays strictly inside its stratum.
      design(i, j) = (strata[static_cast<std::size_t>(i)] + rng.uniform()) * width;
    }
  }
  return design;
}

Eigen::MatrixXd sobol_points(int points, int dimensions, std::uint64_t skip) {
  require_shape(points, dimensions, kMaxSobolDimensions, "sobol_points");
  boost::random::sobol engine(static_cast<std::size_t>(dimensions));
  // Boost's engine yields one coordinate per call, starting at sequence index 1.
  if (skip != 0) engine.discard(skip * static_cast<std::uint64_t>(dimensions));
  Eigen::MatrixXd design(points, dimensions);
  for (int i = 0; i < points; ++i) {
    for (int j = 0; j < dimensions; ++j) design(i, j) = std::ldexp(static_cast<double>(engine()), -64);
  }
  return design;
}

}  // namespace parley
