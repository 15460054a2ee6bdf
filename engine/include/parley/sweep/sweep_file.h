// A sweep file: which scenario parameters to vary, over what ranges, with which design, and
// what to report at every point.
//
// Where it sits: the `parley sweep` command reads one with load_sweep_file(), builds its points
// with make_sweep_plan() (sweep/sweep_run.h) from the designs of design.h and sensitivity.h,
// and writes each point's values into the scenario's JSON by JSON pointer before the scenario
// loader validates it again, so a value the scenario cannot take is reported where it is.
// docs/sweeps.md describes the format.
//
// Validation follows the scenario loader (scenario/load.h): every problem is collected and
// thrown as one InputError with its JSON pointer, the rule, the value and, for unknown keys and
// metric names, a did-you-mean hint. Every parameter pointer must resolve in the scenario, and
// each end of its range (or each of its values) must give a valid scenario on its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/claims/claims.h"
#include "parley/sweep/design.h"

namespace parley {

inline constexpr std::size_t kMaxSweepBytes = 4U * 1024U * 1024U;
inline constexpr std::int64_t kMaxSweepPoints = 10'000'000;
// Points x parameters: the design is held whole, a double per value in the unit cube and again
// mapped to the ranges, so this bounds its memory at 1.6 GB (10^7 points of 10 parameters).
inline constexpr std::int64_t kMaxSweepValues = 100'000'000;

// One swept parameter: the scenario pointer it replaces (with a plain number) and its range.
struct SweepParameter {
  std::string pointer;  // in the scenario, e.g. "/battlefield/defence_bias_per_month"
  ParameterRange range;
  Provenance source;  // where the range comes from, when the file says (reported in summary.json)
};

enum class SweepDesignKind { kGrid, kLatinHypercube, kSobol, kSaltelli };

[[nodiscard]] const char* sweep_design_name(SweepDesignKind kind) noexcept;

struct SweepDesign {
  SweepDesignKind kind = SweepDesignKind::kGrid;
  std::vector<int> levels;  // grid: levels per parameter (a values list always uses all its values)
  int points = 0;           // latin_hypercube, sobol: points; saltelli: base rows N (N (d + 2) points run)
  std::uint64_t seed = 0;   // latin_hypercube draws, saltelli bootstrap
};

struct SweepSpec {
  std::string name;
  std::string source_name;           // the sweep file as the user named it
  std::string scenario_path;         // resolved against the sweep file's directory; or the given scenario's name
  nlohmann::json scenario_document;  // the scenario as read, before any point's values
  std::string scenario_name;         //
  std::uint64_t scenario_hash = 0;   // Scenario::content_hash of the unmodified scenario
  std::uint64_t sweep_hash = 0;      // FNV-1a of the sweep's canonical JSON (sorted keys), mixed with the claims file's
  std::vector<SweepParameter> parameters;
  SweepDesign design;
  std::int64_t trials_per_point = 0;
  std::uint64_t seed = 0;            // the trial seed, shared by every point (common random numbers)
  std::vector<std::string> metrics;  // names (metrics/metric.h, per run), in output order
  // Claims tested at every point (docs/model.md 13: "in a sweep, the share of the uncertain-parameter
  // space where the claim holds and where it fails"): a claims file whose baseline is the
  // sweep's scenario, restricted to the claims listed (all when the sweep lists none). Each
  // point's values are written into the baseline, and the variants rebuilt on it.
  std::optional<claims::ClaimsFile> claims;

  // Values a point reports: estimate and interval for each metric, then for each claim.
  [[nodiscard]] std::size_t values_per_point() const noexcept;
};

// Reads and validates a sweep file and the scenario it names. Throws Error when a file cannot be
// read and InputError listing every problem otherwise.
[[nodiscard]] SweepSpec load_sweep_file(const std::string& path);

// The same for a parsed document; `base_directory` resolves the scenario path.
[[nodiscard]] SweepSpec parse_sweep_json(const nlohmann::json& doc, const std::string& source_name,
                                         const std::string& base_directory);

// The same with the scenario given as a parsed document instead of a file (the Python
// bindings' parley.sweep(spec, scenario)): `doc` must then leave out "scenario", and
// `scenario_source_name` names the scenario in messages. The sweep's content hash is that of
// `doc` as given, so it differs from the hash of a file that also names a scenario.
[[nodiscard]] SweepSpec parse_sweep_json(const nlohmann::json& doc, const std::string& source_name,
                                         const nlohmann::json& scenario_document,
                                         const std::string& scenario_source_name);

// The scenario document with `values[j]` written at parameters[j].pointer.
[[nodiscard]] nlohmann::json apply_sweep_values(const SweepSpec& spec, const std::vector<double>& values);

}  // namespace parley
