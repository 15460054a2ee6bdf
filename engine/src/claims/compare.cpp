#include "parley/claims/compare.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <optional>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/scenario/load.h"
#include "parley/sim/batches.h"
#include "parley/sim/trial.h"

namespace parley::claims {

namespace {

// Per trial: (a_B, b_B, a_V, b_V) for each metric.
using PairMoments = RunningCovariance<4>;

struct ScratchPair {
  TrialScratch baseline;
  TrialScratch variant;
};
using ScratchPool = oneapi::tbb::enumerable_thread_specific<ScratchPair>;
using TrialRange = oneapi::tbb::blocked_range<std::int64_t>;

// The variant's seed under independent streams: a different, unrelated master seed.
constexpr std::uint64_t independent_seed(std::uint64_t seed) noexcept {
  return mix64(seed ^ fnv1a64("parley/claims/independent-variant"));
}

struct MetricPair {
  Metric baseline;
  Metric variant;
};

class PairReducer {
 public:
  PairReducer(const Model& baseline, const Model& variant, const std::vector<MetricPair>& metrics, std::uint64_t seed,
              std::uint64_t variant_seed, const std::atomic<bool>* cancel, ScratchPool& scratch)
      : baseline_(baseline),
        variant_(variant),
        metrics_(metrics),
        seed_(seed),
        variant_seed_(variant_seed),
        cancel_(cancel),
        scratch_(scratch),
        moments_(metrics.size()) {}
  PairReducer(PairReducer& other, oneapi::tbb::split)
      : PairReducer(other.baseline_, other.variant_, other.metrics_, other.seed_, other.variant_seed_, other.cancel_,
                    other.scratch_) {}

  void operator()(const TrialRange& range) {
    ScratchPair& scratch = scratch_.local();
    for (std::int64_t trial = range.begin(); trial != range.end(); ++trial) {
      const auto index = static_cast<std::uint64_t>(trial);
      // A cancelled batch is dropped whole (run_in_batches).
      if (!simulate_trial(baseline_, TrialKey{seed_, index}, scratch.baseline, cancel_)) return;
      // A scenario compared with itself on the same streams (a level claim) runs once.
      const bool same = &baseline_ == &variant_ && seed_ == variant_seed_;
      if (!same && !simulate_trial(variant_, TrialKey{variant_seed_, index}, scratch.variant, cancel_)) return;
      const TrialState& variant_state = same ? scratch.baseline.state : scratch.variant.state;
      for (std::size_t m = 0; m < metrics_.size(); ++m) {
        const MetricSample b = measure_trial(metrics_[m].baseline, scratch.baseline.state);
        const MetricSample v = measure_trial(metrics_[m].variant, variant_state);
        moments_[m].add(PairMoments::Vector(b.numerator, b.denominator, v.numerator, v.denominator));
      }
    }
  }
  void join(PairReducer& right) {
    for (std::size_t m = 0; m < moments_.size(); ++m) moments_[m].merge(right.moments_[m]);
  }
  [[nodiscard]] const std::vector<PairMoments>& moments() const noexcept { return moments_; }

 private:
  const Model& baseline_;
  const Model& variant_;
  const std::vector<MetricPair>& metrics_;
  std::uint64_t seed_;
  std::uint64_t variant_seed_;
  const std::atomic<bool>* cancel_;
  ScratchPool& scratch_;
  std::vector<PairMoments> moments_;
};

Estimate make_estimate(double value, double variance_of_mean, double z) {
  Estimate estimate;
  estimate.value = value;
  estimate.standard_error = std::sqrt(std::max(0.0, variance_of_mean));
  estimate.interval = {value - z * estimate.standard_error, value + z * estimate.standard_error};
  return estimate;
}

// The delta-method estimates of R_B, R_V and their difference from the pooled moments.
PairedComparison summarise(const PairMoments& moments, double z) {
  PairedComparison out;
  const double n = static_cast<double>(moments.count());
  const PairMoments::Vector& mean = moments.mean();
  const PairMoments::Matrix covariance = moments.covariance();
  out.baseline_condition_count = mean(1) * n;
  out.variant_condition_count = mean(3) * n;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const bool baseline_defined = mean(1) > 0.0;
  const bool variant_defined = mean(3) > 0.0;
  const double ratio_b = baseline_defined ? mean(0) / mean(1) : nan;
  const double ratio_v = variant_defined ? mean(2) / mean(3) : nan;
  // Gradients of R_B and R_V with respect to the four means.
  PairMoments::Vector grad_b = PairMoments::Vector::Zero();
  PairMoments::Vector grad_v = PairMoments::Vector::Zero();
  if (baseline_defined) grad_b.head<2>() << 1.0 / mean(1), -ratio_b / mean(1);
  if (variant_defined) grad_v.tail<2>() << 1.0 / mean(3), -ratio_v / mean(3);
  const double var_b = grad_b.dot(covariance * grad_b) / n;
  const double var_v = grad_v.dot(covariance * grad_v) / n;
  const PairMoments::Vector grad_d = grad_v - grad_b;
  const double var_d = grad_d.dot(covariance * grad_d) / n;
  out.baseline = make_estimate(ratio_b, var_b, z);
  out.variant = make_estimate(ratio_v, var_v, z);
  out.difference = make_estimate(ratio_v - ratio_b, var_d, z);
  out.independent_standard_error = std::sqrt(std::max(0.0, var_b + var_v));
  if (!baseline_defined || !variant_defined) {
    out.difference.standard_error = nan;
    out.difference.interval = {nan, nan};
    out.independent_standard_error = nan;
  }
  if (!baseline_defined) out.baseline.interval = {nan, nan};
  if (!variant_defined) out.variant.interval = {nan, nan};
  return out;
}

// Each name as a metric of both scenarios (their actors, issues and horizons may differ).
std::vector<MetricPair> parse_metric_pairs(const Scenario& baseline, const Scenario& variant,
                                           const std::vector<std::string>& metric_names) {
  IssueCollector issues;
  std::vector<MetricPair> metrics;
  for (std::size_t m = 0; m < metric_names.size(); ++m) {
    const auto in_baseline = parse_metric(metric_names[m], baseline, MetricUse::kPerTrial);
    const auto in_variant = parse_metric(metric_names[m], variant, MetricUse::kPerTrial);
    if (in_baseline && in_variant) {
      metrics.push_back({*in_baseline, *in_variant});
      continue;
    }
    const Scenario& missing = in_baseline ? variant : baseline;
    issues.add("/metrics/" + std::to_string(m), "must name a metric of scenario '" + missing.name + "'",
               metric_names[m], closest_match(metric_names[m], example_metric_names(missing, MetricUse::kPerTrial)));
  }
  issues.throw_if_any("claims comparison");
  return metrics;
}

}  // namespace

double two_sided_normal_quantile(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw InputError("claims options", {{"--confidence", "must lie in (0, 1), e.g. 0.95",
                                         std::isnan(confidence) ? "nan" : std::to_string(confidence), ""}});
  return boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + confidence / 2.0);
}

CompareResult compare_scenarios(const Scenario& baseline, const Scenario& variant,
                                const std::vector<std::string>& metric_names, const CompareOptions& options) {
  const double z = two_sided_normal_quantile(options.confidence);
  const std::vector<MetricPair> metrics = parse_metric_pairs(baseline, variant, metric_names);

  CompareResult result;
  result.trials_requested = checked_trial_count(options.run, baseline.default_trials, kMaxTrials, kMaxTrialsWhere);
  result.seed = options.run.seed.value_or(baseline.default_seed);
  result.confidence = options.confidence;
  const std::uint64_t variant_seed =
      options.pairing == Pairing::kCommonRandomNumbers ? result.seed : independent_seed(result.seed);

  // A scenario compared with itself is compiled once, and its trials run once (PairReducer).
  const Model baseline_model = compile(baseline);
  const std::optional<Model> variant_model =
      &baseline == &variant ? std::nullopt : std::optional<Model>(compile(variant));
  std::vector<PairMoments> moments(metrics.size());
  ScratchPool scratch;
  std::optional<PairReducer> batch;
  const BatchProgress progress = run_in_batches(
      result.trials_requested, options.run,
      [&](std::int64_t begin, std::int64_t end) {
        batch.emplace(baseline_model, variant_model ? *variant_model : baseline_model, metrics, result.seed,
                      variant_seed, options.run.cancel, scratch);
        oneapi::tbb::parallel_deterministic_reduce(TrialRange(begin, end, kChunkTrials), *batch,
                                                   oneapi::tbb::simple_partitioner());
      },
      [&] {
        for (std::size_t m = 0; m < moments.size(); ++m) moments[m].merge(batch->moments()[m]);
      });
  result.trials = progress.trials_done;
  result.interrupted = progress.interrupted;
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    PairedComparison comparison = summarise(moments[m], z);
    comparison.metric = metric_names[m];
    comparison.description = metrics[m].baseline.description;
    result.metrics.push_back(std::move(comparison));
  }
  return result;
}

}  // namespace parley::claims
