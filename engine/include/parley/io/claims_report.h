// Turns a ClaimsReport (claims/claims.h) into what users read: JSON (the default), one CSV row
// per claim, and the markdown of docs/claims.md.
//
// Where it sits: like run_report.h, the last step of the flow, shared by the CLI
// (engine/cli/claims.cpp) and the Python bindings (bindings/src/claims.cpp), so `parley claims`
// and parley.claims() write the same bytes. Every format carries the provenance: Parley's
// version, the reproducing command (JSON, markdown), trials, seed, and each file's content hash.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/claims/claims.h"
#include "parley/io/report_format.h"

namespace parley::claims {

[[nodiscard]] nlohmann::json claims_report_json(const ClaimsReport& report);
[[nodiscard]] std::string claims_report_csv(const ClaimsReport& report);
// `files` give the article titles and each variant's changes with their sources.
[[nodiscard]] std::string claims_report_markdown(const ClaimsReport& report, const std::vector<ClaimsFile>& files);

// What `parley claims --format` takes, in the order its help lists them.
inline constexpr ReportFormat kClaimsReportFormats[] = {ReportFormat::kJson, ReportFormat::kCsv,
                                                        ReportFormat::kMarkdown};

// The report in `format` as the CLI writes it (JSON indented by 2, ending in a newline).
[[nodiscard]] std::string render_claims_report(const ClaimsReport& report, const std::vector<ClaimsFile>& files,
                                               ReportFormat format);

}  // namespace parley::claims
