#include "parley/scenario/referenced_scenario.h"

#include "parley/core/files.h"
#include "parley/scenario/load.h"

namespace parley::scenario_input {

using input::compact_value;

std::optional<ReferencedScenario> read_referenced_scenario(const std::string& reference,
                                                           const std::string& base_directory,
                                                           const std::string& pointer, IssueCollector& issues) {
  ReferencedScenario out;
  out.path = input::resolve_reference(reference, base_directory);
  std::string text;
  try {
    text = read_text_file(out.path, input::read_limit(kScenarioSizeLimit));
  } catch (const Error& error) {
    issues.add(pointer, std::string("must name a readable scenario file: ") + error.what(), compact_value(reference));
    return std::nullopt;
  }
  IssueCollector parse_issues;
  auto document = input::parse_json_text(text, kScenarioSizeLimit, parse_issues);
  if (!document) {
    for (const auto& issue : parse_issues.issues())
      issues.add(pointer, "must name a JSON scenario file: " + issue.message(), compact_value(reference));
    return std::nullopt;
  }
  out.document = std::move(*document);
  out.scenario = parse_scenario_json(out.document, out.path);  // throws its own located errors
  return out;
}

}  // namespace parley::scenario_input
