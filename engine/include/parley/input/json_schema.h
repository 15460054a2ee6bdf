// Building blocks of the JSON Schemas (draft 2020-12) that each input format generates from its
// loader's own tables (`parley schema --kind KIND`; docs/<kind>.schema.json are the checked-in
// copies): scenario/schema.cpp, sweep/sweep_schema.cpp, claims/claims_schema.cpp and
// treaty/treaty_schema.cpp.
//
// A schema states shapes, types, bounds and enumerations; what needs the whole document or
// another file (ids that must resolve, a pointer that must name a scenario parameter) stays with
// the loader. So a schema may accept a file its loader refuses, never the reverse
// (tests/python/test_schemas.py checks that on mutants of every shipped file).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/domain.h"

namespace parley::input {

inline constexpr const char* kJsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema";

// {"$ref": "#/$defs/NAME"}.
[[nodiscard]] nlohmann::json schema_ref(const std::string& name);

// A number (an integer for an integer domain) with the domain's finite bounds.
[[nodiscard]] nlohmann::json bounded_number_schema(const Domain& domain);

// A string of at least one character, what ObjectReader::string() takes.
[[nodiscard]] nlohmann::json non_empty_string_schema(const std::string& description);

// An array of `items` with at most `max_items` of them, and at least `min_items` when above 0;
// "description" set when given.
[[nodiscard]] nlohmann::json array_schema(nlohmann::json items, std::size_t min_items, std::size_t max_items,
                                          const std::string& description = "");

// `schema` with "description" set.
[[nodiscard]] nlohmann::json described(nlohmann::json schema, const std::string& description);

// A closed object ("additionalProperties": false) whose structural keys are exactly `keys`, the
// loader's list: each must have a schema in `structural` and nothing else may, so a key added to
// the loader without a schema throws std::logic_error (and fails the schema tests) instead of
// drifting. `properties` holds keys the loader reads from another table (parameter fields).
[[nodiscard]] nlohmann::json closed_object_schema(const std::string& description, const std::vector<std::string>& keys,
                                                  nlohmann::json structural,
                                                  nlohmann::json properties = nlohmann::json::object(),
                                                  nlohmann::json required = nlohmann::json::array());

// A whole schema: "$schema", "title", then `schema`'s keywords and `definitions` as "$defs".
[[nodiscard]] nlohmann::json schema_document(const std::string& title, const nlohmann::json& schema,
                                             nlohmann::json definitions);

}  // namespace parley::input
