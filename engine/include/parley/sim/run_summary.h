// What a Monte Carlo run reports (docs/model.md sections 9-10), accumulated trial by trial in fixed
// memory: outcome counts, the month each war ended, and each actor's cost. Summaries merge,
// so parallel chunks combine in a fixed order into bit-identical results.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "parley/bargaining/table_state.h"
#include "parley/stats/streaming.h"

namespace parley {

// Months after signing at which deal durability is reported (docs/model.md 10; issue: "share of
// deals that hold for 12/36/60 months").
inline constexpr std::array<int, 3> kDurabilityMonths = {12, 36, 60};
inline constexpr std::size_t kTermsBins = 21;  // settlement terms histogram: 0, 0.05, ..., 1

// Whether a deal counts towards "held for `months`": a deal is at risk once it has broken
// before that age or been observed for that long; a deal still holding but observed for less
// (the horizon came first) is censored and counts in neither.
struct DealDurability {
  bool at_risk = false;
  bool held = false;
};
[[nodiscard]] constexpr DealDurability deal_durability(const DealRecord& deal, int months) noexcept {
  if (deal.broke && deal.held_months < months) return {true, false};
  if (deal.held_months >= months) return {true, true};
  return {false, false};
}

// Bargaining-layer aggregates; all zero for a scenario without one.
struct TableSummary {
  RunningMoments months_ripe;  // per trial
  std::int64_t trials_with_talks = 0;
  std::int64_t trials_with_deal = 0;
  std::int64_t deals = 0;
  std::int64_t breakdowns = 0;
  std::int64_t trials_with_breakdown = 0;
  // Deals observed for at least k months (or broken before), and of those, deals that held k.
  std::array<std::int64_t, kDurabilityMonths.size()> deals_at_risk{};
  std::array<std::int64_t, kDurabilityMonths.size()> deals_held{};
  std::vector<RunningMoments> terms;         // per issue, over settled trials
  std::vector<IntegerHistogram> terms_bins;  // per issue
  std::int64_t demands = 0;
  std::int64_t demands_met = 0;
  std::int64_t solver_failures = 0;
  std::int64_t concessions = 0;  // wars ended by a side quitting a war of attrition
  // Screening (private_cost): ultimatums made and rejected, and trials with a rejected one.
  std::int64_t offers = 0;
  std::int64_t offers_rejected = 0;
  std::int64_t trials_with_rejected_offer = 0;

  void add(const TrialState& final_state);
  void merge(const TableSummary& other);
};

class RunSummary {
 public:
  RunSummary() = default;
  RunSummary(std::size_t actor_count, int horizon_months, std::size_t issue_count = 0);

  void add(const TrialState& final_state);
  void merge(const RunSummary& other);

  [[nodiscard]] std::int64_t trials() const noexcept { return trials_; }
  [[nodiscard]] int horizon_months() const noexcept { return horizon_months_; }
  [[nodiscard]] std::int64_t outcome_count(Outcome outcome) const noexcept {
    return outcome_counts_[static_cast<std::size_t>(outcome)];
  }
  // Months at which wars ended (trials still fighting at the horizon are not in it).
  [[nodiscard]] const IntegerHistogram& end_months() const noexcept { return end_months_; }
  [[nodiscard]] const RunningMoments& duration_of_ended_wars() const noexcept { return duration_; }
  // Share of trials whose war was still on after each month 0..horizon (an exact Kaplan-Meier
  // curve: the only censoring is at the horizon).
  [[nodiscard]] std::vector<double> survival_curve() const;
  // The counts behind it: trials whose war was still on after each month 0..horizon.
  [[nodiscard]] std::vector<std::int64_t> wars_ongoing() const;
  [[nodiscard]] const RunningMoments& cost_moments(std::size_t actor) const { return cost_moments_[actor]; }
  [[nodiscard]] const LogHistogram& cost_histogram(std::size_t actor) const { return cost_histograms_[actor]; }
  [[nodiscard]] std::size_t actor_count() const noexcept { return cost_moments_.size(); }
  [[nodiscard]] const TableSummary& table() const noexcept { return table_; }

 private:
  std::int64_t trials_ = 0;
  int horizon_months_ = 0;
  std::array<std::int64_t, kOutcomeCount> outcome_counts_{};
  IntegerHistogram end_months_;
  RunningMoments duration_;
  std::vector<RunningMoments> cost_moments_;
  std::vector<LogHistogram> cost_histograms_;
  TableSummary table_;
};

}  // namespace parley
