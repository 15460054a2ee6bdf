#include "parley/sweep/sweep_file.h"

#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/core/random.h"
#include "parley/metrics/metric.h"
#include "parley/scenario/load.h"
#include "parley/sweep/sensitivity.h"
#include "parley/sweep/sweep_run.h"
#include "scenario/json_input.h"
#include "scenario/referenced_scenario.h"

namespace parley {

namespace {

using scenario_input::child_pointer;
using scenario_input::compact_value;
using scenario_input::Json;
using scenario_input::ObjectReader;

constexpr int kMaxGridLevels = 100'000;
constexpr std::size_t kMaxSweepParameters = 1000;
constexpr long long kMaxSeed = std::numeric_limits<long long>::max();

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
      issues.add(sweep_pointer, "gives an invalid scenario: " + issue.message(), scenario_input::number_text(value));
  }
}

// The sweep's "claims": {"file": PATH, "ids": [...]}. The claims file's own errors are thrown
// as they are (they name its path).
std::optional<claims::ClaimsFile> read_sweep_claims(const Json& node, const std::string& base_directory,
                                                    std::uint64_t scenario_hash, IssueCollector& issues) {
  const ObjectReader reader(node, "/claims", issues);
  if (!reader.is_object()) return std::nullopt;
  reader.reject_unknown_keys({"file", "ids"});
  const auto path = reader.string("file", true);
  if (!path) return std::nullopt;
  claims::ClaimsFile file = claims::load_claims_file(scenario_input::resolve_reference(*path, base_directory));
  if (file.variants.front().scenario.content_hash != scenario_hash) {
    issues.add("/claims/file",
               "must name a claims file whose baseline is the sweep's scenario (" + file.baseline_path + " differs)",
               compact_value(*path));
    return std::nullopt;
  }
  if (const Json* ids = reader.array("ids", claims::kMaxClaimsPerFile, "kMaxClaimsPerFile", false)) {
    std::vector<std::string> known;
    for (const auto& claim : file.claims) known.push_back(claim.id);
    std::vector<claims::Claim> chosen;
    for (std::size_t k = 0; k < ids->size(); ++k) {
      const int index = scenario_input::resolve_name((*ids)[k], child_pointer("/claims/ids", k), known,
                                                     "a claim of the claims file", issues);
      if (index >= 0) chosen.push_back(file.claims[static_cast<std::size_t>(index)]);
    }
    if (ids->empty()) issues.add("/claims/ids", "must list at least one claim (or be left out for all)", "[]");
    file.claims = std::move(chosen);
  }
  return file;
}

std::optional<ParameterRange> read_parameter(const Json& node, const std::string& pointer, IssueCollector& issues,
                                             std::optional<std::string>& scenario_pointer) {
  const ObjectReader reader(node, pointer, issues);
  if (!reader.is_object()) return std::nullopt;
  reader.reject_unknown_keys({"pointer", "range", "scale", "values"});
  scenario_pointer = reader.string("pointer", true);
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
  const std::string scale = reader.choice("scale", {"linear", "log"}, false).value_or("linear");
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

void read_design(const ObjectReader& reader, std::size_t dimensions, const std::vector<SweepParameter>& parameters,
                 SweepDesign& design, IssueCollector& issues) {
  reader.reject_unknown_keys({"kind", "points", "levels", "seed"});
  const auto kind = reader.choice("kind", {"grid", "latin_hypercube", "sobol", "saltelli"}, true);
  design.seed = static_cast<std::uint64_t>(reader.integer("seed", 0, kMaxSeed, false).value_or(0));
  if (!kind) return;
  const long long d = static_cast<long long>(dimensions);
  if (*kind == "grid") {
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
      if (any_range) issues.add(at, "is required for a grid with a \"range\" parameter (levels per range)");
      return;
    }
    if (levels->is_array()) {
      if (levels->size() != dimensions) {
        issues.add(at, "must have one entry per parameter (" + std::to_string(dimensions) + ")",
                   compact_value(*levels));
        return;
      }
      for (std::size_t j = 0; j < dimensions; ++j) {
        const auto level = scenario_input::integer_in((*levels)[j], 1, kMaxGridLevels);
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
    double total = 1.0;
    for (const int level : design.levels) total *= std::max(level, 1);
    if (total > static_cast<double>(kMaxSweepPoints))
      issues.add(at, "must give at most " + std::to_string(kMaxSweepPoints) + " grid points", compact_value(*levels));
    return;
  }
  reader.forbid("levels", "\"levels\" applies to a grid; this design takes \"points\"");
  if (*kind == "saltelli") {
    design.kind = SweepDesignKind::kSaltelli;
    if (2 * d > kMaxSobolDimensions)
      issues.add(reader.pointer_of("kind"),
                 "saltelli needs at most " + std::to_string(kMaxSobolDimensions / 2) + " parameters", "\"saltelli\"");
    const auto rows = reader.integer("points", 2, kMaxSweepPoints / (d + 2), true);
    if (rows) design.points = static_cast<int>(*rows);
    return;
  }
  design.kind = *kind == "sobol" ? SweepDesignKind::kSobol : SweepDesignKind::kLatinHypercube;
  if (design.kind == SweepDesignKind::kSobol && d > kMaxSobolDimensions)
    issues.add(reader.pointer_of("kind"), "sobol needs at most " + std::to_string(kMaxSobolDimensions) + " parameters",
               "\"sobol\"");
  const auto points = reader.integer("points", 1, kMaxSweepPoints, true);
  if (points) design.points = static_cast<int>(*points);
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
  const Json doc = scenario_input::read_json_file(path, kMaxSweepBytes);
  return parse_sweep_json(doc, path, std::filesystem::path(path).parent_path().string());
}

namespace {

// A scenario given in-process, as its document and the name errors use for it.
struct GivenScenario {
  const nlohmann::json& document;
  const std::string& source_name;
};

SweepSpec parse_sweep(const nlohmann::json& doc, const std::string& source_name, const std::string& base_directory,
                      const std::optional<GivenScenario>& given) {
  IssueCollector issues;
  SweepSpec spec;
  spec.source_name = source_name;
  spec.sweep_hash = fnv1a64(doc.dump());
  const ObjectReader root(doc, "", issues);
  if (!root.is_object()) issues.throw_if_any(source_name);
  root.reject_unknown_keys(
      {"name", "description", "scenario", "parameters", "design", "trials_per_point", "seed", "metrics", "claims"});
  spec.name = root.string("name", true).value_or("");
  (void)root.string("description", false);
  // A given scenario replaces the file the sweep would name; both at once would be ambiguous.
  const auto scenario_file = root.string("scenario", !given);
  if (given && scenario_file)
    issues.add("/scenario", "must be left out when the scenario is given with the sweep",
               compact_value(*scenario_file));
  if (const auto trials = root.integer("trials_per_point", 1, kMaxTrials, true)) spec.trials_per_point = *trials;
  const auto seed = root.integer("seed", 0, kMaxSeed, false);

  // The scenario first: pointers, values and metric names are checked against it.
  bool have_scenario = false;
  Scenario base;
  if (given) {
    spec.scenario_path = given->source_name;
    spec.scenario_document = given->document;
    base = parse_scenario_json(spec.scenario_document, spec.scenario_path);  // throws its own located errors
    spec.scenario_name = base.name;
    spec.scenario_hash = base.content_hash;
    have_scenario = true;
  } else if (scenario_file) {
    if (auto referenced =
            scenario_input::read_referenced_scenario(*scenario_file, base_directory, "/scenario", issues)) {
      spec.scenario_path = referenced->path;
      spec.scenario_document = std::move(referenced->document);
      base = std::move(referenced->scenario);
      spec.scenario_name = base.name;
      spec.scenario_hash = base.content_hash;
      have_scenario = true;
    }
  }
  spec.seed = seed ? static_cast<std::uint64_t>(*seed) : (have_scenario ? base.default_seed : 0);

  // Parameters.
  bool parameters_complete = false;
  if (const Json* parameters = root.array("parameters", kMaxSweepParameters, "kMaxSweepParameters", true)) {
    if (parameters->empty()) issues.add("/parameters", "must list at least one parameter", "[]");
    std::set<std::string> seen;
    for (std::size_t j = 0; j < parameters->size(); ++j) {
      const std::string at = child_pointer("/parameters", j);
      std::optional<std::string> scenario_pointer;
      auto range = read_parameter((*parameters)[j], at, issues, scenario_pointer);
      bool pointer_ok = scenario_pointer.has_value();
      if (scenario_pointer) {
        if (!seen.insert(*scenario_pointer).second) {
          issues.add(at + "/pointer", "must not repeat a pointer swept by an earlier parameter",
                     compact_value(*scenario_pointer));
          pointer_ok = false;
        } else if (have_scenario) {
          const std::string problem = check_scenario_pointer(spec.scenario_document, *scenario_pointer);
          if (!problem.empty()) {
            issues.add(at + "/pointer", problem + " (" + spec.scenario_path + ")", compact_value(*scenario_pointer));
            pointer_ok = false;
          }
        }
      }
      if (!range || !pointer_ok) continue;
      if (have_scenario) {
        if (range->scale == ParameterRange::Scale::kDiscrete) {
          for (std::size_t k = 0; k < range->values.size(); ++k)
            check_value_in_scenario(spec.scenario_document, *scenario_pointer, range->values[k],
                                    child_pointer(at + "/values", k), issues);
        } else {
          check_value_in_scenario(spec.scenario_document, *scenario_pointer, range->lower, at + "/range/0", issues);
          check_value_in_scenario(spec.scenario_document, *scenario_pointer, range->upper, at + "/range/1", issues);
        }
      }
      spec.parameters.push_back({*scenario_pointer, std::move(*range)});
    }
    parameters_complete = !parameters->empty() && spec.parameters.size() == parameters->size();
  }

  // Design.
  if (const Json* design = root.find("design")) {
    const ObjectReader reader(*design, "/design", issues);
    // A design's size depends on the parameters, so it is checked once they are all readable.
    if (reader.is_object() && parameters_complete)
      read_design(reader, spec.parameters.size(), spec.parameters, spec.design, issues);
    else if (reader.is_object())
      reader.reject_unknown_keys({"kind", "points", "levels", "seed"});
  } else {
    root.require("design", "{\"kind\": \"grid\" | \"latin_hypercube\" | \"sobol\" | \"saltelli\", ...}");
  }

  // Metrics.
  if (have_scenario) {
    const auto available = example_metric_names(base, MetricUse::kPerRun);
    if (const Json* metrics = root.array("metrics", available.size() * 4, "four times the number of metrics", false)) {
      std::set<std::string> seen;
      for (std::size_t k = 0; k < metrics->size(); ++k) {
        const std::string at = child_pointer("/metrics", k);
        const Json& name = (*metrics)[k];
        if (!name.is_string()) {
          issues.add(at, "must be a metric name (a string)", compact_value(name));
          continue;
        }
        const auto text = name.get<std::string>();
        if (std::find(available.begin(), available.end(), text) == available.end()) {
          const std::string near = closest_match(text, available);
          std::string valid;
          for (const auto& option : available) valid += (valid.empty() ? "" : ", ") + option;
          issues.add(at, "must name a metric of this scenario", compact_value(name),
                     near.empty() ? "valid metrics: " + valid : "did you mean '" + near + "'?");
        } else if (!seen.insert(text).second) {
          issues.add(at, "must not repeat a metric", compact_value(name));
        } else {
          spec.metrics.push_back(text);
        }
      }
      if (metrics->empty()) issues.add("/metrics", "must list at least one metric (or be left out for all)", "[]");
    } else {
      spec.metrics = available;
    }
  }
  if (const Json* claims = root.find("claims"); claims != nullptr && have_scenario)
    spec.claims = read_sweep_claims(*claims, base_directory, spec.scenario_hash, issues);
  // A checkpoint of a sweep is void when the claims file it tested changes.
  if (spec.claims) spec.sweep_hash = mix64(spec.sweep_hash ^ spec.claims->content_hash);
  issues.throw_if_any(source_name);
  return spec;
}

}  // namespace

SweepSpec parse_sweep_json(const nlohmann::json& doc, const std::string& source_name,
                           const std::string& base_directory) {
  return parse_sweep(doc, source_name, base_directory, std::nullopt);
}

SweepSpec parse_sweep_json(const nlohmann::json& doc, const std::string& source_name,
                           const nlohmann::json& scenario_document, const std::string& scenario_source_name) {
  return parse_sweep(doc, source_name, {}, GivenScenario{scenario_document, scenario_source_name});
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
