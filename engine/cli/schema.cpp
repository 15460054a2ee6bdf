// `parley schema [--kind KIND]`: prints the JSON Schema (draft 2020-12) of one kind of input file
// (schema_kinds.h; the scenario format by default), the file checked in as
// docs/<kind>.schema.json, for editors that complete and check input files.
#include <nlohmann/json.hpp>

#include "command.h"
#include "schema_kinds.h"

namespace parley::cli {
namespace {

int run_schema(const Arguments& arguments) {
  const std::string name = arguments.get_choice("--kind", file_kind_names(), file_kinds().front().name);
  const OutputTarget target = output_target(arguments, "schema");
  for (const FileKind& kind : file_kinds())
    if (kind.name == name) emit(kind.schema().dump(2) + "\n", target);
  return kExitOk;
}

std::string kind_help() {
  const auto names = file_kind_names();
  std::string help = "KIND  the kind of input file: ";
  for (std::size_t k = 0; k < names.size(); ++k)
    help += (k == 0 ? "" : k + 1 == names.size() ? " or " : ", ") + names[k];
  return help + " (default: " + names.front() + ")";
}

const bool registered = register_command(Command{
    "schema",
    "print the JSON Schema of scenario, sweep, claims or treaty files",
    "[--kind KIND] [--out PATH [--force]]",
    with_output_options({{"--kind", true, kind_help()}}, OutputAlias::kDeprecatedOutput),
    0,
    0,
    run_schema,
});

}  // namespace
}  // namespace parley::cli
