// `parley validate FILE...`: checks scenario files without running them, reporting every
// problem in each file (exit 0 when all are valid, 1 when a file cannot be read, 2 otherwise).
#include <iostream>

#include <nlohmann/json.hpp>
#include "command.h"
#include "parley/core/error.h"

#include "parley/core/files.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/load.h"
#include "parley/treaty/draft_input.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::cli {
namespace {

// A file that parses as a stand-alone treaty document goes to the treaty loader; anything else,
// including text that is not JSON, to the scenario loader, which reports what is wrong.
bool is_treaty_file(const std::string& path) {
  try {
    return treaty::is_treaty_document(nlohmann::json::parse(read_text_file(path)));
  } catch (const std::exception&) {
    return false;
  }
}

int run_validate(const Arguments& arguments) {
  bool all_valid = true;
  bool all_read = true;
  for (const auto& path : arguments.positional) {
    try {
      if (is_treaty_file(path)) {
        const treaty::TreatyDocument document = treaty::load_treaty_document(path);
        std::cout << path << ": ok (treaty document, " << document.spec.articles.size() << " articles)\n";
        continue;
      }
      const Scenario scenario = load_scenario_file(path);
      // The scenario loader leaves a "treaty" block to treaty/, which checks it here.
      (void)treaty::read_scenario_treaty(input::read_json_file(path, kScenarioSizeLimit), scenario, path);
      std::cout << path << ": ok (" << scenario.actors.size() << " actors, " << scenario.issues.size()
                << " issues, horizon " << scenario.horizon_months << " months)\n";
    } catch (const InputError& error) {
      // what() already reads "FILE: N problems" followed by one line per problem.
      std::cout << error.what() << "\n";
      all_valid = false;
    } catch (const Error& error) {
      // Not a statement about the content: the path is missing, a directory, or unreadable.
      std::cout << path << ": " << error.what() << "\n";
      all_read = false;
    }
  }
  std::cout.flush();
  if (!all_read) return kExitFailure;
  return all_valid ? kExitOk : kExitBadInput;
}

const bool registered = register_command(Command{
    "validate",
    "check scenario files and report every problem",
    "FILE...",
    {},
    1,
    static_cast<std::size_t>(-1),
    run_validate,
});

}  // namespace
}  // namespace parley::cli
