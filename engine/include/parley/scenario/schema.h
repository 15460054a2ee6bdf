// Pieces of the scenario format's JSON Schema (scenario_json_schema(), scenario/load.h) for the
// other formats that read values as scenario parameters are read (scenario/uncertain_input.h).
#pragma once

#include <nlohmann/json.hpp>

#include "parley/core/domain.h"

namespace parley {

// The schema of one uncertain value in `domain`, in any of the three forms a parameter takes (a
// number, {"value": x, "source": ...}, a distribution). It refers to "#/$defs/source" and
// "#/$defs/distribution", which a schema using it copies from scenario_json_schema()'s "$defs".
[[nodiscard]] nlohmann::json uncertain_value_schema(const Domain& domain);

}  // namespace parley
