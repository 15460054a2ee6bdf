// `parley schema`: prints the scenario format's JSON Schema (draft 2020-12), the file checked
// in as docs/scenario.schema.json, for editors that complete and check scenario files.
#include <nlohmann/json.hpp>

#include "command.h"
#include "parley/scenario/load.h"

namespace parley::cli {
namespace {

int run_schema(const Arguments& arguments) {
  emit(scenario_json_schema().dump(2) + "\n", output_target(arguments, "schema"));
  return kExitOk;
}

const bool registered = register_command(Command{
    "schema",
    "print the JSON Schema of scenario files",
    "[--out PATH [--force]]",
    with_output_options({}, OutputAlias::kDeprecatedOutput),
    0,
    0,
    run_schema,
});

}  // namespace
}  // namespace parley::cli
