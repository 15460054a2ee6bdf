// A stand-alone treaty document as JSON Schema (draft 2020-12), built from the reader's keys and
// choices (treaty_format.h) and limits (treaty/treaty_spec.h) with the descriptions of
// docs/treaty-drafting.md. Scores and reservations take the forms of a scenario parameter, so
// their schema and its "$defs" come from the scenario's. What needs the document's own lists
// stays with the reader: that every map is keyed by the document's actors (each present where
// all are needed), that article ids are unique and that exclusions and presets name articles.
#include <nlohmann/json.hpp>

#include "parley/input/json_schema.h"
#include "parley/scenario/load.h"
#include "parley/scenario/schema.h"
#include "parley/treaty/treaty_schema.h"
#include "parley/treaty/treaty_spec.h"
#include "treaty/treaty_format.h"

namespace parley::treaty {

namespace {

using namespace treaty_input;
using input::closed_object_schema;
using input::described;
using input::non_empty_string_schema;
using input::schema_ref;
using Json = nlohmann::json;

Json actor_map(Json value, const std::string& description) {
  return {{"type", "object"}, {"additionalProperties", std::move(value)}, {"description", description}};
}

Json article_schema() {
  const Json text{{"type", "string"}};
  return closed_object_schema(
      "one article of the treaty", kArticleKeys,
      {{"id", described(schema_ref("treaty_id"), "unique id")},
       {"title", described(text, "free text")},
       {"category", described(text, "free text")},
       {"scores", actor_map(uncertain_value_schema(kScoreDomain),
                            "{ACTOR: value} for every actor, on 0-10: a number, {\"value\": x, \"source\": {...}} or a "
                            "distribution whose whole support lies in [0, 10]")},
       {"negotiability", actor_map(input::bounded_number_schema(kScoreDomain),
                                   "{ACTOR: number in [0, 10]} for every actor; reported, not used for acceptance")},
       {"salience",
        actor_map(input::bounded_number_schema(kNonNegative), "additive rule only: {ACTOR: weight >= 0} (default 1)")}},
      Json::object(), {"id", "scores"});
}

Json preset_schema() {
  return closed_object_schema("a draft to evaluate as given", kPresetKeys,
                              {{"name", {{"type", "string"}, {"description", "the draft's name in the report"}}},
                               {"articles",
                                {{"type", "array"},
                                 {"items", schema_ref("treaty_id")},
                                 {"minItems", 1},
                                 {"uniqueItems", true},
                                 {"description", "the draft's article ids"}}}},
                              Json::object(), {"name", "articles"});
}

// The acceptance keys follow the rule; the exact search takes at most kExactSearchLimit articles.
Json rule_conditions() {
  const Json additive{{"properties", {{"rule", {{"const", rule_name(AggregationRule::kAdditive)}}}}},
                      {"required", {"rule"}}};
  const Json heuristic{{"properties", {{"search", {{"const", search_method_name(SearchMethod::kHeuristic)}}}}},
                       {"required", {"search"}}};
  const Json no_salience{{"items", {{"properties", {{"salience", false}}}}}};
  const Json additive_keys{{"required", {"reservation"}}, {"properties", {{"thresholds", false}}}};
  const Json average_keys{{"required", {"thresholds"}},
                          {"properties", {{"reservation", false}, {"articles", no_salience}}}};
  const Json exact_limit{{"properties", {{"articles", {{"maxItems", kExactSearchLimit}}}}}};
  return Json::array({{{"if", additive}, {"then", additive_keys}, {"else", average_keys}},
                      {{"if", {{"not", heuristic}}}, {"then", exact_limit}}});
}

Json block_schema() {
  Json schema = closed_object_schema(
      "discrete treaty articles, how each actor scores them and the rule that turns a draft into acceptance",
      kBlockKeys,
      {{"articles",
        input::array_schema(schema_ref("article"), 1, kMaxArticles,
                            "the articles; at most " + std::to_string(kExactSearchLimit) + " for the exact search, " +
                                std::to_string(kMaxArticles) + " for the heuristic")},
       {"exclusions",
        {{"type", "array"},
         {"items", input::array_schema(schema_ref("treaty_id"), 2, 2)},
         {"description", "[[id, id], ...]: pairs of articles that cannot both be in a draft"}}},
       {"thresholds", actor_map(input::bounded_number_schema(kScoreDomain),
                                "average rule: {ACTOR: minimum mean score in [0, 10]} for every actor")},
       {"rule",
        {{"enum", kRuleNames},
         {"default", kRuleNames.front()},
         {"description",
          "average (the published CSIS rule: mean score against a threshold) or additive (Parley's: sum of "
          "salience x score against a reservation value)"}}},
       {"reservation",
        actor_map(uncertain_value_schema(kAnyReal),
                  "additive rule: {ACTOR: value} for every actor, the value of continuing the war (\"" +
                      std::string(kWarValuesReservation) +
                      "\" takes them from a scenario's bargaining block, so only a scenario's treaty block has it)")},
       {"required",
        {{"type", "array"},
         {"items", schema_ref("treaty_id")},
         {"minItems", 1},
         {"uniqueItems", true},
         {"description", "actor ids whose acceptance a draft needs (default: all)"}}},
       {"presets",
        {{"type", "array"}, {"items", schema_ref("preset")}, {"description", "drafts to evaluate as given"}}},
       {"search",
        {{"enum", kSearchNames},
         {"default", kSearchNames.front()},
         {"description", "exact (every draft) or heuristic (multi-start local search)"}}}});
  schema["allOf"] = rule_conditions();
  return schema;
}

}  // namespace

nlohmann::json treaty_json_schema() {
  const Json scenario_defs = scenario_json_schema()["$defs"];
  const Json schema = closed_object_schema(
      "A Parley treaty document, the input of parley draft: actors and a treaty block of discrete articles. See "
      "docs/treaty-drafting.md.",
      kDocumentKeys,
      {{"name", non_empty_string_schema("short name of the treaty")},
       {"description", {{"type", "string"}, {"description", "free text"}}},
       {"actors",
        {{"type", "array"},
         {"items", {{"type", "string"}, {"minLength", 1}}},
         {"minItems", 1},
         {"uniqueItems", true},
         {"description", "the actor ids the treaty block's maps are keyed by"}}},
       {"treaty", schema_ref("treaty")}},
      Json::object(), {"name", "actors", "treaty"});
  Json defs{{"treaty_id",
             {{"description", "an article or actor id: a non-empty string or a non-negative integer"},
              {"anyOf", {{{"type", "string"}, {"minLength", 1}}, {{"type", "integer"}, {"minimum", 0}}}}}},
            {"source", scenario_defs["source"]},
            {"distribution", scenario_defs["distribution"]},
            {"article", article_schema()},
            {"preset", preset_schema()},
            {"treaty", block_schema()}};
  return input::schema_document("Parley treaty document", schema, std::move(defs));
}

}  // namespace parley::treaty
