// `parley trace`'s trial is the trial a run simulates: its ending and costs equal the trial
// record of the same (seed, index), month by month it is continuous, and its events match the
// table's counters.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "parley/io/trace_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/trace.h"
#include "parley/sim/trial_records.h"
#include "scenario_builders.h"

using namespace parley;

namespace {

Scenario flagship() {
  return load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json");
}

void check_against_records(const Scenario& scenario, std::uint64_t seed, int trials) {
  RunOptions options;
  options.trials = trials;
  options.seed = seed;
  options.threads = 1;
  const TrialRecords records = record_trials(scenario, options);
  int signed_deals = 0;
  for (int t = 0; t < trials; ++t) {
    CAPTURE(t);
    const TrialTrace trace = trace_trial(scenario, seed, static_cast<std::uint64_t>(t));
    CHECK(static_cast<int>(trace.outcome) == records.outcome[static_cast<std::size_t>(t)]);
    CHECK(trace.end_month == records.end_month[static_cast<std::size_t>(t)]);
    for (std::size_t i = 0; i < records.actor_count; ++i)
      CHECK(trace.cost[i] == records.cost[static_cast<std::size_t>(t) * records.actor_count + i]);
    // Month 0 and then one row per month stepped, without gaps.
    REQUIRE_FALSE(trace.months.empty());
    for (std::size_t m = 0; m < trace.months.size(); ++m) CHECK(trace.months[m].month == static_cast<int>(m));
    CHECK(trace.months.back().cost_total == trace.cost);
    for (const auto& month : trace.months)
      for (const auto& event : month.events) signed_deals += event == "deal signed" ? 1 : 0;
  }
  if (scenario.bargaining) CHECK(signed_deals > 0);
}

}  // namespace

TEST_CASE("a traced trial is the run's trial: ending and costs equal its record") {
  check_against_records(flagship(), 2024, 40);
}

TEST_CASE("the front alone is traced through the general loop with the same result as its kernel") {
  check_against_records(testing::battlefield_only(0.5, 0.002, 0.05, 120), 7, 60);
}

TEST_CASE("the trace's CSV: a header naming actors and flows, one row per month") {
  const Scenario scenario = flagship();
  const TrialTrace trace = trace_trial(scenario, 2024, 0);
  const std::string csv = render_trace_report(scenario, trace, ReportFormat::kCsv);
  CHECK(csv.rfind("month,phase,front_share,drift_per_month,economy_index,sanctions_level_share,strength_UKR", 0) == 0);
  CHECK(csv.find(",aid_USA->UKR,") != std::string::npos);
  std::size_t rows = 0;
  for (const char c : csv) rows += c == '\n' ? 1 : 0;
  CHECK(rows == trace.months.size() + 1);
  const auto json = nlohmann::json::parse(render_trace_report(scenario, trace, ReportFormat::kJson));
  CHECK(json["months"].size() == trace.months.size());
  CHECK(json["end_month"] == trace.end_month);
  CHECK_THROWS((void)render_trace_report(scenario, trace, ReportFormat::kSummary));
}
