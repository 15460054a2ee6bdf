#include "parley/io/report_format.h"

#include <array>
#include <utility>

namespace parley {

namespace {
constexpr std::array<std::pair<ReportFormat, std::string_view>, 4> kNames{{{ReportFormat::kJson, "json"},
                                                                           {ReportFormat::kCsv, "csv"},
                                                                           {ReportFormat::kMarkdown, "markdown"},
                                                                           {ReportFormat::kSummary, "summary"}}};
}  // namespace

std::string_view report_format_name(ReportFormat format) noexcept {
  for (const auto& [value, name] : kNames)
    if (value == format) return name;
  return {};
}

std::optional<ReportFormat> report_format_named(std::string_view name) noexcept {
  for (const auto& [value, known] : kNames)
    if (known == name) return value;
  return std::nullopt;
}

std::string unsupported_format_message(std::string_view report, ReportFormat format,
                                       std::span<const ReportFormat> supported) {
  std::string message =
      std::string(report) + " has no " + std::string(report_format_name(format)) + " writer; it writes";
  for (const ReportFormat known : supported) message += " " + std::string(report_format_name(known));
  return message;
}

}  // namespace parley
