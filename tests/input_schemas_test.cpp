// The JSON Schemas of the sweep, claims and treaty formats (`parley schema --kind`): the
// checked-in copies are the generated schemas, every object is closed and every key described,
// and what a schema takes from the scenario format is the scenario schema's own. The schemas are
// tested against a real validator, and against the loaders, by tests/python/test_schemas.py.
#include <doctest/doctest.h>

#include <functional>

#include "parley/claims/claims.h"
#include "parley/claims/claims_schema.h"
#include "parley/core/files.h"
#include "parley/scenario/schema.h"
#include "parley/sweep/sweep_file.h"
#include "parley/sweep/sweep_schema.h"
#include "parley/treaty/treaty_schema.h"
#include "parley/treaty/treaty_spec.h"
#include "scenario_test_support.h"

using namespace parley;
using namespace parley::testing;

namespace {

struct KindSchema {
  const char* kind;
  std::function<Json()> generate;
};

const std::vector<KindSchema>& kind_schemas() {
  static const std::vector<KindSchema> schemas{
      {"sweep", sweep_json_schema}, {"claims", claims::claims_json_schema}, {"treaty", treaty::treaty_json_schema}};
  return schemas;
}

}  // namespace

TEST_CASE("docs/<kind>.schema.json is the generated schema of each kind") {
  for (const auto& [kind, generate] : kind_schemas()) {
    INFO(kind);
    const std::string path = std::string("docs/") + kind + ".schema.json";
    INFO("regenerate with: parley schema --kind " << kind << " --out " << path << " --force");
    const Json generated = generate();
    CHECK(Json::parse(read_text_file(source_path(path))) == generated);
    CHECK(generated["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  }
}

TEST_CASE("every object of each kind's schema is closed and every key is described") {
  for (const auto& [kind, generate] : kind_schemas()) {
    INFO(kind);
    int closed = 0;
    walk_objects(generate(), "", [&](const Json& node, const std::string& pointer) {
      if (!node.contains("properties") || node.value("type", "") != "object") return;
      INFO(pointer);
      CHECK(node["additionalProperties"] == false);
      // A documented object documents its keys: a description, a $ref to one, or a constant.
      if (node.contains("description"))
        for (const auto& [key, property] : node["properties"].items()) {
          INFO(key);
          CHECK((property.contains("description") || property.contains("$ref") || property.contains("const")));
        }
      ++closed;
    });
    CHECK(closed >= 4);
  }
}

TEST_CASE("the parts a format shares with scenarios are the scenario schema's") {
  const Json scenario_defs = scenario_json_schema()["$defs"];
  for (const auto& [kind, generate] : kind_schemas()) {
    const Json defs = generate()["$defs"];
    for (const char* shared : {"identifier", "source", "distribution"}) {
      if (!defs.contains(shared)) continue;
      INFO(kind << " " << shared);
      CHECK(defs[shared] == scenario_defs[shared]);
    }
  }
  // A treaty score is read as a scenario parameter is, on the 0-10 scale.
  const Json score = treaty::treaty_json_schema()["$defs"]["article"]["properties"]["scores"]["additionalProperties"];
  CHECK(score == uncertain_value_schema(treaty::kScoreDomain));
  CHECK(score["anyOf"][0]["maximum"] == 10.0);
}

TEST_CASE("the schemas carry the loaders' limits") {
  CHECK(sweep_json_schema()["properties"]["trials_per_point"]["maximum"] == kMaxTrials);
  const Json claims = claims::claims_json_schema();
  CHECK(claims["properties"]["variants"]["maxItems"] == claims::kMaxClaimVariants);
  CHECK(claims["properties"]["claims"]["maxItems"] == claims::kMaxClaimsPerFile);
  CHECK(claims["$defs"]["variant"]["properties"]["changes"]["maxItems"] == claims::kMaxVariantChanges);
  const Json treaty = treaty::treaty_json_schema()["$defs"]["treaty"];
  CHECK(treaty["properties"]["articles"]["maxItems"] == treaty::kMaxArticles);
  CHECK(treaty.dump().find("\"maxItems\":" + std::to_string(treaty::kExactSearchLimit)) != std::string::npos);
}
