// The run report's tables: the CSV names its run on every row and spells numbers the shortest
// way, and the survival curve carries its pointwise Wilson band in JSON and CSV alike.
#include <doctest/doctest.h>

#include <array>
#include <charconv>
#include <sstream>
#include <string>
#include <vector>

#include "parley/core/text.h"
#include "parley/io/run_report.h"
#include "parley/metrics/metric.h"
#include "parley/model/outcome.h"
#include "parley/sim/run.h"
#include "parley/stats/streaming.h"
#include "scenario_builders.h"

using namespace parley;

namespace {

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

}  // namespace

TEST_CASE("the run CSV: provenance on every row, shortest numbers, the survival band") {
  const Scenario scenario = testing::battlefield_only(0.5, 0.002, 0.05, 36);
  RunOptions options;
  options.trials = 400;
  options.seed = 12345678901234ULL;
  options.threads = 1;
  const RunResult result = run_monte_carlo(scenario, options);
  const std::string csv = run_report_csv(scenario, result);
  const nlohmann::json report = run_report_json(scenario, result);

  std::stringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "metric,group,month,value,ci_lower,ci_upper,scenario_hash,seed");
  const std::vector<long long> ongoing_counts = [&] {
    std::vector<long long> counts;
    for (const auto n : result.summary.wars_ongoing()) counts.push_back(n);
    return counts;
  }();
  int rows = 0, survival_rows = 0;
  while (std::getline(lines, line)) {
    const auto fields = fields_of(line);
    REQUIRE(fields.size() == 8);
    CHECK(fields[6] == hash_hex(scenario.content_hash));
    CHECK(fields[7] == "12345678901234");
    // Every number is the shortest decimal that reads back as itself.
    for (int c = 3; c <= 5; ++c) {
      if (fields[static_cast<std::size_t>(c)].empty()) continue;
      double value = 0.0;
      const std::string& text = fields[static_cast<std::size_t>(c)];
      std::from_chars(text.data(), text.data() + text.size(), value);
      CHECK(shortest_decimal(value) == text);
    }
    if (fields[0] == "war_ongoing_share") {
      const auto month = static_cast<std::size_t>(std::stoi(fields[2]));
      const Interval band = wilson_interval(ongoing_counts[month], result.summary.trials());
      CHECK(fields[4] == shortest_decimal(band.lower));
      CHECK(fields[5] == shortest_decimal(band.upper));
      CHECK(report["survival"]["ci95"][month][0].get<double>() == band.lower);
      ++survival_rows;
    }
    ++rows;
  }
  CHECK(survival_rows == 37);
  CHECK(rows > survival_rows);
  CHECK(ongoing_counts.front() <= 400);
  CHECK(ongoing_counts.back() == result.summary.outcome_count(Outcome::kOngoing));
}

TEST_CASE("the victories are named after the belligerents' ids; a war of UKR and RUS keeps its names") {
  const Scenario ukraine_war = testing::battlefield_only(0.5, 0.0, 0.08, 60);
  Scenario northland_war = ukraine_war;
  northland_war.actors[0].id = "NTH";
  northland_war.actors[1].id = "STH";
  Scenario reversed = ukraine_war;
  reversed.battlefield.holder = 1;
  reversed.battlefield.opponent = 0;

  CHECK(outcome_names(ukraine_war) == std::array<std::string, kOutcomeCount>{"settlement", "ukraine_victory",
                                                                             "russia_victory", "armistice", "frozen",
                                                                             "ongoing"});
  CHECK(outcome_names(northland_war) == std::array<std::string, kOutcomeCount>{"settlement", "NTH_victory",
                                                                               "STH_victory", "armistice", "frozen",
                                                                               "ongoing"});
  CHECK(outcome_name(Outcome::kHolderVictory, reversed) == "RUS_victory");
  CHECK(outcome_name(Outcome::kOpponentVictory, reversed) == "UKR_victory");

  RunOptions options;
  options.trials = 300;
  options.seed = 99;
  options.threads = 1;
  const RunResult ukraine_run = run_monte_carlo(ukraine_war, options);
  const RunResult northland_run = run_monte_carlo(northland_war, options);
  const nlohmann::json ukraine_report = run_report_json(ukraine_war, ukraine_run);
  const nlohmann::json northland_report = run_report_json(northland_war, northland_run);
  REQUIRE(northland_report["outcomes"].contains("NTH_victory"));
  REQUIRE(northland_report["outcomes"].contains("STH_victory"));
  CHECK_FALSE(northland_report["outcomes"].contains("ukraine_victory"));
  CHECK_FALSE(northland_report["outcomes"].contains("russia_victory"));
  // Ids name the outcomes and change nothing else: the same trials end the same ways.
  CHECK(northland_report["outcomes"]["NTH_victory"] == ukraine_report["outcomes"]["ukraine_victory"]);
  CHECK(northland_report["outcomes"]["STH_victory"] == ukraine_report["outcomes"]["russia_victory"]);
  CHECK(northland_run.summary.outcome_count(Outcome::kHolderVictory) > 0);
  CHECK(northland_run.summary.outcome_count(Outcome::kOpponentVictory) > 0);

  const std::string text = run_report_text(northland_war, northland_run);
  CHECK(text.find("NTH_victory") != std::string::npos);
  CHECK(text.find("ukraine_victory") == std::string::npos);
  CHECK(run_report_csv(northland_war, northland_run).find("outcome_share,STH_victory,") != std::string::npos);

  CHECK(parse_metric("share_NTH_victory", northland_war, MetricUse::kPerTrial).has_value());
  CHECK(parse_metric("share_STH_victory", northland_war, MetricUse::kPerRun).has_value());
  CHECK_FALSE(parse_metric("share_ukraine_victory", northland_war, MetricUse::kPerTrial).has_value());
  CHECK(parse_metric("share_ukraine_victory", ukraine_war, MetricUse::kPerTrial).has_value());
  CHECK_FALSE(parse_metric("share_UKR_victory", ukraine_war, MetricUse::kPerTrial).has_value());
}
