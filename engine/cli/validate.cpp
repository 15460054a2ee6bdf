// `parley validate FILE...`: checks input files without running them, each by its kind (a
// scenario, a sweep file, a claims file, a treaty document; schema_kinds.h), reporting every
// problem in each file on stderr and one "ok" line per valid file on stdout (exit 0 when all are
// valid, 1 when a file cannot be read, 2 otherwise).
#include <iostream>

#include "command.h"
#include "parley/core/error.h"
#include "schema_kinds.h"

namespace parley::cli {
namespace {

int run_validate(const Arguments& arguments) {
  bool all_valid = true;
  bool all_read = true;
  for (const auto& path : arguments.positional) {
    try {
      const std::string summary = file_kind_of(path).check(path);
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
