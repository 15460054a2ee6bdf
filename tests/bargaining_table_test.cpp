// The bargaining layer inside the engine (bargaining/talks.cpp) against its canonical special
// cases (MODEL.md 11): Fearon's range, the commitment problem closing a range that exists
// without fear, broadened talks enlarging the table, and settlements in trials.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/bargaining/talks.h"
#include "parley/bargaining/war_value.h"
#include "parley/io/atomic_file.h"
#include "parley/io/run_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

using namespace parley;

namespace {
Scenario load(const std::string& relative) {
  return load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/" + relative);
}
}  // namespace

TEST_CASE("Fearon (1995): the engine's range is [p - c_A, p + c_B]") {
  const Scenario scenario = load("scenarios/validation/fearon_range.json");
  const auto report = bargaining::solve_at_month_zero(scenario);
  // Independent computation from the closed-form exit transforms. Strengths are constant
  // (mobilisation 2 * support 0.5 = losses 0.01 * 100), so each side's monthly cost is 1 unit.
  const auto exit = bargaining::discounted_exit(0.6, 0.004, 0.05, 0.98);
  const double alive = 1.0 - exit.at_one - exit.at_zero;
  const double p = exit.at_one + alive * 0.0;
  const double c_a = alive * 0.04 * 1.0;
  const double c_b = alive * 0.02 * 1.0;
  REQUIRE(report.view.deal.status == bargaining::NashStatus::kAgreement);
  const auto range = report.issue_ranges[0];
  CHECK(range.first == doctest::Approx(p - c_a).epsilon(1e-9));
  CHECK(range.second == doctest::Approx(p + c_b).epsilon(1e-9));
  CHECK(report.view.war_value[0] == doctest::Approx(p - c_a).epsilon(1e-12));
  CHECK(1.0 - report.view.war_value[1] == doctest::Approx(p + c_b).epsilon(1e-12));
  // Equal weights, linear utilities: the Nash deal splits the surplus, the range's midpoint.
  CHECK(report.view.deal.deal(0) == doctest::Approx(p + 0.5 * (c_b - c_a)).epsilon(1e-6));
  CHECK_FALSE(report.commitment_problem);
}

TEST_CASE("fear of reneging after a regrouping closes a range that exists without it") {
  // Powell (2006): an anticipated shift of power in the opponent's favour during the peace
  // window lowers what the holder can expect from a deal until no deal is acceptable.
  nlohmann::json doc =
      nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/fearon_range.json"));
  doc["bargaining"]["commitment"]["mistrust_prob"] = 0.9;
  doc["bargaining"]["actors"] = {{"RUS", {{"regroup_share_per_month", 0.05}}}};
  const Scenario scenario = parse_scenario_json(doc, "commitment");
  const auto report = bargaining::solve_at_month_zero(scenario);
  CHECK(report.deal_without_fear.status == bargaining::NashStatus::kAgreement);
  CHECK(report.view.deal.status == bargaining::NashStatus::kNoBargainingSpace);
  CHECK(report.commitment_problem);
  // A small shift leaves a range: the verdict turns on the size of the anticipated shift.
  doc["bargaining"]["actors"] = {{"RUS", {{"regroup_share_per_month", 0.0001}}}};
  CHECK_FALSE(bargaining::solve_at_month_zero(parse_scenario_json(doc, "small shift")).commitment_problem);
}

TEST_CASE("broadened talks put the third parties' issues on the table (000)") {
  const Scenario bilateral = load("scenarios/ukraine_war.json");
  nlohmann::json doc =
      nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
  doc["bargaining"]["format"] = "broadened";
  const Scenario broadened = parse_scenario_json(doc, "broadened");
  const auto narrow = bargaining::solve_at_month_zero(bilateral);
  const auto wide = bargaining::solve_at_month_zero(broadened);
  int narrow_issues = 0, wide_issues = 0;
  for (std::size_t k = 0; k < bilateral.issues.size(); ++k) {
    narrow_issues += narrow.view.on_table[k] ? 1 : 0;
    wide_issues += wide.view.on_table[k] ? 1 : 0;
  }
  CHECK(narrow_issues == 1);  // territory only: every other issue has a third-party owner
  CHECK(wide_issues == static_cast<int>(bilateral.issues.size()));
  for (std::size_t i = 0; i < bilateral.actors.size(); ++i) CHECK(wide.view.at_table[i]);
}

TEST_CASE("settlements in trials: the deal holds, terms lie in the range, results do not depend on threads") {
  const Scenario scenario = load("scenarios/validation/fearon_range.json");
  RunOptions options;
  options.trials = 3000;
  options.threads = 1;
  const RunResult one = run_monte_carlo(scenario, options);
  options.threads = 2;
  const RunResult two = run_monte_carlo(scenario, options);
  CHECK(run_report_json(scenario, one).dump() == run_report_json(scenario, two).dump());
  // A hurting stalemate from the first month and a range with no fear: every war settles in
  // month 1 and, with no regrouping, no deal breaks down.
  CHECK(one.summary.outcome_count(Outcome::kSettlement) == 3000);
  CHECK(one.summary.table().breakdowns == 0);
  CHECK(one.summary.table().solver_failures == 0);
  const auto report = bargaining::solve_at_month_zero(scenario);
  const double mean_terms = one.summary.table().terms[0].mean();
  CHECK(mean_terms >= report.issue_ranges[0].first - 0.05);
  CHECK(mean_terms <= report.issue_ranges[0].second + 0.05);
}
