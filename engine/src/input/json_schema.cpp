#include "parley/input/json_schema.h"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace parley::input {

using Json = nlohmann::json;

Json schema_ref(const std::string& name) {
  return {{"$ref", "#/$defs/" + name}};
}

Json bounded_number_schema(const Domain& domain) {
  Json schema{{"type", domain.integer ? "integer" : "number"}};
  if (std::isfinite(domain.lower)) schema[domain.lower_open ? "exclusiveMinimum" : "minimum"] = domain.lower;
  if (std::isfinite(domain.upper)) schema[domain.upper_open ? "exclusiveMaximum" : "maximum"] = domain.upper;
  return schema;
}

Json non_empty_string_schema(const std::string& description) {
  return {{"type", "string"}, {"minLength", 1}, {"description", description}};
}

Json array_schema(Json items, std::size_t min_items, std::size_t max_items, const std::string& description) {
  Json schema{{"type", "array"}, {"items", std::move(items)}, {"maxItems", max_items}};
  if (min_items > 0) schema["minItems"] = min_items;
  if (!description.empty()) schema["description"] = description;
  return schema;
}

Json described(Json schema, const std::string& description) {
  schema["description"] = description;
  return schema;
}

Json closed_object_schema(const std::string& description, const std::vector<std::string>& keys, Json structural,
                          Json properties, Json required) {
  for (const auto& key : keys) {
    if (!structural.contains(key)) throw std::logic_error("schema: no schema for key '" + key + "'");
    properties[key] = structural[key];
  }
  if (structural.size() != keys.size()) throw std::logic_error("schema: a schema for a key the loader does not read");
  Json schema{{"type", "object"},
              {"description", description},
              {"properties", std::move(properties)},
              {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

Json schema_document(const std::string& title, const Json& schema, Json definitions) {
  Json result{{"$schema", kJsonSchemaDialect}, {"title", title}};
  result.update(schema);
  result["$defs"] = std::move(definitions);
  return result;
}

}  // namespace parley::input
