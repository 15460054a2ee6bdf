// Shared scaffolding for the scenario loader tests: a complete valid scenario to mutate, and
// checks that a document fails with a given problem at a given JSON pointer.
#pragma once

#include <doctest/doctest.h>

#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/core/error.h"
#include "parley/scenario/load.h"

namespace parley::testing {

using Json = nlohmann::json;

// Every section of the format, with each parameter form (number, sourced value, each
// distribution) used at least once. Tests change one thing and expect one complaint.
inline const char* const kFullScenario = R"json({
  "name": "ukraine_war",
  "description": "four actors, two issues, aid, sanctions and events",
  "horizon_months": 120, "trials": 20000, "seed": 20240601,
  "mechanisms": {"strength": true, "aid": true, "support": true, "sanctions": true, "beliefs": true, "events": false},
  "issues": [
    {"id": "territory", "name": "Territory returned to Ukraine", "owners": ["UKR", "RUS"], "status_quo": 0.0},
    {"id": "sanctions_relief", "owners": ["USA", "EU"], "status_quo": 0.25}
  ],
  "actors": [
    {"id": "UKR", "name": "Ukraine", "role": "belligerent",
     "preferences": {"discount_per_month": 0.99, "cost_weight": 1.0},
     "support": {"initial_share": {"value": 0.84, "source": {"article": "004_9e880688ebb75433.txt", "quote": "Some 84 percent of Ukrainians"}},
                 "fatigue_per_month": 0.002, "cost_sensitivity": 0.01},
     "forces": {"initial_strength": 100, "mobilisation_per_month": 2, "lethality_per_month": 0.01},
     "belief": {"prior_mean_drift_per_month": 0.002, "prior_sd_drift_per_month": 0.004, "drift_volatility_per_month": 0.0005},
     "positions": {"territory": {"ideal": 1.0, "salience": 0.6}}},
    {"id": "RUS", "name": "Russia", "role": "belligerent",
     "preferences": {"discount_per_month": {"dist": "beta", "alpha": 90, "beta": 2, "min": 0.5}},
     "support": {"initial_share": {"dist": "triangular", "min": 0.5, "mode": 0.7, "max": 0.9}},
     "forces": {"initial_strength": {"dist": "lognormal", "median": 150, "log_sd": 0.2, "source": {"reference": "IISS 2024"}}},
     "belief": {"prior_mean_drift_per_month": {"dist": "normal", "mean": -0.002, "sd": 0.001}, "prior_sd_drift_per_month": 0.004},
     "positions": {"territory": {"ideal": 0.0, "salience": 0.7}, "sanctions_relief": {"ideal": 1.0, "salience": 0.3}}},
    {"id": "USA", "name": "United States", "role": "third_party",
     "preferences": {"discount_per_month": 0.995},
     "support": {"initial_share": {"dist": "uniform", "min": 0.4, "max": 0.6, "source": {"assumption": "polls split evenly"}},
                 "fatigue_per_month": 0.003},
     "positions": {"territory": {"ideal": 0.8, "salience": 0.2}}},
    {"id": "EU", "name": "European Union", "role": "third_party",
     "preferences": {"discount_per_month": 0.995},
     "support": {"initial_share": {"dist": "normal", "mean": 0.6, "sd": 0.1, "min": 0, "max": 1}}}
  ],
  "battlefield": {"holder": "UKR", "opponent": "RUS", "process": "diffusion", "initial_front_share": 0.83,
                  "volatility_per_sqrt_month": 0.01, "power_elasticity_per_month": 0.01, "defence_bias_per_month": 0.0, "intensity": 1.0},
  "aid": [
    {"patron": "USA", "recipient": "UKR", "policy": {"kind": "as_long_as_it_takes"},
     "amount_per_month": 1.0, "effectiveness": 0.05, "support_floor_share": 0.3},
    {"patron": "EU", "recipient": "UKR", "policy": {"kind": "until", "end_month": 36, "stop_on_stalemate": true, "stalemate_window_months": 4},
     "amount_per_month": 0.8, "effectiveness": 0.05}
  ],
  "sanctions": {"holders": ["USA", "EU"], "target": "RUS", "initial_level_share": 0.6, "economy_drag_per_month": 0.002},
  "events": [
    {"id": "us_election", "kind": "election", "actor": "USA", "month": 11, "probability": 0.5, "new_aid_policy": {"kind": "none"}},
    {"id": "messaging", "kind": "support_shock", "actor": "USA", "month": 3, "delta_share": 0.12},
    {"id": "war_weariness", "kind": "support_shock", "actor": "EU", "probability": 0.01, "delta_share": -0.05}
  ]
})json";

inline Json full_scenario() {
  return Json::parse(kFullScenario);
}

inline std::string source_path(const std::string& relative) {
  return std::string(PARLEY_SOURCE_DIR) + "/" + relative;
}

// Every problem a document has; an empty list when it loads.
// Calls `visit` on every object of `node` (a JSON Schema, say) with its JSON pointer, parents first.
inline void walk_objects(const Json& node, const std::string& pointer,
                         const std::function<void(const Json&, const std::string&)>& visit) {
  if (!node.is_structured()) return;
  if (node.is_object()) visit(node, pointer);
  for (auto it = node.begin(); it != node.end(); ++it)
    walk_objects(*it, pointer + "/" + (node.is_object() ? it.key() : std::to_string(std::distance(node.begin(), it))),
                 visit);
}

inline std::vector<InputIssue> problems_of(const Json& doc) {
  try {
    (void)parse_scenario_json(doc, "test");
  } catch (const InputError& error) {
    return error.issues();
  }
  return {};
}

inline std::vector<InputIssue> problems_of_text(const std::string& text) {
  try {
    (void)parse_scenario_text(text, "test");
  } catch (const InputError& error) {
    return error.issues();
  }
  return {};
}

inline std::string listing(const std::vector<InputIssue>& issues) {
  std::string text;
  for (const auto& issue : issues) text += "\n  " + issue.message();
  return text.empty() ? "\n  (no problems)" : text;
}

// The problem at `pointer` whose rule contains `rule_part`, or nullptr.
inline const InputIssue* find_problem(const std::vector<InputIssue>& issues, const std::string& pointer,
                                      const std::string& rule_part) {
  for (const auto& issue : issues)
    if (issue.pointer == pointer && issue.rule.find(rule_part) != std::string::npos) return &issue;
  return nullptr;
}

// Checks that `doc` fails with a problem at `pointer` whose rule contains `rule_part`; returns it.
inline InputIssue expect_problem(const Json& doc, const std::string& pointer, const std::string& rule_part) {
  const auto issues = problems_of(doc);
  const InputIssue* found = find_problem(issues, pointer, rule_part);
  INFO("wanted At " << pointer << " - ..." << rule_part << "...; got:" << listing(issues));
  REQUIRE(found != nullptr);
  return *found;
}

// Checks that `doc` fails with exactly one problem, at `pointer`, whose rule contains `rule_part`.
inline InputIssue expect_only_problem(const Json& doc, const std::string& pointer, const std::string& rule_part) {
  const auto issues = problems_of(doc);
  INFO("wanted only At " << pointer << " - ..." << rule_part << "...; got:" << listing(issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == pointer);
  CHECK(issues[0].rule.find(rule_part) != std::string::npos);
  return issues[0];
}

// The full scenario with the value at `pointer` replaced (or added).
inline Json with(const std::string& pointer, const Json& value) {
  Json doc = full_scenario();
  doc[Json::json_pointer(pointer)] = value;
  return doc;
}

// The full scenario with the value at `pointer` removed.
inline Json without(const std::string& pointer) {
  Json doc = full_scenario();
  const Json::json_pointer path(pointer);
  doc[path.parent_pointer()].erase(path.back());
  return doc;
}

}  // namespace parley::testing
