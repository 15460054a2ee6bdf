// Turns a RunResult into what users read: JSON (the default), a tidy CSV and a summary for people.
//
// Where it sits: the last step of the flow, used by the CLI and the Python bindings. Results
// carry their provenance (scenario name and content hash, seed, trial counts, version, method)
// and nothing that depends on the machine (no thread count, no timings), so two runs with the
// same (scenario, seed, trials) produce the same bytes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "parley/core/text.h"
#include "parley/io/report_format.h"
#include "parley/scenario/scenario.h"
#include "parley/sim/run.h"

namespace parley {

// Quantile levels reported for durations and costs.
inline constexpr double kReportedQuantiles[] = {0.05, 0.25, 0.5, 0.75, 0.95};

[[nodiscard]] nlohmann::json run_report_json(const Scenario& scenario, const RunResult& result);

// A short table for people: outcome shares with intervals, duration, costs.
[[nodiscard]] std::string run_report_text(const Scenario& scenario, const RunResult& result);

// One row per number: metric,group,month,value,ci_lower,ci_upper.
[[nodiscard]] std::string run_report_csv(const Scenario& scenario, const RunResult& result);

// What `parley run --format` takes, in the order its help lists them.
inline constexpr ReportFormat kRunReportFormats[] = {ReportFormat::kJson, ReportFormat::kCsv, ReportFormat::kSummary};

// The report in `format` as the CLI writes it (JSON indented by 2, ending in a newline).
[[nodiscard]] std::string render_run_report(const Scenario& scenario, const RunResult& result, ReportFormat format);

}  // namespace parley
