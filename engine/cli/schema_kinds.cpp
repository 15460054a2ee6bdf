#include "schema_kinds.h"

#include "parley/claims/claims.h"
#include "parley/claims/claims_schema.h"
#include "parley/core/files.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/load.h"
#include "parley/sweep/sweep_file.h"
#include "parley/sweep/sweep_schema.h"
#include "parley/treaty/draft_input.h"
#include "parley/treaty/treaty_schema.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::cli {
namespace {

using Json = nlohmann::json;

std::string check_scenario(const std::string& path) {
  const Scenario scenario = load_scenario_file(path);
  // The scenario loader leaves a "treaty" block to treaty/, which checks it here.
  (void)treaty::read_scenario_treaty(input::read_json_file(path, kScenarioSizeLimit), scenario, path);
  return std::to_string(scenario.actors.size()) + " actors, " + std::to_string(scenario.issues.size()) +
         " issues, horizon " + std::to_string(scenario.horizon_months) + " months";
}

// A sweep names its parameters and its design.
bool is_sweep(const Json& document) {
  return document.contains("parameters") && document.contains("design");
}

std::string check_sweep(const std::string& path) {
  const SweepSpec sweep = load_sweep_file(path);
  return "sweep file, " + std::to_string(sweep.parameters.size()) + " parameters";
}

// A claims file names its baseline and its claims.
bool is_claims(const Json& document) {
  return document.contains("baseline") && document.contains("claims");
}

std::string check_claims(const std::string& path) {
  const claims::ClaimsFile file = claims::load_claims_file(path);
  return "claims file, " + std::to_string(file.claims.size()) + " claims";
}

std::string check_treaty(const std::string& path) {
  const treaty::TreatyDocument document = treaty::load_treaty_document(path);
  return "treaty document, " + std::to_string(document.spec.articles.size()) + " articles";
}

}  // namespace

// The keys that recognise a kind are those its loader requires, so no valid file of one kind
// is recognised as another; an invalid file is checked as the first kind that recognises it.
const std::vector<FileKind>& file_kinds() {
  static const std::vector<FileKind> kinds{
      {"scenario", nullptr, check_scenario, scenario_json_schema},
      {"sweep", is_sweep, check_sweep, sweep_json_schema},
      {"claims", is_claims, check_claims, claims::claims_json_schema},
      {"treaty", treaty::is_treaty_document, check_treaty, treaty::treaty_json_schema},
  };
  return kinds;
}

std::vector<std::string> file_kind_names() {
  std::vector<std::string> names;
  for (const FileKind& kind : file_kinds()) names.emplace_back(kind.name);
  return names;
}

const FileKind& file_kind_of(const std::string& path) {
  const auto& kinds = file_kinds();
  try {
    const Json document = Json::parse(read_text_file(path));
    if (document.is_object())
      for (const FileKind& kind : kinds)
        if (kind.recognises != nullptr && kind.recognises(document)) return kind;
  } catch (const std::exception&) {
  }
  return kinds.front();
}

}  // namespace parley::cli
