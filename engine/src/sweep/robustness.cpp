#include "parley/sweep/robustness.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "parley/core/error.h"

namespace parley {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

void validate(const Eigen::MatrixXd& points, const std::vector<bool>& of_interest, const char* source) {
  IssueCollector issues;
  if (points.rows() < 1 || points.cols() < 1) issues.add("/points", "must hold at least one point of one dimension");
  if (static_cast<std::size_t>(points.rows()) != of_interest.size()) {
    issues.add("/of_interest", "must hold one flag per point (" + std::to_string(points.rows()) + ")",
               std::to_string(of_interest.size()));
  }
  if (!points.allFinite()) issues.add("/points", "must be finite");
  issues.throw_if_any(source);
}

// a/b > c/d for counts, exactly (densities compared as fractions, so no rounding decides a peel).
bool denser(std::int64_t cases_a, std::int64_t points_a, std::int64_t cases_b, std::int64_t points_b) {
  return cases_a * points_b > cases_b * points_a;
}
bool as_dense(std::int64_t cases_a, std::int64_t points_a, std::int64_t cases_b, std::int64_t points_b) {
  return cases_a * points_b >= cases_b * points_a;
}

// A lower bound strictly above `removed` and at most `kept`: their midpoint unless rounding
// puts it on `removed` (adjacent doubles).
double lower_bound_between(double removed, double kept) {
  const double middle = 0.5 * (removed + kept);
  return middle > removed ? middle : kept;
}
double upper_bound_between(double kept, double removed) {
  const double middle = 0.5 * (kept + removed);
  return middle < removed ? middle : kept;
}

PrimBox make_box(const Eigen::MatrixXd& points, const std::vector<bool>& of_interest, Eigen::VectorXd lower,
                 Eigen::VectorXd upper, std::int64_t total_cases) {
  PrimBox box{std::move(lower), std::move(upper), 0, 0, 0.0, 0.0, 0.0};
  for (Eigen::Index k = 0; k < points.rows(); ++k) {
    const bool inside = ((points.row(k).transpose().array() >= box.lower.array()) &&
                         (points.row(k).transpose().array() <= box.upper.array()))
                            .all();
    if (!inside) continue;
    ++box.points_inside;
    box.cases_inside += of_interest[static_cast<std::size_t>(k)] ? 1 : 0;
  }
  const auto n = static_cast<double>(points.rows());
  box.support = static_cast<double>(box.points_inside) / n;
  box.coverage = total_cases > 0 ? static_cast<double>(box.cases_inside) / static_cast<double>(total_cases) : 0.0;
  box.density =
      box.points_inside > 0 ? static_cast<double>(box.cases_inside) / static_cast<double>(box.points_inside) : 0.0;
  return box;
}

struct Peel {
  int dimension = -1;
  bool upper_side = false;
  double bound = 0.0;
  std::int64_t remaining = 0;
  std::int64_t remaining_cases = 0;
};

// The alpha-share peel of one side of one dimension, over the box's current values `v` (with
// their case flags). Ties at the cut are removed together with the cut value only when keeping
// them would remove nothing, so a discrete dimension loses whole values.
Peel side_peel(const std::vector<double>& v, const std::vector<char>& cases, std::int64_t box_cases, std::size_t count,
               bool upper_side, std::vector<double>& scratch) {
  const std::size_t m = v.size();
  scratch = v;
  const std::size_t position = upper_side ? m - 1 - count : count;
  std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(position), scratch.end());
  const double cut = scratch[position];
  bool strict = std::any_of(v.begin(), v.end(), [&](double x) { return upper_side ? x > cut : x < cut; });
  Peel peel;
  peel.upper_side = upper_side;
  double removed_edge = upper_side ? kInfinity : -kInfinity;  // the removed value nearest the kept ones
  double kept_edge = upper_side ? -kInfinity : kInfinity;
  std::int64_t removed = 0;
  std::int64_t removed_cases = 0;
  for (std::size_t k = 0; k < m; ++k) {
    const double x = v[k];
    const bool remove = upper_side ? (strict ? x > cut : x >= cut) : (strict ? x < cut : x <= cut);
    if (remove) {
      ++removed;
      removed_cases += cases[k];
      removed_edge = upper_side ? std::min(removed_edge, x) : std::max(removed_edge, x);
    } else {
      kept_edge = upper_side ? std::max(kept_edge, x) : std::min(kept_edge, x);
    }
  }
  peel.remaining = static_cast<std::int64_t>(m) - removed;
  peel.remaining_cases = box_cases - removed_cases;
  if (peel.remaining > 0) {
    peel.bound =
        upper_side ? upper_bound_between(kept_edge, removed_edge) : lower_bound_between(removed_edge, kept_edge);
  }
  return peel;
}

// Candidates for pasting side (j, upper?), at index 2 j + upper?: the points outside the box on
// that side only.
std::vector<std::vector<Eigen::Index>> paste_candidates(const Eigen::MatrixXd& points, const Eigen::VectorXd& lower,
                                                        const Eigen::VectorXd& upper) {
  const auto d = static_cast<int>(points.cols());
  std::vector<std::vector<Eigen::Index>> candidates(static_cast<std::size_t>(2 * d));
  for (Eigen::Index k = 0; k < points.rows(); ++k) {
    int violations = 0;
    int side = -1;
    for (int j = 0; j < d && violations < 2; ++j) {
      if (points(k, j) < lower[j]) {
        ++violations;
        side = 2 * j;
      } else if (points(k, j) > upper[j]) {
        ++violations;
        side = 2 * j + 1;
      }
    }
    if (violations == 1) candidates[static_cast<std::size_t>(side)].push_back(k);
  }
  return candidates;
}

// Pasting as in the header: returns true when a paste was made.
bool paste_once(const Eigen::MatrixXd& points, const std::vector<bool>& of_interest, double alpha,
                Eigen::VectorXd& lower, Eigen::VectorXd& upper, std::int64_t& inside, std::int64_t& inside_cases) {
  const auto d = static_cast<int>(points.cols());
  std::vector<std::vector<Eigen::Index>> candidates = paste_candidates(points, lower, upper);
  const auto count = static_cast<std::size_t>(
      std::max<std::int64_t>(1, static_cast<std::int64_t>(alpha * static_cast<double>(inside))));
  bool found = false;
  int best_side = -1;
  double best_bound = 0.0;
  std::int64_t best_points = inside;
  std::int64_t best_cases = inside_cases;
  for (int side = 0; side < 2 * d; ++side) {
    auto& pool = candidates[static_cast<std::size_t>(side)];
    if (pool.empty()) continue;
    const int j = side / 2;
    const bool upper_side = side % 2 == 1;
    // Nearest the box first.
    std::sort(pool.begin(), pool.end(), [&](Eigen::Index a, Eigen::Index b) {
      return upper_side ? points(a, j) < points(b, j) : points(a, j) > points(b, j);
    });
    std::size_t take = std::min(count, pool.size());
    const double last = points(pool[take - 1], j);
    while (take < pool.size() && points(pool[take], j) == last) ++take;  // ties enter together
    std::int64_t added_cases = 0;
    for (std::size_t k = 0; k < take; ++k) added_cases += of_interest[static_cast<std::size_t>(pool[k])] ? 1 : 0;
    const std::int64_t new_points = inside + static_cast<std::int64_t>(take);
    const std::int64_t new_cases = inside_cases + added_cases;
    if (added_cases == 0 || !as_dense(new_cases, new_points, inside_cases, inside)) continue;
    const bool better = !found || denser(new_cases, new_points, best_cases, best_points) ||
                        (as_dense(new_cases, new_points, best_cases, best_points) && new_cases > best_cases);
    if (!better) continue;
    found = true;
    best_side = side;
    best_points = new_points;
    best_cases = new_cases;
    if (take == pool.size()) {
      best_bound = upper_side ? kInfinity : -kInfinity;
    } else {
      const double next = points(pool[take], j);
      best_bound = upper_side ? upper_bound_between(last, next) : lower_bound_between(next, last);
    }
  }
  if (!found) return false;
  (best_side % 2 == 1 ? upper : lower)[best_side / 2] = best_bound;
  inside = best_points;
  inside_cases = best_cases;
  return true;
}

void validate_prim_options(const PrimOptions& options) {
  IssueCollector issues;
  if (!(options.peel_alpha > 0.0 && options.peel_alpha < 0.5)) {
    issues.add("/peel_alpha", "must lie in (0, 0.5)", std::to_string(options.peel_alpha));
  }
  if (!(options.paste_alpha > 0.0 && options.paste_alpha < 0.5)) {
    issues.add("/paste_alpha", "must lie in (0, 0.5)", std::to_string(options.paste_alpha));
  }
  if (!(options.min_support > 0.0 && options.min_support <= 1.0)) {
    issues.add("/min_support", "must lie in (0, 1]", std::to_string(options.min_support));
  }
  issues.throw_if_any("prim_box");
}

// The peel of `count` points off one side of the box (whose points are `inside`, with `cases` their
// flags) that leaves the densest box of at least min_points; dimension -1 when none qualifies.
// values and scratch are reused storage.
Peel best_peel(const Eigen::MatrixXd& points, const std::vector<Eigen::Index>& inside, const std::vector<char>& cases,
               std::int64_t inside_cases, std::size_t count, std::int64_t min_points, std::vector<double>& values,
               std::vector<double>& scratch) {
  const std::size_t m = inside.size();
  const auto d = static_cast<int>(points.cols());
  Peel best;
  for (int j = 0; j < d; ++j) {
    values.resize(m);
    for (std::size_t k = 0; k < m; ++k) values[k] = points(inside[k], j);
    for (const bool upper_side : {false, true}) {
      Peel peel = side_peel(values, cases, inside_cases, count, upper_side, scratch);
      peel.dimension = j;
      if (peel.remaining < min_points || peel.remaining == static_cast<std::int64_t>(m)) continue;
      // Highest density; on a tie the larger box; then the first dimension and side.
      if (best.dimension < 0 || denser(peel.remaining_cases, peel.remaining, best.remaining_cases, best.remaining) ||
          (!denser(best.remaining_cases, best.remaining, peel.remaining_cases, peel.remaining) &&
           peel.remaining > best.remaining)) {
        best = peel;
      }
    }
  }
  return best;
}

std::size_t first_densest_box(const std::vector<PrimBox>& trajectory) {
  std::size_t chosen = 0;
  for (std::size_t s = 1; s < trajectory.size(); ++s) {
    const PrimBox& box = trajectory[s];
    const PrimBox& best = trajectory[chosen];
    if (denser(box.cases_inside, box.points_inside, best.cases_inside, best.points_inside)) chosen = s;
  }
  return chosen;
}

}  // namespace

std::vector<int> PrimBox::restricted_dimensions() const {
  std::vector<int> dimensions;
  for (Eigen::Index j = 0; j < lower.size(); ++j) {
    if (std::isfinite(lower[j]) || std::isfinite(upper[j])) dimensions.push_back(static_cast<int>(j));
  }
  return dimensions;
}

ClaimShare claim_share(const std::vector<bool>& holds, double z) {
  ClaimShare share;
  share.points = static_cast<std::int64_t>(holds.size());
  share.holds = std::count(holds.begin(), holds.end(), true);
  share.share = share.points > 0 ? static_cast<double>(share.holds) / static_cast<double>(share.points)
                                 : std::numeric_limits<double>::quiet_NaN();
  share.interval = share.points > 0 ? wilson_interval(share.holds, share.points, z) : Interval{0.0, 1.0};
  return share;
}

PrimResult prim_box(const Eigen::MatrixXd& points, const std::vector<bool>& of_interest, const PrimOptions& options) {
  validate(points, of_interest, "prim_box");
  validate_prim_options(options);

  const Eigen::Index n = points.rows();
  const auto d = static_cast<int>(points.cols());
  PrimResult result;
  result.points = n;
  result.options = options;
  result.cases = std::count(of_interest.begin(), of_interest.end(), true);
  Eigen::VectorXd lower = Eigen::VectorXd::Constant(d, -kInfinity);
  Eigen::VectorXd upper = Eigen::VectorXd::Constant(d, kInfinity);
  result.trajectory.push_back(make_box(points, of_interest, lower, upper, result.cases));
  if (result.cases == 0) {
    result.box = result.trajectory.front();
    return result;
  }

  const auto min_points = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil(options.min_support * static_cast<double>(n) - 1e-9)));
  std::vector<Eigen::Index> inside(static_cast<std::size_t>(n));
  std::iota(inside.begin(), inside.end(), Eigen::Index{0});
  std::int64_t inside_cases = result.cases;
  std::vector<double> values;
  std::vector<double> scratch;
  std::vector<char> cases;
  while (true) {
    const std::size_t m = inside.size();
    const auto count = static_cast<std::size_t>(std::max(1.0, std::floor(options.peel_alpha * static_cast<double>(m))));
    if (count >= m) break;
    cases.resize(m);
    for (std::size_t k = 0; k < m; ++k) cases[k] = of_interest[static_cast<std::size_t>(inside[k])] ? 1 : 0;
    const Peel best = best_peel(points, inside, cases, inside_cases, count, min_points, values, scratch);
    if (best.dimension < 0) break;
    (best.upper_side ? upper : lower)[best.dimension] = best.bound;
    std::erase_if(inside, [&](Eigen::Index k) {
      const double x = points(k, best.dimension);
      return best.upper_side ? x > best.bound : x < best.bound;
    });
    inside_cases = best.remaining_cases;
    result.trajectory.push_back(make_box(points, of_interest, lower, upper, result.cases));
  }

  const std::size_t chosen = first_densest_box(result.trajectory);
  lower = result.trajectory[chosen].lower;
  upper = result.trajectory[chosen].upper;
  if (options.paste) {
    std::int64_t box_points = result.trajectory[chosen].points_inside;
    std::int64_t box_cases = result.trajectory[chosen].cases_inside;
    while (paste_once(points, of_interest, options.paste_alpha, lower, upper, box_points, box_cases)) {
    }
  }
  result.box = make_box(points, of_interest, lower, upper, result.cases);
  return result;
}

std::vector<SingleSplit> rank_single_splits(const Eigen::MatrixXd& points, const std::vector<bool>& of_interest) {
  validate(points, of_interest, "rank_single_splits");
  const Eigen::Index n = points.rows();
  const auto total_cases = std::count(of_interest.begin(), of_interest.end(), true);
  const auto gini = [](double cases, double count) {
    const double p = cases / count;
    return 2.0 * p * (1.0 - p);
  };
  const double parent = gini(static_cast<double>(total_cases), static_cast<double>(n));
  std::vector<SingleSplit> splits;
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return points(a, j) < points(b, j); });
    SingleSplit best{static_cast<int>(j), std::numeric_limits<double>::quiet_NaN(), 0.0, 0.0, 0.0, 0, 0};
    std::int64_t below_cases = 0;
    bool found = false;
    for (Eigen::Index k = 0; k + 1 < n; ++k) {
      below_cases += of_interest[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])] ? 1 : 0;
      const double here = points(order[static_cast<std::size_t>(k)], j);
      const double next = points(order[static_cast<std::size_t>(k + 1)], j);
      if (here == next) continue;  // a threshold must fall between distinct values
      const auto below = static_cast<double>(k + 1);
      const double above = static_cast<double>(n) - below;
      const auto above_cases = static_cast<double>(total_cases - below_cases);
      const double children =
          (below * gini(static_cast<double>(below_cases), below) + above * gini(above_cases, above)) /
          static_cast<double>(n);
      const double decrease = parent - children;
      if (!found || decrease > best.gini_decrease) {
        found = true;
        best.threshold = 0.5 * (here + next);
        best.gini_decrease = decrease;
        best.share_below = static_cast<double>(below_cases) / below;
        best.share_above = above_cases / above;
        best.points_below = k + 1;
        best.points_above = n - (k + 1);
      }
    }
    splits.push_back(best);
  }
  std::stable_sort(splits.begin(), splits.end(),
                   [](const SingleSplit& a, const SingleSplit& b) { return a.gini_decrease > b.gini_decrease; });
  return splits;
}

ClaimRobustness describe_claim_robustness(const Eigen::MatrixXd& points, const std::vector<bool>& holds,
                                          const PrimOptions& options) {
  std::vector<bool> fails(holds.size());
  std::transform(holds.begin(), holds.end(), fails.begin(), [](bool h) { return !h; });
  return ClaimRobustness{claim_share(holds), prim_box(points, fails, options), rank_single_splits(points, fails)};
}

}  // namespace parley
