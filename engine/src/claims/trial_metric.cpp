#include "parley/claims/trial_metric.h"

#include <charconv>
#include <string_view>

#include "parley/sim/run_summary.h"

namespace parley::claims {

namespace {

// The integer after `prefix`, when `name` is exactly prefix + digits.
std::optional<int> suffix_number(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix || name.size() == prefix.size()) return std::nullopt;
  const std::string_view digits = name.substr(prefix.size());
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.front() == '0') return std::nullopt;
  return value;
}

std::optional<int> index_of(std::string_view id, const std::vector<std::string>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == id) return static_cast<int>(i);
  return std::nullopt;
}

}  // namespace

std::optional<TrialMetric> parse_trial_metric(const std::string& name, const Scenario& scenario) {
  const std::string_view text = name;
  TrialMetric metric;
  metric.name = name;
  for (std::size_t o = 0; o < kOutcomeCount; ++o)
    if (text == "share_" + std::string(kOutcomeNames[o])) {
      metric.kind = MetricKind::kOutcomeShare;
      metric.index = static_cast<int>(o);
      metric.description = "P(" + std::string(kOutcomeNames[o]) + " by the horizon)";
      return metric;
    }
  const auto within_horizon = [&](std::optional<int> months) {
    return months.has_value() && *months >= 1 && *months <= scenario.horizon_months;
  };
  if (const auto months = suffix_number(text, "p_settled_by_"); within_horizon(months)) {
    metric.kind = MetricKind::kSettledBy;
    metric.index = *months;
    metric.description = "P(settlement signed by month " + std::to_string(*months) + ")";
    return metric;
  }
  if (const auto months = suffix_number(text, "p_over_by_"); within_horizon(months)) {
    metric.kind = MetricKind::kOverBy;
    metric.index = *months;
    metric.description = "P(war over by month " + std::to_string(*months) + ", any ending)";
    return metric;
  }
  if (const auto months = suffix_number(text, "p_deal_holds_"); months.has_value()) {
    for (std::size_t k = 0; k < kDurabilityMonths.size(); ++k)
      if (kDurabilityMonths[k] == *months) {
        metric.kind = MetricKind::kDealHolds;
        metric.index = static_cast<int>(k);
        metric.conditional = true;
        metric.description = "P(a deal holds " + std::to_string(*months) + " months | deal observed that long)";
        return metric;
      }
    return std::nullopt;
  }
  if (text == "months_of_war") {
    metric.kind = MetricKind::kMonthsOfWar;
    metric.description = "months until the war ended (the horizon if it did not)";
    return metric;
  }
  if (text == "front_at_end") {
    metric.kind = MetricKind::kFrontAtEnd;
    metric.description = "share of the contested territory held by " +
                         scenario.actors[static_cast<std::size_t>(scenario.battlefield.holder)].id + " at the end";
    return metric;
  }
  if (text == "p_breakdown") {
    metric.kind = MetricKind::kBreakdown;
    metric.description = "P(some deal breaks down)";
    return metric;
  }
  if (text == "months_ripe") {
    metric.kind = MetricKind::kMonthsRipe;
    metric.description = "months of mutually hurting stalemate";
    return metric;
  }
  std::vector<std::string> actor_ids;
  for (const ActorSpec& actor : scenario.actors) actor_ids.push_back(actor.id);
  if (text.substr(0, 5) == "cost_")
    if (const auto actor = index_of(text.substr(5), actor_ids)) {
      metric.kind = MetricKind::kCost;
      metric.index = *actor;
      metric.description = "cumulative cost to " + actor_ids[static_cast<std::size_t>(*actor)];
      return metric;
    }
  std::vector<std::string> issue_ids;
  for (const IssueSpec& issue : scenario.issues) issue_ids.push_back(issue.id);
  if (text.substr(0, 6) == "terms_")
    if (const auto issue = index_of(text.substr(6), issue_ids)) {
      metric.kind = MetricKind::kTermsAtSettlement;
      metric.index = *issue;
      metric.conditional = true;
      metric.description = "deal's value on " + issue_ids[static_cast<std::size_t>(*issue)] + " | settlement";
      return metric;
    }
  return std::nullopt;
}

std::vector<std::string> example_metric_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const std::string_view outcome : kOutcomeNames) names.push_back("share_" + std::string(outcome));
  for (const int months : kDurabilityMonths)
    if (months <= scenario.horizon_months) {
      names.push_back("p_settled_by_" + std::to_string(months));
      names.push_back("p_over_by_" + std::to_string(months));
    }
  for (const int months : kDurabilityMonths) names.push_back("p_deal_holds_" + std::to_string(months));
  names.insert(names.end(), {"p_breakdown", "months_of_war", "months_ripe", "front_at_end"});
  for (const ActorSpec& actor : scenario.actors) names.push_back("cost_" + actor.id);
  for (const IssueSpec& issue : scenario.issues) names.push_back("terms_" + issue.id);
  return names;
}

MetricSample measure_trial(const TrialMetric& metric, const TrialState& final_state) {
  const auto indicator = [](bool value) { return MetricSample{value ? 1.0 : 0.0, 1.0}; };
  const bool settled = final_state.outcome == Outcome::kSettlement;
  switch (metric.kind) {
    case MetricKind::kOutcomeShare:
      return indicator(static_cast<int>(final_state.outcome) == metric.index);
    case MetricKind::kSettledBy:
      return indicator(settled && final_state.end_month <= metric.index);
    case MetricKind::kOverBy:
      return indicator(final_state.outcome != Outcome::kOngoing && final_state.end_month <= metric.index);
    case MetricKind::kMonthsOfWar:
      return {static_cast<double>(final_state.end_month), 1.0};
    case MetricKind::kCost:
      return {final_state.actors[static_cast<std::size_t>(metric.index)].cost_total, 1.0};
    case MetricKind::kTermsAtSettlement: {
      const auto issue = static_cast<std::size_t>(metric.index);
      if (!settled || issue >= final_state.table.terms.size()) return {0.0, 0.0};
      return {final_state.table.terms[issue], 1.0};
    }
    case MetricKind::kFrontAtEnd:
      return {final_state.front_share, 1.0};
    case MetricKind::kDealHolds: {
      MetricSample sample{0.0, 0.0};
      for (const DealRecord& deal : final_state.table.deals) {
        const DealDurability durability =
            deal_durability(deal, kDurabilityMonths[static_cast<std::size_t>(metric.index)]);
        sample.numerator += durability.held ? 1.0 : 0.0;
        sample.denominator += durability.at_risk ? 1.0 : 0.0;
      }
      return sample;
    }
    case MetricKind::kBreakdown: {
      bool broke = false;
      for (const DealRecord& deal : final_state.table.deals) broke = broke || deal.broke;
      return indicator(broke);
    }
    case MetricKind::kMonthsRipe:
      return {static_cast<double>(final_state.table.months_ripe), 1.0};
  }
  return {0.0, 0.0};
}

}  // namespace parley::claims
