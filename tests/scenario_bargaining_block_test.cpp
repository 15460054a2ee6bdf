// The "bargaining" block of the scenario format: values, defaults and every rule, located.
#include <doctest/doctest.h>

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
  CHECK(b.review_every_months == 1);
  CHECK(b.small_steps);
  CHECK(b.territory_issue == 0);  // found by its default id
  CHECK(b.sanctions_issue == 1);
  CHECK(b.guarantee_issue == -1);  // no issue with that id
  CHECK(b.talks.pain_threshold.mean() == doctest::Approx(0.01));
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
  expect_only_problem(with_bargaining({{"territory_issue", "land"}}), "/bargaining/territory_issue", "issue");
  expect_only_problem(with_bargaining({{"talks", {{"pain_threshold", -1}}}}), "/bargaining/talks/pain_threshold",
                      ">= 0");
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
