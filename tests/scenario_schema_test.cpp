// The JSON Schema and the format documentation stay in step with the loader: the checked-in
// schema equals the generated one, every object is closed, every field is described, and the
// documentation names every field and its example loads.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "parley/core/files.h"
#include "scenario_test_support.h"

using namespace parley;
using namespace parley::testing;

namespace {

// Every key of every parameter group, with its description.
std::vector<FieldInfo> all_fields() {
  std::vector<FieldInfo> fields;
  const auto collect = [&](auto group) {
    decltype(group)::for_each_field([&](const FieldInfo& info, auto) { fields.push_back(info); });
  };
  collect(BasicPreferences<Uncertain>{});
  collect(BasicSupport<Uncertain>{});
  collect(BasicForces<Uncertain>{});
  collect(BasicBelief<Uncertain>{});
  collect(BasicPosition<Uncertain>{});
  collect(BasicBattlefield<Uncertain>{});
  collect(BasicAidFlow<Uncertain>{});
  collect(BasicSanctions<Uncertain>{});
  collect(BasicEventParams<Uncertain>{});
  return fields;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on `"x" + std::string(...)`.
std::string wrapped(const char* before, const char* text, const char* after) {
  std::string result(before);
  result += text;
  result += after;
  return result;
}

}  // namespace

TEST_CASE("docs/scenario.schema.json is the generated schema") {
  const Json generated = scenario_json_schema();
  const Json checked_in = Json::parse(read_text_file(source_path("docs/scenario.schema.json")));
  INFO("regenerate with: parley schema --output docs/scenario.schema.json");
  CHECK(checked_in == generated);
  CHECK(generated["$schema"] == "https://json-schema.org/draft/2020-12/schema");
}

TEST_CASE("every object in the schema is closed and every field is described") {
  const Json schema = scenario_json_schema();
  int closed = 0;
  walk_objects(schema, "", [&](const Json& node, const std::string& pointer) {
    if (!node.contains("properties") || !node["properties"].is_object() || node.value("type", "") != "object") return;
    INFO(pointer);
    CHECK(node["additionalProperties"] == false);
    ++closed;
  });
  CHECK(closed > 15);
  const std::string text = schema.dump();
  for (const auto& field : all_fields()) {
    INFO(field.key);
    CHECK(text.find(wrapped("\"", field.key, "\":{")) != std::string::npos);
    CHECK(text.find(field.description) != std::string::npos);
  }
}

TEST_CASE("docs/scenario-format.md names every field and its example loads") {
  const std::string doc = read_text_file(source_path("docs/scenario-format.md"));
  for (const auto& field : all_fields()) {
    INFO(field.key);
    CHECK(doc.find(wrapped("`", field.key, "`")) != std::string::npos);
  }
  const std::string open = "```json\n";
  const auto start = doc.find(open);
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + open.size());
  REQUIRE(end != std::string::npos);
  const Scenario example =
      parse_scenario_text(doc.substr(start + open.size(), end - start - open.size()), "docs example");
  CHECK(example.actors.size() == 4);
  CHECK(example.events.size() == 2);
}
