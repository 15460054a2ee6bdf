#include "parley/sim/run_summary.h"

namespace parley {

RunSummary::RunSummary(std::size_t actor_count, int horizon_months)
    : horizon_months_(horizon_months),
      end_months_(static_cast<std::size_t>(horizon_months) + 1),
      cost_moments_(actor_count),
      cost_histograms_(actor_count) {}

void RunSummary::add(const WarState& final_state) {
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
}

std::vector<double> RunSummary::survival_curve() const {
  std::vector<double> curve(static_cast<std::size_t>(horizon_months_) + 1, 1.0);
  if (trials_ == 0) return curve;
  std::int64_t ended = 0;
  const auto& counts = end_months_.counts();
  for (std::size_t month = 0; month < curve.size(); ++month) {
    ended += month < counts.size() ? counts[month] : 0;
    curve[month] = static_cast<double>(trials_ - ended) / static_cast<double>(trials_);
  }
  return curve;
}

}  // namespace parley
