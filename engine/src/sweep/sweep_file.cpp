#include "parley/sweep/sweep_file.h"

#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/input/json_reader.h"
#include "parley/metrics/metric.h"
#include "parley/scenario/load.h"
#include "parley/scenario/referenced_scenario.h"
#include "parley/scenario/uncertain_input.h"
#include "parley/sweep/sensitivity.h"
#include "parley/sweep/sweep_run.h"
#include "sweep/sweep_format.h"

namespace parley {

namespace {

using input::child_pointer;
using input::compact_value;
using input::Json;
using input::ObjectReader;
using namespace sweep_input;

constexpr input::Limit kSweepParametersLimit{"kMaxSweepParameters", "engine/src/sweep/sweep_format.h"};
constexpr input::Limit kMetricsLimit{"four times the number of metrics", "engine/src/sweep/sweep_file.cpp"};
constexpr input::SizeLimit kSweepSizeLimit{kMaxSweepBytes,
                                           {"kMaxSweepBytes", "engine/include/parley/sweep/sweep_file.h"}};
constexpr input::Limit kSweepPointsLimit{"kMaxSweepPoints", "engine/include/parley/sweep/sweep_file.h"};
constexpr input::Limit kSweepValuesLimit{"kMaxSweepValues", "engine/include/parley/sweep/sweep_file.h"};
constexpr input::Limit kClaimsPerFileLimit{"kMaxClaimsPerFile", "engine/include/parley/claims/claims.h"};

// A JSON pointer that resolves to a numeric parameter of the scenario, or a reason it does not.
std::string check_scenario_pointer(const Json& scenario, const std::string& pointer) {
  Json::json_pointer parsed;
  try {
    parsed = Json::json_pointer(pointer);
  } catch (const Json::exception&) {
    return "must be a JSON pointer (RFC 6901) such as \"/battlefield/defence_bias_per_month\"";
  }
  if (pointer.empty()) return "must name a parameter inside the scenario, not the whole document";
  bool found = false;
  try {
    found = scenario.contains(parsed);
  } catch (const Json::exception&) {
    found = false;
  }
  if (!found) return "must name a parameter that exists in the scenario";
  const Json& target = scenario.at(parsed);
  const bool numeric_object = target.is_object() && (target.contains("value") || target.contains("dist"));
  if (!target.is_number() && !numeric_object)
    return "must name a numeric scenario parameter (a number, {\"value\": x}, or a distribution)";
  return {};
}

// Reports, at `sweep_pointer`, every problem the scenario loader finds when `value` is written
// at the parameter's scenario pointer.
void check_value_in_scenario(const Json& scenario, const std::string& scenario_pointer, double value,
                             const std::string& sweep_pointer, IssueCollector& issues) {
  Json variant = scenario;
  variant[Json::json_pointer(scenario_pointer)] = value;
  try {
    (void)parse_scenario_json(variant, "scenario");
  } catch (const InputError& error) {
    for (const auto& issue : error.issues())
      issues.add(sweep_pointer, "gives an invalid scenario: " + issue.message(), input::number_text(value));
  }
}

// The sweep's "claims": {"file": PATH, "ids": [...]}. The claims file's own errors are thrown
// as they are (they name its path); a file that cannot be read is a problem of "/claims/file".
std::optional<claims::ClaimsFile> read_sweep_claims(const Json& node, const std::string& base_directory,
                                                    std::uint64_t scenario_hash, IssueCollector& issues) {
  const ObjectReader reader(node, "/claims", issues);
  if (!reader.is_object()) return std::nullopt;
  reader.reject_unknown_keys(kClaimsKeys);
  const auto path = reader.string("file", true);
  if (!path) return std::nullopt;
  claims::ClaimsFile file;
  try {
    file = claims::load_claims_file(input::resolve_reference(*path, base_directory));
    claims::check_opposed_claims({file});
  } catch (const InputError&) {
    throw;
  } catch (const Error& error) {
    issues.add("/claims/file", std::string("must name a readable claims file: ") + error.what(), compact_value(*path));
    return std::nullopt;
  }
  if (file.variants.front().scenario.content_hash != scenario_hash) {
    issues.add("/claims/file",
               "must name a claims file whose baseline is the sweep's scenario (" + file.baseline_path + " differs)",
               compact_value(*path));
    return std::nullopt;
  }
  if (const Json* ids = reader.array("ids", claims::kMaxClaimsPerFile, kClaimsPerFileLimit, false)) {
    std::vector<std::string> known;
    for (const auto& claim : file.claims) known.push_back(claim.id);
    std::vector<claims::Claim> chosen;
    for (std::size_t k = 0; k < ids->size(); ++k) {
      const int index =
          input::resolve_name((*ids)[k], child_pointer("/claims/ids", k), known, "a claim of the claims file", issues);
      if (index >= 0) chosen.push_back(file.claims[static_cast<std::size_t>(index)]);
    }
    if (ids->empty()) issues.add("/claims/ids", "must list at least one claim (or be left out for all)", "[]");
    file.claims = std::move(chosen);
  }
  return file;
}

std::optional<ParameterRange> read_parameter(const Json& node, const std::string& pointer, IssueCollector& issues,
                                             std::optional<std::string>& scenario_pointer, Provenance& source) {
  const ObjectReader reader(node, pointer, issues);
  if (!reader.is_object()) return std::nullopt;
  reader.reject_unknown_keys(kParameterKeys);
  scenario_pointer = reader.string("pointer", true);
  if (const Json* given = reader.find("source"))
    source = scenario_input::read_source(*given, reader.pointer_of("source"), issues);
  const Json* range = reader.find("range");
  const Json* values = reader.find("values");
  if (range != nullptr && values != nullptr) {
    issues.add(pointer, "must have either \"range\" or \"values\", not both");
    return std::nullopt;
  }
  if (range == nullptr && values == nullptr) {
    issues.add(pointer, "must have \"range\": [lower, upper] or \"values\": [...]");
    return std::nullopt;
  }
  if (values != nullptr) {
    reader.forbid("scale", "\"scale\" applies to a \"range\"; a \"values\" list is used as written");
    const std::string at = reader.pointer_of("values");
    if (!values->is_array() || values->empty()) {
      issues.add(at, "must be a non-empty array of numbers", compact_value(*values));
      return std::nullopt;
    }
    std::vector<double> list;
    bool ok = true;
    for (std::size_t k = 0; k < values->size(); ++k) {
      const Json& v = (*values)[k];
      if (!v.is_number() || !std::isfinite(v.get<double>())) {
        issues.add(child_pointer(at, k), "must be a finite number", compact_value(v));
        ok = false;
      } else {
        list.push_back(v.get<double>());
      }
    }
    if (!ok) return std::nullopt;
    return ParameterRange::discrete(std::move(list));
  }
  const std::string at = reader.pointer_of("range");
  const std::string scale = reader.choice("scale", kScaleNames, false).value_or(kScaleNames.front());
  if (!range->is_array() || range->size() != 2 || !(*range)[0].is_number() || !(*range)[1].is_number()) {
    issues.add(at, "must be [lower, upper], two numbers", compact_value(*range));
    return std::nullopt;
  }
  const double lower = (*range)[0].get<double>();
  const double upper = (*range)[1].get<double>();
  if (!std::isfinite(lower) || !std::isfinite(upper) || !(lower < upper)) {
    issues.add(at, "must be [lower, upper] with finite lower < upper", compact_value(*range));
    return std::nullopt;
  }
  if (scale == "log" && !(lower > 0.0)) {
    issues.add(at, "must be positive at both ends on a \"log\" scale", compact_value(*range));
    return std::nullopt;
  }
  return scale == "log" ? ParameterRange::logarithmic(lower, upper) : ParameterRange::linear(lower, upper);
}

// A grid visits every combination of its levels: their product is its number of points.
void check_grid_points(const std::vector<int>& levels, const std::string& at, const std::string& whose,
                       const std::string& value, IssueCollector& issues) {
  double total = 1.0;
  std::string product;
  constexpr std::size_t kFactorsShown = 10;  // a product of a thousand factors helps nobody
  for (std::size_t j = 0; j < levels.size(); ++j) {
    total *= std::max(levels[j], 1);
    if (j < kFactorsShown) product += (j == 0 ? "" : " x ") + std::to_string(levels[j]);
  }
  if (levels.size() > kFactorsShown) product += " x ... (" + std::to_string(levels.size()) + " factors)";
  if (total > static_cast<double>(kMaxSweepPoints))
    issues.add(at,
               "must give at most " + std::to_string(kMaxSweepPoints) + " grid points (" + whose + " " + product +
                   " = " + input::number_text(total) + "; " + input::limit_note(kSweepPointsLimit) + ")",
               value);
}

// A grid: levels per parameter, one number for every range or one entry per parameter (a
// "values" parameter's count is fixed by its list).
void read_grid_design(const ObjectReader& reader, const std::vector<SweepParameter>& parameters, SweepDesign& design,
                      IssueCollector& issues) {
  const std::size_t dimensions = parameters.size();
  design.kind = SweepDesignKind::kGrid;
  reader.forbid("points", "a grid's size comes from \"levels\" (levels per parameter)");
  const Json* levels = reader.find("levels");
  const std::string at = reader.pointer_of("levels");
  design.levels.assign(dimensions, 0);
  bool any_range = false;
  for (std::size_t j = 0; j < dimensions; ++j) {
    if (parameters[j].range.scale == ParameterRange::Scale::kDiscrete)
      design.levels[j] = static_cast<int>(parameters[j].range.values.size());
    else
      any_range = true;
  }
  if (levels == nullptr) {
    if (any_range) {
      issues.add(at, "is required for a grid with a \"range\" parameter (levels per range)");
    } else {
      check_grid_points(design.levels, reader.pointer(), "the values of the parameters give", "", issues);
    }
    return;
  }
  if (levels->is_array()) {
    if (levels->size() != dimensions) {
      issues.add(at, "must have one entry per parameter (" + std::to_string(dimensions) + ")", compact_value(*levels));
      return;
    }
    for (std::size_t j = 0; j < dimensions; ++j) {
      const auto level = input::integer_in((*levels)[j], 1, kMaxGridLevels);
      if (!level) {
        issues.add(child_pointer(at, j), "must be an integer in [1, " + std::to_string(kMaxGridLevels) + "]",
                   compact_value((*levels)[j]));
      } else if (parameters[j].range.scale == ParameterRange::Scale::kDiscrete && *level != design.levels[j]) {
        issues.add(child_pointer(at, j),
                   "must equal the number of values of /parameters/" + std::to_string(j) + " (" +
                       std::to_string(design.levels[j]) + "), since a grid visits every value",
                   compact_value((*levels)[j]));
      } else {
        design.levels[j] = static_cast<int>(*level);
      }
    }
  } else {
    const auto level = reader.integer("levels", 1, kMaxGridLevels, true);
    if (!level) return;
    for (std::size_t j = 0; j < dimensions; ++j)
      if (parameters[j].range.scale != ParameterRange::Scale::kDiscrete) design.levels[j] = static_cast<int>(*level);
  }
  check_grid_points(design.levels, at, "the levels per parameter give", compact_value(*levels), issues);
}

// A sampled design (latin_hypercube, sobol, saltelli): its size is "points".
void read_sampled_design(const ObjectReader& reader, const std::string& kind, std::size_t dimensions,
                         SweepDesign& design, IssueCollector& issues) {
  const long long d = static_cast<long long>(dimensions);
  reader.forbid("levels", "\"levels\" applies to a grid; this design takes \"points\"");
  if (kind == "saltelli") {
    design.kind = SweepDesignKind::kSaltelli;
    if (2 * d > kMaxSobolDimensions)
      issues.add(reader.pointer_of("kind"),
                 "saltelli needs at most " + std::to_string(kMaxSobolDimensions / 2) + " parameters", "\"saltelli\"");
    const auto rows = reader.integer("points", kMinSaltelliRows, kMaxSweepPoints / (d + 2), true);
    if (rows) design.points = static_cast<int>(*rows);
    return;
  }
  design.kind = kind == "sobol" ? SweepDesignKind::kSobol : SweepDesignKind::kLatinHypercube;
  if (design.kind == SweepDesignKind::kSobol && d > kMaxSobolDimensions)
    issues.add(reader.pointer_of("kind"), "sobol needs at most " + std::to_string(kMaxSobolDimensions) + " parameters",
               "\"sobol\"");
  const auto points = reader.integer("points", 1, kMaxSweepPoints, true);
  if (points) design.points = static_cast<int>(*points);
}

// The design's values, points x parameters, within kMaxSweepValues: each bound on its own
// (points, parameters) leaves their product free to ask for tens of gigabytes.
void check_design_values(const ObjectReader& reader, const SweepDesign& design, std::size_t dimensions,
                         IssueCollector& issues) {
  const double d = static_cast<double>(dimensions);
  double points = static_cast<double>(design.points);
  if (design.kind == SweepDesignKind::kGrid) {
    points = 1.0;
    for (const int level : design.levels) points *= std::max(level, 1);
  } else if (design.kind == SweepDesignKind::kSaltelli) {
    points *= d + 2.0;
  }
  const double values = points * d;
  if (values <= static_cast<double>(kMaxSweepValues)) return;
  const bool grid = design.kind == SweepDesignKind::kGrid;
  issues.add(reader.pointer_of(grid ? "levels" : "points"),
             "must give at most " + std::to_string(kMaxSweepValues) + " parameter values in all (" +
                 input::number_text(points) + " points x " + std::to_string(dimensions) +
                 " parameters = " + input::number_text(values) + "; " + input::limit_note(kSweepValuesLimit) + ")",
             grid ? "" : std::to_string(design.points));
}

void read_design(const ObjectReader& reader, const std::vector<SweepParameter>& parameters, SweepDesign& design,
                 IssueCollector& issues) {
  reader.reject_unknown_keys(kDesignKeys);
  const auto kind = reader.choice("kind", kDesignNames, true);
  design.seed = static_cast<std::uint64_t>(reader.integer("seed", 0, kMaxSeed, false).value_or(0));
  if (!kind) return;
  if (*kind == "grid") {
    read_grid_design(reader, parameters, design, issues);
  } else {
    read_sampled_design(reader, *kind, parameters.size(), design, issues);
  }
  if (issues.empty()) check_design_values(reader, design, parameters.size(), issues);
}

}  // namespace

const char* sweep_design_name(SweepDesignKind kind) noexcept {
  switch (kind) {
    case SweepDesignKind::kGrid:
      return "grid";
    case SweepDesignKind::kLatinHypercube:
      return "latin_hypercube";
    case SweepDesignKind::kSobol:
      return "sobol";
    case SweepDesignKind::kSaltelli:
      return "saltelli";
  }
  return "grid";
}

SweepSpec load_sweep_file(const std::string& path) {
  const Json doc = input::read_json_file(path, kSweepSizeLimit);
  return parse_sweep_json(doc, path, std::filesystem::path(path).parent_path().string());
}

namespace {

// A scenario given in-process, as its document and the name errors use for it.
struct GivenScenario {
  const nlohmann::json& document;
  const std::string& source_name;
};

// Reads one sweep document into a SweepSpec, collecting every problem: the header, then the
// scenario (which the parameters' pointers and values and the metric names are checked
// against), the parameters, the design, the metrics and the claims.
class SweepReader {
 public:
  SweepReader(const nlohmann::json& doc, const std::string& source_name, const std::string& base_directory,
              const std::optional<GivenScenario>& given)
      : doc_(doc), root_(doc, "", issues_), base_directory_(base_directory), given_(given) {
    spec_.source_name = source_name;
  }

  SweepSpec run() {
    spec_.sweep_hash = fnv1a64(doc_.dump());
    if (!root_.is_object()) issues_.throw_if_any(spec_.source_name);
    root_.reject_unknown_keys(kSweepKeys);
    const auto scenario_file = read_header();
    const auto seed = root_.integer("seed", 0, kMaxSeed, false);
    read_scenario(scenario_file);
    spec_.seed = seed ? static_cast<std::uint64_t>(*seed) : (have_scenario_ ? base_.default_seed : 0);
    read_parameters();
    read_design_block();
    if (have_scenario_) read_metrics();
    if (const Json* claims = root_.find("claims"); claims != nullptr && have_scenario_)
      spec_.claims = read_sweep_claims(*claims, base_directory_, spec_.scenario_hash, issues_);
    // A checkpoint of a sweep is void when the claims file it tested changes.
    if (spec_.claims) spec_.sweep_hash = mix64(spec_.sweep_hash ^ spec_.claims->content_hash);
    issues_.throw_if_any(spec_.source_name);
    return std::move(spec_);
  }

 private:
  // Name, description, the scenario file (unless given) and the trials; returns the file.
  std::optional<std::string> read_header() {
    spec_.name = root_.string("name", true).value_or("");
    (void)root_.string("description", false);
    // A given scenario replaces the file the sweep would name; both at once would be ambiguous.
    auto scenario_file = root_.string("scenario", !given_);
    if (given_ && scenario_file)
      issues_.add("/scenario", "must be left out when the scenario is given with the sweep",
                  compact_value(*scenario_file));
    if (const auto trials = root_.integer("trials_per_point", 1, kMaxTrials, true)) spec_.trials_per_point = *trials;
    return scenario_file;
  }

  void read_scenario(const std::optional<std::string>& scenario_file) {
    if (given_) {
      spec_.scenario_path = given_->source_name;
      spec_.scenario_document = given_->document;
      base_ = parse_scenario_json(spec_.scenario_document, spec_.scenario_path);  // throws its own located errors
    } else if (!scenario_file) {
      return;
    } else if (auto referenced =
                   scenario_input::read_referenced_scenario(*scenario_file, base_directory_, "/scenario", issues_)) {
      spec_.scenario_path = referenced->path;
      spec_.scenario_document = std::move(referenced->document);
      base_ = std::move(referenced->scenario);
    } else {
      return;
    }
    spec_.scenario_name = base_.name;
    spec_.scenario_hash = base_.content_hash;
    have_scenario_ = true;
  }

  void read_parameters() {
    const Json* parameters = root_.array("parameters", kMaxSweepParameters, kSweepParametersLimit, true);
    if (parameters == nullptr) return;
    if (parameters->empty()) issues_.add("/parameters", "must list at least one parameter", "[]");
    std::set<std::string> seen;
    for (std::size_t j = 0; j < parameters->size(); ++j) {
      const std::string at = child_pointer("/parameters", j);
      std::optional<std::string> scenario_pointer;
      Provenance source;
      auto range = read_parameter((*parameters)[j], at, issues_, scenario_pointer, source);
      const bool pointer_ok = scenario_pointer && check_pointer(*scenario_pointer, at, seen);
      if (!range || !pointer_ok) continue;
      if (have_scenario_) check_range_in_scenario(*range, *scenario_pointer, at);
      spec_.parameters.push_back({*scenario_pointer, std::move(*range), std::move(source)});
    }
    parameters_complete_ = !parameters->empty() && spec_.parameters.size() == parameters->size();
  }

  // A parameter's pointer: not swept twice, and naming a numeric parameter of the scenario.
  bool check_pointer(const std::string& scenario_pointer, const std::string& at, std::set<std::string>& seen) {
    if (!seen.insert(scenario_pointer).second) {
      issues_.add(at + "/pointer", "must not repeat a pointer swept by an earlier parameter",
                  compact_value(scenario_pointer));
      return false;
    }
    if (!have_scenario_) return true;
    const std::string problem = check_scenario_pointer(spec_.scenario_document, scenario_pointer);
    if (problem.empty()) return true;
    issues_.add(at + "/pointer", problem + " (" + spec_.scenario_path + ")", compact_value(scenario_pointer));
    return false;
  }

  // Every value a parameter takes (its list, or its range's ends) must give a valid scenario.
  void check_range_in_scenario(const ParameterRange& range, const std::string& scenario_pointer,
                               const std::string& at) {
    const Json& scenario = spec_.scenario_document;
    if (range.scale == ParameterRange::Scale::kDiscrete) {
      for (std::size_t k = 0; k < range.values.size(); ++k)
        check_value_in_scenario(scenario, scenario_pointer, range.values[k], child_pointer(at + "/values", k), issues_);
      return;
    }
    check_value_in_scenario(scenario, scenario_pointer, range.lower, at + "/range/0", issues_);
    check_value_in_scenario(scenario, scenario_pointer, range.upper, at + "/range/1", issues_);
  }

  void read_design_block() {
    const Json* design = root_.find("design");
    if (design == nullptr) {
      root_.require("design", "{\"kind\": \"grid\" | \"latin_hypercube\" | \"sobol\" | \"saltelli\", ...}");
      return;
    }
    const ObjectReader reader(*design, "/design", issues_);
    // A design's size depends on the parameters, so it is checked once they are all readable.
    if (reader.is_object() && parameters_complete_)
      read_design(reader, spec_.parameters, spec_.design, issues_);
    else if (reader.is_object())
      reader.reject_unknown_keys(kDesignKeys);
  }

  // The metrics named (each once, each one this scenario has), or all of them when left out.
  void read_metrics() {
    const auto available = example_metric_names(base_, MetricUse::kPerRun);
    const Json* metrics = root_.array("metrics", available.size() * 4, kMetricsLimit, false);
    if (metrics == nullptr) {
      spec_.metrics = available;
      return;
    }
    std::set<std::string> seen;
    for (std::size_t k = 0; k < metrics->size(); ++k) {
      const std::string at = child_pointer("/metrics", k);
      const Json& name = (*metrics)[k];
      if (!name.is_string()) {
        issues_.add(at, "must be a metric name (a string)", compact_value(name));
        continue;
      }
      const auto text = name.get<std::string>();
      if (std::find(available.begin(), available.end(), text) == available.end()) {
        const std::string near = closest_match(text, available);
        std::string valid;
        for (const auto& option : available) valid += (valid.empty() ? "" : ", ") + option;
        issues_.add(at, "must name a metric of this scenario", compact_value(name),
                    near.empty() ? "valid metrics: " + valid : "did you mean '" + near + "'?");
      } else if (!seen.insert(text).second) {
        issues_.add(at, "must not repeat a metric", compact_value(name));
      } else {
        spec_.metrics.push_back(text);
      }
    }
    if (metrics->empty()) issues_.add("/metrics", "must list at least one metric (or be left out for all)", "[]");
  }

  const nlohmann::json& doc_;
  IssueCollector issues_;
  ObjectReader root_;
  const std::string& base_directory_;
  const std::optional<GivenScenario>& given_;
  SweepSpec spec_;
  Scenario base_;
  bool have_scenario_ = false;
  bool parameters_complete_ = false;
};

}  // namespace

SweepSpec parse_sweep_json(const nlohmann::json& doc, const std::string& source_name,
                           const std::string& base_directory) {
  return SweepReader(doc, source_name, base_directory, std::nullopt).run();
}

SweepSpec parse_sweep_json(const nlohmann::json& doc, const std::string& source_name,
                           const nlohmann::json& scenario_document, const std::string& scenario_source_name) {
  const std::string no_directory;
  const std::optional<GivenScenario> given = GivenScenario{scenario_document, scenario_source_name};
  return SweepReader(doc, source_name, no_directory, given).run();
}

std::size_t SweepSpec::values_per_point() const noexcept {
  return (metrics.size() + (claims ? claims->claims.size() : 0)) * kValuesPerMetric;
}

nlohmann::json apply_sweep_values(const SweepSpec& spec, const std::vector<double>& values) {
  nlohmann::json doc = spec.scenario_document;
  for (std::size_t j = 0; j < spec.parameters.size(); ++j)
    doc[nlohmann::json::json_pointer(spec.parameters[j].pointer)] = values.at(j);
  return doc;
}

}  // namespace parley
