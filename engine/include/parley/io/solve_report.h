// Turns the answer of `parley solve` (bargaining::SolveReport, bargaining/table.h) into what
// users read: a JSON document and a table for people.
//
// Where it sits: like run_report.h, the last step of the flow, shared by the CLI
// (engine/cli/solve.cpp) and the Python bindings (bindings/src/solve.cpp), so `parley solve
// --format json` and parley.solve() give the same document. The document carries its provenance
// (version, method, scenario name and content hash) and nothing machine-dependent.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "parley/bargaining/table.h"
#include "parley/io/report_format.h"
#include "parley/scenario/scenario.h"

namespace parley {

// Per actor: at_table, war_value, disagreement_value, perceived_drift_per_month,
// monthly_cost_utility, gain (null without a deal) and, for belligerents, stalemate and pain;
// per issue: on_table, bargaining_range ([lower, upper] or null), deal and
// deal_without_fear_of_reneging; and ripe, status, commitment_problem.
[[nodiscard]] nlohmann::json solve_report_json(const Scenario& scenario, const bargaining::SolveReport& report);

// The same as a table for people (`parley solve`'s default format).
[[nodiscard]] std::string solve_report_text(const Scenario& scenario, const bargaining::SolveReport& report);

// What `parley solve --format` takes, in the order its help lists them.
inline constexpr ReportFormat kSolveReportFormats[] = {ReportFormat::kJson, ReportFormat::kSummary};

// The answer in `format` as the CLI writes it (JSON indented by 2, ending in a newline).
[[nodiscard]] std::string render_solve_report(const Scenario& scenario, const bargaining::SolveReport& report,
                                              ReportFormat format);

}  // namespace parley
