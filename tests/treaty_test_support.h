// Shared helpers for the treaty tests: the shipped CSIS scenario, the raw data file, and a
// builder for small treaty documents.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/core/error.h"

#include "parley/core/files.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::treaty::testing {

inline std::string csis_scenario_path() {
  return std::string(PARLEY_SOURCE_DIR) + "/scenarios/csis_treaty.json";
}
inline std::string csis_data_path() {
  return std::string(PARLEY_SOURCE_DIR) + "/data/csis/csis_peace_articles.json";
}

inline nlohmann::json csis_data() {
  return nlohmann::json::parse(read_text_file(csis_data_path()));
}

inline TreatyDocument csis_document() {
  return load_treaty_document(csis_scenario_path());
}

// A document with the given actors and treaty block.
inline nlohmann::json treaty_document(const nlohmann::json& actors, const nlohmann::json& treaty) {
  return {{"name", "test"}, {"actors", actors}, {"treaty", treaty}};
}

// The problems `read` reports by throwing InputError; none when it returns.
template <class Read>
std::vector<InputIssue> issues_of(Read&& read) {
  try {
    read();
  } catch (const InputError& error) {
    return error.issues();
  }
  return {};
}

// Whether some issue sits at `pointer` with `rule_part` in its rule and `hint_part` in its hint.
inline bool has_issue(const std::vector<InputIssue>& issues, const std::string& pointer, const std::string& rule_part,
                      const std::string& hint_part = "") {
  return std::any_of(issues.begin(), issues.end(), [&](const InputIssue& issue) {
    return issue.pointer == pointer && issue.rule.find(rule_part) != std::string::npos &&
           issue.hint.find(hint_part) != std::string::npos;
  });
}

}  // namespace parley::treaty::testing
