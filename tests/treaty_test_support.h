// Shared helpers for the treaty tests: the shipped CSIS scenario, the raw data file, and a
// builder for small treaty documents.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "parley/io/atomic_file.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::treaty::testing {

inline std::string csis_scenario_path() {
  return std::string(PARLEY_SOURCE_DIR) + "/scenarios/csis_treaty.json";
}
inline std::string csis_data_path() {
  return std::string(PARLEY_SOURCE_DIR) + "/../shared/data/csis_peace_articles.json";
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

}  // namespace parley::treaty::testing
