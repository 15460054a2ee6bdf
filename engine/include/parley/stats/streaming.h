// Streaming statistics whose memory does not grow with the number of observations, and that
// merge exactly: the trial loop keeps one per chunk of trials and joins them in a fixed order,
// so results are bit-identical for any thread count (the Stan reduce_sum_static pattern).
//
// Sources: pairwise update and merge of mean and variance (Chan, Golub & LeVeque 1983); Wilson
// score interval for a binomial share (Wilson 1927; recommended by Brown, Cai & DasGupta 2001).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace parley {

inline constexpr double kZ95 = 1.959963984540054;  // standard normal 97.5% quantile

struct Interval {
  double lower = 0.0;
  double upper = 0.0;
};

// Wilson score interval for `successes` out of `trials` at normal quantile z.
[[nodiscard]] Interval wilson_interval(std::int64_t successes, std::int64_t trials, double z = kZ95);

// Count, mean and variance, updated one value at a time (Welford) and merged (Chan et al.).
class RunningMoments {
 public:
  void add(double value) noexcept;
  void merge(const RunningMoments& other) noexcept;
  [[nodiscard]] std::int64_t count() const noexcept { return count_; }
  [[nodiscard]] double mean() const noexcept { return mean_; }
  [[nodiscard]] double variance() const noexcept;  // sample variance (n - 1)
  [[nodiscard]] double standard_error() const noexcept;
  [[nodiscard]] Interval mean_interval(double z = kZ95) const noexcept;

 private:
  std::int64_t count_ = 0;
  double mean_ = 0.0;
  double sum_squares_ = 0.0;  // of deviations from the mean
};

// Mean vector and covariance matrix of N jointly observed values, updated one observation at a
// time and merged exactly like RunningMoments (the multivariate form of Chan et al. 1983). The
// claims layer keeps one per paired comparison: a trial's metric under the baseline and the
// variant are observed together, so their covariance is what common random numbers buy.
template <int N>
class RunningCovariance {
 public:
  using Vector = Eigen::Matrix<double, N, 1>;
  using Matrix = Eigen::Matrix<double, N, N>;

  void add(const Vector& value) noexcept {
    ++count_;
    const Vector delta = value - mean_;
    mean_ += delta / static_cast<double>(count_);
    co_moments_.noalias() += delta * (value - mean_).transpose();
  }
  void merge(const RunningCovariance& other) noexcept {
    if (other.count_ == 0) return;
    if (count_ == 0) {
      *this = other;
      return;
    }
    const double n_a = static_cast<double>(count_);
    const double n_b = static_cast<double>(other.count_);
    const double n = n_a + n_b;
    const Vector delta = other.mean_ - mean_;
    mean_ += delta * (n_b / n);
    co_moments_ += other.co_moments_ + (delta * delta.transpose()) * (n_a * n_b / n);
    count_ += other.count_;
  }
  [[nodiscard]] std::int64_t count() const noexcept { return count_; }
  [[nodiscard]] const Vector& mean() const noexcept { return mean_; }
  // Sample covariance (n - 1); zero below two observations.
  [[nodiscard]] Matrix covariance() const noexcept {
    return count_ > 1 ? Matrix(co_moments_ / static_cast<double>(count_ - 1)) : Matrix(Matrix::Zero());
  }

 private:
  std::int64_t count_ = 0;
  Vector mean_ = Vector::Zero();
  Matrix co_moments_ = Matrix::Zero();  // sum of outer products of deviations from the mean
};

// Counts of integer values in [0, size): exact quantiles for months.
class IntegerHistogram {
 public:
  explicit IntegerHistogram(std::size_t size = 0) : counts_(size, 0) {}
  void add(std::size_t value) noexcept {
    ++counts_[value < counts_.size() ? value : counts_.size() - 1];
    ++total_;
  }
  void merge(const IntegerHistogram& other);
  [[nodiscard]] std::int64_t total() const noexcept { return total_; }
  [[nodiscard]] const std::vector<std::int64_t>& counts() const noexcept { return counts_; }
  // The smallest value v with P(X <= v) >= p (the inverse of the empirical CDF, type 1).
  [[nodiscard]] double quantile(double p) const;

 private:
  std::vector<std::int64_t> counts_;
  std::int64_t total_ = 0;
};

// Non-negative values in log-spaced bins: quantiles to a relative resolution of about 1.2%
// (kBinsPerDecade = 200) over [1e-6, 1e12), with exact zeros and an overflow bin. Fixed memory.
// The bins are allocated with the first value that falls in one: a run keeps a histogram per
// actor per chunk of trials, and where every trial costs nothing (the front alone) zeroing and
// merging 3,600 bins a chunk was an eighth of the run's instructions.
class LogHistogram {
 public:
  static constexpr int kBinsPerDecade = 200;
  static constexpr int kMinExponent = -6;
  static constexpr int kMaxExponent = 12;
  static constexpr std::size_t kBins = static_cast<std::size_t>((kMaxExponent - kMinExponent) * kBinsPerDecade);

  void add(double value);
  void merge(const LogHistogram& other);
  [[nodiscard]] std::int64_t total() const noexcept { return total_; }
  // Interpolated geometrically inside the bin that holds the p-quantile.
  [[nodiscard]] double quantile(double p) const noexcept;

 private:
  std::int64_t zeros_ = 0;     // values below 1e-6 count as zero
  std::int64_t overflow_ = 0;  // values at or above 1e12
  std::int64_t total_ = 0;
  std::vector<std::int64_t> bins_;  // empty (all zero) or kBins counts
};

}  // namespace parley
