// Variance-based global sensitivity analysis of a sweep: which uncertain parameters drive an
// outcome, alone (first-order index S_i) and with all their interactions (total index ST_i).
//
// Where it sits: the sweep command asks saltelli_design() for its points, maps them through
// the parameter ranges (design.h), evaluates the scenario at each point in any order, in
// parallel or resumed from a checkpoint, and hands the outputs, in design order, to
// sobol_indices(). evaluate_sobol_indices() does all three in one call for a cheap callable.
//
// Sources:
// - Design: Saltelli (2002), "Making best use of model evaluations to compute sensitivity
//   indices", Comput. Phys. Commun. 145; Saltelli, Annoni, Azzini, Campolongo, Ratto &
//   Tarantola (2010), "Variance based sensitivity analysis of model output. Design and
//   estimator for the total sensitivity index", Comput. Phys. Commun. 181, section 3. A base
//   sample of N rows in 2d dimensions is split into A (first d columns) and B (last d);
//   A_B^(i) is A with column i taken from B. N (d + 2) model runs give every S_i and ST_i.
// - First order: Saltelli et al. (2010), table 2:
//     V_i = (1/N) sum_j f(B)_j (f(A_B^(i))_j - f(A)_j),          S_i = V_i / V.
// - Total: Jansen (1999), "Analysis of variance designs for model output", Comput. Phys.
//   Commun. 117; Saltelli et al. (2010), table 2:
//     VT_i = (1/(2N)) sum_j (f(A)_j - f(A_B^(i))_j)^2,             ST_i = VT_i / V.
//   V is the sample variance of the 2N values f(A) and f(B).
// - Intervals: percentile bootstrap (Efron & Tibshirani 1993, ch. 13) over the N base rows,
//   which are the independent units of the design (Archer, Saltelli & Sobol' 1997).
//
// Choices (docs/sweep-statistics.md gives the reasons): outputs are shifted by their mean
// before the first-order estimator, which leaves the estimator's expectation unchanged and
// removes a term proportional to the squared mean from its variance; a Sobol' base sample
// is unscrambled, so it ignores the seed and its bootstrap intervals are conservative (they
// treat the low-discrepancy rows as if they were independent).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "parley/stats/streaming.h"

namespace parley {

enum class SaltelliBase {
  kSobol,   // the Sobol' sequence in 2d dimensions, points M .. M + N - 1, M the first power of 2 >= max(N, 2)
  kRandom,  // i.i.d. uniforms from the seed
};

// What one design point is. Points are laid out by base row: for row j the d + 2 consecutive
// points j (d + 2) + 0 .. j (d + 2) + d + 1 are A_j, A_B^(0)_j, ..., A_B^(d-1)_j, B_j, so a
// sweep interrupted after k complete rows already holds a valid design of k rows.
enum class SaltelliRole { kA, kAB, kB };

struct SaltelliPoint {
  SaltelliRole role = SaltelliRole::kA;
  int row = 0;      // base row j in [0, N)
  int column = -1;  // for kAB, the column i taken from B; -1 otherwise
};

struct SaltelliDesign {
  int dimensions = 0;  // d
  int base_rows = 0;   // N
  SaltelliBase base = SaltelliBase::kSobol;
  std::uint64_t seed = 0;
  Eigen::MatrixXd points;  // N (d + 2) rows in [0, 1]^d, in the layout above

  // The role of design point `index`.
  [[nodiscard]] SaltelliPoint role(Eigen::Index index) const;
};

// The index of a point in the layout above (column is ignored unless role is kAB).
[[nodiscard]] Eigen::Index saltelli_point_index(int dimensions, int row, SaltelliRole role, int column = -1);

// The `skip` of sobol_points that gives a Sobol' base of N rows its points M .. M + N - 1
// (M the first power of two >= max(N, 2)): never index 1, the centre, where A and B coincide.
[[nodiscard]] std::uint64_t saltelli_sobol_skip(int base_rows) noexcept;

// The Saltelli design: N (d + 2) points in [0, 1]^d. Throws InputError for d < 1, N < 2 or a
// Sobol' base beyond kMaxSobolDimensions / 2 parameters.
[[nodiscard]] SaltelliDesign saltelli_design(int dimensions, int base_rows, std::uint64_t seed,
                                             SaltelliBase base = SaltelliBase::kSobol);

struct SobolOptions {
  std::uint64_t seed = 0;                    // the bootstrap's resampling (and a random base sample)
  int bootstrap_resamples = 500;             // 0 skips the bootstrap: standard errors and intervals are NaN
  double confidence = 0.95;                  // of the percentile intervals
  SaltelliBase base = SaltelliBase::kSobol;  // used only where the design is built here
};

struct IndexEstimate {
  double value = 0.0;           // from all N rows
  double standard_error = 0.0;  // standard deviation of the bootstrap replicates
  Interval interval;            // bootstrap percentile interval at options.confidence
};

struct SobolIndices {
  std::vector<IndexEstimate> first_order;  // S_i, one per parameter
  std::vector<IndexEstimate> total;        // ST_i, one per parameter
  double mean = 0.0;                       // of f(A) and f(B)
  double variance = 0.0;                   // V; when 0 every index is NaN (the output never varies)
  // Provenance.
  int base_rows = 0;
  int bootstrap_resamples = 0;  // replicates actually used (those with V = 0 are dropped)
  double confidence = 0.0;
  std::uint64_t seed = 0;
};

// What a reader must be told about a set of indices before trusting them. Sobol' indices lie in
// [0, 1] and S_i <= ST_i; estimates from few base rows break both, and their intervals can be
// wider than the index they bound. Thresholds (docs/sweep-statistics.md, "Warnings"):
// an interval is too wide when it is wider than the index and than +-kSobolResolution; an
// estimate is
// out of range when it lies outside [0, 1] by more than kSobolTolerance, and a first-order index
// is above its total one when it exceeds it by more than kSobolTolerance.
inline constexpr double kSobolResolution = 0.1;  // assumption: +-0.1 is enough to rank parameters
inline constexpr double kSobolTolerance = 0.05;  // assumption: sampling error a reader can ignore

struct SobolWarnings {
  std::vector<std::string> messages;  // one per problem, naming the parameter and the index
  // Base rows that would bring every interval to +-kSobolResolution, from the widest one and
  // the 1/sqrt(N) shrinkage of the bootstrap error, rounded up to a power of two; 0 when every
  // interval is narrow enough (or there are none).
  int base_rows_needed = 0;
};

// The warnings for `indices`, parameters named by `names` (one per parameter).
[[nodiscard]] SobolWarnings sobol_warnings(const SobolIndices& indices, const std::vector<std::string>& names);

// First-order and total indices from the outputs of saltelli_design(dimensions, N, ...), in
// design order (outputs.size() == N (d + 2)). Bit-reproducible for a given seed at any thread
// count: each bootstrap replicate draws from its own stream (seed, replicate index) and lands
// in its own slot. Throws InputError for a wrong length or a non-finite output.
[[nodiscard]] SobolIndices sobol_indices(int dimensions, const Eigen::VectorXd& outputs,
                                         const SobolOptions& options = {});

// The same for several metrics at once: one column of `outputs` per metric, one result each.
// Every metric uses the same bootstrap rows, so their intervals are jointly resampled.
[[nodiscard]] std::vector<SobolIndices> sobol_indices_per_metric(int dimensions, const Eigen::MatrixXd& outputs,
                                                                 const SobolOptions& options = {});

// Builds the design, evaluates `model` at every point (serially, in design order: the model
// need not be thread-safe) and estimates the indices.
[[nodiscard]] SobolIndices evaluate_sobol_indices(int dimensions, int base_rows,
                                                  const std::function<double(const Eigen::VectorXd&)>& model,
                                                  const SobolOptions& options = {});

// The same for a model with several metrics (every call must return the same number).
[[nodiscard]] std::vector<SobolIndices> evaluate_sobol_indices_per_metric(
    int dimensions, int base_rows, const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& model,
    const SobolOptions& options = {});

}  // namespace parley
