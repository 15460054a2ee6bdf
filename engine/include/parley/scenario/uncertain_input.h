// Reading an uncertain parameter from JSON: a number, {"value": x, "source": {...}}, or a
// distribution {"dist": ..., ...}, and the source objects that say where a value comes from.
//
// Where it sits: scenario/, on top of the input toolkit (input/json_reader.h). The scenario
// loader reads every parameter group's fields with it (scenario/parameter_input.h), the treaty
// reader its scores and reservation values, the claims reader its sources; the distribution and
// source tables below are the one list that these readers and scenario_json_schema() read. It
// stays here rather than in input/ because what it builds, Uncertain, is the scenario's
// parameter type (its draws keyed to the scenario's random streams).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/domain.h"
#include "parley/core/error.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/uncertain.h"

namespace parley::scenario_input {

using input::Json;

// The largest shape parameter a beta takes. Boost's beta quantile, which draws it (one uniform
// a draw, so common random numbers stay aligned), slows as the shapes grow: under 0.5 ms a draw
// up to 1e8, 1 ms at (1e10, 1e9), 7 ms at 1e14, a second at 1e20. With a shape over 1e8 the
// standard deviation is under 5e-5 of the range (at most 0.5 / sqrt(alpha + beta + 1)), so such
// a beta is better written as a fixed number.
inline constexpr double kMaxBetaShape = 1e8;

// One keyword of a distribution object.
struct DistributionKey {
  const char* key;
  bool required;
  const char* description;
};

// One distribution family as the format spells it.
struct DistributionShape {
  const char* name;  // the value of "dist"
  Uncertain::Kind kind;
  std::vector<DistributionKey> keys;  // besides "dist" and "source"
  const char* description;
};

[[nodiscard]] const std::vector<DistributionShape>& distribution_shapes();

// The keys of a source object, with what each holds.
struct SourceKey {
  const char* key;
  const char* description;
};
[[nodiscard]] const std::vector<SourceKey>& source_keys();

// A source object into a Provenance; problems are reported under `pointer`.
[[nodiscard]] Provenance read_source(const Json& value, const std::string& pointer, IssueCollector& issues);

// One parameter in any of its forms, checked against `domain` (for a distribution, its whole
// support). Empty after reporting when it breaks a rule. The caller sets the draw key.
[[nodiscard]] std::optional<Uncertain> read_uncertain(const Json& value, const std::string& pointer,
                                                      const Domain& domain, IssueCollector& issues);

}  // namespace parley::scenario_input
