// A territorial issue as a line of control (docs/model.md 10, "Terms anchored to the war"): its
// status quo is the front, a victory the victor's full claim, and each belligerent's war value
// rises with its own confidence in the war's course; the loader's rules for declaring one.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/bargaining/table.h"
#include "parley/bargaining/war_value.h"
#include "parley/core/files.h"
#include "parley/model/dynamics.h"
#include "parley/scenario/draw.h"
#include "parley/scenario/load.h"
#include "scenario_test_support.h"

using namespace parley;

namespace {

// The flagship without aid and events: no anticipated cut-offs, so war values are closed forms.
Scenario flagship_without_cutoffs() {
  nlohmann::json doc =
      nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
  doc["mechanisms"]["aid"] = false;
  doc["mechanisms"]["events"] = false;
  return parse_scenario_json(doc, "line_of_control");
}

// The flagship's central trial at front `x`, both belligerents believing in drift `belief`.
struct AtFront {
  Scenario scenario = flagship_without_cutoffs();
  TrialParameters params;
  TrialState state;
  bargaining::Table table;
  int ukr = scenario.battlefield.holder, rus = scenario.battlefield.opponent;
  int line = scenario.bargaining->territory_issue;

  AtFront() {
    central_trial_parameters(scenario, params);
    init_trial_state(scenario, params, state);
    table.prepare(trial());
  }
  [[nodiscard]] Trial trial() { return Trial{scenario, nullptr, params, state, TrialKey{}}; }
  bargaining::TableView at(double x, double holder_belief, double opponent_belief) {
    state.front_share = x;
    state.actors[static_cast<std::size_t>(ukr)].belief_mean_drift = holder_belief;
    state.actors[static_cast<std::size_t>(rus)].belief_mean_drift = opponent_belief;
    bargaining::TableView view;
    table.assess(trial(), view);
    return view;
  }
  // Terms with every issue at its declared status quo and the line at `value`.
  [[nodiscard]] Eigen::VectorXd terms_with_line(double value) const {
    Eigen::VectorXd z(static_cast<Eigen::Index>(scenario.issues.size()));
    for (std::size_t k = 0; k < scenario.issues.size(); ++k)
      z(static_cast<Eigen::Index>(k)) = scenario.issues[k].status_quo;
    z(line) = value;
    return z;
  }
};

}  // namespace

TEST_CASE("the flagship's territory is a line of control linked to the front") {
  const Scenario scenario = flagship_without_cutoffs();
  REQUIRE(scenario.bargaining);
  const int line = scenario.bargaining->territory_issue;
  REQUIRE(line >= 0);
  CHECK(scenario.issues[static_cast<std::size_t>(line)].line_of_control);
}

TEST_CASE("war values are monotone in each belligerent's own belief about the drift, over beliefs and fronts") {
  AtFront table;
  int checked = 0;
  for (int f = 1; f <= 9; ++f) {
    const double x = 0.1 * f;
    double holder_before = -1.0, opponent_before = 2.0;
    for (int b = -20; b <= 20; ++b) {
      const double belief = 0.001 * b;
      // Each side's value at its own belief (the rival's belief does not enter its value).
      const bargaining::TableView view = table.at(x, belief, belief);
      const double holder = view.war_value[static_cast<std::size_t>(table.ukr)];
      const double opponent = view.war_value[static_cast<std::size_t>(table.rus)];
      CAPTURE(x);
      CAPTURE(belief);
      CHECK(holder >= holder_before);      // the holder gains as it expects the front to move its way
      CHECK(opponent <= opponent_before);  // the opponent loses as it expects the same
      holder_before = holder;
      opponent_before = opponent;
      ++checked;
    }
    // Not flat: over the grid the belief moves each side's value by more than rounding.
    CHECK(table.at(x, 0.02, 0.02).war_value[static_cast<std::size_t>(table.ukr)] >
          table.at(x, -0.02, -0.02).war_value[static_cast<std::size_t>(table.ukr)] + 0.01);
    CHECK(table.at(x, -0.02, -0.02).war_value[static_cast<std::size_t>(table.rus)] >
          table.at(x, 0.02, 0.02).war_value[static_cast<std::size_t>(table.rus)] + 0.01);
  }
  CHECK(checked == 9 * 41);
}

TEST_CASE("the line's status quo is the front; a victory gives the victor its full claim") {
  // w = (1 - D1 - D0) (v(line at x) - cost) + D1 v(line at 1) + D0 v(line at 0), at two fronts:
  // the fighting flow follows the front, the victories are the claims (1 the holder's, 0 the
  // opponent's), every other issue stays at its status quo.
  AtFront table;
  const double belief = 0.001;
  for (const double x : {0.3, 0.83}) {
    const bargaining::TableView view = table.at(x, belief, belief);
    for (const int side : {table.ukr, table.rus}) {
      const auto i = static_cast<std::size_t>(side);
      const auto& preferences = table.params.actors[i].preferences;
      const auto exit =
          bargaining::discounted_exit(x, view.perceived_drift[i], table.params.battlefield.volatility_per_sqrt_month,
                                      preferences.discount_per_month);
      const double fighting = table.table.terms_value(side, table.terms_with_line(x)) - view.monthly_cost[i];
      const double expected = (1.0 - exit.at_one - exit.at_zero) * fighting +
                              exit.at_one * table.table.terms_value(side, table.terms_with_line(1.0)) +
                              exit.at_zero * table.table.terms_value(side, table.terms_with_line(0.0));
      CAPTURE(x);
      CAPTURE(side);
      CHECK(view.war_value[i] == doctest::Approx(expected).epsilon(1e-12));
    }
  }
  // The two fronts give different values: the status quo moved with the front.
  CHECK(table.at(0.3, belief, belief).war_value[static_cast<std::size_t>(table.ukr)] !=
        doctest::Approx(table.at(0.83, belief, belief).war_value[static_cast<std::size_t>(table.ukr)]));
}

TEST_CASE("a victory ends the war at the victor's claim: the holder's value of its victory is its ideal's") {
  AtFront table;
  // The holder's claim is the whole line (1) and its ideal there: a front a hair from 1 with a
  // strong drift its way values the war almost at that claim.
  const bargaining::TableView view = table.at(0.9999, 0.05, -0.05);
  const double claim = table.table.terms_value(table.ukr, table.terms_with_line(1.0));
  CHECK(view.war_value[static_cast<std::size_t>(table.ukr)] == doctest::Approx(claim).epsilon(1e-3));
  const bargaining::TableView lost = table.at(0.0001, -0.05, -0.05);
  const double conceded = table.table.terms_value(table.rus, table.terms_with_line(0.0));
  CHECK(lost.war_value[static_cast<std::size_t>(table.rus)] == doctest::Approx(conceded).epsilon(1e-3));
}

TEST_CASE("a line of control is declared on one issue owned by the two belligerents, without a status quo") {
  using parley::testing::expect_only_problem;
  using parley::testing::full_scenario;
  using parley::testing::Json;
  Json doc = full_scenario();
  doc["bargaining"] = Json::object();
  doc["issues"][0].erase("status_quo");
  doc["issues"][0]["line_of_control"] = true;
  const Scenario s = parse_scenario_json(doc, "test");
  CHECK(s.issues[0].line_of_control);
  CHECK(s.bargaining->territory_issue == 0);

  Json renamed = doc;  // found as the territory issue whatever its id
  renamed["issues"][0]["id"] = "line";
  renamed["actors"][0]["positions"] = {{"line", {{"ideal", 1.0}, {"salience", 0.6}}}};
  renamed["actors"][1]["positions"] = {{"line", {{"ideal", 0.0}, {"salience", 0.7}}},
                                       {"sanctions_relief", {{"ideal", 1.0}, {"salience", 0.3}}}};
  renamed["actors"][2]["positions"] = {{"line", {{"ideal", 0.8}, {"salience", 0.2}}}};
  CHECK(parse_scenario_json(renamed, "test").bargaining->territory_issue == 0);

  Json with_status_quo = doc;
  with_status_quo["issues"][0]["status_quo"] = 0.5;
  expect_only_problem(with_status_quo, "/issues/0/status_quo", "front");
  Json two = doc;
  two["issues"][1]["line_of_control"] = true;
  two["issues"][1].erase("status_quo");
  const auto problems = parley::testing::problems_of(two);
  CHECK(parley::testing::find_problem(problems, "/issues/1/line_of_control", "one issue at most") != nullptr);
  Json third_party_owned = doc;
  third_party_owned["issues"][0]["owners"] = {"UKR", "RUS", "USA"};
  expect_only_problem(third_party_owned, "/issues/0/line_of_control", "two belligerents");
  Json unlinked = doc;
  unlinked["bargaining"]["territory_issue"] = "sanctions_relief";
  expect_only_problem(unlinked, "/issues/0/line_of_control", "territory_issue");
}
