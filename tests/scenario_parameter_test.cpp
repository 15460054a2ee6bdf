// Uncertain parameters in the file: the three forms, each distribution's rules, sources, and
// the rule that a distribution's whole support lies inside its field's domain.
#include <doctest/doctest.h>

#include "scenario_test_support.h"

using namespace parley;
using namespace parley::testing;

namespace {
const std::string kShareField = "/actors/0/support/initial_share";              // domain [0, 1]
const std::string kPositiveField = "/actors/0/forces/initial_strength";         // domain (0, inf)
const std::string kDiscountField = "/actors/0/preferences/discount_per_month";  // (0, 1]

Uncertain loaded_share(const Json& value) {
  return parse_scenario_json(with(kShareField, value), "t").actors[0].support.initial_share;
}
}  // namespace

TEST_CASE("each form and family loads with its parameters") {
  CHECK(loaded_share(0.5).is_fixed());
  const Uncertain sourced = loaded_share({{"value", 0.5}, {"source", {{"assumption", "a guess"}}}});
  CHECK(sourced.is_fixed());
  CHECK(sourced.p1 == 0.5);
  CHECK(sourced.provenance.assumption == "a guess");
  const Uncertain normal = loaded_share({{"dist", "normal"}, {"mean", 0.5}, {"sd", 0.1}, {"min", 0.2}, {"max", 0.9}});
  CHECK(normal.kind() == Uncertain::Kind::kNormal);
  CHECK(normal.p3 == 0.2);
  CHECK(normal.p4 == 0.9);
  const Uncertain beta = loaded_share({{"dist", "beta"}, {"alpha", 2}, {"beta", 3}});
  CHECK(beta.kind() == Uncertain::Kind::kBeta);
  CHECK(beta.support_lower() == 0.0);
  CHECK(beta.support_upper() == 1.0);
  const Uncertain triangle = loaded_share({{"dist", "triangular"}, {"min", 0.2}, {"mode", 0.2}, {"max", 0.4}});
  CHECK(triangle.p2 == 0.2);
  const auto strength =
      parse_scenario_json(with(kPositiveField, {{"dist", "lognormal"}, {"median", 100}, {"log_sd", 0.3}}), "t");
  CHECK(strength.actors[0].forces->initial_strength.kind() == Uncertain::Kind::kLognormal);
}

TEST_CASE("fixed values must lie in the field's domain") {
  expect_only_problem(with(kShareField, 1.3), kShareField, "must lie in [0, 1]");
  expect_only_problem(with(kShareField, "high"), kShareField, "must be a number, {\"value\": x");
  expect_only_problem(with(kShareField, Json::array({0.5})), kShareField, "must be a number");
  expect_only_problem(with(kShareField, {{"mean", 0.5}}), kShareField, "must be a number");
  expect_only_problem(with(kDiscountField, 0.0), kDiscountField, "must lie in (0, 1]");
  expect_only_problem(with(kPositiveField, 0), kPositiveField, "must be a finite number > 0");
  expect_only_problem(with(kShareField, {{"value", 1.5}}), kShareField + "/value", "must lie in [0, 1]");
  expect_only_problem(with(kShareField, {{"value", 0.5}, {"sauce", 1}}), kShareField + "/sauce", "is not a known key");
}

TEST_CASE("distribution rules") {
  const auto dist = [](Json spec) { return with(kShareField, std::move(spec)); };
  const auto unknown =
      expect_only_problem(dist({{"dist", "gaussian"}, {"mean", 0.5}}), kShareField + "/dist",
                          "must be one of \"normal\", \"lognormal\", \"uniform\", \"beta\", \"triangular\"");
  CHECK(unknown.value == "\"gaussian\"");
  const auto typo = expect_only_problem(dist({{"dist", "uniform"}, {"min", 0.1}, {"max", 0.2}, {"maximum", 1}}),
                                        kShareField + "/maximum", "is not a known key");
  CHECK(typo.hint == "did you mean 'max'?");
  expect_only_problem(dist({{"dist", "uniform"}, {"min", 0.1}}), kShareField + "/max",
                      "is required: a uniform distribution needs it");
  expect_only_problem(dist({{"dist", "uniform"}, {"min", "0.1"}, {"max", 0.2}}), kShareField + "/min",
                      "must be a finite number");
  expect_only_problem(dist({{"dist", "normal"}, {"mean", 0.5}, {"sd", 0}, {"min", 0}, {"max", 1}}), kShareField + "/sd",
                      "must be > 0");
  expect_only_problem(dist({{"dist", "normal"}, {"mean", 0.5}, {"sd", 0.1}, {"min", 0.6}, {"max", 0.4}}),
                      kShareField + "/max", "must be greater than \"min\" (0.6)");
  expect_only_problem(dist({{"dist", "uniform"}, {"min", 0.5}, {"max", 0.5}}), kShareField + "/max",
                      "must be greater than \"min\"");
  expect_only_problem(dist({{"dist", "beta"}, {"alpha", -1}, {"beta", 2}}), kShareField + "/alpha", "must be > 0");
  expect_only_problem(dist({{"dist", "beta"}, {"alpha", 1}, {"beta", 0}}), kShareField + "/beta", "must be > 0");
  expect_only_problem(dist({{"dist", "beta"}, {"alpha", 1}, {"beta", 2}, {"min", 0.5}, {"max", 0.5}}),
                      kShareField + "/max", "must be greater than \"min\"");
  expect_only_problem(dist({{"dist", "triangular"}, {"min", 0.2}, {"mode", 0.5}, {"max", 0.4}}), kShareField + "/mode",
                      "must lie in [min, max] = [0.2, 0.4]");
  expect_only_problem(with(kPositiveField, {{"dist", "lognormal"}, {"median", 0}, {"log_sd", 0.2}}),
                      kPositiveField + "/median", "must be > 0");
  expect_only_problem(with(kPositiveField, {{"dist", "lognormal"}, {"median", 10}, {"log_sd", -0.2}}),
                      kPositiveField + "/log_sd", "must be > 0");
}

TEST_CASE("a distribution's whole support must lie inside the field's domain") {
  const auto untruncated = expect_only_problem(with(kShareField, {{"dist", "normal"}, {"mean", 0.5}, {"sd", 0.1}}),
                                               kShareField, "support (-inf, inf) must lie within [0, 1]");
  CHECK(untruncated.value == R"({"dist":"normal","mean":0.5,"sd":0.1})");
  expect_only_problem(with(kShareField, {{"dist", "normal"}, {"mean", 0.5}, {"sd", 0.1}, {"min", 0}}), kShareField,
                      "support [0, inf) must lie within [0, 1]");
  expect_only_problem(with(kShareField, {{"dist", "uniform"}, {"min", 0.5}, {"max", 1.5}}), kShareField,
                      "support [0.5, 1.5] must lie within [0, 1]");
  expect_only_problem(with(kShareField, {{"dist", "lognormal"}, {"median", 0.5}, {"log_sd", 0.1}}), kShareField,
                      "support (0, inf) must lie within [0, 1]");
  // A beta on [0, 1] may draw 0, which a discount factor in (0, 1] excludes.
  expect_only_problem(with(kDiscountField, {{"dist", "beta"}, {"alpha", 50}, {"beta", 2}}), kDiscountField,
                      "support [0, 1] must lie within (0, 1]");
  expect_only_problem(with(kPositiveField, {{"dist", "triangular"}, {"min", 0}, {"mode", 50}, {"max", 100}}),
                      kPositiveField, "support [0, 100] must lie within (0, inf)");
  // Lognormal support is open at 0: it fits a strictly positive field.
  CHECK(problems_of(with(kPositiveField, {{"dist", "lognormal"}, {"median", 100}, {"log_sd", 1}})).empty());
  // Truncation to the domain makes a normal acceptable.
  CHECK(problems_of(with(kShareField, {{"dist", "normal"}, {"mean", 0.5}, {"sd", 1}, {"min", 0}, {"max", 1}})).empty());
  // A field over the whole real line takes an untruncated normal.
  CHECK(problems_of(with("/actors/0/belief/prior_mean_drift_per_month", {{"dist", "normal"}, {"mean", 0}, {"sd", 1}}))
            .empty());
}

TEST_CASE("sources") {
  const std::string source = kShareField + "/source";
  const auto base = Json{{"value", 0.84}};
  const auto sourced = [&](Json what) {
    Json value = base;
    value["source"] = std::move(what);
    return with(kShareField, value);
  };
  expect_only_problem(sourced({{"article", "004_9e880688ebb75433.txt"}}), source + "/quote",
                      "is required: an article is cited with the passage");
  expect_only_problem(sourced(Json::object()), source,
                      "must give at least one of \"article\", \"reference\" or \"assumption\"");
  expect_only_problem(sourced({{"quote", "84 percent"}}), source, "must give at least one of");
  const auto typo = expect_only_problem(sourced({{"asumption", "guess"}}), source + "/asumption", "is not a known key");
  CHECK(typo.hint == "did you mean 'assumption'?");
  expect_only_problem(sourced({{"article", "../seeds/004.txt"}, {"quote", "x"}}), source + "/article",
                      "must be a file name in the seeds folder, without a directory");
  expect_only_problem(sourced({{"reference", ""}}), source + "/reference", "must be a non-empty string");
  expect_only_problem(sourced("IISS"), source, "must be an object");
  // On a distribution too.
  expect_only_problem(
      with(kShareField, {{"dist", "uniform"}, {"min", 0.1}, {"max", 0.2}, {"source", {{"quote", "x"}}}}), source,
      "must give at least one of");
}

TEST_CASE("the CDF inverts the quantile for every family, 0 below the support and 1 above") {
  const std::vector<Uncertain> families{Uncertain::normal(0.5, 0.2),         Uncertain::normal(0.5, 0.2, 0.0, 1.0),
                                        Uncertain::lognormal(0.03, 0.5),     Uncertain::uniform(0.01, 0.09),
                                        Uncertain::beta(2.0, 5.0, 0.1, 0.6), Uncertain::triangular(0.0, 0.2, 1.0)};
  for (const Uncertain& u : families) {
    CAPTURE(u.kind_name());
    for (const double p : {0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999})
      CHECK(u.cdf(u.quantile(p)) == doctest::Approx(p).epsilon(1e-9));
    if (std::isfinite(u.support_lower())) CHECK(u.cdf(u.support_lower() - 1.0) == 0.0);
    if (std::isfinite(u.support_upper())) CHECK(u.cdf(u.support_upper() + 1.0) == 1.0);
  }
  const Uncertain point = Uncertain::fixed(0.3);
  CHECK(point.cdf(0.2999) == 0.0);
  CHECK(point.cdf(0.3) == 1.0);
}
