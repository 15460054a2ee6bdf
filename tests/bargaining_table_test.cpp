// The bargaining layer inside the engine (bargaining/talks.cpp) against its canonical special
// cases (docs/model.md 12): Fearon's range, the commitment problem closing a range that exists
// without fear, broadened talks enlarging the table, and settlements in trials.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/bargaining/table.h"
#include "parley/bargaining/war_value.h"
#include "parley/bargaining/war_value_solver.h"
#include "parley/core/files.h"
#include "parley/io/run_report.h"
#include "parley/model/dynamics.h"
#include "parley/scenario/draw.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

using namespace parley;

namespace {
Scenario load(const std::string& relative) {
  return load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/" + relative);
}

nlohmann::json flagship_json() {
  return nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
}

// The flagship with the mechanisms named switched off (aid and events off: no anticipated
// cut-offs, so war values are closed forms; sanctions off too: a ceasefire moves only forces).
nlohmann::json flagship_without(std::initializer_list<const char*> mechanisms) {
  nlohmann::json doc = flagship_json();
  for (const char* mechanism : mechanisms) doc["mechanisms"][mechanism] = false;
  return doc;
}

// The flagship without aid, events and sanctions in a 36-month peace window signed at month 0:
// during a ceasefire only the strengths move (mobilisation and regrouping, step_ceasefire_month),
// deterministically. Russia regroups at 3% a month, Ukraine neither regroups nor mobilises (its
// power, and so Russia's cost of fighting, stays put). `months` are the window's months as the
// trial steps them; `table` is prepared for the trial.
struct RegroupingWindow {
  Scenario scenario = parse_scenario_json(
      [] {
        nlohmann::json doc = flagship_without({"aid", "events", "sanctions"});
        doc["bargaining"]["peace_window_months"] = 36;
        return doc;
      }(),
      "regrouping");
  int ukr = scenario.battlefield.holder, rus = scenario.battlefield.opponent;
  int window = scenario.bargaining->peace_window_months;
  TrialParameters params;
  bargaining::Table table;
  std::vector<TrialState> months;

  RegroupingWindow() {
    central_trial_parameters(scenario, params);
    params.bargaining[static_cast<std::size_t>(rus)].regroup_share_per_month = 0.03;
    params.bargaining[static_cast<std::size_t>(ukr)].regroup_share_per_month = 0.0;
    params.actors[static_cast<std::size_t>(ukr)].forces.mobilisation_per_month = 0.0;
    TrialState start;
    init_trial_state(scenario, params, start);
    table.prepare(Trial{scenario, nullptr, params, start, TrialKey{}});
    start.table.phase = Phase::kPeace;
    start.table.deals.push_back(DealRecord{0, 0, false});
    // Aid is off, so the drift a war would have is the forces' alone.
    start.table.ceasefire_drift = front_drift(params.battlefield, start.actors[static_cast<std::size_t>(ukr)].strength,
                                              start.actors[static_cast<std::size_t>(rus)].strength);
    months.push_back(start);
    Rng battle(1, 0, Stream::kBattle);
    const TrialKey key{1, 0};
    for (int h = 1; h < window; ++h) {
      months.push_back(months.back());
      step_ceasefire_month(scenario, params, months.back(), battle, key, table.regroup_share_per_month());
    }
  }
  [[nodiscard]] Trial at(int month) {
    return Trial{scenario, nullptr, params, months[static_cast<std::size_t>(month)], TrialKey{}};
  }
  // The status quo on every issue.
  [[nodiscard]] Eigen::VectorXd status_quo() const {
    Eigen::VectorXd terms(static_cast<Eigen::Index>(scenario.issues.size()));
    for (Eigen::Index k = 0; k < terms.size(); ++k) terms(k) = scenario.issues[static_cast<std::size_t>(k)].status_quo;
    return terms;
  }
};
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
  nlohmann::json doc = flagship_json();
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

TEST_CASE(
    "breaking a deal: a guarantee raises the violator's cost; snap-back re-prices its war under restored sanctions") {
  // The flagship without aid and events: no anticipated cut-offs, so war values are closed forms.
  const Scenario scenario = parse_scenario_json(flagship_without({"aid", "events"}), "renewal");
  REQUIRE_FALSE(bargaining::anticipates_cutoffs(scenario));
  REQUIRE(scenario.bargaining->guarantee_issue >= 0);
  TrialParameters params;
  central_trial_parameters(scenario, params);
  TrialState state;
  init_trial_state(scenario, params, state);
  // A deal that lifted half the sanctions, an economy partly recovered.
  state.economy_index = 0.75;
  state.sanctions_level_share = 0.3;
  params.commitment.guarantee_deterrence = 0.0;
  params.commitment.monitoring_detection_prob = 0.0;
  params.commitment.snapback_sanctions_share = 0.8;
  bargaining::Table table;
  const Trial trial{scenario, nullptr, params, state, TrialKey{}};
  table.prepare(trial);  // no anticipated cut-offs (checked above)
  const int ukr = scenario.battlefield.holder, rus = scenario.battlefield.opponent;
  const auto issues = static_cast<Eigen::Index>(scenario.issues.size());
  Eigen::VectorXd status_quo(issues);
  for (Eigen::Index k = 0; k < issues; ++k) status_quo(k) = scenario.issues[static_cast<std::size_t>(k)].status_quo;
  // The flagship's territory is a line of control: its status quo is the front.
  const Eigen::Index line = scenario.bargaining->territory_issue;
  REQUIRE(scenario.issues[static_cast<std::size_t>(line)].line_of_control);
  status_quo(line) = state.front_share;
  Eigen::VectorXd terms = status_quo, holder_wins = status_quo, opponent_wins = status_quo;
  terms(scenario.bargaining->guarantee_issue) = 0.5;
  holder_wins(scenario.bargaining->territory_issue) = 1.0;
  opponent_wins(scenario.bargaining->territory_issue) = 0.0;

  const auto& actors = state.actors;
  const double drift = front_drift(params.battlefield, actors[static_cast<std::size_t>(ukr)].strength,
                                   actors[static_cast<std::size_t>(rus)].strength);
  const double x = state.front_share, sigma = params.battlefield.volatility_per_sqrt_month;
  const double delta = params.actors[static_cast<std::size_t>(rus)].preferences.discount_per_month;
  const double cost_weight = params.actors[static_cast<std::size_t>(rus)].preferences.cost_weight;
  const auto exit = bargaining::discounted_exit(x, drift, sigma, delta);
  const double alive = 1.0 - exit.at_one - exit.at_zero;
  const double cost = cost_weight * expected_monthly_cost(scenario, params, state, rus);
  const auto renewed = [&](int side) { return table.renewed_war_value(trial, side, terms); };
  const double base = renewed(rus), base_ukr = renewed(ukr);
  CHECK(base == doctest::Approx(alive * (table.terms_value(rus, status_quo) - cost) +
                                exit.at_one * table.terms_value(rus, holder_wins) +
                                exit.at_zero * table.terms_value(rus, opponent_wins))
                    .epsilon(1e-12));

  SUBCASE("a guarantee at 0.5 with deterrence 1 raises the violator's monthly cost by half, while the war lasts") {
    params.commitment.guarantee_deterrence = 1.0;
    CHECK(renewed(rus) == doctest::Approx(base - alive * 0.5 * cost).epsilon(1e-12));
    CHECK(renewed(ukr) == base_ukr);  // guarantees protect the holder
  }

  SUBCASE("snap-back: the loss equals the backward solver's price of the strain path, within its error") {
    params.commitment.monitoring_detection_prob = 1.0;
    const double loss = base - renewed(rus);
    CHECK(renewed(ukr) == base_ukr);  // snap-back sanctions hurt only their target
    // The economy e' = e - drag L e + recovery (1 - e) month by month: the strain's extra over
    // today's under the restored level (0.8) less the same under the current one (0.3), priced
    // as a monthly cost by the Crank-Nicolson solver, sampled at mid-month.
    const Sanctions& s = params.sanctions;
    const double strain_now = 1.0 - state.economy_index;
    const auto strain_gap = [&](double level, double months) {
      const double pull = s.economy_drag_per_month * level + s.economy_recovery_per_month;
      return (s.economy_drag_per_month * level / pull - strain_now) * (1.0 - std::pow(1.0 - pull, months));
    };
    const double r = -std::log(delta);
    constexpr int kMonths = 1200;
    Eigen::VectorXd cost_path(kMonths);
    for (int t = 0; t < kMonths; ++t)
      cost_path[t] = r * cost_weight * (strain_gap(0.8, t + 0.5) - strain_gap(0.3, t + 0.5));
    const auto solve = [&](int intervals, int steps) {
      Eigen::VectorXd terminal(intervals + 1);
      for (int j = 0; j <= intervals; ++j)
        terminal[j] =
            bargaining::war_value(double(j) / intervals, drift, sigma, delta, 0.0, 0.0, cost_path[kMonths - 1]);
      const auto table_of = bargaining::solve_war_value_table(
          Eigen::VectorXd::Constant(kMonths, drift), Eigen::VectorXd::Constant(kMonths, sigma), cost_path, delta, 0.0,
          0.0, terminal, bargaining::WarValueGrid{intervals, steps});
      return -table_of.value(0.0, x);
    };
    const double coarse = solve(200, 4), fine = solve(400, 8);
    // Second-order scheme: the fine grid's error is about a third of the difference. Sampling the
    // monthly cost at mid-month errs by at most kappa^2 / 24 of each path's gap a month
    // (midpoint rule on rho^t), discounted: r / (1 - delta rho) kappa^2 / 24 per path.
    double sampling = 0.0;
    for (const double level : {0.3, 0.8}) {
      const double rho = 1.0 - (s.economy_drag_per_month * level + s.economy_recovery_per_month);
      const double kappa = -std::log(rho);
      sampling += cost_weight * std::abs(strain_gap(level, 1e9)) * r / (1.0 - delta * rho) * kappa * kappa / 24.0;
    }
    const double tolerance = 4.0 * std::abs(coarse - fine) / 3.0 + sampling;
    CAPTURE(coarse);
    CAPTURE(fine);
    CAPTURE(tolerance);
    REQUIRE(loss > 0.0);
    CHECK(tolerance < 0.05 * loss);  // the check can tell a wrong lag or level from the right one
    CHECK(std::abs(loss - fine) <= tolerance);
  }
}

TEST_CASE("in a peace window the rising side waits for its regrouping and strikes at the best month") {
  // In the regrouping window (RegroupingWindow) the path a side projects when it weighs waiting
  // is the path the trial then takes. With w(h) Russia's renewed war at window month h and v its
  // value of the deal, backward induction over the window unrolls to a closed form: Russia
  // reneges at h iff
  //   w(h) - v > max(0, max over h' in (h, W) of delta^(h' - h) (w(h') - v)).
  RegroupingWindow regrouping;
  const Scenario& scenario = regrouping.scenario;
  REQUIRE_FALSE(bargaining::anticipates_cutoffs(scenario));
  const TrialParameters& params = regrouping.params;
  bargaining::Table& table = regrouping.table;
  std::vector<TrialState>& months = regrouping.months;
  const Trial trial = regrouping.at(0);
  const int ukr = regrouping.ukr, rus = regrouping.rus, window = regrouping.window;
  Eigen::VectorXd terms = regrouping.status_quo();
  const Eigen::Index territory = scenario.bargaining->territory_issue;

  // Terms from Russia's worst to its best: for each side, the month the closed form says it
  // strikes (if any), and the engine's decision in every month up to it. Among them must be
  // terms where Russia's renewed war beats the deal months before it strikes (it waits), and
  // terms where it strikes before the window's last month (an interior optimum). Ukraine, which
  // the regrouping weakens, never gains by waiting: it strikes the first month war beats the deal.
  int waits = 0, interior = 0;
  for (int step = 1; step < 50; ++step) {
    terms(territory) = 0.02 * step;
    CAPTURE(terms(territory));
    for (const int side : {rus, ukr}) {
      const double v = table.terms_value(side, terms);
      const double side_delta = params.actors[static_cast<std::size_t>(side)].preferences.discount_per_month;
      std::vector<double> gain(static_cast<std::size_t>(window));
      for (int h = 0; h < window; ++h)
        gain[static_cast<std::size_t>(h)] =
            table.renewed_war_value(trial.at(months[static_cast<std::size_t>(h)]), side, terms) - v;
      int first_better = -1, strike = -1;
      for (int h = 1; h < window && strike < 0; ++h) {
        double later = 0.0, discount = 1.0;
        for (int k = h + 1; k < window; ++k) {
          discount *= side_delta;
          later = std::max(later, discount * gain[static_cast<std::size_t>(k)]);
        }
        if (first_better < 0 && gain[static_cast<std::size_t>(h)] > 0.0) first_better = h;
        if (gain[static_cast<std::size_t>(h)] > later) strike = h;
      }
      CAPTURE(side);
      CAPTURE(first_better);
      CAPTURE(strike);
      if (side == rus) {
        waits += strike > first_better + 2;
        interior += first_better > 0 && strike > first_better && strike < window - 1;
      } else {
        CHECK(strike == first_better);
      }
      for (int h = 1; h <= (strike < 0 ? window - 1 : strike); ++h) {
        CAPTURE(h);
        CHECK(table.reneges(trial.at(months[static_cast<std::size_t>(h)]), side, terms) == (h == strike));
      }
    }
  }
  CHECK(waits > 0);
  CHECK(interior > 0);

  // A freeze without a deal has no window end to wait for: renewed war that beats the terms ends it.
  terms(territory) = 0.98;
  TrialState frozen = months[1];
  frozen.table.phase = Phase::kFrozen;
  const bool beats = table.renewed_war_value(trial.at(frozen), rus, terms) > table.terms_value(rus, terms);
  REQUIRE(beats);
  CHECK(table.reneges(trial.at(frozen), rus, terms));
}

TEST_CASE("in a ceasefire a belligerent prices renewed war by its own belief, moved by the forces' regrouping") {
  // At the table each belligerent values war by its belief about the drift; the front does not
  // move in a ceasefire, so the belief stays where it was, and the renewed war is priced at the
  // belief plus the change of the drift the forces imply since the ceasefire began. With nothing
  // changed since the signing, the renewed war is worth exactly what war was worth at the table,
  // however far the belief is from the truth: a deal both accepted is not broken for that gap.
  const Scenario scenario =
      parse_scenario_json(flagship_without({"aid", "events", "sanctions"}), "beliefs in a ceasefire");
  REQUIRE(scenario.mechanisms.beliefs);
  const int ukr = scenario.battlefield.holder, rus = scenario.battlefield.opponent;
  TrialParameters params;
  central_trial_parameters(scenario, params);
  bargaining::Table table;
  TrialState state;
  init_trial_state(scenario, params, state);
  const Trial trial{scenario, nullptr, params, state, TrialKey{}};
  table.prepare(trial);  // aid and events off: nothing anticipated
  const auto strength = [&](int side) -> double& { return state.actors[static_cast<std::size_t>(side)].strength; };
  const double truth = front_drift(params.battlefield, strength(ukr), strength(rus));
  // Russia gloomier than the truth (a drift more in Ukraine's favour), Ukraine more hopeful.
  state.actors[static_cast<std::size_t>(rus)].belief_mean_drift = truth + 0.004;
  state.actors[static_cast<std::size_t>(ukr)].belief_mean_drift = truth + 0.002;
  bargaining::TableView view;
  table.assess(trial, view);
  const auto issues = static_cast<Eigen::Index>(scenario.issues.size());
  Eigen::VectorXd terms(issues);
  for (Eigen::Index k = 0; k < issues; ++k) terms(k) = scenario.issues[static_cast<std::size_t>(k)].status_quo;

  state.table.phase = Phase::kPeace;
  state.table.deals.push_back(DealRecord{0, 0, false});
  state.table.ceasefire_drift = truth;
  for (const int side : {ukr, rus})
    CHECK(table.renewed_war_value(trial, side, terms) ==
          doctest::Approx(view.war_value[static_cast<std::size_t>(side)]).epsilon(1e-12));
  // Terms worth a little more to Russia than war by its belief, a little less than war by the
  // truth: it keeps the deal.
  const Eigen::Index territory = scenario.bargaining->territory_issue;
  double lo = 0.0, hi = 1.0;  // Russia's value of the terms falls as territory returns to Ukraine
  for (int i = 0; i < 60; ++i) {
    terms(territory) = 0.5 * (lo + hi);
    (table.terms_value(rus, terms) > view.war_value[static_cast<std::size_t>(rus)] + 1e-4 ? lo : hi) = terms(territory);
  }
  terms(territory) = lo;
  TrialState by_truth = state;
  by_truth.actors[static_cast<std::size_t>(rus)].belief_mean_drift = truth;
  REQUIRE(table.renewed_war_value(trial.at(by_truth), rus, terms) > table.terms_value(rus, terms));
  CHECK_FALSE(table.reneges(trial, rus, terms));
  // Russia's forces grow by a tenth: the renewed war is priced as war at the table would be with
  // the belief moved by the drift that change implies.
  strength(rus) *= 1.1;
  const double moved = front_drift(params.battlefield, strength(ukr), strength(rus)) - truth;
  REQUIRE(moved < 0.0);
  TrialState at_table = state;
  at_table.table.phase = Phase::kWar;
  at_table.actors[static_cast<std::size_t>(rus)].belief_mean_drift = truth + 0.004 + moved;
  bargaining::TableView moved_view;
  table.assess(trial.at(at_table), moved_view);
  CHECK(table.renewed_war_value(trial, rus, terms) ==
        doctest::Approx(moved_view.war_value[static_cast<std::size_t>(rus)]).epsilon(1e-12));
}

TEST_CASE("in a ceasefire the bound on a renewed war decides as the exact value does") {
  // reneges skips the exact value of a renewed war where exit transforms kept from earlier months
  // bound it below the deal (renewed_war_bound.cpp). A table that keeps its bounds month after
  // month must decide as one that starts afresh each month (prepare forgets them), for terms on
  // both sides of the war's value, and with the drift moving either way.
  RegroupingWindow regrouping;
  REQUIRE_FALSE(bargaining::anticipates_cutoffs(regrouping.scenario));
  bargaining::Table& kept = regrouping.table;
  bargaining::Table fresh;
  const int ukr = regrouping.ukr, rus = regrouping.rus, window = regrouping.window;
  Eigen::VectorXd terms = regrouping.status_quo();
  const Eigen::Index territory = regrouping.scenario.bargaining->territory_issue;
  int broken = 0, kept_deals = 0;
  for (const bool forward : {true, false}) {
    for (int step = 0; step <= 100; ++step) {
      terms(territory) = 0.01 * step;
      for (int i = 1; i < window; ++i) {
        const int h = forward ? i : window - i;
        for (const int side : {rus, ukr}) {
          const Trial month = regrouping.at(h);
          fresh.prepare(month);
          const bool exact = fresh.reneges(month, side, terms);
          CAPTURE(terms(territory));
          CAPTURE(h);
          CAPTURE(side);
          CHECK(kept.reneges(month, side, terms) == exact);
          (exact ? broken : kept_deals) += 1;
        }
      }
    }
  }
  CHECK(broken > 100);
  CHECK(kept_deals > 100);
}
