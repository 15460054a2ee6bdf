// The formats Parley writes its reports in, one vocabulary for every command: `--format` names
// one, each writer (io/run_report.h, io/solve_report.h, io/claims_report.h, io/draft_report.h)
// lists the ones it writes, and the CLI refuses the others naming the valid ones.
//
// Where it sits: the bottom of io/, below every writer; it knows no result type. A new format is
// a value here and its name, then a case in the render_*() of each writer that learns it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace parley {

enum class ReportFormat {
  kJson,      // the full document, for programs
  kCsv,       // tidy rows, for tables and data frames
  kMarkdown,  // tables for documents (docs/claims.md)
  kSummary,   // plain text for people at a terminal
};

// "json", "csv", "markdown", "summary": what `--format` takes.
[[nodiscard]] std::string_view report_format_name(ReportFormat format) noexcept;

// The format `name` names, or nothing when it names none.
[[nodiscard]] std::optional<ReportFormat> report_format_named(std::string_view name) noexcept;

// Thrown by a render_*() asked for a format its writer does not write (a caller's mistake: the
// CLI checks the user's choice against the writer's list first).
[[nodiscard]] std::string unsupported_format_message(std::string_view report, ReportFormat format,
                                                     std::span<const ReportFormat> supported);

}  // namespace parley
