// The claims layer (claims/*.h): paired comparisons on common random numbers against closed
// forms, what the pairing buys, verdicts of constructed true, false and null claims, interval
// coverage, and the claims file's located errors.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "cancel_support.h"
#include "parley/claims/claims.h"
#include "parley/io/claims_report.h"
#include "parley/io/run_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "scenario_builders.h"

namespace {

using parley::Scenario;
using namespace parley::claims;
using Json = nlohmann::json;

const std::string kSourceDir = PARLEY_SOURCE_DIR;

// Cox & Miller (1965), 5.7: P(Brownian motion with drift mu and volatility sigma, started at
// x0, reaches 1 before 0).
double upper_first(double x0, double mu, double sigma) {
  if (mu == 0.0) return x0;
  const double k = 2.0 * mu / (sigma * sigma);
  return std::expm1(-k * x0) / std::expm1(-k);
}

// Long enough that practically every path is absorbed: the closed form ignores the horizon.
constexpr int kLongHorizonMonths = 1200;

Scenario front(double x0, double mu, double sigma) {
  return parley::testing::battlefield_only(x0, mu, sigma, kLongHorizonMonths);
}

CompareOptions options(std::int64_t trials, std::uint64_t seed, Pairing pairing = Pairing::kCommonRandomNumbers) {
  CompareOptions o;
  o.run.trials = trials;
  o.run.seed = seed;
  o.pairing = pairing;
  return o;
}

}  // namespace

TEST_CASE("RunningCovariance merges exactly and matches the two-pass covariance") {
  parley::RunningCovariance<4> whole, left, right;
  std::vector<Eigen::Vector4d> values;
  for (int i = 0; i < 200; ++i) {
    const double t = i * 0.37;
    values.emplace_back(std::sin(t), std::cos(1.3 * t), t * 0.01, (i % 3 == 0) ? 1.0 : 0.0);
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    whole.add(values[i]);
    (i < 77 ? left : right).add(values[i]);
  }
  left.merge(right);
  Eigen::Vector4d mean = Eigen::Vector4d::Zero();
  for (const auto& v : values) mean += v;
  mean /= static_cast<double>(values.size());
  Eigen::Matrix4d covariance = Eigen::Matrix4d::Zero();
  for (const auto& v : values) covariance += (v - mean) * (v - mean).transpose();
  covariance /= static_cast<double>(values.size() - 1);
  CHECK((whole.mean() - mean).norm() < 1e-12);
  CHECK((whole.covariance() - covariance).norm() < 1e-12);
  CHECK((left.mean() - mean).norm() < 1e-12);
  CHECK((left.covariance() - covariance).norm() < 1e-12);
}

TEST_CASE("a paired difference matches the difference of two closed forms within 4 standard errors") {
  struct Case {
    double x0, mu_baseline, mu_variant, sigma;
  };
  for (const Case c : {Case{0.3, 0.005, 0.01, 0.05}, Case{0.5, 0.0, 0.004, 0.05}, Case{0.7, -0.002, 0.002, 0.08}}) {
    CAPTURE(c.x0);
    CAPTURE(c.mu_variant);
    const CompareResult result =
        compare_scenarios(front(c.x0, c.mu_baseline, c.sigma), front(c.x0, c.mu_variant, c.sigma),
                          {"share_ukraine_victory"}, options(20000, 7));
    REQUIRE(result.trials == 20000);
    const PairedComparison& m = result.metrics.at(0);
    const double expected_baseline = upper_first(c.x0, c.mu_baseline, c.sigma);
    const double expected_variant = upper_first(c.x0, c.mu_variant, c.sigma);
    CHECK(std::fabs(m.baseline.value - expected_baseline) < 4.0 * m.baseline.standard_error);
    CHECK(std::fabs(m.variant.value - expected_variant) < 4.0 * m.variant.standard_error);
    CHECK(std::fabs(m.difference.value - (expected_variant - expected_baseline)) < 4.0 * m.difference.standard_error);
    // For a share the delta method reduces to the binomial standard error.
    const double p = m.baseline.value;
    CHECK(m.baseline.standard_error == doctest::Approx(std::sqrt(p * (1 - p) / 19999.0)).epsilon(1e-9));
  }
}

TEST_CASE("common random numbers give a much smaller variance of the difference than independent streams") {
  // A small policy change: the defence bias rises by a tenth. Under common random numbers most
  // trials end the same way in both runs, so the paired difference varies far less.
  const Scenario baseline = front(0.4, 0.005, 0.05);
  const Scenario variant = front(0.4, 0.0055, 0.05);
  const std::vector<std::string> metrics = {"share_ukraine_victory", "months_of_war"};
  const CompareResult common = compare_scenarios(baseline, variant, metrics, options(20000, 11));
  const CompareResult independent =
      compare_scenarios(baseline, variant, metrics, options(20000, 11, Pairing::kIndependentStreams));
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    CAPTURE(metrics[m]);
    const double crn = common.metrics[m].difference.standard_error;
    const double ind = independent.metrics[m].difference.standard_error;
    MESSAGE(metrics[m] << ": SE with common random numbers " << crn << ", with independent streams " << ind);
    CHECK(crn * crn < ind * ind / 4.0);
    // The CRN run's own estimate of the independent-streams error agrees with the measured one:
    // both estimate the same standard error from 20000 trials (relative sampling error ~1%).
    CHECK(common.metrics[m].independent_standard_error == doctest::Approx(ind).epsilon(0.05));
    // And the independent run's estimate of the difference agrees with the paired one.
    CHECK(std::fabs(independent.metrics[m].difference.value - common.metrics[m].difference.value) < 4.0 * ind);
  }
}

TEST_CASE("verdicts: a true claim is supported, its opposite contradicted, a null not distinguishable") {
  const Scenario baseline = front(0.3, 0.005, 0.05);
  const Scenario stronger = front(0.3, 0.01, 0.05);  // closed-form effect +0.198
  const CompareResult result = compare_scenarios(baseline, stronger, {"share_ukraine_victory"}, options(20000, 3));
  const Estimate& d = result.metrics[0].difference;
  CHECK(decide(Expectation::kHigher, 0.0, d.value, d.interval) == Verdict::kSupported);
  CHECK(decide(Expectation::kLower, 0.0, d.value, d.interval) == Verdict::kContradicted);
  CHECK(decide(Expectation::kHigher, 0.1, d.value, d.interval) == Verdict::kSupported);
  CHECK(decide(Expectation::kHigher, 0.3, d.value, d.interval) == Verdict::kContradicted);
  CHECK(decide(Expectation::kLower, -0.3, d.value, d.interval) == Verdict::kContradicted);  // "lower by 0.3"

  // A null with real noise: from the midpoint with no drift, who wins first is a fair coin
  // whatever the volatility (reflection symmetry), but doubling the volatility changes the paths.
  const CompareResult null =
      compare_scenarios(front(0.5, 0.0, 0.04), front(0.5, 0.0, 0.08), {"share_ukraine_victory"}, options(20000, 3));
  const Estimate& n = null.metrics[0].difference;
  CHECK(n.standard_error > 0.001);
  CHECK(decide(Expectation::kHigher, 0.0, n.value, n.interval) == Verdict::kNotDistinguishable);
  CHECK(decide(Expectation::kLower, 0.0, n.value, n.interval) == Verdict::kNotDistinguishable);
  // Level claims read one scenario's interval against a threshold.
  const Estimate& level = result.metrics[0].baseline;  // closed form 0.7118
  CHECK(decide(Expectation::kAbove, 0.65, level.value, level.interval) == Verdict::kSupported);
  CHECK(decide(Expectation::kBelow, 0.65, level.value, level.interval) == Verdict::kContradicted);
  CHECK(decide(Expectation::kAbove, 0.7118, level.value, level.interval) == Verdict::kNotDistinguishable);
  const double nan = std::nan("");
  CHECK(decide(Expectation::kHigher, 0.0, nan, {nan, nan}) == Verdict::kUndefined);
}

TEST_CASE("the interval of a null difference covers zero at its nominal rate") {
  // 120 independent replications (seeds) of the null comparison above at 95%: the number of
  // intervals missing zero is Binomial(120, 0.05), mean 6; P(more than 15) < 0.001.
  int misses = 0;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    const CompareResult null = compare_scenarios(front(0.5, 0.0, 0.05), front(0.5, 0.0, 0.1), {"share_ukraine_victory"},
                                                 options(1500, seed * 7919));
    const Estimate& d = null.metrics[0].difference;
    misses += (d.interval.lower > 0.0 || d.interval.upper < 0.0) ? 1 : 0;
  }
  MESSAGE("null intervals missing zero: " << misses << " of 120");
  CHECK(misses <= 15);
  CHECK(misses >= 1);  // P(no miss) = 0.95^120 = 0.002: zero misses would mean intervals too wide
}

TEST_CASE("comparisons are bit-identical for any thread count and do not depend on batch timing") {
  const Scenario baseline = parley::load_scenario_file(kSourceDir + "/scenarios/ukraine_war.json");
  Scenario variant = baseline;
  variant.bargaining->forced_talks_month = 6;
  const std::vector<std::string> metrics = {"share_settlement", "p_deal_holds_36", "terms_territory", "cost_RUS"};
  CompareOptions one = options(3000, 5);
  one.run.threads = 1;
  CompareOptions two = options(3000, 5);
  two.run.threads = 2;
  const CompareResult a = compare_scenarios(baseline, variant, metrics, one);
  const CompareResult b = compare_scenarios(baseline, variant, metrics, two);
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    CAPTURE(metrics[m]);
    CHECK(a.metrics[m].difference.value == b.metrics[m].difference.value);
    CHECK(a.metrics[m].difference.standard_error == b.metrics[m].difference.standard_error);
  }
}

TEST_CASE("conditional metrics equal the run report's figures on the same trials") {
  const Scenario flagship = parley::load_scenario_file(kSourceDir + "/scenarios/ukraine_war.json");
  const CompareResult level = compare_scenarios(
      flagship, flagship, {"terms_territory", "p_deal_holds_12", "share_settlement"}, options(4000, 9));
  parley::RunOptions run;
  run.trials = 4000;
  run.seed = 9;
  const Json report = parley::run_report_json(flagship, parley::run_monte_carlo(flagship, run));
  const Json& bargaining = report.at("bargaining");
  const Json& terms = bargaining.at("settlement_terms").at("by_issue").at("territory");
  CHECK(level.metrics[0].variant.value == doctest::Approx(terms.at("mean").get<double>()).epsilon(1e-12));
  // The delta-method error of a mean over the settled trials is that mean's usual standard
  // error up to the factor sqrt((m - 1) / m) * n / (n - 1) of its divisors.
  const double settled = level.metrics[0].variant_condition_count;
  const double usual =
      (terms.at("mean_ci95")[1].get<double>() - terms.at("mean_ci95")[0].get<double>()) / (2.0 * parley::kZ95);
  CHECK(level.metrics[0].variant.standard_error == doctest::Approx(usual).epsilon(2.0 / settled + 1e-3));
  const Json& held = bargaining.at("deal_durability").at("by_months").at("held_12_months");
  CHECK(level.metrics[1].variant.value ==
        doctest::Approx(held.at("count").get<double>() / held.at("of").get<double>()).epsilon(1e-12));
  CHECK(level.metrics[2].variant.value ==
        doctest::Approx(report.at("outcomes").at("settlement").at("share").get<double>()).epsilon(1e-12));
  // Compared with itself on the same streams, a scenario differs by exactly nothing.
  CHECK(level.metrics[0].difference.value == 0.0);
  CHECK(level.metrics[0].difference.standard_error == 0.0);
}

namespace {

Json toy_claims() {
  return Json::parse(R"({
    "name": "toy", "title": "Toy claims", "article": "000_1c430494338ec1cd.txt",
    "baseline": "brownian_two_barriers.json",
    "variants": [
      {"id": "stronger", "description": "twice the defence bias",
       "changes": [{"pointer": "/battlefield/defence_bias_per_month", "value": 0.01, "source": {"assumption": "test"}}]},
      {"id": "same_odds", "description": "no drift, from the midpoint", "changes": [
        {"pointer": "/battlefield/defence_bias_per_month", "value": 0.0, "source": {"assumption": "test"}},
        {"pointer": "/battlefield/initial_front_share", "value": 0.5, "source": {"assumption": "test"}}]},
      {"id": "same_odds_noisier", "description": "more volatile", "builds_on": "same_odds", "changes": [
        {"pointer": "/battlefield/volatility_per_sqrt_month", "value": 0.1, "source": {"assumption": "test"}}]}
    ],
    "claims": [
      {"id": "true_claim", "quote": "q", "metric": "share_ukraine_victory", "expect": "higher",
       "baseline": "baseline", "variant": "stronger"},
      {"id": "false_claim", "quote": "q", "metric": "share_ukraine_victory", "expect": "lower",
       "baseline": "baseline", "variant": "stronger", "opposes": "true_claim"},
      {"id": "null_claim", "quote": "q", "metric": "share_ukraine_victory", "expect": "higher",
       "baseline": "same_odds", "variant": "same_odds_noisier"},
      {"id": "level_claim", "quote": "q", "metric": "share_ukraine_victory", "expect": "above", "threshold": 0.65,
       "variant": "baseline"}
    ]})");
}

std::string validation_dir() {
  return kSourceDir + "/scenarios/validation";
}

// The issues an invalid claims document raises, as "pointer: rule" lines.
std::string problems(const Json& doc) {
  try {
    (void)parse_claims_json(doc, "test.json", validation_dir());
  } catch (const parley::InputError& error) {
    std::string text;
    for (const auto& issue : error.issues()) text += issue.pointer + ": " + issue.rule + " " + issue.hint + "\n";
    return text;
  }
  return "";
}

}  // namespace

TEST_CASE("an opposed claim must exist: in the files tested or in a claims file beside the one naming it") {
  Json doc = toy_claims();
  doc["claims"][1]["opposes"] = "true_claimm";
  const ClaimsFile typo = parse_claims_json(doc, "typo.json", validation_dir());
  try {
    check_opposed_claims({typo});
    FAIL("a ghost claim was accepted");
  } catch (const parley::InputError& error) {
    REQUIRE(error.issues().size() == 1);
    CHECK(error.issues()[0].message() ==
          "At /claims/1/opposes of \"true_claimm\" - must name a claim of the files tested or of a claims file in "
          "the same folder (did you mean 'true_claim'?)");
  }
  // The shipped articles oppose each other's claims: one file tested alone finds them beside it.
  const ClaimsFile shipped = load_claims_file(kSourceDir + "/scenarios/claims/004_no_bargaining_space.json");
  REQUIRE_FALSE(shipped.claims.front().opposes.empty());
  CHECK_NOTHROW(check_opposed_claims({shipped}));
  // In memory a file has no folder: only the files tested count.
  ClaimsFile alone = shipped;
  alone.directory.clear();
  CHECK_THROWS_AS(check_opposed_claims({alone}), parley::InputError);
  doc["claims"][1]["opposes"] = "true_claim";
  CHECK_NOTHROW(check_opposed_claims({parse_claims_json(doc, "toy.json", validation_dir())}));
}

TEST_CASE("a claims file evaluates its constructed claims to the expected verdicts") {
  const ClaimsFile file = parse_claims_json(toy_claims(), "toy.json", validation_dir());
  REQUIRE(file.variants.size() == 4);
  CHECK(file.variant("same_odds_noisier").scenario.battlefield.params.initial_front_share.mean() == 0.5);
  ClaimsOptions opts;
  opts.trials = 20000;
  opts.seed = 4;
  const ClaimsReport report = evaluate_claims({file}, opts);
  REQUIRE(report.results.size() == 4);
  CHECK(report.results[0].verdict == Verdict::kSupported);
  CHECK(report.results[1].verdict == Verdict::kContradicted);
  CHECK(report.results[2].verdict == Verdict::kNotDistinguishable);
  CHECK(report.results[2].trials_to_resolve.has_value());
  CHECK(report.results[3].verdict == Verdict::kSupported);
  // The two claims on one pair share one run: identical numbers.
  CHECK(report.results[0].comparison.difference.value == report.results[1].comparison.difference.value);
  const Json json = claims_report_json(report);
  CHECK(json.at("claims")[1].at("opposes")[0] == "true_claim");
  CHECK(json.at("claims")[0].at("verdict") == "supported");
  const std::string csv = claims_report_csv(report);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);
  const std::string md = claims_report_markdown(report, {file});
  CHECK(md.find("| `null_claim` |") != std::string::npos);
  CHECK(md.find("**not distinguishable**") != std::string::npos);
}

TEST_CASE("an interrupted evaluation keeps what finished and marks the rest") {
  const ClaimsFile file = parse_claims_json(toy_claims(), "toy.json", validation_dir());
  std::atomic<bool> cancel{true};
  ClaimsOptions opts;
  opts.trials = 1000;
  opts.cancel = &cancel;
  const ClaimsReport report = evaluate_claims({file}, opts);
  CHECK(report.interrupted);
  for (const ClaimResult& result : report.results) CHECK(result.trials == 0);
  CHECK(claims_report_json(report).at("claims")[0].at("verdict") == "not evaluated (interrupted)");
}

TEST_CASE("a claim whose pair was cut after whole batches says its verdict rests on partial trials") {
  const ClaimsFile file = parse_claims_json(toy_claims(), "toy.json", validation_dir());
  std::atomic<bool> cancel{false};
  ClaimsOptions opts;
  opts.trials = 3 * parley::kBatchTrials;
  opts.threads = 1;
  opts.cancel = &cancel;
  // The first pair's first batch finishes, then the cancel lands.
  opts.progress = [&](std::size_t, std::size_t, std::int64_t, std::int64_t) { cancel = true; };
  const ClaimsReport report = evaluate_claims({file}, opts);
  CHECK(report.interrupted);
  const ClaimResult& first = report.results[0];  // true_claim: baseline -> stronger, the first pair
  CHECK(first.cut_short);
  CHECK(first.trials == parley::kBatchTrials);
  const std::string verdict = claims_report_json(report).at("claims")[0].at("verdict");
  CHECK(verdict == std::string(to_string(first.verdict)) + " (interrupted: partial trials)");
  CHECK(claims_report_csv(report).find("," + verdict + ",") != std::string::npos);
  // A claim whose pair never ran stays "not evaluated"; a finished run marks nothing.
  CHECK(claims_report_json(report).at("claims")[2].at("verdict") == "not evaluated (interrupted)");
  ClaimsOptions whole;
  whole.trials = 1000;
  for (const ClaimResult& result : evaluate_claims({file}, whole).results) CHECK_FALSE(result.cut_short);
}

TEST_CASE("claims files: every problem is reported at its JSON pointer") {
  CHECK(problems(toy_claims()).empty());
  {
    Json doc = toy_claims();
    doc["variants"][0]["changes"][0]["pointer"] = "/battlefield/no_such_group/x";
    CHECK(problems(doc).find("/variants/0/changes/0/pointer: must name an existing place") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["variants"][2]["changes"][0]["value"] = -0.1;  // a volatility the loader rejects
    CHECK(problems(doc).find("/variants/2/changes/0/value: gives an invalid scenario: At "
                             "/battlefield/volatility_per_sqrt_month of -0.1") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["variants"][0]["changes"][0].erase("source");
    CHECK(problems(doc).find("/variants/0/changes/0/source: is required") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["claims"][0]["metric"] = "share_ukraine_victroy";
    CHECK(problems(doc).find("did you mean 'share_ukraine_victory'?") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["claims"][0]["variant"] = "strnger";
    CHECK(problems(doc).find("/claims/0/variant: must be the id of \"baseline\" or a variant of this file did you "
                             "mean 'stronger'?") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["claims"][1]["id"] = "true_claim";
    CHECK(problems(doc).find("/claims/1/id: must differ") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["claims"][0]["threshold"] = 0.5;
    doc["claims"][3]["baseline"] = "baseline";
    const std::string text = problems(doc);
    CHECK(text.find("/claims/0/threshold") != std::string::npos);
    CHECK(text.find("/claims/3/baseline") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["claims"][0]["variant"] = "baseline";
    CHECK(problems(doc).find("/claims/0/variant: must differ from \"baseline\"") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["variants"][2]["builds_on"] = "later";
    CHECK(problems(doc).find("/variants/2/builds_on: must be the id of") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["baseline"] = "missing.json";
    CHECK(problems(doc).find("/baseline: must name a readable scenario file") != std::string::npos);
  }
  {
    Json doc = toy_claims();
    doc["claimz"] = Json::array();
    CHECK(problems(doc).find("did you mean 'claims'?") != std::string::npos);
  }
}

TEST_CASE("claim ids are unique across the files evaluated together") {
  const ClaimsFile file = parse_claims_json(toy_claims(), "toy.json", validation_dir());
  CHECK_THROWS_AS((void)evaluate_claims({file, file}, ClaimsOptions{}), parley::InputError);
}

TEST_CASE("a comparison cancelled inside its first batch stops within a few trials and keeps none") {
  const Scenario baseline = parley::testing::slow_trials();
  Scenario variant = baseline;
  variant.battlefield.params.intensity = parley::Uncertain::fixed(1.1);
  std::atomic<bool> cancel{false};
  CompareOptions compare = options(parley::kBatchTrials, 4);  // one batch of seconds uncut
  compare.run.threads = 2;
  compare.run.cancel = &cancel;
  CompareResult cut;
  (void)parley::testing::seconds_cancelled_after(cancel, std::chrono::milliseconds(20), [&] {
    cut = compare_scenarios(baseline, variant, {"share_ukraine_victory"}, compare);
  });
  CHECK(cut.interrupted);
  CHECK(cut.trials == 0);
}
