// Turns a DraftReport (treaty/draft_report.h) into what users read: JSON (the default), a tidy
// CSV and markdown tables.
//
// Where it sits: like run_report.h, the last step of the flow, shared by the CLI
// (engine/cli/draft.cpp) and the Python bindings (bindings/src/draft.cpp), so `parley draft` and
// parley.draft() write the same bytes. Every format carries the provenance: source file, content
// hash (fnv1a64 of the document's dump()), rule, concept, search method, trials and seed,
// Parley's version.
#pragma once

#include <string>

#include "parley/io/report_format.h"
#include "parley/treaty/draft_report.h"

namespace parley::treaty {

// Indented by 2, ending in a newline.
[[nodiscard]] std::string draft_report_json(const DraftReport& report);
// Tidy: one row per listed draft (ranked drafts, then presets), one column per quantity.
[[nodiscard]] std::string draft_report_csv(const DraftReport& report);
[[nodiscard]] std::string draft_report_markdown(const DraftReport& report);

// What `parley draft --format` takes, in the order its help lists them.
inline constexpr ReportFormat kDraftReportFormats[] = {ReportFormat::kJson, ReportFormat::kCsv,
                                                       ReportFormat::kMarkdown};

// The report in `format` as the CLI writes it.
[[nodiscard]] std::string render_draft_report(const DraftReport& report, ReportFormat format);

}  // namespace parley::treaty
