// The structural keys and enumerations of the scenario format, listed once.
//
// Where it sits: private to the loader (load.cpp) and the schema generator (schema.cpp). The
// parameter fields come from the groups' for_each_field tables in scenario.h; what is here is
// the skeleton around them: which objects exist, their non-parameter keys, and the spellings
// of the enumerations. The schema generator refuses a key listed here that it has no schema
// for, so the loader and the schema cannot drift apart silently.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "parley/scenario/scenario.h"

namespace parley::scenario_input {

inline const std::vector<std::string> kScenarioKeys{
    "name",        "description", "horizon_months", "trials", "seed",       "mechanisms", "issues", "actors",
    "battlefield", "aid",         "sanctions",      "events", "bargaining", "treaty"};
inline const std::vector<std::string> kIssueKeys{"id", "name", "owners", "status_quo", "line_of_control"};
inline const std::vector<std::string> kActorKeys{"id",      "name",   "role",   "preferences",
                                                 "support", "forces", "belief", "positions"};
// Besides the fields of the parameter group that shares the object.
inline const std::vector<std::string> kBattlefieldKeys{"holder", "opponent", "process"};
inline const std::vector<std::string> kAidKeys{"patron", "recipient", "policy"};
inline const std::vector<std::string> kAidPolicyKeys{"kind", "end_month", "stop_on_stalemate",
                                                     "stalemate_window_months", "stalemate_band_share"};
inline const std::vector<std::string> kSanctionsKeys{"holders", "target"};
inline const std::vector<std::string> kEventKeys{"id", "kind", "actor", "month", "new_aid_policy"};
inline const std::vector<std::string> kBargainingKeys{"format",
                                                      "solution",
                                                      "utility",
                                                      "forced_talks_month",
                                                      "review_every_months",
                                                      "peace_window_months",
                                                      "armistice_after_months",
                                                      "small_steps",
                                                      "territory_issue",
                                                      "guarantee_issue",
                                                      "sanctions_issue",
                                                      "first_proposer",
                                                      "offer_rounds",
                                                      "private_cost",
                                                      "feared_breakdown",
                                                      "talks",
                                                      "commitment",
                                                      "actors",
                                                      "coercion"};
inline const std::vector<std::string> kCoercionKeys{"id", "by", "target", "issue", "deadline_month"};
// The issues the bargaining layer links to the war, and the ids it looks for when none is named.
inline const std::vector<std::pair<std::string, std::string>> kLinkedIssues{{"territory_issue", "territory"},
                                                                            {"guarantee_issue", "security_guarantee"},
                                                                            {"sanctions_issue", "sanctions_relief"}};

inline constexpr long long kDefaultTrials = 10000;
inline constexpr unsigned long long kDefaultSeed = 1;

struct MechanismFlag {
  const char* key;
  bool Mechanisms::*member;
  const char* description;
};
inline const std::vector<MechanismFlag> kMechanismFlags{
    {"strength", &Mechanisms::strength, "mobilisation and attrition; off: strengths stay at their initial values"},
    {"aid", &Mechanisms::aid, "aid flows; off: no aid reaches any recipient"},
    {"support", &Mechanisms::support, "support dynamics; off: support stays at its initial value"},
    {"sanctions", &Mechanisms::sanctions, "economy drag and the crisis hazard"},
    {"beliefs", &Mechanisms::beliefs, "belligerents update their beliefs about the drift"},
    {"events", &Mechanisms::events, "elections and support shocks"},
};

template <class Enum>
using Spellings = std::vector<std::pair<std::string, Enum>>;

inline const Spellings<Role> kRoleNames{{"belligerent", Role::kBelligerent}, {"third_party", Role::kThirdParty}};
inline const Spellings<FrontProcess> kProcessNames{{"diffusion", FrontProcess::kDiffusion},
                                                   {"random_walk", FrontProcess::kRandomWalk}};
inline const Spellings<AidPolicyKind> kAidPolicyNames{{"as_long_as_it_takes", AidPolicyKind::kAsLongAsItTakes},
                                                      {"until", AidPolicyKind::kUntil},
                                                      {"conditional_on_talks", AidPolicyKind::kConditionalOnTalks},
                                                      {"none", AidPolicyKind::kNone}};
inline const Spellings<EventKind> kEventKindNames{{"election", EventKind::kElection},
                                                  {"support_shock", EventKind::kSupportShock}};

// From the descriptor rows (talks_format.h, solution_concept.h): the scenario accepts every talks
// format and the solution concepts the table can solve.
inline const Spellings<TalksFormat> kTalksFormatNames = [] {
  Spellings<TalksFormat> names;
  for (const auto& row : kTalksFormats) names.emplace_back(std::string(row.name), row.format);
  return names;
}();
inline const Spellings<SolutionConcept> kSolutionNames = [] {
  Spellings<SolutionConcept> names;
  for (const auto& row : kSolutionConcepts)
    if (applies(row.concept_id, ConceptUse::kTable)) names.emplace_back(std::string(row.name), row.concept_id);
  return names;
}();
inline const Spellings<UtilityShape> kUtilityNames{{"quadratic", UtilityShape::kQuadratic},
                                                   {"linear", UtilityShape::kLinear}};

template <class Enum>
[[nodiscard]] std::vector<std::string> names_of(const Spellings<Enum>& spellings) {
  std::vector<std::string> names;
  for (const auto& entry : spellings) names.push_back(entry.first);
  return names;
}

template <class Enum>
[[nodiscard]] Enum value_of(const Spellings<Enum>& spellings, const std::string& name) {
  for (const auto& entry : spellings)
    if (entry.first == name) return entry.second;
  return spellings.front().second;
}

}  // namespace parley::scenario_input
