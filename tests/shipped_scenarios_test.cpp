// One harness over every shipped scenario (STYLE.md 10): each loads, runs, and gives sane
// numbers; each parameter of a policy scenario says where its value comes from, and each
// quote from an article is really in that article.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parley/core/files.h"
#include "parley/core/random.h"
#include "parley/io/run_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "parley/treaty/treaty_spec.h"
#include "seed_articles.h"

using namespace parley;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> files;
  // scenarios/sweeps/ holds sweep files and scenarios/claims/ claims files, not scenarios
  // (tests/sweep_run_test.cpp and tests/shipped_claims_test.cpp check them).
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(PARLEY_SOURCE_DIR) / "scenarios"))
    if (entry.is_regular_file() && entry.path().extension() == ".json" &&
        entry.path().parent_path().filename() != "sweeps" && entry.path().parent_path().filename() != "claims")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

bool is_validation(const fs::path& file) {
  return file.parent_path().filename() == "validation";
}

bool is_treaty(const fs::path& file) {
  return treaty::is_treaty_document(nlohmann::json::parse(read_text_file(file.string())));
}

}  // namespace

TEST_CASE("every shipped scenario loads, runs and reports consistent numbers") {
  const auto files = shipped_scenarios();
  REQUIRE(files.size() >= 3);
  for (const auto& file : files) {
    CAPTURE(file.string());
    if (is_treaty(file)) {
      CHECK_FALSE(treaty::load_treaty_document(file.string()).spec.articles.empty());
      continue;
    }
    const Scenario scenario = load_scenario_file(file.string());
    RunOptions options;
    options.trials = 500;
    const RunResult result = run_monte_carlo(scenario, options);
    const auto report = run_report_json(scenario, result);
    double total_share = 0.0;
    for (const auto& [name, outcome] : report["outcomes"].items()) {
      const double share = outcome["share"];
      total_share += share;
      CHECK(outcome["ci95"][0].get<double>() <= share);
      CHECK(share <= outcome["ci95"][1].get<double>());
    }
    CHECK(total_share == doctest::Approx(1.0).epsilon(1e-12));
    for (const auto& [actor, cost] : report["costs"]["by_actor"].items()) {
      CHECK(std::isfinite(cost["mean"].get<double>()));
      CHECK(cost["mean"].get<double>() >= 0.0);
    }
    const auto survival = report["survival"]["war_ongoing_share"];
    for (std::size_t n = 1; n < survival.size(); ++n) CHECK(survival[n].get<double>() <= survival[n - 1].get<double>());
  }
}

TEST_CASE("every parameter of a policy scenario cites its source, and article quotes are verbatim") {
  const bool have_seeds = testing::articles_present();
  for (const auto& file : shipped_scenarios()) {
    if (is_validation(file) || is_treaty(file)) continue;
    CAPTURE(file.string());
    const Scenario scenario = load_scenario_file(file.string());
    int parameters = 0;
    for_each_parameter(scenario, [&](const ParameterSite& site, const Uncertain& parameter) {
      CAPTURE(site.name);
      ++parameters;
      CHECK(parameter.key() == fnv1a64(site.name));  // draws are keyed by the name, not the pointer
      CHECK_FALSE(parameter.provenance.empty());
      if (parameter.provenance.article.empty() || !have_seeds) return;
      REQUIRE(fs::is_regular_file(testing::seeds_directory() / parameter.provenance.article));
      CHECK(testing::quoted_verbatim(parameter.provenance.article, parameter.provenance.quote));
    });
    CHECK(parameters > 0);
  }
}

TEST_CASE("the shipped validation scenarios reproduce their closed forms") {
  // Same formulas as battlefield_closed_form_test, here through the JSON files users can run.
  const std::string dir = std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/";
  RunOptions options;
  options.trials = 20000;
  {
    const Scenario scenario = load_scenario_file(dir + "brownian_two_barriers.json");
    const RunResult result = run_monte_carlo(scenario, options);
    const double x = 0.3, mu = 0.005, sigma = 0.05;
    const double a = 2.0 * mu / (sigma * sigma);
    const double p_upper = std::expm1(-a * x) / std::expm1(-a);
    const double share = static_cast<double>(result.summary.outcome_count(Outcome::kHolderVictory)) / 20000.0;
    CHECK(std::abs(share - p_upper) <= 4.0 * std::sqrt(p_upper * (1.0 - p_upper) / 20000.0));
  }
  {
    const Scenario scenario = load_scenario_file(dir + "gamblers_ruin.json");
    const RunResult result = run_monte_carlo(scenario, options);
    const double p = 0.55, q = 0.45, r = q / p;
    const int k = 6, n = 20;
    const double win = (1.0 - std::pow(r, k)) / (1.0 - std::pow(r, n));
    const double duration = k / (q - p) - n / (q - p) * win;
    const double share = static_cast<double>(result.summary.outcome_count(Outcome::kHolderVictory)) / 20000.0;
    CHECK(std::abs(share - win) <= 4.0 * std::sqrt(win * (1.0 - win) / 20000.0));
    const auto& d = result.summary.duration_of_ended_wars();
    CHECK(d.count() == 20000);
    CHECK(std::abs(d.mean() - duration) <= 4.0 * d.standard_error());
  }
}
