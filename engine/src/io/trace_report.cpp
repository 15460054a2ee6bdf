#include "parley/io/trace_report.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "parley/core/error.h"
#include "parley/core/text.h"
#include "parley/io/table_cells.h"

namespace parley {

namespace {

std::string flow_label(const Scenario& scenario, std::size_t flow) {
  const AidSpec& aid = scenario.aid[flow];
  return scenario.actors[static_cast<std::size_t>(aid.patron)].id + "->" +
         scenario.actors[static_cast<std::size_t>(aid.recipient)].id;
}

std::string trace_csv(const Scenario& scenario, const TrialTrace& trace) {
  std::ostringstream csv;
  csv << "month,phase,front_share,drift_per_month,economy_index,sanctions_level_share";
  for (const char* quantity : {"strength", "support", "belief_mean_drift", "cost_total"})
    for (const ActorSpec& actor : scenario.actors) csv << ',' << quantity << '_' << actor.id;
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) csv << ",aid_" << flow_label(scenario, j);
  csv << ",events\n";
  for (const TraceMonth& m : trace.months) {
    csv << m.month << ',' << phase_name(m.phase) << ',' << shortest_decimal(m.front_share) << ','
        << shortest_decimal(m.drift_per_month) << ',' << shortest_decimal(m.economy_index) << ','
        << shortest_decimal(m.sanctions_level_share);
    for (const auto* values : {&m.strength, &m.support, &m.belief_mean, &m.cost_total})
      for (const double value : *values) csv << ',' << shortest_decimal(value);
    for (const double amount : m.aid) csv << ',' << shortest_decimal(amount);
    std::string events;
    for (const auto& event : m.events) events += (events.empty() ? "" : "; ") + event;
    csv << ',' << csv_field(events) << '\n';
  }
  return csv.str();
}

nlohmann::json trace_json(const Scenario& scenario, const TrialTrace& trace) {
  nlohmann::json months = nlohmann::json::array();
  for (const TraceMonth& m : trace.months) {
    nlohmann::json actors = nlohmann::json::object();
    for (std::size_t i = 0; i < scenario.actors.size(); ++i)
      actors[scenario.actors[i].id] = {{"strength", m.strength[i]},
                                       {"support", m.support[i]},
                                       {"belief_mean_drift", m.belief_mean[i]},
                                       {"cost_total", m.cost_total[i]}};
    nlohmann::json aid = nlohmann::json::object();
    for (std::size_t j = 0; j < m.aid.size(); ++j) aid[flow_label(scenario, j)] = m.aid[j];
    months.push_back({{"month", m.month},
                      {"phase", phase_name(m.phase)},
                      {"front_share", m.front_share},
                      {"drift_per_month", m.drift_per_month},
                      {"economy_index", m.economy_index},
                      {"sanctions_level_share", m.sanctions_level_share},
                      {"actors", actors},
                      {"aid", aid},
                      {"events", m.events}});
  }
  nlohmann::json cost = nlohmann::json::object();
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) cost[scenario.actors[i].id] = trace.cost[i];
  return {{"scenario", {{"name", scenario.name}, {"content_hash", hash_hex(scenario.content_hash)}}},
          {"seed", trace.seed},
          {"trial", trace.trial},
          {"outcome", outcome_name(trace.outcome, scenario)},
          {"end_month", trace.end_month},
          {"cost", cost},
          {"months", months}};
}

}  // namespace

std::string render_trace_report(const Scenario& scenario, const TrialTrace& trace, ReportFormat format) {
  switch (format) {
    case ReportFormat::kCsv:
      return trace_csv(scenario, trace);
    case ReportFormat::kJson:
      return trace_json(scenario, trace).dump(2) + "\n";
    case ReportFormat::kMarkdown:
    case ReportFormat::kSummary:
      break;
  }
  throw Error(unsupported_format_message("the trace", format, kTraceReportFormats));
}

}  // namespace parley
