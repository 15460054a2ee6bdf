#include "parley/io/claims_report.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "parley/core/error.h"
#include "parley/io/run_report.h"
#include "parley/io/table_cells.h"

namespace parley::claims {

namespace {

using Json = nlohmann::json;

bool is_level(const Claim& claim) {
  return is_level_claim(claim.expectation);
}

Json estimate_json(const Estimate& estimate) {
  return {{"value", number_or_null(estimate.value)},
          {"interval", {number_or_null(estimate.interval.lower), number_or_null(estimate.interval.upper)}},
          {"standard_error", number_or_null(estimate.standard_error)}};
}

std::string percent_label(double confidence) {
  char text[32];
  std::snprintf(text, sizeof text, "%g%%", confidence * 100.0);
  return text;
}

// A number for people: 3 significant digits, or "n/a".
std::string brief(double value) {
  if (!std::isfinite(value)) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

std::string expectation_text(const Claim& claim) {
  switch (claim.expectation) {
    case Expectation::kHigher:
      return claim.by_at_least > 0.0 ? "higher by > " + brief(claim.by_at_least) : "higher";
    case Expectation::kLower:
      return claim.by_at_least > 0.0 ? "lower by > " + brief(claim.by_at_least) : "lower";
    case Expectation::kAbove:
      return "above " + brief(claim.threshold);
    case Expectation::kBelow:
      return "below " + brief(claim.threshold);
  }
  return {};
}

const Estimate& tested_estimate(const ClaimResult& result) {
  return is_level(result.claim) ? result.comparison.variant : result.comparison.difference;
}

std::string verdict_text(const ClaimResult& result) {
  if (result.trials == 0) return "not evaluated (interrupted)";
  // A verdict on fewer trials than asked for is not the one the full run would give: it is kept
  // apart (its own row in the summary counts, its own value in a CSV's verdict column).
  if (result.cut_short) return std::string(to_string(result.verdict)) + " (interrupted: partial trials)";
  return to_string(result.verdict);
}

std::string trials_text(const ClaimsReport& report) {
  return report.trials ? std::to_string(*report.trials) : "each baseline scenario's \"trials\"";
}

std::string seed_text(const ClaimsReport& report) {
  return report.seed ? std::to_string(*report.seed) : "each baseline scenario's \"seed\"";
}

// Markdown table cells must not contain a bar or a line break.
std::string table_text(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  std::string out;
  for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

Json claims_report_json(const ClaimsReport& report) {
  Json files = Json::array();
  for (std::size_t f = 0; f < report.files.size(); ++f)
    files.push_back({{"path", report.files[f]}, {"content_hash", hash_hex(report.file_hashes[f])}});
  Json claims = Json::array();
  for (const ClaimResult& result : report.results) {
    const Claim& claim = result.claim;
    Json item = {{"id", claim.id},
                 {"file", result.file},
                 {"article", claim.article},
                 {"quote", claim.quote},
                 {"statement", claim.statement},
                 {"metric", claim.metric},
                 {"metric_description", result.comparison.description},
                 {"expect", to_string(claim.expectation)},
                 {"variant", claim.variant},
                 {"opposes", claim.opposes},
                 {"trials", result.trials},
                 {"verdict", verdict_text(result)}};
    if (is_level(claim)) {
      item["threshold"] = claim.threshold;
      item["estimate"] = estimate_json(result.comparison.variant);
      item["condition_count"] = result.comparison.variant_condition_count;
    } else {
      item["baseline"] = claim.baseline;
      item["by_at_least"] = claim.by_at_least;
      item["baseline_estimate"] = estimate_json(result.comparison.baseline);
      item["variant_estimate"] = estimate_json(result.comparison.variant);
      item["difference"] = estimate_json(result.comparison.difference);
      item["independent_streams_standard_error"] = number_or_null(result.comparison.independent_standard_error);
      item["baseline_condition_count"] = result.comparison.baseline_condition_count;
      item["variant_condition_count"] = result.comparison.variant_condition_count;
    }
    item["trials_to_resolve"] = result.trials_to_resolve ? Json(*result.trials_to_resolve) : Json(nullptr);
    claims.push_back(std::move(item));
  }
  return {{"parley_version", PARLEY_VERSION},
          {"command", report.command},
          {"method",
           "paired comparison on common random numbers (trial t of both scenarios from the same seed and index); "
           "delta-method standard errors for ratio metrics; normal intervals"},
          {"confidence", report.confidence},
          {"trials", report.trials ? Json(*report.trials) : Json(nullptr)},
          {"seed", report.seed ? Json(*report.seed) : Json(nullptr)},
          {"interrupted", report.interrupted},
          {"files", files},
          {"claims", claims}};
}

std::string claims_report_csv(const ClaimsReport& report) {
  std::ostringstream csv;
  csv << "id,file,article,metric,expect,boundary,baseline,variant,trials,baseline_value,variant_value,"
         "estimate,ci_lower,ci_upper,standard_error,independent_streams_standard_error,verdict,trials_to_resolve,"
         "quote\n";
  for (const ClaimResult& result : report.results) {
    const Claim& claim = result.claim;
    const Estimate& tested = tested_estimate(result);
    const double boundary = claim_boundary(claim);
    csv << csv_field(claim.id) << ',' << csv_field(result.file) << ',' << csv_field(claim.article) << ','
        << csv_field(claim.metric) << ',' << to_string(claim.expectation) << ',' << shortest_decimal(boundary) << ','
        << csv_field(claim.baseline) << ',' << csv_field(claim.variant) << ',' << result.trials << ','
        << (is_level(claim) ? "" : shortest_decimal(result.comparison.baseline.value)) << ','
        << shortest_decimal(result.comparison.variant.value) << ',' << shortest_decimal(tested.value) << ','
        << shortest_decimal(tested.interval.lower) << ',' << shortest_decimal(tested.interval.upper) << ','
        << shortest_decimal(tested.standard_error) << ','
        << (is_level(claim) ? "" : shortest_decimal(result.comparison.independent_standard_error)) << ','
        << csv_field(verdict_text(result)) << ','
        << (result.trials_to_resolve ? shortest_decimal(*result.trials_to_resolve) : "") << ','
        << csv_field(claim.quote) << '\n';
  }
  return csv.str();
}

namespace {

void write_markdown_introduction(std::ostringstream& md, const ClaimsReport& report, const std::string& level) {
  md << "# Claims from the articles, tested by the engine\n\n"
     << "<!-- Generated by Parley " << PARLEY_VERSION << "; do not edit by hand. -->\n\n"
     << "Produced by:\n\n```sh\n"
     << report.command << "\n```\n\n"
     << "Trials per comparison: " << trials_text(report) << "; seed: " << seed_text(report) << "; intervals: " << level
     << ". Each claim compares a baseline and a variant scenario on common random numbers (trial *t* of both "
        "runs from the same seed and index), so the paired difference carries only the variation the policy "
        "change causes. A verdict holds **under the scenario's assumptions**: it says what the model implies, "
        "not what will happen. \"Supported\" and \"contradicted\" mean the "
     << level
     << " interval of the effect lies wholly on one side of the claimed boundary; \"not distinguishable\" means "
        "it straddles it at this trial count (the last column estimates how many trials would settle it if the "
        "estimate stayed put). Intervals are per claim: across many claims a few will miss by chance. How the "
        "claims files and metrics are defined: [claims-format.md](claims-format.md).\n";
  if (report.interrupted) md << "\n**This report is incomplete: the run was interrupted.**\n";
}

void write_markdown_verdict_counts(std::ostringstream& md, const ClaimsReport& report) {
  md << "\n## Summary\n\n| verdict | claims |\n|---|---|\n";
  std::map<std::string, int> counts;
  for (const ClaimResult& result : report.results) ++counts[verdict_text(result)];
  for (const auto& [verdict, count] : counts) md << "| " << verdict << " | " << count << " |\n";
}

void write_markdown_claim_row(std::ostringstream& md, const ClaimResult& result) {
  const Claim& claim = result.claim;
  const Estimate& tested = tested_estimate(result);
  md << "| `" << claim.id << "` | "
     << table_text(result.comparison.description.empty() ? claim.metric
                                                         : claim.metric + ": " + result.comparison.description)
     << " | " << (is_level(claim) ? "`" + claim.variant + "`" : "`" + claim.baseline + "` → `" + claim.variant + "`")
     << " | " << expectation_text(claim) << " | " << (is_level(claim) ? "" : brief(result.comparison.baseline.value))
     << " | " << brief(result.comparison.variant.value) << " | " << brief(tested.value) << " ["
     << brief(tested.interval.lower) << ", " << brief(tested.interval.upper) << "] | **" << verdict_text(result)
     << "** | " << (result.trials_to_resolve ? brief(*result.trials_to_resolve) : "") << " |\n";
}

void write_markdown_claim_quote(std::ostringstream& md, const ClaimResult& result) {
  const Claim& claim = result.claim;
  md << "- `" << claim.id << "` — \"" << table_text(claim.quote) << "\"";
  if (!claim.statement.empty()) md << " → tested as: " << table_text(claim.statement) << ".";
  if (!claim.opposes.empty()) {
    md << " Opposes:";
    for (const std::string& id : claim.opposes) md << " `" << id << "`";
    md << ".";
  }
  md << " (" << result.file << ")\n";
}

// One section per article, in the order of the article names: its claims' table, then their quotes.
void write_markdown_articles(std::ostringstream& md, const ClaimsReport& report, const std::vector<ClaimsFile>& files,
                             const std::string& level) {
  std::map<std::string, std::vector<const ClaimResult*>> by_article;
  for (const ClaimResult& result : report.results) by_article[result.claim.article].push_back(&result);
  std::map<std::string, std::string> titles;
  for (const ClaimsFile& file : files)
    if (!file.article.empty() && !file.title.empty()) titles[file.article] = file.title;
  for (const auto& [article, results] : by_article) {
    md << "\n## " << article;
    if (const auto title = titles.find(article); title != titles.end()) md << ": " << title->second;
    md << "\n\n| claim | metric | comparison | expected | baseline | variant | effect (" << level
       << " interval) | verdict | trials to resolve |\n|---|---|---|---|---|---|---|---|---|\n";
    for (const ClaimResult* result : results) write_markdown_claim_row(md, *result);
    md << "\n";
    for (const ClaimResult* result : results) write_markdown_claim_quote(md, *result);
  }
}

void write_markdown_change(std::ostringstream& md, const VariantChange& change) {
  md << "  - `" << change.pointer << "` = `" << table_text(change.value.dump()) << "` — ";
  if (!change.source.article.empty())
    md << change.source.article << ": \"" << table_text(change.source.quote) << "\"";
  else if (!change.source.reference.empty())
    md << table_text(change.source.reference);
  else
    md << "assumption: " << table_text(change.source.assumption);
  md << "\n";
}

void write_markdown_variants(std::ostringstream& md, const std::vector<ClaimsFile>& files) {
  md << "\n## Variants\n";
  for (const ClaimsFile& file : files) {
    md << "\n### " << file.source_name << "\n\nBaseline: `" << file.baseline_path << "`.\n\n";
    for (const ScenarioVariant& variant : file.variants) {
      if (variant.changes.empty()) continue;
      md << "- `" << variant.id << "` (from `" << variant.builds_on << "`): " << table_text(variant.description)
         << "\n";
      for (const VariantChange& change : variant.changes) write_markdown_change(md, change);
    }
  }
}

}  // namespace

std::string claims_report_markdown(const ClaimsReport& report, const std::vector<ClaimsFile>& files) {
  std::ostringstream md;
  const std::string level = percent_label(report.confidence);
  write_markdown_introduction(md, report, level);
  write_markdown_verdict_counts(md, report);
  write_markdown_articles(md, report, files, level);
  write_markdown_variants(md, files);
  return md.str();
}

std::string render_claims_report(const ClaimsReport& report, const std::vector<ClaimsFile>& files,
                                 ReportFormat format) {
  switch (format) {
    case ReportFormat::kJson:
      return claims_report_json(report).dump(2) + "\n";
    case ReportFormat::kCsv:
      return claims_report_csv(report);
    case ReportFormat::kMarkdown:
      return claims_report_markdown(report, files);
    case ReportFormat::kSummary:
      break;
  }
  throw Error(unsupported_format_message("the claims report", format, kClaimsReportFormats));
}

}  // namespace parley::claims
