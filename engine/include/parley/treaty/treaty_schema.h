// JSON Schema (draft 2020-12) of a stand-alone treaty document (treaty/treaty_spec.h), from the
// reader's own keys, choices and limits; docs/treaty.schema.json is this, written by
// `parley schema --kind treaty`.
#pragma once

#include <nlohmann/json.hpp>

namespace parley::treaty {

[[nodiscard]] nlohmann::json treaty_json_schema();

}  // namespace parley::treaty
