// Turns a TrialTrace (sim/trace.h) into what users read: one CSV row per month (columns named by
// actor and aid flow, events joined by "; ") or a JSON document with the same months.
#pragma once

#include <string>

#include "parley/io/report_format.h"
#include "parley/scenario/scenario.h"
#include "parley/sim/trace.h"

namespace parley {

inline constexpr ReportFormat kTraceReportFormats[] = {ReportFormat::kCsv, ReportFormat::kJson};

[[nodiscard]] std::string render_trace_report(const Scenario& scenario, const TrialTrace& trace, ReportFormat format);

}  // namespace parley
