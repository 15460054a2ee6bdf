// How robust a claim is over a sweep: the share of parameter points where it holds, and a
// description of the region where it fails that an analyst can read ("the claim fails when
// aid_decay > 0.7 and mobilisation < 0.3").
//
// Where it sits: after a sweep has evaluated a claim (docs/model.md section 13) at every point, the
// claims report passes the parameter values (points x d) and the verdict per point here.
// Nothing here knows what the parameters mean; dimensions are reported by column index.
//
// Sources:
// - Share: Wilson score interval (Wilson 1927), from stats/streaming.h.
// - Box: PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, "Bump hunting in
//   high-dimensional data", Statistics and Computing 9), as used for scenario discovery by
//   Bryant & Lempert (2010), "Thinking inside the box", Technol. Forecast. Soc. Change 77.
//   Peeling: repeatedly remove the alpha-share of the box's points at the low or high end of
//   one dimension, whichever removal leaves the box with the highest density of cases, while
//   the box keeps at least a min_support share of all points. The box kept is the first on
//   the peeling trajectory with the highest density; pasting then re-extends one side at a
//   time by an alpha-share strip while that does not lower the density and adds cases.
// - Splits: for each dimension, the single threshold whose split best separates cases from
//   non-cases by Gini impurity decrease (Breiman, Friedman, Olshen & Stone 1984, CART, 4.3).
//
// Choices (docs/sweep-statistics.md): a bound lies halfway between the last point removed and
// the first kept; ties in a dimension (discrete parameters) are peeled as a whole; pasting
// accepts an equal density when coverage rises (Friedman & Fisher paste only on a strict
// gain), so a box that peeling left strictly inside a pure region grows back to its edge.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "parley/stats/streaming.h"

namespace parley {

struct ClaimShare {
  std::int64_t holds = 0;
  std::int64_t points = 0;
  double share = 0.0;  // holds / points (NaN for no points)
  Interval interval;   // Wilson, at z
};

// The share of points where the claim holds, with its Wilson interval.
[[nodiscard]] ClaimShare claim_share(const std::vector<bool>& holds, double z = kZ95);

struct PrimOptions {
  double peel_alpha = 0.05;   // share of the box's points removed per peel, in (0, 0.5)
  double paste_alpha = 0.05;  // share of the box's points added per paste, in (0, 0.5)
  double min_support = 0.05;  // smallest share of all points a box may hold, in (0, 1]
  bool paste = true;
};

// A box in parameter space: the points x with lower_j <= x_j <= upper_j for every j. An
// unrestricted side is -inf or +inf.
struct PrimBox {
  Eigen::VectorXd lower;
  Eigen::VectorXd upper;
  std::int64_t points_inside = 0;
  std::int64_t cases_inside = 0;
  double support = 0.0;   // points_inside / all points
  double coverage = 0.0;  // cases_inside / all cases
  double density = 0.0;   // cases_inside / points_inside

  // The dimensions with a finite bound, in increasing order.
  [[nodiscard]] std::vector<int> restricted_dimensions() const;
};

struct PrimResult {
  PrimBox box;                      // the chosen box, after pasting
  std::vector<PrimBox> trajectory;  // the whole space, then the box after each peel
  std::int64_t cases = 0;           // points of interest in the whole sample
  std::int64_t points = 0;
  PrimOptions options;  // provenance
};

// PRIM on `points` (rows) with `of_interest[k]` marking the cases (for a claim: where it
// fails). With no cases the box is the whole space with density 0. Throws InputError for
// mismatched sizes, non-finite points or options out of range.
[[nodiscard]] PrimResult prim_box(const Eigen::MatrixXd& points, const std::vector<bool>& of_interest,
                                  const PrimOptions& options = {});

// The best single split of one dimension.
struct SingleSplit {
  int dimension = 0;
  double threshold = 0.0;      // midpoint between neighbouring values; NaN if the dimension is constant
  double gini_decrease = 0.0;  // impurity of the whole sample minus the size-weighted impurity of the halves
  double share_below = 0.0;    // share of cases among points with x < threshold
  double share_above = 0.0;    // share of cases among points with x > threshold
  std::int64_t points_below = 0;
  std::int64_t points_above = 0;
};

// Every dimension's best split, ranked by Gini decrease (largest first; ties by dimension).
[[nodiscard]] std::vector<SingleSplit> rank_single_splits(const Eigen::MatrixXd& points,
                                                          const std::vector<bool>& of_interest);

struct ClaimRobustness {
  ClaimShare share;                 // where the claim holds
  PrimResult failure_box;           // PRIM with the failures as cases
  std::vector<SingleSplit> splits;  // separating failures from holds
};

// The share where the claim holds, and PRIM and the split ranking on where it fails.
[[nodiscard]] ClaimRobustness describe_claim_robustness(const Eigen::MatrixXd& points, const std::vector<bool>& holds,
                                                        const PrimOptions& options = {});

}  // namespace parley
