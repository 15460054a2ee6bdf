#include "parley/io/run_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "parley/core/error.h"
#include "parley/io/table_cells.h"

namespace parley {

namespace {

std::string quantile_label(double p) {
  char label[8];
  std::snprintf(label, sizeof label, "p%02d", static_cast<int>(std::lround(p * 100.0)));
  return label;
}

nlohmann::json share_with_interval(std::int64_t count, std::int64_t of) {
  const Interval ci = wilson_interval(count, of);
  return {{"count", count},
          {"of", of},
          {"share",
           of > 0 ? nlohmann::json(static_cast<double>(count) / static_cast<double>(of)) : nlohmann::json(nullptr)},
          {"ci95", {ci.lower, ci.upper}}};
}

nlohmann::json bargaining_report(const Scenario& scenario, const RunResult& result) {
  const RunSummary& summary = result.summary;
  const TableSummary& table = summary.table();
  const std::int64_t trials = summary.trials();
  nlohmann::json durability = nlohmann::json::object();
  for (std::size_t k = 0; k < kDurabilityMonths.size(); ++k)
    durability["held_" + std::to_string(kDurabilityMonths[k]) + "_months"] =
        share_with_interval(table.deals_held[k], table.deals_at_risk[k]);
  nlohmann::json terms = nlohmann::json::object();
  for (std::size_t k = 0; k < table.terms.size(); ++k) {
    const RunningMoments& moments = table.terms[k];
    std::vector<double> shares(kTermsBins, 0.0);
    for (std::size_t b = 0; b < kTermsBins; ++b)
      shares[b] = moments.count() > 0
                      ? static_cast<double>(table.terms_bins[k].counts()[b]) / static_cast<double>(moments.count())
                      : 0.0;
    const Interval ci = moments.mean_interval();
    terms[scenario.issues[k].id] = {
        {"mean", moments.count() > 0 ? nlohmann::json(moments.mean()) : nlohmann::json(nullptr)},
        {"mean_ci95", moments.count() > 1 ? nlohmann::json({ci.lower, ci.upper}) : nlohmann::json(nullptr)},
        {"share_by_value", shares}};
  }
  nlohmann::json report = {
      {"months_ripe",
       {{"note", "months in which both belligerents perceived a hurting stalemate"},
        {"mean", table.months_ripe.mean()},
        {"sd", std::sqrt(table.months_ripe.variance())}}},
      {"talks_held", share_with_interval(table.trials_with_talks, trials)},
      {"deal_signed", share_with_interval(table.trials_with_deal, trials)},
      {"deals", table.deals},
      {"breakdowns", table.breakdowns},
      {"deal_broke_down", share_with_interval(table.trials_with_breakdown, trials)},
      {"deal_durability",
       {{"note", "of deals observed for at least that long (or broken sooner), the share still holding"},
        {"by_months", durability}}},
      {"settlement_terms",
       {{"note", "terms of settled wars per issue; share_by_value over 0, 0.05, ..., 1"}, {"by_issue", terms}}},
      {"coercion", {{"demands", table.demands}, {"complied", table.demands_met}}},
      {"concessions",
       {{"note", "wars ended by a side quitting a war of attrition, counted as the rival's victory"},
        {"count", table.concessions}}},
      {"nash_solver_failures",
       {{"note", "months whose Nash solve did not converge; each counted as no deal"},
        {"count", table.solver_failures}}}};
  if (result.feared_breakdown)
    report["feared_breakdown"] = {
        {"note",
         "consistent expectations: the chance of a breakdown every side fears, solved as the breakdown rate of the "
         "model's own deals (a pilot run at the scenario's seed); beside it this run's rate"},
        {"solved", *result.feared_breakdown},
        {"realised", share_with_interval(table.breakdowns, table.deals)}};
  if (scenario.bargaining && scenario.bargaining->private_cost >= 0)
    report["screening"] = {
        {"note",
         "ultimatums by the uninformed proposer to the side whose cost weight is private; a rejection is another "
         "month of war"},
        {"offers", table.offers},
        {"offers_rejected", table.offers_rejected},
        {"rejected_share", table.offers > 0 ? nlohmann::json(static_cast<double>(table.offers_rejected) /
                                                             static_cast<double>(table.offers))
                                            : nlohmann::json("n/a")},
        {"trials_with_rejected_offer", share_with_interval(table.trials_with_rejected_offer, trials)}};
  return report;
}

}  // namespace

nlohmann::json run_report_json(const Scenario& scenario, const RunResult& result) {
  const RunSummary& summary = result.summary;
  nlohmann::json report;
  report["parley_version"] = PARLEY_VERSION;
  report["method"] = "monte_carlo";
  report["scenario"] = {{"name", scenario.name},
                        {"content_hash", hash_hex(scenario.content_hash)},
                        {"horizon_months", scenario.horizon_months}};
  report["seed"] = result.seed;
  report["trials_requested"] = result.trials_requested;
  report["trials"] = summary.trials();
  report["interrupted"] = result.interrupted;

  nlohmann::json outcomes = nlohmann::json::object();
  const auto names = outcome_names(scenario);
  for (std::size_t k = 0; k < kOutcomeCount; ++k) {
    const auto outcome = static_cast<Outcome>(k);
    const std::int64_t count = summary.outcome_count(outcome);
    const Interval ci = wilson_interval(count, summary.trials());
    outcomes[names[k]] = {
        {"count", count},
        {"share", summary.trials() > 0 ? static_cast<double>(count) / static_cast<double>(summary.trials()) : 0.0},
        {"ci95", {ci.lower, ci.upper}}};
  }
  report["outcomes"] = outcomes;

  const RunningMoments& duration = summary.duration_of_ended_wars();
  nlohmann::json duration_quantiles = nlohmann::json::object();
  for (const double p : kReportedQuantiles)
    duration_quantiles[quantile_label(p)] = number_or_null(summary.end_months().quantile(p));
  const Interval duration_ci = duration.mean_interval();
  report["duration_months"] = {
      {"note", "month in which the war ended, over trials whose war ended before the horizon"},
      {"ended_trials", duration.count()},
      {"mean", duration.count() > 0 ? nlohmann::json(duration.mean()) : nlohmann::json(nullptr)},
      {"mean_ci95",
       duration.count() > 1 ? nlohmann::json({duration_ci.lower, duration_ci.upper}) : nlohmann::json(nullptr)},
      {"sd", duration.count() > 1 ? nlohmann::json(std::sqrt(duration.variance())) : nlohmann::json(nullptr)},
      {"quantiles", duration_quantiles}};

  nlohmann::json survival_ci = nlohmann::json::array();
  for (const std::int64_t ongoing : summary.wars_ongoing()) {
    const Interval ci = wilson_interval(ongoing, summary.trials());
    survival_ci.push_back({ci.lower, ci.upper});
  }
  report["survival"] = {{"note",
                         "share of trials whose war was still on at the end of each month, from month 0, with "
                         "pointwise 95% Wilson intervals"},
                        {"war_ongoing_share", summary.survival_curve()},
                        {"ci95", survival_ci}};

  nlohmann::json costs = nlohmann::json::object();
  for (std::size_t i = 0; i < summary.actor_count(); ++i) {
    const RunningMoments& moments = summary.cost_moments(i);
    const Interval ci = moments.mean_interval();
    nlohmann::json quantiles = nlohmann::json::object();
    for (const double p : kReportedQuantiles)
      quantiles[quantile_label(p)] = number_or_null(summary.cost_histogram(i).quantile(p));
    costs[scenario.actors[i].id] = {{"mean", moments.mean()},
                                    {"mean_ci95", {ci.lower, ci.upper}},
                                    {"sd", std::sqrt(moments.variance())},
                                    {"quantiles", quantiles}};
  }
  report["costs"] = {
      {"note", "cumulative cost per actor over the war: force units lost, aid units spent, economic strain"},
      {"by_actor", costs}};
  if (scenario.bargaining) report["bargaining"] = bargaining_report(scenario, result);
  return report;
}

std::string run_report_csv(const Scenario& scenario, const RunResult& result) {
  const nlohmann::json report = run_report_json(scenario, result);
  std::ostringstream csv;
  // Every row names the run it came from, so tables of several runs can be stacked and still
  // traced to (scenario, seed); numbers are the shortest decimal that reads back exactly.
  std::string provenance = ",";
  provenance.append(hash_hex(scenario.content_hash)).append(",").append(std::to_string(result.seed)).append("\n");
  csv << "metric,group,month,value,ci_lower,ci_upper,scenario_hash,seed\n";
  const auto cell = [](const nlohmann::json& value) -> std::string {
    if (value.is_null()) return {};
    return value.is_number_float() ? shortest_decimal(value.get<double>()) : value.dump();
  };
  for (const auto& [name, outcome] : report["outcomes"].items())
    csv << "outcome_share," << name << ",," << cell(outcome["share"]) << "," << cell(outcome["ci95"][0]) << ","
        << cell(outcome["ci95"][1]) << provenance;
  const auto& duration = report["duration_months"];
  csv << "duration_mean,,," << cell(duration["mean"]) << ","
      << (duration["mean_ci95"].is_null() ? "" : cell(duration["mean_ci95"][0])) << ","
      << (duration["mean_ci95"].is_null() ? "" : cell(duration["mean_ci95"][1])) << provenance;
  for (const auto& [label, value] : duration["quantiles"].items())
    csv << "duration_" << label << ",,," << cell(value) << ",," << provenance;
  const auto& survival = report["survival"]["war_ongoing_share"];
  const auto& survival_ci = report["survival"]["ci95"];
  for (std::size_t month = 0; month < survival.size(); ++month)
    csv << "war_ongoing_share,," << month << "," << cell(survival[month]) << "," << cell(survival_ci[month][0]) << ","
        << cell(survival_ci[month][1]) << provenance;
  for (const auto& [actor, cost] : report["costs"]["by_actor"].items()) {
    csv << "cost_mean," << actor << ",," << cell(cost["mean"]) << "," << cell(cost["mean_ci95"][0]) << ","
        << cell(cost["mean_ci95"][1]) << provenance;
    for (const auto& [label, value] : cost["quantiles"].items())
      csv << "cost_" << label << "," << actor << ",," << cell(value) << ",," << provenance;
  }
  if (report.contains("bargaining")) {
    const auto& b = report["bargaining"];
    csv << "months_ripe_mean,,," << cell(b["months_ripe"]["mean"]) << ",," << provenance;
    for (const char* key : {"talks_held", "deal_signed", "deal_broke_down"})
      csv << key << ",,," << cell(b[key]["share"]) << "," << cell(b[key]["ci95"][0]) << "," << cell(b[key]["ci95"][1])
          << provenance;
    for (const auto& [label, held] : b["deal_durability"]["by_months"].items())
      csv << "deal_" << label << ",,," << cell(held["share"]) << "," << cell(held["ci95"][0]) << ","
          << cell(held["ci95"][1]) << provenance;
    for (const auto& [issue, terms] : b["settlement_terms"]["by_issue"].items())
      csv << "settlement_terms_mean," << issue << ",," << cell(terms["mean"]) << ","
          << (terms["mean_ci95"].is_null() ? "" : cell(terms["mean_ci95"][0])) << ","
          << (terms["mean_ci95"].is_null() ? "" : cell(terms["mean_ci95"][1])) << provenance;
  }
  csv << "trials,,," << result.summary.trials() << ",," << provenance;
  // Only an interrupted run says so, so that a finished one keeps its bytes; the value is the
  // trial count asked for, of which the `trials` row says how many finished.
  if (result.interrupted) csv << "interrupted,,," << result.trials_requested << ",," << provenance;
  return csv.str();
}

namespace {

// A share of `of` in percent, 0 when nothing was counted.
double percent_of(std::int64_t count, std::int64_t of) {
  return 100.0 * static_cast<double>(count) / static_cast<double>(std::max<std::int64_t>(1, of));
}

void write_outcome_table(std::ostringstream& text, const Scenario& scenario, const RunSummary& summary) {
  char line[160];
  const auto names = outcome_names(scenario);
  for (std::size_t k = 0; k < kOutcomeCount; ++k) {
    const auto outcome = static_cast<Outcome>(k);
    const std::int64_t count = summary.outcome_count(outcome);
    const Interval ci = wilson_interval(count, summary.trials());
    std::snprintf(line, sizeof line, "  %-22s %6.1f%%   [%5.1f%%, %5.1f%%]\n", names[k].c_str(),
                  percent_of(count, summary.trials()), 100.0 * ci.lower, 100.0 * ci.upper);
    text << line;
  }
}

void write_duration_lines(std::ostringstream& text, const Scenario& scenario, const RunSummary& summary) {
  char line[160];
  const RunningMoments& duration = summary.duration_of_ended_wars();
  if (duration.count() > 0) {
    std::snprintf(line, sizeof line, "\nWars that ended: mean %.1f months; median %.0f, 90%% between %.0f and %.0f\n",
                  duration.mean(), summary.end_months().quantile(0.5), summary.end_months().quantile(0.05),
                  summary.end_months().quantile(0.95));
    text << line;
  } else {
    text << "\nNo war ended before the horizon.\n";
  }
  const auto survival = summary.survival_curve();
  text << "Still fighting after";
  for (const int month : {12, 24, 60, 120}) {
    if (month > scenario.horizon_months) break;
    std::snprintf(line, sizeof line, "  %d months: %.1f%%", month, 100.0 * survival[static_cast<std::size_t>(month)]);
    text << (month == 12 ? "" : ",") << line;
  }
}

void write_table_lines(std::ostringstream& text, const Scenario& scenario, const RunResult& result) {
  const RunSummary& summary = result.summary;
  char line[200];
  const TableSummary& table = summary.table();
  std::snprintf(line, sizeof line,
                "\n\nAt the table: ripe %.1f months on average; talks in %.1f%% of wars; a deal in %.1f%%, of which "
                "%.1f%% broke down",
                table.months_ripe.mean(), percent_of(table.trials_with_talks, summary.trials()),
                percent_of(table.trials_with_deal, summary.trials()), percent_of(table.breakdowns, table.deals));
  text << line;
  for (std::size_t k = 0; k < kDurabilityMonths.size(); ++k) {
    if (table.deals_at_risk[k] == 0) continue;
    // With its counts: a share of the few deals that could reach the mark reads very differently
    // from a share of thousands.
    std::snprintf(line, sizeof line, "%s held %d months: %.1f%% (%lld of %lld)", k == 0 ? "\nDeals" : ",",
                  kDurabilityMonths[k],
                  100.0 * static_cast<double>(table.deals_held[k]) / static_cast<double>(table.deals_at_risk[k]),
                  static_cast<long long>(table.deals_held[k]), static_cast<long long>(table.deals_at_risk[k]));
    text << line;
  }
  if (scenario.bargaining && scenario.bargaining->private_cost >= 0) {
    std::snprintf(line, sizeof line,
                  "\nUltimatums to %s (private cost): %lld made, %lld rejected; a rejected one in %.1f%% of wars",
                  scenario.actors[static_cast<std::size_t>(scenario.bargaining->private_cost)].id.c_str(),
                  static_cast<long long>(table.offers), static_cast<long long>(table.offers_rejected),
                  percent_of(table.trials_with_rejected_offer, summary.trials()));
    text << line;
  }
  if (result.feared_breakdown) {
    std::snprintf(
        line, sizeof line, "\nFeared breakdown (consistent, solved by a pilot run): %.1f%%; realised in this run: %s",
        100.0 * *result.feared_breakdown,
        table.deals > 0 ? (std::to_string(table.breakdowns) + " of " + std::to_string(table.deals) + " deals").c_str()
                        : "n/a (no deal)");
    text << line;
  }
  bool first = true;
  for (std::size_t k = 0; k < table.terms.size(); ++k) {
    if (table.terms[k].count() == 0) continue;
    std::snprintf(line, sizeof line, "%s %s %.2f", first ? "\nMean settlement terms:" : ",",
                  scenario.issues[k].id.c_str(), table.terms[k].mean());
    text << line;
    first = false;
  }
}

void write_cost_table(std::ostringstream& text, const Scenario& scenario, const RunSummary& summary) {
  char line[160];
  text << "\n\nCost per actor (force units lost + aid units spent + economic strain)\n";
  for (std::size_t i = 0; i < summary.actor_count(); ++i) {
    const auto& hist = summary.cost_histogram(i);
    std::snprintf(line, sizeof line, "  %-6s mean %9.1f   median %9.1f   90%% up to %9.1f\n",
                  scenario.actors[i].id.c_str(), summary.cost_moments(i).mean(), hist.quantile(0.5),
                  hist.quantile(0.9));
    text << line;
  }
}

}  // namespace

std::string run_report_text(const Scenario& scenario, const RunResult& result) {
  const RunSummary& summary = result.summary;
  std::ostringstream text;
  text << "Scenario " << scenario.name << " (" << hash_hex(scenario.content_hash) << "), seed " << result.seed << ", "
       << summary.trials() << " trials" << (result.interrupted ? " (interrupted)" : "") << ", horizon "
       << scenario.horizon_months << " months\n\nHow the war ends          share    95% interval\n";
  write_outcome_table(text, scenario, summary);
  write_duration_lines(text, scenario, summary);
  if (scenario.bargaining) write_table_lines(text, scenario, result);
  write_cost_table(text, scenario, summary);
  return text.str();
}

std::string render_run_report(const Scenario& scenario, const RunResult& result, ReportFormat format) {
  switch (format) {
    case ReportFormat::kJson:
      return run_report_json(scenario, result).dump(2) + "\n";
    case ReportFormat::kCsv:
      return run_report_csv(scenario, result);
    case ReportFormat::kSummary:
      return run_report_text(scenario, result);
    case ReportFormat::kMarkdown:
      break;
  }
  throw Error(unsupported_format_message("the run report", format, kRunReportFormats));
}

}  // namespace parley
