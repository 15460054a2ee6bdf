// The set of values a number may take: what a reader checks a user's number against and what a
// distribution's whole support must lie inside.
//
// Where it sits: in core/, below the input toolkit (input/json_reader.h checks numbers against
// a Domain), the scenario's parameter tables (scenario/scenario.h gives each field one) and the
// treaty's score scale (treaty/treaty_spec.h), which all share it.
#pragma once

#include <limits>
#include <string>

namespace parley {

struct Domain {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  bool lower_open = false;  // true: the lower bound itself is excluded
  bool upper_open = false;
  bool integer = false;

  [[nodiscard]] bool contains(double value) const noexcept;
  // "must lie in [0, 1]", "must be > 0", ...
  [[nodiscard]] std::string describe() const;
};

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr Domain kShare{0.0, 1.0};                  // a share or probability
inline constexpr Domain kOpenShare{0.0, 1.0, true, true};  // strictly between 0 and 1
inline constexpr Domain kNonNegative{0.0, kInf, false, true};
inline constexpr Domain kPositive{0.0, kInf, true, true};
inline constexpr Domain kAnyReal{-kInf, kInf, true, true};
inline constexpr Domain kDiscountFactor{0.0, 1.0, true, false};  // (0, 1]

}  // namespace parley
