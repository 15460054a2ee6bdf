// Files that name a scenario file (sweep files, claims files) read it the same way: the path
// is taken relative to the naming file's directory, problems reading it are reported at the
// key that names it, and an invalid scenario throws the loader's own located InputError.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "parley/scenario/scenario.h"
#include "scenario/json_input.h"

namespace parley::scenario_input {

struct ReferencedScenario {
  std::string path;  // as resolved against the naming file's directory
  Json document;     // as read, before any change
  Scenario scenario;
};

// `reference` resolved against `base_directory` (when relative and the directory is not empty).
[[nodiscard]] std::string resolve_reference(const std::string& reference, const std::string& base_directory);

// Reads and loads the scenario `reference` names. An unreadable file or one that is not JSON is
// reported at `pointer` and gives nothing; an invalid scenario throws.
[[nodiscard]] std::optional<ReferencedScenario> read_referenced_scenario(const std::string& reference,
                                                                         const std::string& base_directory,
                                                                         const std::string& pointer,
                                                                         IssueCollector& issues);

// Reads a whole JSON document of at most `max_bytes`: throws Error when the file cannot be read
// and InputError (at "") when it is too large or not JSON.
[[nodiscard]] Json read_json_file(const std::string& path, std::size_t max_bytes);

}  // namespace parley::scenario_input
