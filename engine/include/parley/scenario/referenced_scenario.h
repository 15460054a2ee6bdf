// Files that name a scenario file (sweep files, claims files) read it the same way: the path
// is taken relative to the naming file's directory, problems reading it are reported at the
// key that names it, and an invalid scenario throws the loader's own located InputError.
//
// Where it sits: scenario/, beside the loader (scenario/load.h); sweep/ and claims/ call it.
#pragma once

#include <optional>
#include <string>

#include "parley/core/error.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/scenario.h"

namespace parley::scenario_input {

using input::Json;

struct ReferencedScenario {
  std::string path;  // as resolved against the naming file's directory
  Json document;     // as read, before any change
  Scenario scenario;
};

// Reads and loads the scenario `reference` names. An unreadable file or one that is not JSON is
// reported at `pointer` and gives nothing; an invalid scenario throws.
[[nodiscard]] std::optional<ReferencedScenario> read_referenced_scenario(const std::string& reference,
                                                                         const std::string& base_directory,
                                                                         const std::string& pointer,
                                                                         IssueCollector& issues);

}  // namespace parley::scenario_input
