#include "parley/io/solve_report.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "parley/core/error.h"
#include "parley/io/run_report.h"

namespace parley {

namespace {

nlohmann::json range_json(const std::pair<double, double>& range) {
  if (std::isnan(range.first)) return nullptr;
  return {range.first, range.second};
}

}  // namespace

nlohmann::json solve_report_json(const Scenario& scenario, const bargaining::SolveReport& report) {
  const auto& view = report.view;
  nlohmann::json actors = nlohmann::json::object();
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    nlohmann::json actor = {
        {"at_table", static_cast<bool>(view.at_table[i])},
        {"solution_weight", view.weight[i]},
        {"war_value", view.war_value[i]},
        {"disagreement_value", view.disagreement[i]},
        {"perceived_drift_per_month", view.perceived_drift[i]},
        {"monthly_cost_utility", view.monthly_cost[i]},
        {"gain", view.deal.gain.size() > 0 ? nlohmann::json(view.deal.gain(static_cast<Eigen::Index>(i)))
                                           : nlohmann::json(nullptr)}};
    if (scenario.actors[i].role == Role::kBelligerent) {
      actor["stalemate"] = static_cast<bool>(view.stalemate[i]);
      actor["pain"] = static_cast<bool>(view.pain[i]);
    }
    actors[scenario.actors[i].id] = actor;
  }
  nlohmann::json issues = nlohmann::json::object();
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    issues[scenario.issues[k].id] = {
        {"on_table", static_cast<bool>(view.on_table[k])},
        {"bargaining_range", range_json(report.issue_ranges[k])},
        {"deal", view.deal.deal(static_cast<Eigen::Index>(k))},
        {"deal_without_fear_of_reneging", report.deal_without_fear.deal(static_cast<Eigen::Index>(k))}};
  nlohmann::json out = {
      {"parley_version", PARLEY_VERSION},
      {"method", "solve at month 0, central parameter point (every distribution at its mean)"},
      {"scenario", {{"name", scenario.name}, {"content_hash", hash_hex(scenario.content_hash)}}},
      {"ripe", view.ripe},
      {"status", std::string(bargaining::to_string(view.deal.status))},
      {"status_without_fear_of_reneging", std::string(bargaining::to_string(report.deal_without_fear.status))},
      {"commitment_problem", report.commitment_problem},
      {"actors", actors},
      {"issues", issues}};
  if (scenario.bargaining && scenario.bargaining->private_cost >= 0)
    out["screening"] = {
        {"note",
         "the proposer's ultimatum to the side whose cost weight is private; status says whether the central type "
         "accepts"},
        {"offer_made", view.offer_made},
        {"accepting_types",
         view.offer_made ? nlohmann::json({view.accepting.lower, view.accepting.upper}) : nlohmann::json(nullptr)},
        {"acceptance_probability", view.offer_made ? nlohmann::json(view.acceptance_prob) : nlohmann::json(nullptr)}};
  return out;
}

std::string solve_report_text(const Scenario& scenario, const bargaining::SolveReport& report) {
  const auto& view = report.view;
  std::ostringstream text;
  char line[200];
  text << "Scenario " << scenario.name << " at month 0 (central parameters)\n\n"
       << "actor  table  war value  disagreement  perceived drift  cost/month  stalemate  pain\n";
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const bool belligerent = scenario.actors[i].role == Role::kBelligerent;
    std::snprintf(line, sizeof line, "%-6s %-5s %9.4f  %12.4f  %15.5f  %10.5f  %-9s  %s\n",
                  scenario.actors[i].id.c_str(), view.at_table[i] ? "yes" : "no", view.war_value[i],
                  view.disagreement[i], view.perceived_drift[i], view.monthly_cost[i],
                  belligerent ? (view.stalemate[i] ? "yes" : "no") : "-",
                  belligerent ? (view.pain[i] ? "yes" : "no") : "-");
    text << line;
  }
  text << "\nRipe (hurting stalemate): " << (view.ripe ? "yes" : "no")
       << "\nDeal: " << bargaining::to_string(view.deal.status)
       << "\nCommitment problem (a deal exists only without the fear of reneging): "
       << (report.commitment_problem ? "yes" : "no");
  if (scenario.bargaining && scenario.bargaining->private_cost >= 0) {
    if (view.offer_made)
      std::snprintf(line, sizeof line,
                    "\nUltimatum (private cost): accepted by cost weights %.4g to %.4g, %.1f%% of the proposer's "
                    "posterior",
                    view.accepting.lower, view.accepting.upper, 100.0 * view.acceptance_prob);
    else
      std::snprintf(line, sizeof line, "\nUltimatum (private cost): none the proposer prefers to fighting");
    text << line;
  }
  text << "\n\nissue                on table  range            deal\n";
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const auto& range = report.issue_ranges[k];
    char range_text[40] = "none";
    if (!std::isnan(range.first))
      std::snprintf(range_text, sizeof range_text, "[%.3f, %.3f]", range.first, range.second);
    std::snprintf(line, sizeof line, "%-20s %-9s %-16s %.3f\n", scenario.issues[k].id.c_str(),
                  view.on_table[k] ? "yes" : "no", range_text, view.deal.deal(static_cast<Eigen::Index>(k)));
    text << line;
  }
  return text.str();
}

std::string render_solve_report(const Scenario& scenario, const bargaining::SolveReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::kJson:
      return solve_report_json(scenario, report).dump(2) + "\n";
    case ReportFormat::kSummary:
      return solve_report_text(scenario, report);
    case ReportFormat::kCsv:
    case ReportFormat::kMarkdown:
      break;
  }
  throw Error(unsupported_format_message("the solve report", format, kSolveReportFormats));
}

}  // namespace parley
