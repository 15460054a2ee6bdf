#include "parley/sim/run_summary.h"

#include <cmath>

namespace parley {

void TableSummary::add(const TrialState& final_state) {
  const TableState& table = final_state.table;
  months_ripe.add(table.months_ripe);
  trials_with_talks += table.talks > 0 ? 1 : 0;
  trials_with_deal += table.deals.empty() ? 0 : 1;
  deals += static_cast<std::int64_t>(table.deals.size());
  bool broke = false;
  for (const DealRecord& deal : table.deals) {
    breakdowns += deal.broke ? 1 : 0;
    broke = broke || deal.broke;
    for (std::size_t k = 0; k < kDurabilityMonths.size(); ++k) {
      const DealDurability durability = deal_durability(deal, kDurabilityMonths[k]);
      deals_at_risk[k] += durability.at_risk ? 1 : 0;
      deals_held[k] += durability.held ? 1 : 0;
    }
  }
  trials_with_breakdown += broke ? 1 : 0;
  if (final_state.outcome == Outcome::kSettlement)
    for (std::size_t k = 0; k < terms.size() && k < table.terms.size(); ++k) {
      terms[k].add(table.terms[k]);
      terms_bins[k].add(static_cast<std::size_t>(std::lround(table.terms[k] * static_cast<double>(kTermsBins - 1))));
    }
  demands += table.demands;
  demands_met += table.demands_met;
  solver_failures += table.solver_failures;
  concessions += table.conceded ? 1 : 0;
  offers += table.offers;
  offers_rejected += table.offers_rejected;
  trials_with_rejected_offer += table.offers_rejected > 0 ? 1 : 0;
}

void TableSummary::merge(const TableSummary& other) {
  months_ripe.merge(other.months_ripe);
  trials_with_talks += other.trials_with_talks;
  trials_with_deal += other.trials_with_deal;
  deals += other.deals;
  breakdowns += other.breakdowns;
  trials_with_breakdown += other.trials_with_breakdown;
  for (std::size_t k = 0; k < kDurabilityMonths.size(); ++k) {
    deals_at_risk[k] += other.deals_at_risk[k];
    deals_held[k] += other.deals_held[k];
  }
  for (std::size_t k = 0; k < terms.size(); ++k) {
    terms[k].merge(other.terms[k]);
    terms_bins[k].merge(other.terms_bins[k]);
  }
  demands += other.demands;
  demands_met += other.demands_met;
  solver_failures += other.solver_failures;
  concessions += other.concessions;
  offers += other.offers;
  offers_rejected += other.offers_rejected;
  trials_with_rejected_offer += other.trials_with_rejected_offer;
}

RunSummary::RunSummary(std::size_t actor_count, int horizon_months, std::size_t issue_count)
    : horizon_months_(horizon_months),
      end_months_(static_cast<std::size_t>(horizon_months) + 1),
      cost_moments_(actor_count),
      cost_histograms_(actor_count) {
  table_.terms.resize(issue_count);
  table_.terms_bins.assign(issue_count, IntegerHistogram(kTermsBins));
}

void RunSummary::add(const TrialState& final_state) {
  ++trials_;
  ++outcome_counts_[static_cast<std::size_t>(final_state.outcome)];
  if (final_state.outcome != Outcome::kOngoing) {
    end_months_.add(static_cast<std::size_t>(final_state.end_month));
    duration_.add(final_state.end_month);
  }
  for (std::size_t i = 0; i < cost_moments_.size(); ++i) {
    cost_moments_[i].add(final_state.actors[i].cost_total);
    cost_histograms_[i].add(final_state.actors[i].cost_total);
  }
  table_.add(final_state);
}

void RunSummary::merge(const RunSummary& other) {
  trials_ += other.trials_;
  for (std::size_t k = 0; k < kOutcomeCount; ++k) outcome_counts_[k] += other.outcome_counts_[k];
  end_months_.merge(other.end_months_);
  duration_.merge(other.duration_);
  for (std::size_t i = 0; i < cost_moments_.size(); ++i) {
    cost_moments_[i].merge(other.cost_moments_[i]);
    cost_histograms_[i].merge(other.cost_histograms_[i]);
  }
  table_.merge(other.table_);
}

std::vector<std::int64_t> RunSummary::wars_ongoing() const {
  std::vector<std::int64_t> ongoing(static_cast<std::size_t>(horizon_months_) + 1, trials_);
  std::int64_t ended = 0;
  const auto& counts = end_months_.counts();
  for (std::size_t month = 0; month < ongoing.size(); ++month) {
    ended += month < counts.size() ? counts[month] : 0;
    ongoing[month] = trials_ - ended;
  }
  return ongoing;
}

std::vector<double> RunSummary::survival_curve() const {
  std::vector<double> curve(static_cast<std::size_t>(horizon_months_) + 1, 1.0);
  if (trials_ == 0) return curve;
  const std::vector<std::int64_t> ongoing = wars_ongoing();
  for (std::size_t month = 0; month < curve.size(); ++month)
    curve[month] = static_cast<double>(ongoing[month]) / static_cast<double>(trials_);
  return curve;
}

}  // namespace parley
