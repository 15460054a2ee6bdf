#include "parley/metrics/metric.h"

#include <charconv>
#include <limits>
#include <string_view>

#include "parley/core/error.h"
#include "parley/model/outcome.h"

namespace parley {

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

// The position among `specs` (actors, issues) of the id after `prefix`, when `name` is exactly prefix + id.
template <typename Spec>
std::optional<int> suffix_id(std::string_view name, std::string_view prefix, const std::vector<Spec>& specs) {
  if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
  const std::string_view id = name.substr(prefix.size());
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (specs[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

Metric make_metric(const std::string& name, MetricKind kind, int index, std::string description,
                   bool conditional = false) {
  return {name, kind, index, conditional, std::move(description)};
}

std::optional<Metric> parse_outcome_share(const std::string& name, const Scenario& scenario) {
  const auto outcomes = outcome_names(scenario);
  for (std::size_t o = 0; o < kOutcomeCount; ++o)
    if (name == "share_" + outcomes[o])
      return make_metric(name, MetricKind::kOutcomeShare, static_cast<int>(o), "P(" + outcomes[o] + " by the horizon)");
  return std::nullopt;
}

// p_settled_by_<N>, p_over_by_<N> (N in [1, horizon]) and p_deal_holds_<12|36|60>.
std::optional<Metric> parse_month_metric(const std::string& name, const Scenario& scenario, MetricUse use) {
  const auto within_horizon = [&](std::optional<int> months) {
    return months.has_value() && *months >= 1 && *months <= scenario.horizon_months;
  };
  if (const auto months = suffix_number(name, "p_over_by_"); within_horizon(months))
    return make_metric(name, MetricKind::kOverBy, *months,
                       "P(war over by month " + std::to_string(*months) + ", any ending)");
  if (use != MetricUse::kPerTrial) return std::nullopt;
  if (const auto months = suffix_number(name, "p_settled_by_"); within_horizon(months))
    return make_metric(name, MetricKind::kSettledBy, *months,
                       "P(settlement signed by month " + std::to_string(*months) + ")");
  if (const auto months = suffix_number(name, "p_deal_holds_"))
    for (std::size_t k = 0; k < kDurabilityMonths.size(); ++k)
      if (kDurabilityMonths[k] == *months)
        return make_metric(name, MetricKind::kDealHolds, static_cast<int>(k),
                           "P(a deal holds " + std::to_string(*months) + " months | deal observed that long)", true);
  return std::nullopt;
}

// The names without an argument.
std::optional<Metric> parse_plain_name(const std::string& name, const Scenario& scenario, MetricUse use) {
  if (use == MetricUse::kPerRun) {
    if (name == "duration_mean")
      return make_metric(name, MetricKind::kDurationOfEnded, 0,
                         "mean month the war ended, over the wars that ended before the horizon", true);
    return std::nullopt;
  }
  if (name == "months_of_war")
    return make_metric(name, MetricKind::kMonthsOfWar, 0, "months until the war ended (the horizon if it did not)");
  if (name == "front_at_end")
    return make_metric(name, MetricKind::kFrontAtEnd, 0,
                       "share of the contested territory held by " +
                           scenario.actors[static_cast<std::size_t>(scenario.battlefield.holder)].id + " at the end");
  if (name == "p_breakdown") return make_metric(name, MetricKind::kBreakdown, 0, "P(some deal breaks down)");
  if (name == "months_ripe")
    return make_metric(name, MetricKind::kMonthsRipe, 0, "months of mutually hurting stalemate");
  return std::nullopt;
}

// cost_<actor> per trial, cost_mean_<actor> per run; terms_<issue> per trial.
std::optional<Metric> parse_named_entity(const std::string& name, const Scenario& scenario, MetricUse use) {
  const bool per_trial = use == MetricUse::kPerTrial;
  if (const auto actor = suffix_id(name, per_trial ? "cost_" : "cost_mean_", scenario.actors)) {
    const std::string& id = scenario.actors[static_cast<std::size_t>(*actor)].id;
    return make_metric(name, MetricKind::kCost, *actor,
                       per_trial ? "cumulative cost to " + id : "mean cumulative cost to " + id);
  }
  if (!per_trial) return std::nullopt;
  if (const auto issue = suffix_id(name, "terms_", scenario.issues))
    return make_metric(name, MetricKind::kTermsAtSettlement, *issue,
                       "deal's value on " + scenario.issues[static_cast<std::size_t>(*issue)].id + " | settlement",
                       true);
  return std::nullopt;
}

std::vector<std::string> per_trial_examples(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const std::string& outcome : outcome_names(scenario)) names.push_back("share_" + outcome);
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

std::vector<std::string> per_run_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const std::string& outcome : outcome_names(scenario)) names.push_back("share_" + outcome);
  names.emplace_back("duration_mean");
  for (const int months : kDurabilityMonths)
    if (months <= scenario.horizon_months) names.push_back("p_over_by_" + std::to_string(months));
  for (const ActorSpec& actor : scenario.actors) names.push_back("cost_mean_" + actor.id);
  return names;
}

// Trials whose war ended in month `month` or earlier: exact, since the only censoring is at
// the horizon.
std::int64_t wars_ended_by(const RunSummary& summary, int month) {
  const std::vector<std::int64_t>& counts = summary.end_months().counts();
  std::int64_t ended = 0;
  for (std::size_t m = 0; m <= static_cast<std::size_t>(month) && m < counts.size(); ++m) ended += counts[m];
  return ended;
}

MetricEstimate share_estimate(std::int64_t count, std::int64_t trials) {
  return {trials > 0 ? static_cast<double>(count) / static_cast<double>(trials) : 0.0, wilson_interval(count, trials)};
}

// A mean with its normal interval; NaN where fewer values than each needs.
MetricEstimate mean_estimate(const RunningMoments& moments) {
  constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
  return {moments.count() > 0 ? moments.mean() : kUndefined,
          moments.count() > 1 ? moments.mean_interval() : Interval{kUndefined, kUndefined}};
}

}  // namespace

std::optional<Metric> parse_metric(const std::string& name, const Scenario& scenario, MetricUse use) {
  if (auto metric = parse_outcome_share(name, scenario)) return metric;
  if (auto metric = parse_month_metric(name, scenario, use)) return metric;
  if (auto metric = parse_plain_name(name, scenario, use)) return metric;
  return parse_named_entity(name, scenario, use);
}

std::vector<std::string> example_metric_names(const Scenario& scenario, MetricUse use) {
  return use == MetricUse::kPerTrial ? per_trial_examples(scenario) : per_run_names(scenario);
}

MetricSample measure_trial(const Metric& metric, const TrialState& final_state) {
  const auto indicator = [](bool value) { return MetricSample{value ? 1.0 : 0.0, 1.0}; };
  const bool settled = final_state.outcome == Outcome::kSettlement;
  const bool ended = final_state.outcome != Outcome::kOngoing;
  switch (metric.kind) {
    case MetricKind::kOutcomeShare:
      return indicator(static_cast<int>(final_state.outcome) == metric.index);
    case MetricKind::kSettledBy:
      return indicator(settled && final_state.end_month <= metric.index);
    case MetricKind::kOverBy:
      return indicator(ended && final_state.end_month <= metric.index);
    case MetricKind::kMonthsOfWar:
      return {static_cast<double>(final_state.end_month), 1.0};
    case MetricKind::kDurationOfEnded:
      return ended ? MetricSample{static_cast<double>(final_state.end_month), 1.0} : MetricSample{0.0, 0.0};
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

MetricEstimate estimate_from_run(const Metric& metric, const RunSummary& summary) {
  switch (metric.kind) {
    case MetricKind::kOutcomeShare:
      return share_estimate(summary.outcome_count(static_cast<Outcome>(metric.index)), summary.trials());
    case MetricKind::kOverBy: {
      // A share of a count, not of 1 - the survival curve: the same double, without rounding.
      const std::int64_t ended = wars_ended_by(summary, metric.index);
      return {static_cast<double>(ended) / static_cast<double>(summary.trials()),
              wilson_interval(ended, summary.trials())};
    }
    case MetricKind::kDurationOfEnded:
      return mean_estimate(summary.duration_of_ended_wars());
    case MetricKind::kCost: {
      const RunningMoments& moments = summary.cost_moments(static_cast<std::size_t>(metric.index));
      return {moments.mean(), moments.mean_interval()};
    }
    case MetricKind::kSettledBy:
    case MetricKind::kMonthsOfWar:
    case MetricKind::kTermsAtSettlement:
    case MetricKind::kFrontAtEnd:
    case MetricKind::kDealHolds:
    case MetricKind::kBreakdown:
    case MetricKind::kMonthsRipe:
      break;
  }
  throw Error("metric '" + metric.name + "' is not read from a run's aggregates");
}

}  // namespace parley
