// JSON Schema (draft 2020-12) of the claims file format (claims/claims.h), from the loader's own
// keys, choices and limits; docs/claims.schema.json is this, written by
// `parley schema --kind claims`.
#pragma once

#include <nlohmann/json.hpp>

namespace parley::claims {

[[nodiscard]] nlohmann::json claims_json_schema();

}  // namespace parley::claims
