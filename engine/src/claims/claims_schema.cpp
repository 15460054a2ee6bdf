// The claims file format as JSON Schema (draft 2020-12), built from the loader's keys and choices
// (claims_format.h) and limits (claims/claims.h) with the descriptions of docs/claims-format.md.
// A change's "source" is the scenario format's, copied from its schema's "$defs". What needs the
// baseline scenario or the whole file stays with the loader: that a change's pointer names a
// place in the scenario and its value gives a valid scenario, the metric names, that ids are
// unique and that "builds_on", "baseline", "variant" and "opposes" name what exists.
#include <nlohmann/json.hpp>

#include "claims/claims_format.h"
#include "parley/claims/claims.h"
#include "parley/claims/claims_schema.h"
#include "parley/input/json_schema.h"
#include "parley/scenario/load.h"

namespace parley::claims {

namespace {

using namespace claims_input;
using input::array_schema;
using input::closed_object_schema;
using input::described;
using input::non_empty_string_schema;
using input::schema_ref;
using Json = nlohmann::json;

Json article_name(const std::string& description) {
  return {{"type", "string"}, {"minLength", 1}, {"pattern", "^[^/\\\\]+$"}, {"description", description}};
}

Json change_schema() {
  return closed_object_schema(
      "one change: writes value at pointer of the scenario document", kChangeKeys,
      {{"pointer",
        {{"type", "string"},
         {"pattern", "^/([^~]|~[01])*$"},
         {"description",
          "JSON pointer (RFC 6901) into the scenario: an existing place, or a new key of an existing "
          "object"}}},
       {"value",
        {{"description",
          "the value written there, in the scenario format (it may be an uncertain "
          "parameter); the changed scenario is validated by the scenario loader"}}},
       {"source",
        described(schema_ref("source"), "the article (with a quote), reference or assumption the change comes from")}},
      Json::object(), {"pointer", "value", "source"});
}

Json variant_schema() {
  Json changes = array_schema(schema_ref("change"), 1, kMaxVariantChanges, "the changes, applied in order");
  return closed_object_schema(
      "a policy variant: the baseline (or an earlier variant) with a list of changes", kVariantKeys,
      {{"id",
        {{"allOf", {schema_ref("identifier"), {{"not", {{"const", kBaselineId}}}}}},
         {"description", "unique id; \"baseline\" names the unchanged baseline"}}},
       {"description", non_empty_string_schema("what the variant changes")},
       {"builds_on",
        described(schema_ref("identifier"), "\"baseline\" (default) or a variant defined earlier in the file")},
       {"changes", changes}},
      Json::object(), {"id", "description", "changes"});
}

Json claim_schema() {
  const Json opposes_id = schema_ref("identifier");
  Json schema = closed_object_schema(
      "one claim: a metric, the expected direction and the scenarios compared", kClaimKeys,
      {{"id", described(schema_ref("identifier"), "unique across the files evaluated together")},
       {"article", article_name("the article the claim comes from (default: the file's article)")},
       {"quote", non_empty_string_schema("the article's words the claim rests on")},
       {"statement", non_empty_string_schema("the claim in Parley's terms")},
       {"metric", non_empty_string_schema("what is measured (docs/metrics.md), e.g. p_settled_by_60")},
       {"expect",
        {{"enum", kExpectationNames},
         {"description",
          "higher or lower (the variant against the baseline), above or below (one scenario against a "
          "threshold)"}}},
       {"by_at_least",
        {{"type", "number"},
         {"minimum", 0},
         {"default", 0},
         {"description", "higher/lower: the smallest effect claimed"}}},
       {"threshold", {{"type", "number"}, {"description", "above/below: the level"}}},
       {"baseline", described(schema_ref("identifier"), "higher/lower: \"baseline\" or a variant id")},
       {"variant", described(schema_ref("identifier"), "\"baseline\" or a variant id")},
       {"opposes",
        {{"description",
          "ids of claims this one contradicts: claims of the files tested together or of a claims file in the "
          "same folder"},
         {"anyOf", {opposes_id, {{"type", "array"}, {"items", opposes_id}}}}}}},
      Json::object(), {"id", "quote", "metric", "expect", "variant"});
  Json level{{"properties", {{"expect", {{"enum", {kExpectationNames[2], kExpectationNames[3]}}}}}},
             {"required", {"expect"}}};
  schema["if"] = level;
  schema["then"] = {{"required", {"threshold"}}, {"properties", {{"by_at_least", false}, {"baseline", false}}}};
  schema["else"] = {{"required", {"baseline"}}, {"properties", {{"threshold", false}}}};
  return schema;
}

}  // namespace

nlohmann::json claims_json_schema() {
  const Json scenario_defs = scenario_json_schema()["$defs"];
  Json claims = array_schema(schema_ref("claim"), 1, kMaxClaimsPerFile, "at least one claim");
  Json schema = closed_object_schema(
      "A Parley claims file: an article's arguments as scenario variants and claims about a metric. See "
      "docs/claims-format.md.",
      kClaimsFileKeys,
      {{"name", described(schema_ref("identifier"), "an identifier for the file")},
       {"title", non_empty_string_schema("the article's title, shown in the report")},
       {"description", non_empty_string_schema("free text")},
       {"article", article_name("the default article of the file's claims: an article's file name")},
       {"baseline",
        non_empty_string_schema("the scenario file every variant starts from, relative to the claims file")},
       {"variants", array_schema(schema_ref("variant"), 0, kMaxClaimVariants, "the policy variants")},
       {"claims", claims}},
      Json::object(), {"name", "baseline", "claims"});
  // Without a file-wide article every claim names its own.
  schema["if"] = {{"not", {{"required", {"article"}}}}};
  schema["then"] = {{"properties", {{"claims", {{"items", {{"required", {"article"}}}}}}}}};
  Json defs{{"identifier", scenario_defs["identifier"]},
            {"source", scenario_defs["source"]},
            {"change", change_schema()},
            {"variant", variant_schema()},
            {"claim", claim_schema()}};
  return input::schema_document("Parley claims file", schema, std::move(defs));
}

}  // namespace parley::claims
