// `parley validate FILE...`: checks input files without running them, each by its kind (a
// scenario, a sweep file, a claims file, a treaty document), reporting every problem in each file
// on stderr and one "ok" line per valid file on stdout (exit 0 when all are valid, 1 when a file
// cannot be read, 2 otherwise).
#include <iostream>

#include <nlohmann/json.hpp>
#include "command.h"
#include "parley/core/error.h"

#include "parley/claims/claims.h"
#include "parley/core/files.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/load.h"
#include "parley/sweep/sweep_file.h"
#include "parley/treaty/draft_input.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::cli {
namespace {

enum class FileKind { kScenario, kSweep, kClaims, kTreaty };

// A file's kind from its top-level keys: a sweep names its parameters and design, a claims file
// its baseline and claims, a treaty document its articles. Anything else, including text that is
// not JSON, goes to the scenario loader, which reports what is wrong.
FileKind kind_of(const std::string& path) {
  try {
    const nlohmann::json doc = nlohmann::json::parse(read_text_file(path));
    if (!doc.is_object()) return FileKind::kScenario;
    if (treaty::is_treaty_document(doc)) return FileKind::kTreaty;
    if (doc.contains("parameters") && doc.contains("design")) return FileKind::kSweep;
    if (doc.contains("baseline") && doc.contains("claims")) return FileKind::kClaims;
  } catch (const std::exception&) {
  }
  return FileKind::kScenario;
}

// Loads `path` as its kind and describes it in a few words; throws what the loader throws.
std::string check_file(const std::string& path) {
  switch (kind_of(path)) {
    case FileKind::kTreaty: {
      const treaty::TreatyDocument document = treaty::load_treaty_document(path);
      return "treaty document, " + std::to_string(document.spec.articles.size()) + " articles";
    }
    case FileKind::kSweep: {
      const SweepSpec sweep = load_sweep_file(path);
      return "sweep file, " + std::to_string(sweep.parameters.size()) + " parameters";
    }
    case FileKind::kClaims: {
      const claims::ClaimsFile file = claims::load_claims_file(path);
      return "claims file, " + std::to_string(file.claims.size()) + " claims";
    }
    case FileKind::kScenario:
      break;
  }
  const Scenario scenario = load_scenario_file(path);
  // The scenario loader leaves a "treaty" block to treaty/, which checks it here.
  (void)treaty::read_scenario_treaty(input::read_json_file(path, kScenarioSizeLimit), scenario, path);
  return std::to_string(scenario.actors.size()) + " actors, " + std::to_string(scenario.issues.size()) +
         " issues, horizon " + std::to_string(scenario.horizon_months) + " months";
}

int run_validate(const Arguments& arguments) {
  bool all_valid = true;
  bool all_read = true;
  for (const auto& path : arguments.positional) {
    try {
      const std::string summary = check_file(path);
      std::cout << path << ": ok (" << summary << ")\n";
    } catch (const InputError& error) {
      // what() already reads "FILE: N problems" followed by one line per problem.
      std::cerr << error.what() << "\n";
      all_valid = false;
    } catch (const Error& error) {
      // Not a statement about the content: the path is missing, a directory, or unreadable.
      std::cerr << path << ": " << error.what() << "\n";
      all_read = false;
    }
  }
  std::cout.flush();
  if (!all_read) return kExitFailure;
  return all_valid ? kExitOk : kExitBadInput;
}

const bool registered = register_command(Command{
    "validate",
    "check scenario, sweep, claims and treaty files and report every problem",
    "FILE...",
    {},
    1,
    static_cast<std::size_t>(-1),
    run_validate,
});

}  // namespace
}  // namespace parley::cli
