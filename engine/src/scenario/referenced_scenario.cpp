#include "scenario/referenced_scenario.h"

#include <filesystem>

#include "parley/core/files.h"
#include "parley/scenario/load.h"

namespace parley::scenario_input {

std::string resolve_reference(const std::string& reference, const std::string& base_directory) {
  const std::filesystem::path relative(reference);
  return relative.is_absolute() || base_directory.empty() ? relative.string()
                                                          : (std::filesystem::path(base_directory) / relative).string();
}

std::optional<ReferencedScenario> read_referenced_scenario(const std::string& reference,
                                                           const std::string& base_directory,
                                                           const std::string& pointer, IssueCollector& issues) {
  ReferencedScenario out;
  out.path = resolve_reference(reference, base_directory);
  std::string text;
  try {
    text = read_text_file(out.path);
  } catch (const Error& error) {
    issues.add(pointer, std::string("must name a readable scenario file: ") + error.what(), compact_value(reference));
    return std::nullopt;
  }
  IssueCollector parse_issues;
  auto document = parse_json_text(text, parse_issues);
  if (!document) {
    for (const auto& issue : parse_issues.issues())
      issues.add(pointer, "must name a JSON scenario file: " + issue.message(), compact_value(reference));
    return std::nullopt;
  }
  out.document = std::move(*document);
  out.scenario = parse_scenario_json(out.document, out.path);  // throws its own located errors
  return out;
}

Json read_json_file(const std::string& path, std::size_t max_bytes) {
  const std::string text = read_text_file(path);
  IssueCollector issues;
  if (text.size() > max_bytes) {
    issues.add("", too_large_rule(text.size()));
    issues.throw_if_any(path);
  }
  auto doc = parse_json_text(text, issues);
  issues.throw_if_any(path);
  return std::move(*doc);
}

}  // namespace parley::scenario_input
