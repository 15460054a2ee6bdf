// The "bargaining" block of the scenario format: values, defaults and every rule, located.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/core/random.h"
#include "parley/scenario/load.h"
#include "scenario_test_support.h"

using namespace parley;
using namespace parley::testing;

namespace {
Json with_bargaining(const Json& block) {
  return with("/bargaining", block);
}
}  // namespace

TEST_CASE("a bargaining block loads with its values and defaults") {
  const Json doc =
      with_bargaining({{"format", "broadened"},
                       {"solution", "alternating_offers"},
                       {"utility", "linear"},
                       {"forced_talks_month", 12},
                       {"peace_window_months", 36},
                       {"small_steps", true},
                       {"talks", {{"pain_threshold", 0.01}}},
                       {"commitment", {{"mistrust_prob", {{"dist", "uniform"}, {"min", 0.2}, {"max", 0.6}}}}},
                       {"actors", {{"RUS", {{"weight", 2.0}, {"regroup_share_per_month", 0.01}}}}},
                       {"coercion",
                        {{{"id", "withdraw"},
                          {"by", "USA"},
                          {"target", "RUS"},
                          {"issue", "territory"},
                          {"deadline_month", 6},
                          {"demand", 0.3},
                          {"threat_credibility", 0.5}}}}});
  const Scenario s = parse_scenario_json(doc, "test");
  REQUIRE(s.bargaining);
  const BargainingSpec& b = *s.bargaining;
  CHECK(b.format == TalksFormat::kBroadened);
  CHECK(b.solution == SolutionConcept::kAlternatingOffers);
  CHECK(b.utility == UtilityShape::kLinear);
  CHECK(b.forced_talks_month == 12);
  CHECK(b.peace_window_months == 36);
  CHECK(b.armistice_after_months == 36);  // default: the peace window, whatever its length
  CHECK(b.review_every_months == 1);
  CHECK(b.small_steps);
  CHECK(b.territory_issue == 0);  // found by its default id
  CHECK(b.sanctions_issue == 1);
  CHECK(b.guarantee_issue == -1);  // no issue with that id
  CHECK(b.talks.pain_threshold.mean() == doctest::Approx(0.01));
  CHECK(b.talks.pain_share_of_stakes.mean() == 0.0);  // default: no relative test, the old rule
  CHECK(b.talks.stalemate_horizon_months.mean() == doctest::Approx(12.0));
  CHECK(b.commitment.mistrust_prob.kind() == Uncertain::Kind::kUniform);
  CHECK(b.commitment.mistrust_prob.key() == fnv1a64("/bargaining/commitment/mistrust_prob"));
  REQUIRE(b.actors.size() == 4);
  CHECK(b.actors[1].weight.mean() == doctest::Approx(2.0));
  CHECK(b.actors[0].weight.mean() == doctest::Approx(1.0));
  CHECK(b.actors[1].regroup_share_per_month.key() == fnv1a64("/bargaining/actors/RUS/regroup_share_per_month"));
  REQUIRE(b.coercion.size() == 1);
  CHECK(b.coercion[0].by == 2);
  CHECK(b.coercion[0].target == 1);
  CHECK(b.coercion[0].deadline_month == 6);
  CHECK(b.coercion[0].params.demand.mean() == doctest::Approx(0.3));
}

TEST_CASE("bargaining rules are reported at their JSON paths") {
  expect_only_problem(with_bargaining({{"format", "bilaterla"}}), "/bargaining/format", "must be one of");
  expect_only_problem(with_bargaining({{"solutoin", "nash"}}), "/bargaining/solutoin", "is not a known key");
  expect_only_problem(with_bargaining({{"forced_talks_month", 500}}), "/bargaining/forced_talks_month", "120");
  expect_only_problem(with_bargaining({{"armistice_after_months", 0}}), "/bargaining/armistice_after_months", "1200");
  expect_only_problem(with_bargaining({{"territory_issue", "land"}}), "/bargaining/territory_issue", "issue");
  expect_only_problem(with_bargaining({{"talks", {{"pain_threshold", -1}}}}), "/bargaining/talks/pain_threshold",
                      ">= 0");
  expect_only_problem(with_bargaining({{"talks", {{"pain_share_of_stakes", -0.1}}}}),
                      "/bargaining/talks/pain_share_of_stakes", ">= 0");
  expect_only_problem(with_bargaining({{"commitment", {{"mistrust_prob", 1.5}}}}),
                      "/bargaining/commitment/mistrust_prob", "[0, 1]");
  expect_only_problem(with_bargaining({{"actors", {{"RUSS", {{"weight", 1}}}}}}), "/bargaining/actors/RUSS",
                      "is not a known key");
  const Json coercion_base = {{"id", "c"},           {"by", "USA"},  {"target", "RUS"}, {"issue", "territory"},
                              {"deadline_month", 3}, {"demand", 0.3}};
  Json by_belligerent = coercion_base;
  by_belligerent["by"] = "UKR";
  expect_only_problem(with_bargaining({{"coercion", {by_belligerent}}}), "/bargaining/coercion/0/by", "third party");
  Json no_demand = coercion_base;
  no_demand.erase("demand");
  expect_only_problem(with_bargaining({{"coercion", {no_demand}}}), "/bargaining/coercion/0/demand", "");
  Json bad_issue = coercion_base;
  bad_issue["issue"] = "teritory";
  const auto problem =
      expect_only_problem(with_bargaining({{"coercion", {bad_issue}}}), "/bargaining/coercion/0/issue", "");
  CHECK(problem.hint.find("territory") != std::string::npos);
}

TEST_CASE("exact alternating offers and the war of attrition: values and rules at their JSON paths") {
  const Scenario s = parse_scenario_json(
      with_bargaining({{"solution", "alternating_offers"},
                       {"first_proposer", "RUS"},
                       {"offer_rounds", 3},
                       {"actors", {{"UKR", {{"attrition_prize", 2.0}}}, {"RUS", {{"attrition_prize", 1.0}}}}}}),
      "test");
  CHECK(s.bargaining->first_proposer == 1);
  CHECK(s.bargaining->offer_rounds == 3);
  CHECK(s.bargaining->actors[0].attrition_prize.mean() == doctest::Approx(2.0));
  CHECK(s.bargaining->actors[0].attrition_prize.key() == fnv1a64("/bargaining/actors/UKR/attrition_prize"));
  CHECK(parse_scenario_json(with_bargaining({{"solution", "alternating_offers"}}), "t").bargaining->first_proposer ==
        -1);

  expect_only_problem(with_bargaining({{"first_proposer", "UKR"}}), "/bargaining/first_proposer",
                      "applies only to \"solution\": \"alternating_offers\"");
  expect_only_problem(
      with_bargaining({{"solution", "alternating_offers"}, {"format", "broadened"}, {"first_proposer", "UKR"}}),
      "/bargaining/first_proposer", "exactly two bargainers");
  expect_only_problem(with_bargaining({{"solution", "alternating_offers"}, {"first_proposer", "USA"}}),
                      "/bargaining/first_proposer", "must be a belligerent");
  const auto unknown =
      expect_only_problem(with_bargaining({{"solution", "alternating_offers"}, {"first_proposer", "RUSS"}}),
                          "/bargaining/first_proposer", "");
  CHECK(unknown.hint.find("RUS") != std::string::npos);
  expect_only_problem(with_bargaining({{"solution", "alternating_offers"}, {"offer_rounds", 3}}),
                      "/bargaining/offer_rounds", "first_proposer");
  expect_only_problem(
      with_bargaining({{"solution", "alternating_offers"}, {"first_proposer", "UKR"}, {"offer_rounds", 0}}),
      "/bargaining/offer_rounds", "");
  expect_only_problem(with_bargaining({{"actors", {{"USA", {{"attrition_prize", 1.0}}}}}}),
                      "/bargaining/actors/USA/attrition_prize", "third party");
  expect_only_problem(with_bargaining({{"actors", {{"UKR", {{"attrition_prize", 1.0}}}}}}), "/bargaining/actors",
                      "both belligerents");
  expect_only_problem(
      with_bargaining({{"actors", {{"UKR", {{"attrition_prize", -1.0}}}, {"RUS", {{"attrition_prize", 1.0}}}}}}),
      "/bargaining/actors/UKR/attrition_prize", ">= 0");
}

TEST_CASE("screening (private_cost): the responder of an ultimatum game, rules at their JSON paths") {
  const nlohmann::json ultimatum = {
      {"solution", "alternating_offers"}, {"first_proposer", "UKR"}, {"offer_rounds", 1}, {"private_cost", "RUS"}};
  CHECK(parse_scenario_json(with_bargaining(ultimatum), "test").bargaining->private_cost == 1);
  CHECK(parse_scenario_json(with_bargaining({{"solution", "alternating_offers"}}), "t").bargaining->private_cost == -1);
  nlohmann::json rounds = ultimatum;
  rounds["offer_rounds"] = 3;
  expect_only_problem(with_bargaining(rounds), "/bargaining/private_cost", "\"offer_rounds\": 1");
  nlohmann::json proposer = ultimatum;
  proposer["private_cost"] = "UKR";
  expect_only_problem(with_bargaining(proposer), "/bargaining/private_cost", "must name the responder");
  nlohmann::json third = ultimatum;
  third["private_cost"] = "USA";
  expect_only_problem(with_bargaining(third), "/bargaining/private_cost", "must be a belligerent");
}

TEST_CASE("a consistent fear of breakdown is solved, not stated: mistrust_prob must be absent") {
  CHECK(parse_scenario_json(with_bargaining({{"feared_breakdown", "consistent"}}), "t").bargaining->consistent_fear);
  CHECK_FALSE(
      parse_scenario_json(with_bargaining({{"feared_breakdown", "mistrust"}}), "t").bargaining->consistent_fear);
  CHECK_FALSE(parse_scenario_json(with_bargaining({{"format", "bilateral"}}), "t").bargaining->consistent_fear);
  const nlohmann::json stated = {{"value", 0.5}, {"source", {{"assumption", "a stated fear"}}}};
  expect_only_problem(
      with_bargaining({{"feared_breakdown", "consistent"}, {"commitment", {{"mistrust_prob", stated}}}}),
      "/bargaining/commitment/mistrust_prob", "must be absent");
  expect_only_problem(with_bargaining({{"feared_breakdown", "rational"}}), "/bargaining/feared_breakdown", "");
}

TEST_CASE("talks formats and solution concepts are one row each, spelled the same everywhere") {
  // Every format row loads by its name and comes back as its own value.
  for (const auto& row : kTalksFormats) {
    const Scenario s = parse_scenario_json(with_bargaining({{"format", std::string(row.name)}}), "format");
    REQUIRE(s.bargaining);
    CHECK(s.bargaining->format == row.format);
    CHECK(&traits_of(row.format) == &row);
    CHECK_FALSE(row.source.empty());
  }
  // The table takes the concepts it can solve; drafting-only ones are refused with the list.
  for (const auto& row : kSolutionConcepts) {
    CHECK(&traits_of(row.concept_id) == &row);
    CHECK_FALSE(row.source.empty());
    const Json doc = with_bargaining({{"solution", std::string(row.name)}});
    if (applies(row.concept_id, ConceptUse::kTable)) {
      const Scenario s = parse_scenario_json(doc, "concept");
      CHECK(s.bargaining->solution == row.concept_id);
    } else {
      const auto problem = expect_only_problem(doc, "/bargaining/solution", "must be one of");
      CHECK(problem.rule.find("alternating_offers") != std::string::npos);
    }
    CHECK(solution_concept_named(row.name, ConceptUse::kDrafting).has_value() == row.in_drafting);
  }
  CHECK(solution_concept_names(ConceptUse::kDrafting) ==
        std::vector<std::string>{"nash", "egalitarian", "utilitarian"});
  CHECK(solution_concept_names(ConceptUse::kTable) ==
        std::vector<std::string>{"nash", "alternating_offers", "random_proposer"});
  // One objective per concept: the three over the same gains.
  const std::vector<double> gains{0.5, 2.0, 7.0};
  const std::vector<int> required{0, 1};
  CHECK(concept_objective(SolutionConcept::kNash, gains, required) == std::log(0.5) + std::log(2.0));
  CHECK(concept_objective(SolutionConcept::kEgalitarian, gains, required) == 0.5);
  CHECK(concept_objective(SolutionConcept::kUtilitarian, gains, required) == 2.5);
}
