// Experimental designs for sweeps: where in the space of uncertain parameters to run scenarios.
//
// Where it sits: a sweep draws its points here, in the unit hypercube [0, 1]^d (one row per
// point, one column per parameter), and maps them to parameter values through a
// ParameterRange per column. The sweep command runs a scenario at each mapped point; the
// statistics of sensitivity.h and robustness.h read the points and the outputs back. Nothing
// here knows about scenarios.
//
// Sources:
// - Latin hypercube: McKay, Beckman & Conover (1979), "A comparison of three methods for
//   selecting values of input variables in the analysis of output from a computer code",
//   Technometrics 21(2). Each of the n strata [k/n, (k+1)/n) of every dimension holds exactly
//   one point; the strata are matched across dimensions by independent random permutations and
//   each point lies uniformly at random inside its stratum.
// - Sobol' points: Sobol' (1967), USSR Comput. Math. Math. Phys. 7(4), with the direction
//   numbers of Joe & Kuo (2008), SIAM J. Sci. Comput. 30(5), as tabulated by
//   boost::random::sobol (at most 3667 dimensions), in Gray-code order (Antonov & Saleev 1979).
//   The origin (sequence index 0) is never returned: it sits on the boundary of every range
//   (an infinite value under a log or quantile map) and Boost's engine starts at index 1
//   anyway. Owen (2020, "On dropping the first Sobol' point") notes that this breaks the
//   net property of the first 2^m points slightly; for the sweep sizes used here the effect is
//   far below Monte Carlo noise, and the choice keeps every point strictly inside the cube.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "parley/core/random.h"

namespace parley {

// The range one swept parameter covers. A unit coordinate u in [0, 1] maps to
//   linear:      lower + u (upper - lower)
//   logarithmic: lower (upper / lower)^u            (lower, upper > 0)
//   discrete:    values[min(floor(u K), K - 1)]      (K = values.size(), each value equally likely)
// Build one with the named constructors, which leave the unused fields empty.
struct ParameterRange {
  enum class Scale { kLinear, kLogarithmic, kDiscrete };

  Scale scale = Scale::kLinear;
  double lower = 0.0;
  double upper = 1.0;
  std::vector<double> values;  // kDiscrete only, in the order a grid visits them

  [[nodiscard]] static ParameterRange linear(double lower, double upper);
  [[nodiscard]] static ParameterRange logarithmic(double lower, double upper);
  [[nodiscard]] static ParameterRange discrete(std::vector<double> values);
};

// Throws InputError listing every invalid range ("At /2/upper of -1 - must be > lower").
void validate_ranges(const std::vector<ParameterRange>& ranges);

// The value of one unit coordinate under `range` (formulas above). u outside [0, 1] is clamped.
[[nodiscard]] double map_unit_value(double u, const ParameterRange& range);

// Maps every row of `unit` (points x d) through ranges[column]; validates the ranges first.
[[nodiscard]] Eigen::MatrixXd map_to_ranges(const Eigen::MatrixXd& unit, const std::vector<ParameterRange>& ranges);

// Full factorial grid with levels[j] levels in dimension j: level k of L sits at k / (L - 1)
// (both ends of the range included), a single level at 1/2. Rows are in lexicographic order
// with the LAST dimension varying fastest (row-major, like nested loops over dimensions 0..d-1).
// A discrete range with K values gets exactly its K values from a K-level grid.
[[nodiscard]] Eigen::MatrixXd full_grid(const std::vector<int>& levels);

// The full factorial product of explicit value lists (values[j] for dimension j), in the same
// order as full_grid: last dimension fastest. Returns parameter values, not unit points.
[[nodiscard]] Eigen::MatrixXd full_grid_of_values(const std::vector<std::vector<double>>& values);

// A Latin hypercube of `points` rows in `dimensions` columns, drawn from `rng`.
[[nodiscard]] Eigen::MatrixXd latin_hypercube(int points, int dimensions, Rng& rng);

// Points 1 + skip, ..., points + skip of the Sobol' sequence in `dimensions` dimensions (index 0,
// the origin, is never returned; see above). `skip` lets a resumed or distributed sweep take
// the continuation of a sequence without regenerating its start.
[[nodiscard]] Eigen::MatrixXd sobol_points(int points, int dimensions, std::uint64_t skip = 0);

inline constexpr int kMaxSobolDimensions = 3667;

}  // namespace parley
