// The canonical special cases of docs/model.md 12 through the engine: each scenario in
// scenarios/validation/ is loaded, solved (`parley solve`) or simulated (`parley run`, or the
// trial loop's own steps), and compared with its closed form (docs/model.md, "Canonical cases").
// Exact cases are held to 1e-9 (the Nash solver's constraint slack is of order 1e-12); Monte
// Carlo cases to 4 standard errors.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>

#include "parley/bargaining/table.h"
#include "parley/bargaining/war_value.h"
#include "parley/core/files.h"
#include "parley/io/run_report.h"
#include "parley/model/dynamics.h"
#include "parley/scenario/draw.h"
#include "parley/scenario/load.h"
#include "parley/sim/model.h"
#include "parley/sim/run.h"
#include "parley/sim/trace.h"

using namespace parley;

namespace {

constexpr double kExact = 1e-9;

std::string validation_path(const std::string& name) {
  return std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/" + name + ".json";
}
Scenario load(const std::string& name) {
  return load_scenario_file(validation_path(name));
}
nlohmann::json document(const std::string& name) {
  return nlohmann::json::parse(read_text_file(validation_path(name)));
}

// Every scenario in this file states where each of its values comes from.
void check_sourced(const Scenario& scenario) {
  for_each_parameter(scenario, [&](const ParameterSite& site, const Uncertain& parameter) {
    CAPTURE(site.name);
    CHECK_FALSE(parameter.provenance.empty());
  });
}

// A belligerent's war value with linear utility from the closed-form exit transforms (docs/model.md,
// "The bargaining layer"): it keeps the status-quo terms and pays its cost while fighting, and the
// victor's terms after a victory. The shared scenarios start at x = 0.5 with sigma = 0.05.
struct Front {
  double x = 0.5, drift = 0.002, sigma = 0.05;
};
double war_value(const Front& front, double delta, double v_status_quo, double v_holder_wins, double v_opponent_wins,
                 double monthly_cost) {
  const auto exit = bargaining::discounted_exit(front.x, front.drift, front.sigma, delta);
  return (1.0 - exit.at_one - exit.at_zero) * (v_status_quo - monthly_cost) + exit.at_one * v_holder_wins +
         exit.at_zero * v_opponent_wins;
}
// One territory issue, status quo 0.5: UKR values z at z, RUS at 1 - z; each pays cost_weight x 1.
double ukraine_war_value(double delta, double cost_weight, const Front& front = {}) {
  return war_value(front, delta, 0.5, 1.0, 0.0, cost_weight);
}
double russia_war_value(double delta, double cost_weight, const Front& front = {}) {
  return war_value(front, delta, 0.5, 0.0, 1.0, cost_weight);
}

double share(const RunResult& result, Outcome outcome) {
  return static_cast<double>(result.summary.outcome_count(outcome)) / static_cast<double>(result.summary.trials());
}
double binomial_se(double p, std::int64_t n) {
  return std::sqrt(p * (1.0 - p) / static_cast<double>(n));
}

}  // namespace

TEST_CASE("every validation case cites a source for each parameter") {
  for (const char* name : {"rubinstein", "rubinstein_finite", "nash_asymmetric", "nash_logroll", "baron_ferejohn",
                           "powell_commitment_peace", "powell_commitment_war", "war_of_attrition", "belief_convergence",
                           "armistice", "screening_ultimatum"}) {
    CAPTURE(name);
    check_sourced(load(name));
  }
}

TEST_CASE("Rubinstein (1982): the first proposer gets (1 - d2)/(1 - d1 d2) of the surplus") {
  const Scenario scenario = load("rubinstein");
  const auto report = bargaining::solve_at_month_zero(scenario);
  const double w_ukr = ukraine_war_value(0.98, 0.04), w_rus = russia_war_value(0.95, 0.03);
  const double surplus = 1.0 - w_ukr - w_rus;
  const double proposer_share = (1.0 - 0.95) / (1.0 - 0.98 * 0.95);
  REQUIRE(report.view.deal.status == bargaining::NashStatus::kAgreement);
  CHECK(report.view.war_value[0] == doctest::Approx(w_ukr).epsilon(1e-12));
  CHECK(report.view.war_value[1] == doctest::Approx(w_rus).epsilon(1e-12));
  CHECK(std::abs(report.view.deal.deal(0) - (w_ukr + proposer_share * surplus)) <= kExact);
  CHECK(report.view.weight[0] == doctest::Approx(proposer_share).epsilon(1e-15));

  // Swapping the first proposer gives RUS the proposer's share.
  nlohmann::json doc = document("rubinstein");
  doc["bargaining"]["first_proposer"] = "RUS";
  const auto swapped = bargaining::solve_at_month_zero(parse_scenario_json(doc, "RUS first"));
  const double rus_share = (1.0 - 0.98) / (1.0 - 0.98 * 0.95);
  CHECK(std::abs((1.0 - swapped.view.deal.deal(0)) - (w_rus + rus_share * surplus)) <= kExact);
}

TEST_CASE("Stahl (1972): a finite horizon of offers is solved by backward induction") {
  const Scenario scenario = load("rubinstein_finite");
  const auto report = bargaining::solve_at_month_zero(scenario);
  const double w_ukr = ukraine_war_value(0.98, 0.04), w_rus = russia_war_value(0.95, 0.03);
  const double surplus = 1.0 - w_ukr - w_rus;
  // Reviews every 3 months: the discount per round is delta^3. Four rounds, UKR proposing in
  // rounds 1 and 3: x4 = 1, x3 = 1 - d_UKR, x2 = 1 - d_RUS... read from the responder's side:
  // round t's proposer keeps 1 - d_responder x_(t+1).
  const double d_ukr = std::pow(0.98, 3), d_rus = std::pow(0.95, 3);
  const double share = 1.0 - d_rus * (1.0 - d_ukr * (1.0 - d_rus));
  REQUIRE(report.view.deal.status == bargaining::NashStatus::kAgreement);
  CHECK(std::abs(report.view.deal.deal(0) - (w_ukr + share * surplus)) <= kExact);

  // One round is an ultimatum: the proposer takes the whole surplus and leaves RUS its war value.
  nlohmann::json doc = document("rubinstein_finite");
  doc["bargaining"]["offer_rounds"] = 1;
  const auto ultimatum = bargaining::solve_at_month_zero(parse_scenario_json(doc, "ultimatum"));
  REQUIRE(ultimatum.view.deal.status == bargaining::NashStatus::kAgreement);
  CHECK(std::abs(ultimatum.view.deal.deal(0) - (1.0 - w_rus)) <= kExact);
  CHECK(ultimatum.view.at_table[1]);  // the responder keeps its seat and its veto
  // Many rounds converge to Rubinstein's share with the same per-round discounts.
  doc["bargaining"]["offer_rounds"] = 1000;
  const auto long_horizon = bargaining::solve_at_month_zero(parse_scenario_json(doc, "long"));
  const double rubinstein = (1.0 - d_rus) / (1.0 - d_ukr * d_rus);
  CHECK(std::abs(long_horizon.view.deal.deal(0) - (w_ukr + rubinstein * surplus)) <= kExact);
}

TEST_CASE("Nash (1950), Kalai (1977): weights 3:1 split the surplus above the war values 3:1") {
  const auto report = bargaining::solve_at_month_zero(load("nash_asymmetric"));
  const double w_ukr = ukraine_war_value(0.98, 0.04), w_rus = russia_war_value(0.98, 0.03);
  const double surplus = 1.0 - w_ukr - w_rus;
  REQUIRE(report.view.deal.status == bargaining::NashStatus::kAgreement);
  CHECK(std::abs(report.view.deal.deal(0) - (w_ukr + 0.75 * surplus)) <= kExact);
  CHECK(std::abs(report.view.deal.gain(0) - 0.75 * surplus) <= kExact);
  CHECK(std::abs(report.view.deal.gain(1) - 0.25 * surplus) <= kExact);
}

TEST_CASE("a two-issue logroll: each side wins the issue it cares about most") {
  const auto report = bargaining::solve_at_month_zero(load("nash_logroll"));
  // v_UKR(z) = 1 - 0.8 (1 - z1) - 0.2 z2, v_RUS(z) = 1 - 0.2 z1 - 0.8 (1 - z2); status quo (0.5,
  // 0.5); a victory moves territory only.
  const auto v_ukr = [](double z1, double z2) { return 1.0 - 0.8 * (1.0 - z1) - 0.2 * z2; };
  const auto v_rus = [](double z1, double z2) { return 1.0 - 0.2 * z1 - 0.8 * (1.0 - z2); };
  const Front front;
  const double w_ukr = war_value(front, 0.98, v_ukr(0.5, 0.5), v_ukr(1, 0.5), v_ukr(0, 0.5), 0.04);
  const double w_rus = war_value(front, 0.98, v_rus(0.5, 0.5), v_rus(1, 0.5), v_rus(0, 0.5), 0.03);
  const double gain_ukr = v_ukr(1, 1) - w_ukr, gain_rus = v_rus(1, 1) - w_rus;
  // The kink (1, 1) maximises the Nash product iff neither frontier segment improves it:
  // moving along either trades 0.2 of one side's value for 0.8 of the other's, so the gains
  // must be within a factor 4 of each other.
  REQUIRE(gain_ukr / gain_rus > 0.25);
  REQUIRE(gain_ukr / gain_rus < 4.0);
  REQUIRE(report.view.deal.status == bargaining::NashStatus::kAgreement);
  CHECK(std::abs(report.view.deal.deal(0) - 1.0) <= kExact);
  CHECK(std::abs(report.view.deal.deal(1) - 1.0) <= kExact);
  CHECK(std::abs(report.view.deal.gain(0) - gain_ukr) <= kExact);
  CHECK(std::abs(report.view.deal.gain(1) - gain_rus) <= kExact);
}

TEST_CASE("Baron & Ferejohn (1989), unanimity: expected payoffs w_i + p_i S / lambda_i for any discount") {
  nlohmann::json doc = document("baron_ferejohn");
  for (const double delta : {0.98, 0.9}) {
    CAPTURE(delta);
    for (auto& actor : doc["actors"]) actor["preferences"]["discount_per_month"]["value"] = delta;
    const Scenario scenario = parse_scenario_json(doc, "baron_ferejohn");
    check_sourced(scenario);
    const auto report = bargaining::solve_at_month_zero(scenario);
    // Values: v_UKR = z1, v_RUS = 1 - z1/2 - (1 - z2)/2, v_USA = 1 - z2; status quo (0.5, 0.3).
    const Front front;
    const double w_ukr = ukraine_war_value(delta, 0.04);
    const double w_rus = war_value(front, delta, 0.5 - 0.25 + 0.15, 0.0 + 0.15, 0.5 + 0.15, 0.03);
    const double w_usa = 0.7;  // no aid, no cost: the status quo whatever happens on the front
    const double lambda[3] = {0.5, 1.0, 0.5}, p[3] = {0.5, 0.3, 0.2}, w[3] = {w_ukr, w_rus, w_usa};
    const double surplus = 1.0 - (lambda[0] * w[0] + lambda[1] * w[1] + lambda[2] * w[2]);
    REQUIRE(surplus > 0.0);
    REQUIRE(report.view.deal.status == bargaining::NashStatus::kAgreement);
    const double z1 = report.view.deal.deal(0), z2 = report.view.deal.deal(1);
    const double v[3] = {z1, 1.0 - 0.5 * z1 - 0.5 * (1.0 - z2), 1.0 - z2};
    for (int i = 0; i < 3; ++i) {
      CAPTURE(i);
      CHECK(report.view.war_value[static_cast<std::size_t>(i)] == doctest::Approx(w[i]).epsilon(1e-12));
      CHECK(std::abs(v[i] - (w[i] + p[i] * surplus / lambda[i])) <= kExact);
    }
  }
}

TEST_CASE("Powell (2006): war iff the anticipated shift exceeds what the rising side can give up") {
  // RUS regrouping at g a month over half of the 60-month window lowers the drift of a renewed
  // war by beta ln(1 + 30 g); UKR, the declining side, prices that with odds q/(1 - q) = 1.
  const double q = 0.5, beta = 0.01, half_window = 30.0;
  const double w_ukr = ukraine_war_value(0.98, 0.04), w_rus = russia_war_value(0.98, 0.03);
  const double surplus = 1.0 - w_ukr - w_rus;
  const auto ukraine_loss = [&](double g) {
    Front shifted;
    shifted.drift -= beta * std::log1p(g * half_window);
    return w_ukr - ukraine_war_value(0.98, 0.04, shifted);
  };
  double lo = 0.0, hi = 1.0;  // the threshold g*: q/(1 - q) loss(g*) = surplus
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (q / (1.0 - q) * ukraine_loss(mid) > surplus ? hi : lo) = mid;
  }
  const double threshold = lo;
  CHECK(threshold == doctest::Approx(0.00713).epsilon(1e-3));  // as the scenarios' descriptions say

  const Scenario peace = load("powell_commitment_peace");
  const Scenario war = load("powell_commitment_war");
  REQUIRE(peace.bargaining->actors[1].regroup_share_per_month.mean() < threshold);
  REQUIRE(war.bargaining->actors[1].regroup_share_per_month.mean() > threshold);
  const auto below = bargaining::solve_at_month_zero(peace);
  const auto above = bargaining::solve_at_month_zero(war);
  CHECK(below.view.deal.status == bargaining::NashStatus::kAgreement);
  CHECK_FALSE(below.commitment_problem);
  CHECK(above.view.deal.status == bargaining::NashStatus::kNoBargainingSpace);
  CHECK(above.commitment_problem);
  // The disagreement points: the declining side's raised by the odds times its loss, the rising
  // side's left at its war value.
  const double g_war = war.bargaining->actors[1].regroup_share_per_month.mean();
  CHECK(above.view.disagreement[0] == doctest::Approx(w_ukr + q / (1.0 - q) * ukraine_loss(g_war)).epsilon(1e-12));
  CHECK(above.view.disagreement[1] == doctest::Approx(w_rus).epsilon(1e-12));
  // The engine's verdict turns at the closed-form threshold.
  nlohmann::json doc = document("powell_commitment_peace");
  for (const double factor : {1.0 - 1e-4, 1.0 + 1e-4}) {
    CAPTURE(factor);
    doc["bargaining"]["actors"]["RUS"]["regroup_share_per_month"]["value"] = threshold * factor;
    const auto report = bargaining::solve_at_month_zero(parse_scenario_json(doc, "near threshold"));
    CHECK(report.commitment_problem == (factor > 1.0));
  }
  // With the odds doubled (q = 2/3) the threshold falls: the case is the engine's q/(1 - q).
  doc["bargaining"]["commitment"]["mistrust_prob"]["value"] = 2.0 / 3.0;
  doc["bargaining"]["actors"]["RUS"]["regroup_share_per_month"]["value"] =
      peace.bargaining->actors[1].regroup_share_per_month.mean();
  CHECK(2.0 * ukraine_loss(peace.bargaining->actors[1].regroup_share_per_month.mean()) > surplus);
  CHECK(bargaining::solve_at_month_zero(parse_scenario_json(doc, "more mistrust")).commitment_problem);
}

TEST_CASE("war of attrition: each side quits at an exponential time with rate c/V") {
  RunOptions options;
  options.trials = 20000;
  SUBCASE("symmetric: c/V = 0.05 a month for both") {
    const Scenario scenario = load("war_of_attrition");
    const RunResult result = run_monte_carlo(scenario, options);
    const std::int64_t n = result.summary.trials();
    const double rate = 0.05, total = 2.0 * rate;
    CHECK(result.summary.table().concessions == n);
    // RUS concedes (UKR wins) first with probability lambda_RUS / (lambda_UKR + lambda_RUS).
    CHECK(std::abs(share(result, Outcome::kHolderVictory) - 0.5) <= 4.0 * binomial_se(0.5, n));
    const auto survival = result.summary.survival_curve();
    for (const int month : {1, 5, 10, 20, 40}) {
      CAPTURE(month);
      const double p = std::exp(-total * month);
      CHECK(std::abs(survival[static_cast<std::size_t>(month)] - p) <= 4.0 * binomial_se(p, n));
    }
    // The month of ending is ceil(min of the two times): geometric with mean 1/(1 - e^(-2c/V)),
    // less the mass beyond the 360-month horizon (e^(-36), negligible).
    const auto& d = result.summary.duration_of_ended_wars();
    CHECK(std::abs(d.mean() - 1.0 / (1.0 - std::exp(-total))) <= 4.0 * d.standard_error());
  }
  SUBCASE("asymmetric: each side's rate is its rival's c/V (Hendricks, Weiss & Wilson 1988)") {
    nlohmann::json doc = document("war_of_attrition");
    doc["actors"][0]["preferences"]["cost_weight"]["value"] = 0.04;  // UKR: c = 0.04, V = 1
    doc["actors"][1]["preferences"]["cost_weight"]["value"] = 0.02;  // RUS: c = 0.02, V = 2
    doc["bargaining"]["actors"]["RUS"]["attrition_prize"]["value"] = 2.0;
    const RunResult result = run_monte_carlo(parse_scenario_json(doc, "asymmetric"), options);
    const std::int64_t n = result.summary.trials();
    const double ukraine_quits = 0.02 / 2.0, russia_quits = 0.04 / 1.0, total = ukraine_quits + russia_quits;
    const double p_ukraine_wins = russia_quits / total;
    CHECK(std::abs(share(result, Outcome::kHolderVictory) - p_ukraine_wins) <= 4.0 * binomial_se(p_ukraine_wins, n));
    const auto survival = result.summary.survival_curve();
    for (const int month : {5, 20, 60}) {
      CAPTURE(month);
      const double p = std::exp(-total * month);
      CHECK(std::abs(survival[static_cast<std::size_t>(month)] - p) <= 4.0 * binomial_se(p, n));
    }
  }
}

TEST_CASE("convergence of beliefs (Slantchev 2003): fighting closes the gap and reopens the range") {
  const Scenario scenario = load("belief_convergence");
  // At month 0 the divergent priors close the range that complete information leaves open.
  const auto month_zero = bargaining::solve_at_month_zero(scenario);
  CHECK(month_zero.view.deal.status == bargaining::NashStatus::kNoBargainingSpace);
  CHECK_FALSE(month_zero.commitment_problem);
  nlohmann::json doc = document("belief_convergence");
  doc["mechanisms"]["beliefs"] = false;
  CHECK(bargaining::solve_at_month_zero(parse_scenario_json(doc, "true beliefs")).view.deal.status ==
        bargaining::NashStatus::kAgreement);

  // The trial loop's own steps, with the table assessed (not acted on) every month. With no
  // process noise both sides' variances follow v_t = v_0 / (1 + t v_0 / sigma^2) and the gap
  // between their means shrinks by the same factor, whatever the front did.
  const double v0 = 0.04 * 0.04, sigma2 = 0.05 * 0.05, gap0 = 0.012 - (-0.008);
  constexpr int kTrials = 2000, kMonths = 36;
  const int checkpoints[] = {1, 12, 36};
  int alive[3] = {0, 0, 0}, with_range[3] = {0, 0, 0};
  TrialParameters params;
  TrialState state;
  bargaining::Table table;
  bargaining::TableView view;
  const auto tables = bargaining::build_anticipation_tables(scenario);
  for (int trial = 0; trial < kTrials; ++trial) {
    const TrialKey key{scenario.default_seed, static_cast<std::uint64_t>(trial)};
    draw_trial_parameters(scenario, key.seed, key.trial, params);
    init_trial_state(scenario, params, state);
    const Trial the_trial{scenario, tables.get(), params, state, TrialKey{}};
    table.prepare(the_trial);
    Rng battle(key.seed, key.trial, Stream::kBattle);
    for (int month = 1; month <= kMonths; ++month) {
      step_month(scenario, params, state, battle, key);
      if (state.ended) break;
      const double v = v0 / (1.0 + month * v0 / sigma2);
      const double gap = state.actors[0].belief_mean_drift - state.actors[1].belief_mean_drift;
      if (trial < 50) {  // the recursion is deterministic: a few paths show it
        CHECK(state.actors[0].belief_var_drift == doctest::Approx(v).epsilon(1e-12));
        CHECK(gap == doctest::Approx(gap0 * v / v0).epsilon(1e-9));
      }
      for (int c = 0; c < 3; ++c) {
        if (month != checkpoints[c]) continue;
        table.assess(the_trial, view);
        ++alive[c];
        with_range[c] += view.deal.status == bargaining::NashStatus::kAgreement ? 1 : 0;
      }
    }
  }
  double p[3], se[3];
  for (int c = 0; c < 3; ++c) {
    REQUIRE(alive[c] > 1000);
    p[c] = static_cast<double>(with_range[c]) / alive[c];
    se[c] = std::sqrt(std::max(p[c] * (1.0 - p[c]), 1e-12) / alive[c]);
  }
  MESSAGE("P(range at months 1, 12, 36) = " << p[0] << ", " << p[1] << ", " << p[2]);
  CHECK(p[1] - p[0] > 4.0 * std::hypot(se[0], se[1]));
  CHECK(p[2] - p[1] > 4.0 * std::hypot(se[1], se[2]));

  // Through the whole trial loop: no deal in month 1, settlements once beliefs have converged.
  RunOptions options;
  options.trials = 2000;
  const RunResult result = run_monte_carlo(scenario, options);
  const auto survival = result.summary.survival_curve();
  CHECK(survival[1] > 1.0 - p[0] - 4.0 * se[0] - 0.01);
  CHECK(result.summary.outcome_count(Outcome::kSettlement) > result.summary.trials() / 2);
}

TEST_CASE("armistice: a freeze that holds armistice_after_months ends the war, dated by the freeze") {
  const Scenario scenario = load("armistice");
  const int window = scenario.bargaining->armistice_after_months;
  REQUIRE(window == 36);
  REQUIRE(window < scenario.bargaining->peace_window_months);  // the armistice's window, not the deal's
  // Month 0: ripe, and complete mistrust leaves no bargaining space, so small steps freeze the front.
  const auto month_zero = bargaining::solve_at_month_zero(scenario);
  CHECK(month_zero.view.ripe);
  CHECK(month_zero.view.deal.status == bargaining::NashStatus::kNoBargainingSpace);
  // The line (0.5 to each) beats a renewed war for both sides wherever a month of fighting can
  // leave the front but for 4-sigma months, [0.42, 0.58], through the window and to the horizon:
  // the front does not move in a freeze, each side's cost only rises with its rival's mobilised
  // strength (cost_weight x lethality x strength >= 0.1), and NTH's regrouping moves the drift
  // from 0 toward NTH by at most beta ln(1.001) a month.
  const auto lowest_drift = [](int months) { return -0.01 * months * std::log(1.001); };
  for (const int months : {window, scenario.horizon_months}) {
    CAPTURE(months);
    CHECK(war_value({0.58, 0.0, 0.02}, 0.98, 0.5, 1.0, 0.0, 0.1) < 0.5);
    CHECK(war_value({0.42, lowest_drift(months), 0.02}, 0.98, 0.5, 0.0, 1.0, 0.1) < 0.5);
  }
  // So every trial freezes in month 1 and, but for a first month that moves the front more than
  // 4 sigma, ends as an armistice dated 1.
  const double expected = std::erf(4.0 / std::sqrt(2.0));
  RunOptions options;
  options.trials = 4000;
  const RunResult result = run_monte_carlo(scenario, options);
  const std::int64_t n = result.summary.trials();
  const double armistice = share(result, Outcome::kArmistice);
  MESSAGE("armistice share " << armistice << " (expected at least " << expected << ")");
  CHECK(armistice >= expected - 4.0 * binomial_se(expected, n));
  CHECK(result.summary.outcome_count(Outcome::kSettlement) == 0);
  CHECK(result.summary.outcome_count(Outcome::kFrozen) == 0);
  CHECK(result.summary.table().deals == 0);
  CHECK(result.summary.survival_curve()[1] <= 1.0 - armistice);

  // Trial by trial: frozen from month 1, and the war ends in month 1 + window, dated 1.
  const TrialTrace trace = trace_trial(scenario, scenario.default_seed, 0);
  REQUIRE(trace.outcome == Outcome::kArmistice);
  CHECK(trace.end_month == 1);
  REQUIRE(trace.months.size() == static_cast<std::size_t>(window) + 2);
  for (int month = 1; month <= window + 1; ++month)
    CHECK(trace.months[static_cast<std::size_t>(month)].phase == Phase::kFrozen);
  CHECK(trace.months.back().events.back() == "war ends: armistice");

  nlohmann::json doc = document("armistice");
  SUBCASE("a shorter window ends the war sooner, with the same date") {
    doc["bargaining"]["armistice_after_months"] = 10;
    const TrialTrace shorter = trace_trial(parse_scenario_json(doc, "shorter"), scenario.default_seed, 0);
    CHECK(shorter.outcome == Outcome::kArmistice);
    CHECK(shorter.end_month == 1);
    CHECK(shorter.months.size() == 12);
  }
  SUBCASE("a window past the horizon leaves the same freezes frozen at the horizon") {
    doc["bargaining"]["armistice_after_months"] = scenario.horizon_months + 1;
    const RunResult frozen = run_monte_carlo(parse_scenario_json(doc, "past the horizon"), options);
    CHECK(frozen.summary.outcome_count(Outcome::kArmistice) == 0);
    CHECK(frozen.summary.outcome_count(Outcome::kFrozen) == result.summary.outcome_count(Outcome::kArmistice));
    CHECK(frozen.summary.duration_of_ended_wars().mean() == result.summary.duration_of_ended_wars().mean());
  }
  SUBCASE("a freeze that breaks is no armistice: with war free, one side always beats the line") {
    // Without costs the two war values sum to 1, so one side's renewed war beats the line's 0.5
    // and it breaks the freeze the month after it begins, every time.
    for (auto& actor : doc["actors"]) actor["preferences"]["cost_weight"]["value"] = 0.0;
    const Scenario free_war = parse_scenario_json(doc, "free war");
    const RunResult broken = run_monte_carlo(free_war, options);
    CHECK(broken.summary.outcome_count(Outcome::kArmistice) == 0);
    CHECK(broken.summary.outcome_count(Outcome::kFrozen) + broken.summary.outcome_count(Outcome::kOngoing) +
              broken.summary.outcome_count(Outcome::kHolderVictory) +
              broken.summary.outcome_count(Outcome::kOpponentVictory) ==
          n);
    const TrialTrace resumed = trace_trial(free_war, scenario.default_seed, 0);
    CHECK(resumed.months[1].phase == Phase::kFrozen);
    CHECK(resumed.months[2].phase == Phase::kWar);
    CHECK(resumed.months[2].events.front() == "freeze broken: war resumes");
  }
  SUBCASE("with trust a deal is signed instead, and a deal that holds is still a settlement") {
    doc["bargaining"]["commitment"]["mistrust_prob"]["value"] = 0.0;
    const RunResult settled = run_monte_carlo(parse_scenario_json(doc, "trust"), options);
    CHECK(settled.summary.outcome_count(Outcome::kArmistice) == 0);
    CHECK(settled.summary.outcome_count(Outcome::kSettlement) >= result.summary.outcome_count(Outcome::kArmistice));
  }
}

namespace {

// The screening case's closed form (scenarios/validation/screening_ultimatum.json): RUS's war
// value at type w is A - B w; UKR keeps z = 1 - t of an ultimatum that leaves RUS t, and fights
// on at w_UKR after a rejection. Types accept iff w >= c = (A - t) / B, so with w uniform on
// [lo, hi] UKR maximises (hi - c) / (hi - lo) (1 - A + B c) + (c - lo) / (hi - lo) w_UKR, a concave
// quadratic in c with its top at c* = hi / 2 - (1 - A - w_UKR) / (2 B).
struct ScreeningClosedForm {
  double lo = 0.01, hi = 0.09;
  double value_at_zero = russia_war_value(0.95, 0.0);
  double slope = russia_war_value(0.95, 0.0) - russia_war_value(0.95, 1.0);
  double proposer_war = ukraine_war_value(0.98, 0.04);
  [[nodiscard]] double cutoff() const { return 0.5 * hi - (1.0 - value_at_zero - proposer_war) / (2.0 * slope); }
  [[nodiscard]] double offered() const { return value_at_zero - slope * cutoff(); }
  [[nodiscard]] double acceptance() const { return (hi - cutoff()) / (hi - lo); }
};

}  // namespace

TEST_CASE("Fearon (1995): an ultimatum to a side with a private cost risks war for better terms") {
  const Scenario scenario = load("screening_ultimatum");
  const ScreeningClosedForm form;
  REQUIRE(form.cutoff() > form.lo);  // the best offer risks war: an interior cut-off type
  REQUIRE(form.cutoff() < form.hi);
  const auto report = bargaining::solve_at_month_zero(scenario);
  REQUIRE(report.view.offer_made);
  MESSAGE("cut-off type " << form.cutoff() << ", acceptance " << form.acceptance());
  CHECK(std::abs(report.view.deal.deal(0) - (1.0 - form.offered())) <= 1e-6);
  CHECK(report.view.accepting.lower == doctest::Approx(form.cutoff()).epsilon(1e-6));
  CHECK(report.view.acceptance_prob == doctest::Approx(form.acceptance()).epsilon(1e-6));
  // The central type (0.05) answers as its war value says.
  CHECK((report.view.deal.status == bargaining::NashStatus::kAgreement) == (0.05 >= form.cutoff()));

  // Trial by trial at month 0: the offer does not depend on the responder's type, which accepts
  // iff it is at least the cut-off; the share accepting is the closed form's, to Monte Carlo error.
  const auto anticipation = bargaining::build_anticipation_tables(scenario);
  constexpr int kTrials = 4000;
  int accepted = 0;
  for (int i = 0; i < kTrials; ++i) {
    TrialParameters params;
    draw_trial_parameters(scenario, scenario.default_seed, static_cast<std::uint64_t>(i), params);
    TrialState state;
    init_trial_state(scenario, params, state);
    const Trial trial{scenario, anticipation.get(), params, state, TrialKey{}};
    bargaining::Table table;
    table.prepare(trial);
    bargaining::TableView view;
    table.assess(trial, view);
    REQUIRE(view.offer_made);
    CHECK(std::abs(view.deal.deal(0) - report.view.deal.deal(0)) <= 1e-12);
    const double type = params.actors[1].preferences.cost_weight;
    const bool accepts = view.deal.status == bargaining::NashStatus::kAgreement;
    if (std::abs(type - form.cutoff()) > 1e-6) CHECK(accepts == (type >= form.cutoff()));
    accepted += accepts ? 1 : 0;
  }
  const double share_accepting = static_cast<double>(accepted) / kTrials;
  CHECK(std::abs(share_accepting - form.acceptance()) <= 4.0 * binomial_se(form.acceptance(), kTrials));

  // Through the trial loop: talks open every month, a rejection is a month of war and teaches UKR
  // that the type is below the cut-off, so it offers more; the first ultimatum fails with the
  // closed form's chance (the front moves little in a month: A and B barely change).
  RunOptions options;
  options.trials = kTrials;
  const RunResult result = run_monte_carlo(scenario, options);
  const TableSummary& table = result.summary.table();
  const double rejected_first = static_cast<double>(table.trials_with_rejected_offer) / kTrials;
  MESSAGE("offers " << table.offers << ", rejected " << table.offers_rejected << ", trials with a rejection "
                    << rejected_first);
  CHECK(std::abs(rejected_first - (1.0 - form.acceptance())) <= 4.0 * binomial_se(form.acceptance(), kTrials) + 0.01);
  CHECK(table.offers_rejected < table.offers);
  CHECK(table.offers - table.offers_rejected == table.deals);  // every accepted ultimatum is a deal
  const TrialTrace trace = trace_trial(scenario, scenario.default_seed, 0);
  CHECK(trace.months[1].events.size() >= 1);
}

TEST_CASE("screening with a point prior is complete information: the same trials, bit for bit") {
  nlohmann::json doc = document("screening_ultimatum");
  doc["actors"][1]["preferences"]["cost_weight"] = {{"value", 0.05}, {"source", {{"assumption", "a point prior"}}}};
  const Scenario informed = parse_scenario_json(doc, "point prior");
  doc["bargaining"].erase("private_cost");
  const Scenario complete = parse_scenario_json(doc, "complete information");
  RunOptions options;
  options.trials = 500;
  const RunResult a = run_monte_carlo(informed, options), b = run_monte_carlo(complete, options);
  for (std::size_t k = 0; k < kOutcomeCount; ++k)
    CHECK(a.summary.outcome_count(static_cast<Outcome>(k)) == b.summary.outcome_count(static_cast<Outcome>(k)));
  CHECK(a.summary.table().deals == b.summary.table().deals);
  CHECK(a.summary.table().terms[0].mean() == b.summary.table().terms[0].mean());
  CHECK(a.summary.table().offers_rejected == 0);
}

TEST_CASE(
    "screening's closed-form frontier is the solver's: the proposer's best deal leaving the responder its offer") {
  // nash_logroll's two crossed issues (UKR ideal (1, 0), saliences (0.8, 0.2); RUS ideal (0, 1),
  // saliences (0.2, 0.8)), played as screening ultimatums by UKR over RUS's private cost weight.
  using Eigen::MatrixXd;
  using Eigen::VectorXd;
  const MatrixXd ideal = (MatrixXd(2, 2) << 1.0, 0.0, 0.0, 1.0).finished();
  const MatrixXd salience = (MatrixXd(2, 2) << 0.8, 0.2, 0.2, 0.8).finished();
  for (const char* shape : {"linear", "quadratic"}) {
    for (const double high : {0.06, 0.2, 0.6}) {
      CAPTURE(shape);
      CAPTURE(high);
      nlohmann::json doc = document("nash_logroll");
      doc["bargaining"]["utility"] = shape;
      doc["bargaining"]["solution"] = "alternating_offers";
      doc["bargaining"]["first_proposer"] = "UKR";
      doc["bargaining"]["offer_rounds"] = 1;
      doc["bargaining"]["private_cost"] = "RUS";
      doc["actors"][1]["preferences"]["cost_weight"] = {
          {"dist", "uniform"}, {"min", 0.0}, {"max", high}, {"source", {{"assumption", "a test prior"}}}};
      const auto report = bargaining::solve_at_month_zero(parse_scenario_json(doc, "logroll screening"));
      REQUIRE(report.view.offer_made);
      const bargaining::IssueTable table = bargaining::make_issue_table(
          ideal, salience, VectorXd::Constant(2, 0.5), {{0, 1}, {0, 1}}, {true, true},
          std::string(shape) == "linear" ? bargaining::LossShape::kLinear : bargaining::LossShape::kQuadratic);
      const double offered = 1.0 + bargaining::actor_utility(table, 1, report.view.deal.deal);
      const double keeps = 1.0 + bargaining::actor_utility(table, 0, report.view.deal.deal);
      bargaining::NashResult best;
      bargaining::NashWorkspace workspace;
      bargaining::nash_bargaining(
          table, VectorXd((VectorXd(2) << 1.0, 0.0).finished()),
          VectorXd((VectorXd(2) << report.view.disagreement[0] - 1.0, offered - 1.0).finished()), {true, true},
          workspace, best);
      REQUIRE(best.status == bargaining::NashStatus::kAgreement);
      CHECK(keeps == doctest::Approx(1.0 + bargaining::actor_utility(table, 0, best.deal)).epsilon(1e-9));
      CHECK(report.view.acceptance_prob > 0.0);
      CHECK(report.view.acceptance_prob <= 1.0);
    }
  }
}

namespace {

// The realised breakdown rate with the fear fixed at q, over the pilot compile() runs (2000
// trials at the scenario's seed).
double pilot_breakdown(nlohmann::json doc, double q) {
  doc["bargaining"].erase("feared_breakdown");
  doc["bargaining"]["commitment"]["mistrust_prob"] = {{"value", q}, {"source", {{"assumption", "a test point"}}}};
  RunOptions options;
  options.trials = 2000;
  const RunResult result = run_monte_carlo(parse_scenario_json(doc, "fixed fear"), options);
  const TableSummary& table = result.summary.table();
  return table.deals > 0 ? static_cast<double>(table.breakdowns) / static_cast<double>(table.deals) : 0.0;
}

}  // namespace

TEST_CASE("a consistent fear of breakdown: feared and realised breakdown rates agree to Monte Carlo error") {
  const Scenario scenario = load("consistent_commitment");
  const Model model = compile(scenario);
  REQUIRE(model.feared_breakdown().has_value());
  const double feared = *model.feared_breakdown();
  CHECK(model.scenario().bargaining->commitment.mistrust_prob.mean() == feared);
  // Ctrl-C during the pilot: nothing is solved, and the run that follows finishes no trial.
  std::atomic<bool> stop{true};
  const Model stopped = compile(scenario, &stop);
  CHECK_FALSE(stopped.feared_breakdown().has_value());
  RunOptions stopped_options;
  stopped_options.trials = 100;
  stopped_options.cancel = &stop;
  const RunResult nothing = run_monte_carlo(stopped, stopped_options);
  CHECK(nothing.interrupted);
  CHECK(nothing.summary.trials() == 0);
  // The pilot's bracket: the fear is not contradicted, and a fear just below it would be.
  const nlohmann::json doc = document("consistent_commitment");
  CHECK(pilot_breakdown(doc, feared) <= feared);
  CHECK(pilot_breakdown(doc, feared - std::ldexp(1.0, -14)) > feared - std::ldexp(1.0, -14));
  // Runs of other trials realise the rate feared (the pilot's own error counted too).
  for (const std::uint64_t seed : {11u, 12u}) {
    RunOptions options;
    options.trials = 4000;
    options.seed = seed;
    const RunResult result = run_monte_carlo(model, options);
    REQUIRE(result.feared_breakdown == feared);
    const TableSummary& table = result.summary.table();
    REQUIRE(table.deals > 1000);
    const double realised = static_cast<double>(table.breakdowns) / static_cast<double>(table.deals);
    const double se = std::sqrt(feared * (1.0 - feared) * (1.0 / static_cast<double>(table.deals) + 1.0 / 2500.0));
    MESSAGE("seed " << seed << ": feared " << feared << ", realised " << realised << " of " << table.deals << " deals");
    CHECK(std::abs(realised - feared) <= 4.0 * se);
    CHECK(run_report_json(model.scenario(), result)["bargaining"]["feared_breakdown"]["solved"] == feared);
  }
}

TEST_CASE("a consistent fear makes Powell's cases wars: the fear that experience leaves closes the range") {
  // With the fear solved instead of stated, every deal of the homogeneous Powell cases stops at one
  // fear: below it deals are signed and most break (RUS reneges once regrouped), at it none is.
  // The range exists at month 0 without the fear (a commitment problem), and the war goes on.
  for (const char* name : {"powell_commitment_peace", "powell_commitment_war"}) {
    CAPTURE(name);
    nlohmann::json doc = document(name);
    doc["bargaining"]["commitment"].erase("mistrust_prob");
    doc["bargaining"]["feared_breakdown"] = "consistent";
    const Scenario scenario = parse_scenario_json(doc, "consistent");
    const Model model = compile(scenario);
    REQUIRE(model.feared_breakdown().has_value());
    const double feared = *model.feared_breakdown();
    CHECK(pilot_breakdown(doc, feared) <= feared);
    CHECK(pilot_breakdown(doc, feared - std::ldexp(1.0, -14)) > feared - std::ldexp(1.0, -14));
    const auto month_zero = bargaining::solve_at_month_zero(model.scenario());
    CHECK(month_zero.commitment_problem);
    RunOptions options;
    options.trials = 1000;
    const RunResult result = run_monte_carlo(model, options);
    CHECK(result.summary.table().deals == 0);
    CHECK(result.summary.outcome_count(Outcome::kSettlement) == 0);
  }
}

TEST_CASE("the flagship's fear of breakdown, made consistent, is the rate its deals realise: none") {
  nlohmann::json doc =
      nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
  doc["bargaining"]["commitment"].erase("mistrust_prob");
  doc["bargaining"]["feared_breakdown"] = "consistent";
  const Model model = compile(parse_scenario_json(doc, "flagship, consistent"));
  REQUIRE(model.feared_breakdown().has_value());
  RunOptions options;
  options.trials = 2000;
  options.seed = 11;
  const RunResult result = run_monte_carlo(model, options);
  const TableSummary& table = result.summary.table();
  MESSAGE("feared " << *model.feared_breakdown() << ", realised " << table.breakdowns << " of " << table.deals);
  REQUIRE(table.deals > 0);
  const double realised = static_cast<double>(table.breakdowns) / static_cast<double>(table.deals);
  CHECK(std::abs(realised - *model.feared_breakdown()) <= 4.0 * std::sqrt(0.25 / static_cast<double>(table.deals)));
}
