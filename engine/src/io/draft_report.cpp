#include "parley/io/draft_report.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "parley/core/error.h"
#include "parley/io/table_cells.h"

namespace parley::treaty {

using nlohmann::json;

namespace {

constexpr const char* kInterruptedNote =
    "stopped before the end: the counts, ranks and article frequencies cover the drafts evaluated, the acceptance "
    "estimates the trials finished";

std::string hash_text(std::uint64_t hash) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

// Shortest text that reads back as the same double, so CSV keeps every digit the JSON has.
std::string exact_number(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (std::isnan(x)) return "nan";
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  return std::string(buffer, end);
}

std::string fixed_number(double x, int digits) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

std::vector<std::string> article_ids(const TreatySpec& spec, DraftMask draft) {
  std::vector<std::string> ids;
  for (const int i : articles_of(draft)) ids.push_back(spec.articles[static_cast<std::size_t>(i)].id);
  return ids;
}

std::string joined_ids(const TreatySpec& spec, DraftMask draft, const char* separator) {
  std::string text;
  for (const auto& id : article_ids(spec, draft)) text += (text.empty() ? "" : separator) + id;
  return text;
}

// Mean negotiability per actor over the draft, when every article in it has negotiability.
std::optional<std::vector<double>> mean_negotiability(const TreatySpec& spec, DraftMask draft) {
  std::vector<double> total(spec.actors.size(), 0.0);
  const auto articles = articles_of(draft);
  for (const int i : articles) {
    const auto& n = spec.articles[static_cast<std::size_t>(i)].negotiability;
    if (!n) return std::nullopt;
    for (std::size_t a = 0; a < total.size(); ++a) total[a] += (*n)[a];
  }
  for (double& t : total) t /= static_cast<double>(articles.size());
  return total;
}

json acceptance_json(const std::optional<AcceptanceEstimate>& estimate) {
  if (!estimate) return nullptr;
  return {{"probability", estimate->probability},
          {"lower", estimate->lower},
          {"upper", estimate->upper},
          {"accepted_trials", estimate->accepted},
          {"trials", estimate->trials}};
}

json draft_json(const DraftReport& report, const ReportedDraft& draft) {
  const TreatySpec& spec = report.spec;
  const DraftEvaluation& e = draft.evaluation;
  json value = json::object(), gain = json::object(), accepts = json::object();
  for (std::size_t a = 0; a < spec.actors.size(); ++a) {
    value[spec.actors[a]] = e.value[a];
    gain[spec.actors[a]] = e.gain[a];
    accepts[spec.actors[a]] = static_cast<bool>(e.accepts[a]);
  }
  json out = {{"label", draft.label},
              {"articles", article_ids(spec, e.articles)},
              {"size", e.size},
              {spec.rule == AggregationRule::kAverage ? "satisfaction" : "utility", value},
              {"gain", gain},
              {"accepts", accepts},
              {"respects_exclusions", e.respects_exclusions},
              {"accepted_by_all", e.accepted_by_all},
              {"nash_log_product", number_or_null(e.nash_log)},
              {"egalitarian_gain", e.egalitarian},
              {"utilitarian_gain", e.utilitarian},
              {"acceptance", acceptance_json(draft.acceptance)}};
  if (const auto n = mean_negotiability(spec, e.articles)) {
    json negotiability = json::object();
    for (std::size_t a = 0; a < spec.actors.size(); ++a) negotiability[spec.actors[a]] = (*n)[a];
    out["mean_negotiability"] = negotiability;
  }
  return out;
}

json optional_count(const std::optional<std::uint64_t>& count) {
  return count ? json(*count) : json(nullptr);
}

}  // namespace

std::string draft_report_json(const DraftReport& report) {
  const TreatySpec& spec = report.spec;
  json required = json::array();
  for (const int r : spec.required) required.push_back(spec.actors[static_cast<std::size_t>(r)]);
  json out;
  out["provenance"] = {{"source", report.source_path},
                       {"content_hash", hash_text(report.content_hash)},
                       {"rule", rule_name(spec.rule)},
                       {"concept", traits_of(report.options.solution_concept).name},
                       {"search", search_method_name(report.search.method)},
                       {"top_k", report.options.top_k},
                       {"trials", report.options.trials},
                       {"seed", report.options.seed},
                       {"parley_version", PARLEY_VERSION}};
  out["name"] = report.name;
  out["actors"] = spec.actors;
  out["required"] = required;
  if (spec.reservation_source == ReservationSource::kWarValues) {
    // Where each bar came from (treaty/draft_input.h): only when the bargaining layer set them,
    // so the reports of documents with given reservations are unchanged.
    json reservations = json::object();
    for (std::size_t a = 0; a < spec.actors.size(); ++a) {
      const WarValueReservation& r = spec.war_value_reservations[a];
      reservations[spec.actors[a]] = {{"disagreement_value", number_or_null(r.disagreement_value)},
                                      {"best_draft_utility", r.best_draft_utility},
                                      {"reservation", number_or_null(r.reservation)}};
    }
    out["reservations_from_war_values"] = reservations;
  }
  out["counts"] = {{"articles", spec.articles.size()},
                   {"drafts_respecting_exclusions", optional_count(report.search.drafts_respecting_exclusions)},
                   {"drafts_accepted_by_all", optional_count(report.search.drafts_accepted)},
                   {"drafts_evaluated", report.search.drafts_evaluated}};
  json ranked = json::array(), presets = json::array(), robust = json::array(), frequency = json::array();
  for (const auto& d : report.ranked) ranked.push_back(draft_json(report, d));
  for (const auto& d : report.presets) presets.push_back(draft_json(report, d));
  for (const auto& d : report.robust) robust.push_back(draft_json(report, d));
  for (const auto& f : report.frequency) {
    const Article& article = spec.articles[static_cast<std::size_t>(f.article)];
    frequency.push_back({{"id", article.id},
                         {"title", article.title},
                         {"category", article.category},
                         {"accepted_drafts", f.accepted_drafts},
                         {"share", f.share}});
  }
  out["ranked"] = ranked;
  out["presets"] = presets;
  out["article_frequency"] = report.search.article_accepted_counts ? frequency : json(nullptr);
  out["robust"] = report.options.trials > 0 ? robust : json(nullptr);
  // Only an interrupted report says so, so that a finished one keeps its bytes.
  if (report.interrupted) out["interrupted"] = {{"note", kInterruptedNote}};
  return out.dump(2) + "\n";
}

std::string draft_report_csv(const DraftReport& report) {
  const TreatySpec& spec = report.spec;
  const std::string value_name = spec.rule == AggregationRule::kAverage ? "satisfaction_" : "utility_";
  std::ostringstream out;
  out << "kind,label,rank,articles,size";
  for (const auto& actor : spec.actors) out << "," << value_name << actor;
  for (const auto& actor : spec.actors) out << ",gain_" << actor;
  out << ",accepted_by_all,respects_exclusions,nash_log_product,egalitarian_gain,utilitarian_gain,"
         "p_accept,p_lower,p_upper,concept,rule,trials,seed,content_hash\n";
  auto row = [&](const char* kind, const ReportedDraft& d, const std::string& rank) {
    const DraftEvaluation& e = d.evaluation;
    // Labels are ours or the user's preset names; quote them, doubling any quote inside.
    std::string label;
    for (const char c : d.label) {
      if (c == '"') label += '"';
      label += c;
    }
    out << kind << ",\"" << label << "\"," << rank << "," << joined_ids(spec, e.articles, " ") << "," << e.size;
    for (const double v : e.value) out << "," << exact_number(v);
    for (const double g : e.gain) out << "," << exact_number(g);
    out << "," << (e.accepted_by_all ? "true" : "false") << "," << (e.respects_exclusions ? "true" : "false") << ","
        << exact_number(e.nash_log) << "," << exact_number(e.egalitarian) << "," << exact_number(e.utilitarian);
    if (d.acceptance)
      out << "," << exact_number(d.acceptance->probability) << "," << exact_number(d.acceptance->lower) << ","
          << exact_number(d.acceptance->upper);
    else
      out << ",,,";
    out << "," << traits_of(report.options.solution_concept).name << "," << rule_name(spec.rule) << ","
        << report.options.trials << "," << report.options.seed << "," << hash_text(report.content_hash) << "\n";
  };
  for (std::size_t i = 0; i < report.ranked.size(); ++i) row("ranked", report.ranked[i], std::to_string(i + 1));
  for (const auto& d : report.presets) row("preset", d, "");
  // Only an interrupted report says so (a last row of kind `interrupted`, its label the JSON
  // report's note, the draft cells empty), so that a finished one keeps its bytes.
  if (report.interrupted) {
    out << "interrupted,\"" << kInterruptedNote << "\",,,";
    for (std::size_t cell = 0; cell < 2 * spec.actors.size() + 8; ++cell) out << ",";
    out << "," << traits_of(report.options.solution_concept).name << "," << rule_name(spec.rule) << ","
        << report.options.trials << "," << report.options.seed << "," << hash_text(report.content_hash) << "\n";
  }
  return out.str();
}

namespace {

void write_markdown_provenance(std::ostringstream& out, const DraftReport& report) {
  const TreatySpec& spec = report.spec;
  out << "# Treaty drafts: " << report.name << "\n\n";
  out << "Source `" << report.source_path << "` (" << hash_text(report.content_hash) << "), rule **"
      << rule_name(spec.rule) << "**, concept **" << traits_of(report.options.solution_concept).name << "**, search "
      << search_method_name(report.search.method) << ", trials " << report.options.trials << ", seed "
      << report.options.seed << ", Parley " << PARLEY_VERSION << ".\n\n";
  auto count_text = [](const std::optional<std::uint64_t>& c) { return c ? std::to_string(*c) : std::string("n/a"); };
  out << "- Articles: " << spec.articles.size() << "\n"
      << "- Drafts respecting the exclusions: " << count_text(report.search.drafts_respecting_exclusions) << "\n"
      << "- Drafts every required party accepts: " << count_text(report.search.drafts_accepted) << "\n\n";
}

void write_markdown_war_value_reservations(std::ostringstream& out, const TreatySpec& spec) {
  out << "Reservation values from the bargaining layer's disagreement values at month 0, scaled by each actor's "
         "best draft (reservation = d x best):";
  for (std::size_t a = 0; a < spec.actors.size(); ++a) {
    const WarValueReservation& r = spec.war_value_reservations[a];
    out << (a == 0 ? " " : "; ") << spec.actors[a] << " " << fixed_number(r.disagreement_value, 4) << " x "
        << fixed_number(r.best_draft_utility, 3) << " = " << fixed_number(r.reservation, 3);
  }
  out << ".\n\n";
}

void write_markdown_draft_row(std::ostringstream& out, const TreatySpec& spec, const ReportedDraft& d) {
  const DraftEvaluation& e = d.evaluation;
  out << "| " << d.label << " | " << joined_ids(spec, e.articles, ", ") << " | " << e.size << " |";
  for (std::size_t a = 0; a < spec.actors.size(); ++a)
    out << " " << fixed_number(e.value[a], 3) << (e.accepts[a] ? "" : " (no)") << " |";
  out << " " << (e.accepted_by_all ? "yes" : (e.respects_exclusions ? "no" : "no (breaks an exclusion)")) << " | "
      << fixed_number(e.nash_log, 3) << " | " << fixed_number(e.egalitarian, 3) << " | "
      << fixed_number(e.utilitarian, 3) << " | ";
  if (d.acceptance)
    out << fixed_number(d.acceptance->probability, 3) << " [" << fixed_number(d.acceptance->lower, 3) << ", "
        << fixed_number(d.acceptance->upper, 3) << "]";
  else
    out << "-";
  out << " |\n";
}

void write_markdown_draft_table(std::ostringstream& out, const TreatySpec& spec,
                                const std::vector<ReportedDraft>& drafts) {
  out << "| draft | articles | size |";
  for (const auto& actor : spec.actors) out << " " << actor << " |";
  out << " all accept | nash log | min gain | total gain | P(all accept) [95% CI] |\n|---|---|---:|";
  for (std::size_t a = 0; a < spec.actors.size(); ++a) out << "---:|";
  out << "---|---:|---:|---:|---|\n";
  for (const auto& d : drafts) write_markdown_draft_row(out, spec, d);
  out << "\n";
}

void write_markdown_article_frequency(std::ostringstream& out, const DraftReport& report) {
  out << "## Articles in acceptable drafts\n\n| article | category | title | acceptable drafts | share |\n"
         "|---|---|---|---:|---:|\n";
  for (const auto& f : report.frequency) {
    const Article& article = report.spec.articles[static_cast<std::size_t>(f.article)];
    out << "| " << article.id << " | " << article.category << " | " << article.title << " | " << f.accepted_drafts
        << " | " << fixed_number(f.share, 3) << " |\n";
  }
  out << "\n";
}

}  // namespace

std::string draft_report_markdown(const DraftReport& report) {
  const TreatySpec& spec = report.spec;
  std::ostringstream out;
  const bool average = spec.rule == AggregationRule::kAverage;
  write_markdown_provenance(out, report);
  if (report.interrupted)
    out << "**This report is incomplete: the search or its trials were interrupted; it covers what finished.**\n\n";
  if (spec.reservation_source == ReservationSource::kWarValues) write_markdown_war_value_reservations(out, spec);
  out << "## Ranked acceptable drafts\n\nPer-actor " << (average ? "mean satisfaction (0-10)" : "utility")
      << "; (no) marks an actor below its " << (average ? "threshold" : "reservation value") << ".\n\n";
  if (report.ranked.empty())
    out << "No draft is accepted by every required party.\n\n";
  else
    write_markdown_draft_table(out, spec, report.ranked);
  if (!report.presets.empty()) {
    out << "## Presets\n\n";
    write_markdown_draft_table(out, spec, report.presets);
  }
  if (!report.robust.empty()) {
    out << "## Robust drafts (most likely to be accepted by all)\n\n";
    write_markdown_draft_table(out, spec, report.robust);
  }
  if (!report.frequency.empty()) write_markdown_article_frequency(out, report);
  return out.str();
}

std::string render_draft_report(const DraftReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::kJson:
      return draft_report_json(report);
    case ReportFormat::kCsv:
      return draft_report_csv(report);
    case ReportFormat::kMarkdown:
      return draft_report_markdown(report);
    case ReportFormat::kSummary:
      break;
  }
  throw Error(unsupported_format_message("the draft report", format, kDraftReportFormats));
}

}  // namespace parley::treaty
