// The scenario format as JSON Schema (draft 2020-12), built from the same tables the loader
// reads: the parameter groups' for_each_field, the distribution and source tables
// (parameter_input.h) and the structural keys (format_keys.h). Editors use the checked-in copy,
// docs/scenario.schema.json, for completion and inline errors; a test keeps it equal to this.
//
// The schema states shapes, types, bounds and enumerations. A few rules need the whole
// document and stay with the loader: references to ids, uniqueness of ids, and that a
// distribution's whole support lies inside its field's domain.
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "parley/input/json_reader.h"
#include "parley/input/json_schema.h"
#include "parley/scenario/load.h"
#include "parley/scenario/schema.h"
#include "scenario/format_keys.h"
#include "scenario/parameter_input.h"

namespace parley {

namespace {

using namespace scenario_input;
using namespace input;

std::string domain_text(const Domain& domain) {
  return interval_text(domain.lower, domain.lower_open, domain.upper, domain.upper_open);
}

// A parameter in any of its three forms.
Json parameter_schema(const FieldInfo& field) {
  Json schema;
  std::string description = std::string(field.description) + ". Domain " + domain_text(field.domain) +
                            " (for a distribution: its whole support).";
  if (field.default_value) {
    schema["default"] = *field.default_value;
  } else {
    description += " Required.";
  }
  schema["description"] = description;
  schema["anyOf"] = uncertain_value_schema(field.domain)["anyOf"];
  return schema;
}

template <class Group>
void add_fields(Json& properties, Json& required) {
  Group::for_each_field([&](const FieldInfo& field, auto) {
    properties[field.key] = parameter_schema(field);
    if (!field.default_value) required.push_back(field.key);
  });
}

template <class Group>
Json group_schema(const std::string& description) {
  Json properties = Json::object(), required = Json::array();
  add_fields<Group>(properties, required);
  return closed_object_schema(description, {}, Json::object(), std::move(properties), std::move(required));
}

template <class Enum>
Json enum_schema(const Spellings<Enum>& spellings, const std::string& description) {
  return {{"enum", names_of(spellings)}, {"description", description}};
}

Json id_list(std::size_t max_items, const std::string& description) {
  Json list = input::array_schema(schema_ref("identifier"), 1, max_items, description);
  list["uniqueItems"] = true;
  return list;
}

Json source_schema() {
  Json properties = Json::object();
  for (const auto& key : source_keys()) properties[key.key] = non_empty_string_schema(key.description);
  return {{"type", "object"},
          {"description", "where a value comes from"},
          {"properties", properties},
          {"additionalProperties", false},
          {"anyOf", {{{"required", {"article"}}}, {{"required", {"reference"}}}, {{"required", {"assumption"}}}}},
          {"dependentRequired", {{"article", {"quote"}}}}};
}

Json distribution_schema() {
  Json shapes = Json::array();
  for (const auto& shape : distribution_shapes()) {
    Json properties{{"dist", {{"const", shape.name}}}, {"source", schema_ref("source")}};
    Json required{"dist"};
    for (const auto& key : shape.keys) {
      properties[key.key] = {{"type", "number"}, {"description", key.description}};
      if (key.required) required.push_back(key.key);
    }
    shapes.push_back({{"type", "object"},
                      {"description", shape.description},
                      {"properties", properties},
                      {"required", required},
                      {"additionalProperties", false}});
  }
  return {{"description", "a distribution each trial draws from"}, {"oneOf", shapes}};
}

Json aid_policy_schema() {
  Json schema = closed_object_schema(
      "when aid flows", kAidPolicyKeys,
      {{"kind", enum_schema(kAidPolicyNames, "the policy")},
       {"end_month", described(bounded_number_schema({1, kMaxHorizonMonths, false, false, true}),
                               "kind until: last month with aid, at most horizon_months")},
       {"stop_on_stalemate",
        {{"type", "boolean"}, {"default", false}, {"description", "kind until: stop once the front has stalled"}}},
       {"stalemate_window_months",
        {{"type", "integer"},
         {"minimum", 1},
         {"maximum", kMaxHorizonMonths},
         {"default", 6},
         {"description", "kind until: a stalemate is a front that moved less than the band over this many months"}}},
       {"stalemate_band_share", described(bounded_number_schema(kShare), "kind until: the band, share of territory")}},
      Json::object(), {"kind"});
  Json not_until{{"properties", Json::object()}};
  for (std::size_t k = 1; k < kAidPolicyKeys.size(); ++k) not_until["properties"][kAidPolicyKeys[k]] = false;
  schema["if"] = {{"properties", {{"kind", {{"const", "until"}}}}}};
  schema["then"] = {
      {"anyOf",
       {{{"required", {"end_month"}}},
        {{"properties", {{"stop_on_stalemate", {{"const", true}}}}}, {"required", {"stop_on_stalemate"}}}}}};
  schema["else"] = not_until;
  return schema;
}

Json position_map_schema() {
  return {{"type", "object"},
          {"description", "the actor's stance per issue id; an issue left out sits at its status quo with salience 0"},
          {"propertyNames", schema_ref("identifier")},
          {"additionalProperties", schema_ref("position")}};
}

Json actor_schema() {
  Json schema = closed_object_schema(
      "one actor", kActorKeys,
      {{"id", described(schema_ref("identifier"), "short unique id used in references, e.g. UKR")},
       {"name", non_empty_string_schema("display name (default: the id)")},
       {"role", enum_schema(kRoleNames, "belligerents fight; third parties give aid and hold sanctions")},
       {"preferences", schema_ref("preferences")},
       {"support", schema_ref("support")},
       {"forces", described(schema_ref("forces"), "belligerents only")},
       {"belief", described(schema_ref("belief"), "belligerents only")},
       {"positions", position_map_schema()}},
      Json::object(), {"id", "role", "preferences", "support"});
  schema["if"] = {{"properties", {{"role", {{"const", "belligerent"}}}}}};
  schema["then"] = {{"required", {"forces", "belief"}}};
  schema["else"] = {{"properties", {{"forces", false}, {"belief", false}}}};
  return schema;
}

Json battlefield_schema() {
  Json properties = Json::object(), required{"holder", "opponent"};
  add_fields<BasicBattlefield<Uncertain>>(properties, required);
  Json schema = closed_object_schema(
      "the front between two belligerents", kBattlefieldKeys,
      {{"holder",
        described(schema_ref("identifier"), "belligerent whose share of the contested territory is the front x")},
       {"opponent", described(schema_ref("identifier"), "the other belligerent")},
       {"process",
        {{"enum", names_of(kProcessNames)}, {"default", "diffusion"}, {"description", "how the front moves"}}}},
      std::move(properties), std::move(required));
  schema["if"] = {{"not", {{"properties", {{"process", {{"const", "random_walk"}}}}}, {"required", {"process"}}}}};
  schema["then"] = {{"properties", {{"walk_step_share", false}}}};
  return schema;
}

Json aid_flow_schema() {
  Json properties = Json::object(), required{"patron", "recipient"};
  add_fields<BasicAidFlow<Uncertain>>(properties, required);
  return closed_object_schema(
      "aid from a patron to a belligerent", kAidKeys,
      {{"patron", described(schema_ref("identifier"), "the actor who gives aid")},
       {"recipient", described(schema_ref("identifier"), "the belligerent who receives it")},
       {"policy", described(schema_ref("aid_policy"), "default {\"kind\": \"as_long_as_it_takes\"}")}},
      std::move(properties), std::move(required));
}

Json sanctions_schema() {
  Json properties = Json::object(), required{"holders", "target"};
  add_fields<BasicSanctions<Uncertain>>(properties, required);
  return closed_object_schema("sanctions on a belligerent's economy", kSanctionsKeys,
                              {{"holders", id_list(kMaxActors, "actors who impose (and can lift) the sanctions")},
                               {"target", described(schema_ref("identifier"), "the sanctioned belligerent")}},
                              std::move(properties), std::move(required));
}

Json event_schema() {
  Json properties = Json::object(), required{"id", "kind", "actor"};
  add_fields<BasicEventParams<Uncertain>>(properties, required);
  Json schema = closed_object_schema(
      "an election or a support shock", kEventKeys,
      {{"id", described(schema_ref("identifier"), "unique id; names the event's parameters")},
       {"kind", enum_schema(kEventKindNames, "what happens")},
       {"actor", described(schema_ref("identifier"), "whose aid policy (election) or support (shock) changes")},
       {"month", described(bounded_number_schema({1, kMaxHorizonMonths, false, false, true}),
                           "month it fires, at most horizon_months; a shock without one may fire any month")},
       {"new_aid_policy",
        described(schema_ref("aid_policy"), "election only: the policy the actor's aid switches to")}},
      std::move(properties), std::move(required));
  schema["if"] = {{"properties", {{"kind", {{"const", "election"}}}}}};
  schema["then"] = {{"required", {"month", "new_aid_policy"}}, {"properties", {{"delta_share", false}}}};
  schema["else"] = {{"properties", {{"new_aid_policy", false}}}};
  return schema;
}

Json mechanisms_schema() {
  Json structural = Json::object();
  std::vector<std::string> keys;
  for (const auto& flag : kMechanismFlags) {
    keys.emplace_back(flag.key);
    structural[flag.key] = {{"type", "boolean"}, {"default", true}, {"description", flag.description}};
  }
  return closed_object_schema("which mechanisms run (all on by default)", keys, structural);
}

Json bargaining_schema() {
  const Json month = bounded_number_schema({1, kMaxHorizonMonths, false, false, true});
  Json coercion_properties = Json::object(), coercion_required{"id", "by", "target", "issue", "deadline_month"};
  add_fields<BasicCoercion<Uncertain>>(coercion_properties, coercion_required);
  Json coercion =
      closed_object_schema("a demand with a deadline, backed by a threat and an inducement", kCoercionKeys,
                           {{"id", described(schema_ref("identifier"), "unique id; names the demand's parameters")},
                            {"by", described(schema_ref("identifier"), "the third party making the demand")},
                            {"target", described(schema_ref("identifier"), "the belligerent it is made of")},
                            {"issue", described(schema_ref("identifier"), "the issue the demand is about")},
                            {"deadline_month", described(month, "month at which the target complies or refuses")}},
                           std::move(coercion_properties), std::move(coercion_required));
  Json structural{
      {"format",
       {{"enum", names_of(kTalksFormatNames)}, {"default", "bilateral"}, {"description", "who sits at the table"}}},
      {"solution", {{"enum", names_of(kSolutionNames)}, {"default", "nash"}, {"description", "the solution concept"}}},
      {"utility",
       {{"enum", names_of(kUtilityNames)},
        {"default", "quadratic"},
        {"description", "loss over distance from ideal points"}}},
      {"forced_talks_month", described(month, "talks open at this month whatever ripeness says (pressure, a summit)")},
      {"review_every_months", described(month, "talks are considered every this many months (default 1)")},
      {"peace_window_months", described(month, "months after a deal during which it can break down (default 60)")},
      {"armistice_after_months",
       described(month,
                 "months a ceasefire without a deal (a freeze, small_steps) must hold to end the war as an "
                 "armistice, dated by the freeze (default: peace_window_months)")},
      {"small_steps",
       {{"type", "boolean"}, {"default", false}, {"description", "partial agreements while no full deal is possible"}}},
      {"first_proposer",
       described(schema_ref("identifier"),
                 "with \"solution\": \"alternating_offers\": the belligerent who makes the first offer at each review; "
                 "the exact alternating-offers equilibrium (Rubinstein 1982) instead of the frequent-offers limit")},
      {"offer_rounds",
       described(bounded_number_schema({1, kMaxHorizonMonths, false, false, true}),
                 "with \"first_proposer\": offers before talks fail, the finite horizon (Stahl 1972); default none")},
      {"feared_breakdown",
       {{"enum", {"mistrust", "consistent"}},
        {"default", "mistrust"},
        {"description",
         "the chance of a breakdown a side fears: \"mistrust\", commitment's mistrust_prob as stated; "
         "\"consistent\", solved as the breakdown rate of the deals the model itself produces with that fear "
         "(a fixed point over a pilot run; mistrust_prob must then be absent)"}}},
      {"private_cost",
       described(schema_ref("identifier"),
                 "with \"offer_rounds\": 1: the responder whose cost weight is its private type; the proposer knows "
                 "its prior (the actor's cost_weight distribution) and screens with its ultimatum at each review, "
                 "learning from each rejection (Fearon 1995; Powell 2004)")},
      {"talks", schema_ref("talks")},
      {"commitment", schema_ref("commitment")},
      {"actors",
       {{"type", "object"},
        {"description", "each actor's place at the table, by actor id; an actor left out takes the defaults"},
        {"propertyNames", schema_ref("identifier")},
        {"additionalProperties", schema_ref("actor_bargaining")}}},
      {"coercion", input::array_schema(coercion, 0, kMaxEvents)}};
  for (const auto& [key, default_id] : kLinkedIssues)
    structural[key] = described(schema_ref("identifier"),
                                "issue linked to the war (default: the issue with id '" + default_id + "')");
  return closed_object_schema("the bargaining layer: talks, deals and their durability", kBargainingKeys, structural);
}

// The "treaty" block, which this loader leaves to treaty/ (treaty/draft_input.h): its keys and
// what they hold, for editors. scenario/ may not include treaty/, so "war_values" is written
// here; tests/treaty_spec_test.cpp checks it against treaty::kWarValuesReservation.
Json treaty_schema() {
  return {
      {"type", "object"},
      {"description",
       "discrete treaty articles for parley draft (docs/treaty-drafting.md); the treaty loader validates the "
       "contents"},
      {"properties",
       {{"articles",
         {{"type", "array"},
          {"description", "articles: id, title, category, scores, negotiability and salience per actor"}}},
        {"exclusions", {{"type", "array"}, {"description", "pairs of article ids that cannot both be in a draft"}}},
        {"rule", {{"enum", {"average", "additive"}}, {"description", "how a draft's scores become acceptance"}}},
        {"thresholds", {{"type", "object"}, {"description", "average rule: {ACTOR: minimum mean score, 0-10}"}}},
        {"reservation",
         {{"description",
           "additive rule: {ACTOR: value}, or \"war_values\" for each actor's disagreement value at month 0 from "
           "the \"bargaining\" block, scaled by its best draft"},
          {"oneOf", Json::array({{{"type", "object"}}, {{"const", "war_values"}}})}}},
        {"required", {{"type", "array"}, {"description", "actor ids whose acceptance a draft needs"}}},
        {"presets", {{"type", "array"}, {"description", "drafts to evaluate as given: {name, articles}"}}},
        {"search", {{"enum", {"exact", "heuristic"}}, {"description", "exact (at most 30 articles) or heuristic"}}}}},
      {"additionalProperties", false}};
}

// Every schema the top level refers to by "$ref": "#/$defs/NAME".
Json definitions() {
  Json defs{
      {"identifier",
       {{"type", "string"}, {"pattern", "^[A-Za-z0-9_]+$"}, {"description", "letters, digits and underscores"}}},
      {"source", source_schema()},
      {"distribution", distribution_schema()},
      {"preferences", group_schema<BasicPreferences<Uncertain>>("how the actor weighs time and cost")},
      {"support", group_schema<BasicSupport<Uncertain>>("political support for the war effort")},
      {"forces", group_schema<BasicForces<Uncertain>>("military strength (belligerents)")},
      {"belief", group_schema<BasicBelief<Uncertain>>("normal belief about the front's drift (belligerents)")},
      {"position", group_schema<BasicPosition<Uncertain>>("the actor's stance on one issue")},
      {"aid_policy", aid_policy_schema()},
      {"issue",
       closed_object_schema(
           "one issue of the bargaining space, in [0, 1]", kIssueKeys,
           {{"id", described(schema_ref("identifier"), "unique id used in positions")},
            {"name", non_empty_string_schema("display name (default: the id)")},
            {"owners", id_list(kMaxActors, "actors whose consent a change on this issue needs")},
            {"status_quo", described(bounded_number_schema(kShare), "value while off the table or without a deal")},
            {"line_of_control",
             {{"type", "boolean"},
              {"default", false},
              {"description",
               "a line of control on the front's scale: its status quo is the front each month (no "
               "status_quo), a victory the victor's full claim"}}}},
           Json::object(), {"id", "owners"})},
      {"actor", actor_schema()},
      {"battlefield", battlefield_schema()},
      {"aid_flow", aid_flow_schema()},
      {"sanctions", sanctions_schema()},
      {"event", event_schema()},
      {"mechanisms", mechanisms_schema()},
      {"talks", group_schema<BasicTalks<Uncertain>>("when talks open: ripeness")},
      {"commitment", group_schema<BasicCommitment<Uncertain>>("whether deals hold: the commitment problem")},
      {"actor_bargaining", group_schema<BasicActorBargaining<Uncertain>>("an actor's place at the table")},
      {"bargaining", bargaining_schema()},
  };
  defs["issue"]["properties"]["status_quo"]["default"] = 0.0;
  return defs;
}

}  // namespace

nlohmann::json uncertain_value_schema(const Domain& domain) {
  const Json sourced_value{{"type", "object"},
                           {"properties", {{"value", bounded_number_schema(domain)}, {"source", schema_ref("source")}}},
                           {"required", {"value"}},
                           {"additionalProperties", false}};
  return {{"anyOf", {bounded_number_schema(domain), sourced_value, schema_ref("distribution")}}};
}

nlohmann::json scenario_json_schema() {
  Json schema = closed_object_schema(
      "A Parley scenario: actors, issues and the mechanisms of a war that may end at the bargaining table. "
      "See docs/scenario-format.md.",
      kScenarioKeys,
      {{"name", non_empty_string_schema("short name of the scenario")},
       {"description", {{"type", "string"}, {"description", "free text"}}},
       {"horizon_months",
        described(bounded_number_schema({1, kMaxHorizonMonths, false, false, true}), "months simulated per trial")},
       {"trials",
        {{"type", "integer"},
         {"minimum", 1},
         {"maximum", kMaxTrials},
         {"default", kDefaultTrials},
         {"description", "default number of Monte Carlo trials"}}},
       {"seed",
        {{"type", "integer"},
         {"minimum", 0},
         {"maximum", std::numeric_limits<std::uint64_t>::max()},
         {"default", kDefaultSeed},
         {"description", "default master seed"}}},
       {"mechanisms", schema_ref("mechanisms")},
       {"issues", input::array_schema(schema_ref("issue"), 0, kMaxIssues)},
       {"actors", input::array_schema(schema_ref("actor"), 1, kMaxActors)},
       {"battlefield", schema_ref("battlefield")},
       {"aid", input::array_schema(schema_ref("aid_flow"), 0, kMaxAidFlows)},
       {"sanctions", schema_ref("sanctions")},
       {"events", input::array_schema(schema_ref("event"), 0, kMaxEvents)},
       {"bargaining", schema_ref("bargaining")},
       {"treaty", treaty_schema()}},
      Json::object(), {"name", "horizon_months", "actors", "battlefield"});
  return schema_document("Parley scenario", schema, definitions());
}

}  // namespace parley
