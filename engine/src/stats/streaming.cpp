#include "parley/stats/streaming.h"

#include <algorithm>
#include <cmath>

namespace parley {

Interval wilson_interval(std::int64_t successes, std::int64_t trials, double z) {
  if (trials <= 0) return {0.0, 1.0};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // Exact at the edges: with no failures the upper limit is 1, with no successes the lower is 0.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half),
          successes == trials ? 1.0 : std::min(1.0, centre + half)};
}

void RunningMoments::add(double value) noexcept {
  ++count_;
  const double delta = value - mean_;
  mean_ += delta / static_cast<double>(count_);
  sum_squares_ += delta * (value - mean_);
}

void RunningMoments::merge(const RunningMoments& other) noexcept {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double n_a = static_cast<double>(count_);
  const double n_b = static_cast<double>(other.count_);
  const double n = n_a + n_b;
  const double delta = other.mean_ - mean_;
  mean_ += delta * n_b / n;
  sum_squares_ += other.sum_squares_ + delta * delta * n_a * n_b / n;
  count_ += other.count_;
}

double RunningMoments::variance() const noexcept {
  return count_ > 1 ? sum_squares_ / static_cast<double>(count_ - 1) : 0.0;
}

double RunningMoments::standard_error() const noexcept {
  return count_ > 1 ? std::sqrt(variance() / static_cast<double>(count_)) : 0.0;
}

Interval RunningMoments::mean_interval(double z) const noexcept {
  const double half = z * standard_error();
  return {mean_ - half, mean_ + half};
}

void IntegerHistogram::merge(const IntegerHistogram& other) {
  if (counts_.size() < other.counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
}

double IntegerHistogram::quantile(double p) const {
  if (total_ == 0) return std::nan("");
  const double target = p * static_cast<double>(total_);
  std::int64_t cumulative = 0;
  for (std::size_t v = 0; v < counts_.size(); ++v) {
    cumulative += counts_[v];
    if (static_cast<double>(cumulative) >= target && cumulative > 0) return static_cast<double>(v);
  }
  return static_cast<double>(counts_.size() - 1);
}

void LogHistogram::add(double value) {
  ++total_;
  if (!(value >= 1e-6)) {
    ++zeros_;
    return;
  }
  const double position = (std::log10(value) - kMinExponent) * kBinsPerDecade;
  if (position >= static_cast<double>(kBins)) {
    ++overflow_;
    return;
  }
  if (bins_.empty()) bins_.assign(kBins, 0);
  ++bins_[static_cast<std::size_t>(position)];
}

void LogHistogram::merge(const LogHistogram& other) {
  zeros_ += other.zeros_;
  overflow_ += other.overflow_;
  total_ += other.total_;
  if (other.bins_.empty()) return;
  if (bins_.empty()) {
    bins_ = other.bins_;
    return;
  }
  for (std::size_t i = 0; i < kBins; ++i) bins_[i] += other.bins_[i];
}

double LogHistogram::quantile(double p) const noexcept {
  if (total_ == 0) return std::nan("");
  const double target = p * static_cast<double>(total_);
  double cumulative = static_cast<double>(zeros_);
  if (cumulative >= target && zeros_ > 0) return 0.0;
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    if (bins_[i] == 0) continue;
    const double next = cumulative + static_cast<double>(bins_[i]);
    if (next >= target) {
      const double fraction = std::clamp((target - cumulative) / static_cast<double>(bins_[i]), 0.0, 1.0);
      return std::pow(10.0, kMinExponent + (static_cast<double>(i) + fraction) / kBinsPerDecade);
    }
    cumulative = next;
  }
  return std::pow(10.0, kMaxExponent);
}

}  // namespace parley
