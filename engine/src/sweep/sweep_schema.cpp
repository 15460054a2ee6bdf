// The sweep file format as JSON Schema (draft 2020-12), built from the loader's keys, choices
// and limits (sweep_format.h, sweep_file.h) with the descriptions of docs/sweeps.md. What needs
// the scenario stays with the loader: that each pointer names a numeric parameter, that each
// value gives a valid scenario, the metric names, a grid's level count per parameter and the
// claims file's baseline.
#include <nlohmann/json.hpp>

#include "parley/claims/claims.h"
#include "parley/input/json_schema.h"
#include "parley/scenario/load.h"
#include "parley/sweep/sweep_schema.h"
#include "sweep/sweep_format.h"

namespace parley {

namespace {

using namespace sweep_input;
using input::closed_object_schema;
using input::described;
using input::non_empty_string_schema;
using input::schema_ref;
using Json = nlohmann::json;

Json seed_schema(const std::string& description) {
  return {{"type", "integer"}, {"minimum", 0}, {"maximum", kMaxSeed}, {"description", description}};
}

Json parameter_schema() {
  const Json number{{"type", "number"}};
  Json schema = closed_object_schema(
      "one swept parameter: a scenario pointer and either a range or a list of values", kParameterKeys,
      {{"pointer", described(schema_ref("json_pointer"),
                             "JSON pointer (RFC 6901) into the scenario that must name a numeric parameter: a number, "
                             "{\"value\": x, ...} or a distribution; at each point the whole parameter is replaced by "
                             "a plain number")},
       {"range", input::array_schema(number, 2, 2, "[lower, upper], finite, lower < upper")},
       {"scale",
        {{"enum", kScaleNames},
         {"default", kScaleNames.front()},
         {"description", "how a range is spread: linear, or log (both ends > 0)"}}},
       {"values",
        {{"type", "array"}, {"items", number}, {"minItems", 1}, {"description", "a list of values taken as written"}}},
       {"source", described(schema_ref("source"),
                            "where the range or values come from (the scenario format's source); reported in "
                            "summary.json")}},
      Json::object(), {"pointer"});
  schema["oneOf"] = {{{"required", {"range"}}}, {{"required", {"values"}}}};
  schema["dependentRequired"] = {{"scale", {"range"}}};
  schema["if"] = {{"properties", {{"scale", {{"const", "log"}}}}}, {"required", {"scale"}}};
  schema["then"] = {{"properties", {{"range", {{"items", {{"exclusiveMinimum", 0}}}}}}}};
  return schema;
}

Json design_schema() {
  const Json level{{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxGridLevels}};
  Json schema = closed_object_schema(
      "how the points are chosen", kDesignKeys,
      {{"kind", {{"enum", kDesignNames}, {"description", "the design"}}},
       {"points",
        {{"type", "integer"},
         {"minimum", 1},
         {"maximum", kMaxSweepPoints},
         {"description", "latin_hypercube and sobol: the number of points; saltelli: the base sample N (at least " +
                             std::to_string(kMinSaltelliRows) +
                             "), run as N (d + 2) points for d parameters (a power of 2 is best); at most " +
                             std::to_string(kMaxSweepPoints) + " points in all (kMaxSweepPoints)"}}},
       {"levels",
        {{"description",
          "grid only: levels per range parameter, one integer for all or a list with one entry per parameter (a "
          "values parameter always uses all its values; its entry must equal their count); at most " +
              std::to_string(kMaxSweepPoints) + " grid points in all"},
         {"anyOf", {level, input::array_schema(level, 1, kMaxSweepParameters)}}}},
       {"seed", seed_schema("the Latin hypercube's draws and the Saltelli bootstrap (default 0)")}},
      Json::object(), {"kind"});
  const Json is_grid{{"properties", {{"kind", {{"const", "grid"}}}}}};
  const Json is_saltelli{{"properties", {{"kind", {{"const", "saltelli"}}}}}};
  schema["allOf"] = {{{"if", is_grid},
                      {"then", {{"properties", {{"points", false}}}}},
                      {"else", {{"required", {"points"}}, {"properties", {{"levels", false}}}}}},
                     {{"if", is_saltelli}, {"then", {{"properties", {{"points", {{"minimum", kMinSaltelliRows}}}}}}}}};
  return schema;
}

Json claims_schema() {
  return closed_object_schema(
      "claims tested at every point: a claims file (docs/claims-format.md) whose baseline is the sweep's scenario",
      kClaimsKeys,
      {{"file", non_empty_string_schema("the claims file, relative to the sweep file's directory (or absolute)")},
       {"ids", input::array_schema(schema_ref("identifier"), 1, claims::kMaxClaimsPerFile,
                                   "the claims to test (default: all)")}},
      Json::object(), {"file"});
}

// A grid needs "levels" as soon as one parameter has a range.
Json grid_levels_rule() {
  return {{"if",
           {{"properties",
             {{"design", {{"properties", {{"kind", {{"const", "grid"}}}}}, {"required", {"kind"}}}},
              {"parameters", {{"contains", {{"required", {"range"}}}}}}}},
            {"required", {"design", "parameters"}}}},
          {"then", {{"properties", {{"design", {{"required", {"levels"}}}}}}}}};
}

}  // namespace

nlohmann::json sweep_json_schema() {
  const Json scenario_defs = scenario_json_schema()["$defs"];
  Json schema = closed_object_schema(
      "A Parley sweep: which scenario parameters to vary, over what ranges, with which design, and what to report "
      "at every point. See docs/sweeps.md.",
      kSweepKeys,
      {{"name", non_empty_string_schema("reported in summary.json")},
       {"description", non_empty_string_schema("free text")},
       {"scenario", non_empty_string_schema("the scenario file, relative to the sweep file's directory (or absolute)")},
       {"parameters",
        input::array_schema(schema_ref("parameter"), 1, kMaxSweepParameters, "the swept parameters, at least one")},
       {"design", schema_ref("design")},
       {"trials_per_point",
        {{"type", "integer"},
         {"minimum", 1},
         {"maximum", kMaxTrials},
         {"description", "Monte Carlo trials at every point"}}},
       {"seed", seed_schema("the trial seed, the same at every point (default: the scenario's seed)")},
       {"metrics",
        {{"type", "array"},
         {"items", {{"type", "string"}}},
         {"minItems", 1},
         {"uniqueItems", true},
         {"description", "metric names of the scenario (docs/metrics.md), in output order (default: all of them)"}}},
       {"claims", schema_ref("claims")}},
      Json::object(), {"name", "scenario", "parameters", "design", "trials_per_point"});
  schema["allOf"] = {grid_levels_rule()};
  Json defs{
      {"identifier", scenario_defs["identifier"]},
      {"source", scenario_defs["source"]},
      {"json_pointer",
       {{"type", "string"},
        {"pattern", "^/([^~]|~[01])*$"},
        {"description", "a JSON pointer (RFC 6901) inside the document, such as /battlefield/defence_bias_per_month"}}},
      {"parameter", parameter_schema()},
      {"design", design_schema()},
      {"claims", claims_schema()}};
  return input::schema_document("Parley sweep", schema, std::move(defs));
}

}  // namespace parley
