// War values with anticipated aid cut-offs inside the trial loop (bargaining/anticipation.h):
// the looked-up value against the backward solver run here independently, its limit at the
// cut-off, its direction before it, an election as a mixture, grid refinement, and unchanged
// closed-form values for scenarios without cut-offs.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "parley/bargaining/anticipation.h"
#include "parley/bargaining/table.h"
#include "parley/bargaining/war_value.h"
#include "parley/bargaining/war_value_solver.h"
#include "parley/core/files.h"
#include "parley/model/dynamics.h"
#include "parley/scenario/load.h"

using namespace parley;
using namespace parley::bargaining;

namespace {

// Fearon's validation set-up (two sides, one territory issue, linear utility, beliefs off, so
// every side perceives the true drift) with US aid to Ukraine: 1.5 units a month at
// effectiveness 0.2 raise Ukraine's power by 30% until it stops. Both strengths are 100.
constexpr int kLastAidMonth = 24;  // `until` end month: aid flows in months 1..24, not from 25
constexpr double kSigma = 0.05, kDelta = 0.98, kBeta = 0.01, kBias = 0.004, kFront = 0.6;

nlohmann::json with_us_aid(const std::string& policy_kind) {
  nlohmann::json doc =
      nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/fearon_range.json"));
  doc["mechanisms"]["aid"] = true;
  doc["actors"].push_back({{"id", "USA"},
                           {"role", "third_party"},
                           {"preferences", {{"discount_per_month", 0.99}, {"cost_weight", 0.02}}},
                           {"support", {{"initial_share", 0.6}}},
                           {"positions", {{"territory", {{"ideal", 1.0}, {"salience", 1.0}}}}}});
  nlohmann::json policy = {{"kind", policy_kind}};
  if (policy_kind == "until") policy["end_month"] = kLastAidMonth;
  doc["aid"] = nlohmann::json::array({{{"patron", "USA"},
                                       {"recipient", "UKR"},
                                       {"policy", policy},
                                       {"amount_per_month", 1.5},
                                       {"effectiveness", 0.2}}});
  return doc;
}

Scenario until_scenario() {
  return parse_scenario_json(with_us_aid("until"), "aid until month 24");
}

// An election at month 25 that, with the probability given, switches US aid from `before` to
// `after`: by default it stops aid given as long as it takes.
Scenario election_scenario(double probability, const std::string& before = "as_long_as_it_takes",
                           const std::string& after = "none") {
  nlohmann::json doc = with_us_aid(before);
  doc["mechanisms"]["events"] = true;
  doc["events"] = nlohmann::json::array({{{"id", "us_election"},
                                          {"kind", "election"},
                                          {"actor", "USA"},
                                          {"month", kLastAidMonth + 1},
                                          {"probability", probability},
                                          {"new_aid_policy", {{"kind", after}}}}});
  return parse_scenario_json(doc, "election at month 25");
}

// The election that, with the probability given, brings in US aid as long as it takes where
// there was none.
Scenario aid_start_scenario(double probability) {
  return election_scenario(probability, "none", "as_long_as_it_takes");
}

const double kDriftWithAid = kBeta * std::log(1.3) + kBias;
const double kDriftAfter = kBias;

// The table at the central point in month `month`, the war's state otherwise as at the start.
TableView assess_at(const Scenario& scenario, int month) {
  TrialParameters params;
  central_trial_parameters(scenario, params);
  TrialState state;
  init_trial_state(scenario, params, state);
  state.month = month;
  const auto tables = build_anticipation_tables(scenario);
  Table table;
  const Trial trial{scenario, tables.get(), params, state, TrialKey{}};
  table.prepare(trial);
  TableView view;
  table.assess(trial, view);
  return view;
}

// w = (1 - D1 - D0)(v(sq) - cost) + D1 v(UKR wins) + D0 v(RUS wins); status quo 0, linear utility.
double ukr_value(const DiscountedExit& e, double cost) {
  return (1.0 - e.at_one - e.at_zero) * (0.0 - cost) + e.at_one * 1.0 + e.at_zero * 0.0;
}
double rus_value(const DiscountedExit& e, double cost) {
  return (1.0 - e.at_one - e.at_zero) * (1.0 - cost) + e.at_one * 0.0 + e.at_zero * 1.0;
}

// The solver run here, independently of the engine: drift `before` up to the eve of the change
// (row 24, after month 24), the closed form at drift `after` there. By default the cut-off:
// with aid before, without after.
struct SolverTransforms {
  WarValueTable one, zero;
};
SolverTransforms solve_here(double delta, double before = kDriftWithAid, double after = kDriftAfter) {
  const WarValueGrid grid;
  const int months = kLastAidMonth;
  const Eigen::VectorXd drift = Eigen::VectorXd::Constant(months, before);
  const Eigen::VectorXd sigma = Eigen::VectorXd::Constant(months, kSigma);
  const Eigen::VectorXd cost = Eigen::VectorXd::Zero(months);
  Eigen::VectorXd one(grid.front_intervals + 1), zero(grid.front_intervals + 1);
  for (int j = 0; j <= grid.front_intervals; ++j) {
    const DiscountedExit e = discounted_exit(double(j) / grid.front_intervals, after, kSigma, delta);
    one[j] = e.at_one;
    zero[j] = e.at_zero;
  }
  return {solve_war_value_table(drift, sigma, cost, delta, 1.0, 0.0, one, grid),
          solve_war_value_table(drift, sigma, cost, delta, 0.0, 1.0, zero, grid)};
}

}  // namespace

TEST_CASE("a known aid cut-off: the trial's war value is the solver's, and the post-cut-off closed form at the eve") {
  const Scenario scenario = until_scenario();
  REQUIRE(anticipated_cutoffs(scenario).size() == 1);
  const SolverTransforms solver = solve_here(kDelta);
  // Monthly costs at the start: Ukraine loses 0.01 x Russia's 100 units, Russia 0.01 x 130.
  const double ukr_cost = 0.04 * 1.0, rus_cost = 0.02 * 1.3;
  const DiscountedExit constant = discounted_exit(kFront, kDriftWithAid, kSigma, kDelta);
  const DiscountedExit after = discounted_exit(kFront, kDriftAfter, kSigma, kDelta);
  double previous_gap = INFINITY;
  for (int month = 0; month <= kLastAidMonth; ++month) {
    CAPTURE(month);
    const TableView view = assess_at(scenario, month);
    REQUIRE(view.perceived_drift[0] == doctest::Approx(kDriftWithAid).epsilon(1e-15));
    REQUIRE(view.monthly_cost[0] == doctest::Approx(ukr_cost).epsilon(1e-15));
    REQUIRE(view.monthly_cost[1] == doctest::Approx(rus_cost).epsilon(1e-15));
    const DiscountedExit solved{solver.one.value(month, kFront), solver.zero.value(month, kFront)};
    // Looked up at a grid node and the central drift: the solver's value to rounding.
    CHECK(view.war_value[0] == doctest::Approx(ukr_value(solved, ukr_cost)).epsilon(1e-12));
    CHECK(view.war_value[1] == doctest::Approx(rus_value(solved, rus_cost)).epsilon(1e-12));
    // The side losing aid values war less than the constant-drift closed form says, its rival more.
    if (month < kLastAidMonth) {
      CHECK(view.war_value[0] < ukr_value(constant, ukr_cost));
      CHECK(view.war_value[1] > rus_value(constant, rus_cost));
    }
    // ... and approaches the post-cut-off closed form month by month.
    const double gap = std::abs(view.war_value[0] - ukr_value(after, ukr_cost));
    CHECK(gap < previous_gap);
    previous_gap = gap;
  }
  // On the eve of the cut-off (after month 24) the value is the closed form with the new drift.
  const TableView eve = assess_at(scenario, kLastAidMonth);
  CHECK(eve.war_value[0] == doctest::Approx(ukr_value(after, ukr_cost)).epsilon(1e-12));
  CHECK(eve.war_value[1] == doctest::Approx(rus_value(after, rus_cost)).epsilon(1e-12));
  // Once the cut-off month has come the belief carries the change: the closed form again.
  const TableView past = assess_at(scenario, kLastAidMonth + 1);
  CHECK(past.war_value[0] ==
        ukr_value(discounted_exit(kFront, past.perceived_drift[0], kSigma, kDelta), past.monthly_cost[0]));
}

TEST_CASE("an election that may stop aid: the value mixes the cut-off and the constant drift by its probability") {
  const Scenario certain = until_scenario();
  for (const double p : {0.0, 0.3, 1.0}) {
    CAPTURE(p);
    const Scenario election = election_scenario(p);
    for (const int month : {0, 10, kLastAidMonth}) {
      CAPTURE(month);
      const TableView mixed = assess_at(election, month);
      const TableView cut = assess_at(certain, month);
      const DiscountedExit constant = discounted_exit(kFront, kDriftWithAid, kSigma, kDelta);
      const double stay = ukr_value(constant, mixed.monthly_cost[0]);
      CHECK(mixed.war_value[0] == doctest::Approx(p * cut.war_value[0] + (1.0 - p) * stay).epsilon(1e-12));
    }
  }
}

TEST_CASE("an election that may start aid: the solver's value when certain, a mixture by its probability") {
  REQUIRE(anticipated_cutoffs(aid_start_scenario(0.5)).size() == 1);
  CHECK(anticipated_cutoffs(aid_start_scenario(0.5))[0].starts);
  const SolverTransforms solver = solve_here(kDelta, kDriftAfter, kDriftWithAid);
  // No aid flows before the election: Ukraine loses 0.01 x Russia's 100 units, Russia 0.01 x 100.
  const double ukr_cost = 0.04 * 1.0, rus_cost = 0.02 * 1.0;
  const DiscountedExit without = discounted_exit(kFront, kDriftAfter, kSigma, kDelta);
  for (const double p : {0.0, 0.3, 1.0}) {
    CAPTURE(p);
    const Scenario scenario = aid_start_scenario(p);
    for (const int month : {0, 10, kLastAidMonth}) {
      CAPTURE(month);
      const TableView view = assess_at(scenario, month);
      REQUIRE(view.perceived_drift[0] == doctest::Approx(kDriftAfter).epsilon(1e-15));
      REQUIRE(view.monthly_cost[0] == doctest::Approx(ukr_cost).epsilon(1e-15));
      REQUIRE(view.monthly_cost[1] == doctest::Approx(rus_cost).epsilon(1e-15));
      const DiscountedExit solved{solver.one.value(month, kFront), solver.zero.value(month, kFront)};
      CHECK(view.war_value[0] ==
            doctest::Approx(p * ukr_value(solved, ukr_cost) + (1.0 - p) * ukr_value(without, ukr_cost)).epsilon(1e-12));
      CHECK(view.war_value[1] ==
            doctest::Approx(p * rus_value(solved, rus_cost) + (1.0 - p) * rus_value(without, rus_cost)).epsilon(1e-12));
      // Aid that may come makes Ukraine value the war more than the aid-less closed form, Russia less.
      if (p > 0.0 && month < kLastAidMonth) {
        CHECK(view.war_value[0] > ukr_value(without, ukr_cost));
        CHECK(view.war_value[1] < rus_value(without, rus_cost));
      }
    }
  }
}

TEST_CASE("the looked-up value converges at second order as the grid is refined") {
  // Front, time step and drift levels refined together; the lookup point sits a third of the
  // coarsest cell off a node in front and drift, which keeps its place in the cell (1/3 or 2/3)
  // at every level, so linear interpolation's error shrinks by exactly 4 with the solver's.
  const Scenario scenario = until_scenario();
  TrialParameters params;
  central_trial_parameters(scenario, params);
  TrialState state;
  init_trial_state(scenario, params, state);
  state.month = 6;
  constexpr int kCoarse = 25;
  const double x = kFront + 1.0 / (3 * kCoarse);
  double drift = 0.0, previous_difference = 0.0, previous_value = 0.0;
  int level = 0;
  for (const int refine : {1, 2, 4, 8}) {
    const AnticipationTables tables(scenario, {{kCoarse * refine, refine}, 16 * refine + 1});
    if (refine == 1) drift = tables.drift_level(8) + (tables.drift_level(9) - tables.drift_level(8)) / 3.0;
    const DiscountedExit shift = tables.exit_shift(scenario, params, state, 0, x, drift);
    const double value = discounted_exit(x, drift, kSigma, kDelta).at_one + shift.at_one;
    CAPTURE(refine);
    if (level >= 1) {
      const double difference = std::abs(value - previous_value);
      if (level >= 2) {
        const double order = std::log2(previous_difference / difference);
        CHECK(order > 1.8);
        CHECK(order < 2.2);
      }
      previous_difference = difference;
    }
    previous_value = value;
    ++level;
  }
  CHECK(previous_difference < 1e-5);
}

TEST_CASE("without anticipated cut-offs there are no tables and war values are the closed form") {
  const Scenario fearon = parse_scenario_json(
      nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/fearon_range.json")),
      "fearon");
  CHECK_FALSE(anticipates_cutoffs(fearon));
  CHECK(build_anticipation_tables(fearon) == nullptr);
  // Aid as long as it takes, or an election switched off with the events: nothing anticipated.
  CHECK_FALSE(anticipates_cutoffs(parse_scenario_json(with_us_aid("as_long_as_it_takes"), "no cut")));
  nlohmann::json flagship =
      nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
  CHECK(anticipates_cutoffs(parse_scenario_json(flagship, "flagship")));
  flagship["mechanisms"]["events"] = false;
  CHECK_FALSE(anticipates_cutoffs(parse_scenario_json(flagship, "no events")));
  // Bit for bit: the same arithmetic as before the tables existed.
  const TableView view = assess_at(fearon, 0);
  const DiscountedExit e = discounted_exit(kFront, kBias, kSigma, kDelta);
  CHECK(view.war_value[0] == ukr_value(e, 0.04));
}

TEST_CASE("too many anticipated cut-offs are refused with the limit's name") {
  nlohmann::json doc = with_us_aid("until");
  doc["mechanisms"]["events"] = true;
  doc["events"] = nlohmann::json::array();
  for (int k = 0; k < 4; ++k)
    doc["events"].push_back({{"id", "election_" + std::to_string(k)},
                             {"kind", "election"},
                             {"actor", "USA"},
                             {"month", 10 + k},
                             {"probability", 0.5},
                             {"new_aid_policy", {{"kind", "none"}}}});
  const Scenario scenario = parse_scenario_json(doc, "five cut-offs");
  CHECK_THROWS_WITH_AS(AnticipationTables{scenario}, doctest::Contains("kMaxAnticipatedCutoffs"), Error);
}

TEST_CASE("the shift bound holds the correction at every drift, month and front, and is attained on the grid") {
  // The renewed-war bracket (table/renewed_war_bound.cpp) adds AnticipationTables::shift_bound to
  // closed-form transforms while cut-offs are pending: a bound that failed at any drift would let
  // a side hold on that the exact value would have had renege.
  for (const Scenario& scenario : {until_scenario(), election_scenario(0.4), aid_start_scenario(0.7)}) {
    CAPTURE(scenario.name);
    TrialParameters params;
    central_trial_parameters(scenario, params);
    TrialState state;
    init_trial_state(scenario, params, state);
    const auto tables = build_anticipation_tables(scenario);
    REQUIRE(tables != nullptr);
    double tightest = 0.0;  // the largest |shift| / bound seen: the bound is no looser than needed
    for (int month = 0; month < kLastAidMonth + 2; ++month) {
      state.month = month;
      const PendingCutoffs branches = tables->pending(scenario, params, state);
      for (int actor = 0; actor < 2; ++actor)
        for (double x = 0.0; x <= 1.0; x += 0.0371) {
          const DiscountedExit bound = tables->shift_bound(branches, actor, x);
          for (int k = 0; k + 1 < tables->drift_levels(); ++k)
            for (const double w : {0.0, 0.31, 0.77}) {
              const double drift = tables->drift_level(k) + w * (tables->drift_level(k + 1) - tables->drift_level(k));
              const DiscountedExit shift = tables->exit_shift(branches, actor, x, drift);
              CHECK(std::abs(shift.at_one) <= bound.at_one);
              CHECK(std::abs(shift.at_zero) <= bound.at_zero);
              // The two-step lookup is the one-step one, bit for bit.
              const DiscountedExit direct = tables->exit_shift(scenario, params, state, actor, x, drift);
              CHECK(shift.at_one == direct.at_one);
              CHECK(shift.at_zero == direct.at_zero);
              if (bound.at_one > 0.0) tightest = std::max(tightest, std::abs(shift.at_one) / bound.at_one);
            }
        }
    }
    // Past every cut-off nothing is pending and the bound is zero; before, it is nearly attained.
    state.month = kLastAidMonth + 1;
    const DiscountedExit after = tables->shift_bound(tables->pending(scenario, params, state), 0, kFront);
    CHECK(after.at_one == 0.0);
    CHECK(after.at_zero == 0.0);
    CHECK(tightest > 0.5);
  }
}

TEST_CASE("a table's largest interpolated entry bounds its value everywhere") {
  Eigen::MatrixXd values(3, 4);
  values << 0.1, -0.4, 0.2, 0.0, -0.3, 0.25, -0.05, 0.6, 0.0, 0.1, -0.7, 0.2;
  const WarValueTable table(values);
  for (double month = -1.0; month <= 3.0; month += 0.13)
    for (double x = -0.1; x <= 1.1; x += 0.017) {
      CAPTURE(month);
      CAPTURE(x);
      CHECK(std::abs(table.value(month, x)) <= table.largest_interpolated(month, x));
    }
  // At a node the bound is the largest of the four entries around it, not the table's maximum.
  CHECK(table.largest_interpolated(0.0, 0.0) == doctest::Approx(0.4));
}
