// JSON Schema (draft 2020-12) of the sweep file format (sweep/sweep_file.h), from the loader's
// own keys, choices and limits; docs/sweep.schema.json is this, written by
// `parley schema --kind sweep`.
#pragma once

#include <nlohmann/json.hpp>

namespace parley {

[[nodiscard]] nlohmann::json sweep_json_schema();

}  // namespace parley
