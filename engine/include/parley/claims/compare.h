// Paired comparison of two scenarios on common random numbers (docs/model.md sections 1 and 13): the
// engine of `parley claims`.
//
// Where it sits: claims_file.h builds a baseline and a variant Scenario from a claims file;
// compare_scenarios() runs trial t of both from the same key (seed, t) and measures each with
// the metrics of metrics/metric.h; claims.h turns the paired difference into a verdict.
//
// Method.
// - Common random numbers (CRN): every random number in a trial is keyed by (seed, trial,
//   purpose) (core/random.h), so trial t of the variant sees the same battle noise, events
//   and parameter draws as trial t of the baseline wherever the two scenarios share them. The
//   paired difference then has variance Var(a_V) + Var(a_B) - 2 Cov(a_V, a_B), smaller than
//   the independent-streams variance by the covariance term (Law 2015, "Simulation Modeling
//   and Analysis", 5th ed., section 11.2; Glasserman 2004, "Monte Carlo Methods in Financial
//   Engineering", section 4.1.1).
// - Estimator: each metric is R = sum a_t / sum b_t (metrics/metric.h). With the means abar,
//   bbar over n trials and the 4x4 covariance S of (a_B, b_B, a_V, b_V) per trial, the delta
//   method gives the difference D = R_V - R_B the variance g' S g / n with
//   g = (-1/bbar_B, R_B/bbar_B, 1/bbar_V, -R_V/bbar_V) (Cochran 1977, "Sampling Techniques",
//   section 6.4, for the ratio; the pairing adds only the cross terms of S). For a plain mean
//   (b = 1) this is exactly the paired-difference variance Var(a_V - a_B) / n.
// - Interval: D +- z SE with z the normal quantile for the confidence level (the central limit
//   theorem; trial counts here are thousands).
// - What CRN bought: the same formula with the cross-covariance block of S set to zero is the
//   standard error independent streams would have given at the same trial count; both are
//   reported.
//
// Reproducibility: trials run in batches of kBatchTrials, each reduced over chunks of
// kChunkTrials with tbb::parallel_deterministic_reduce (sim/run.h's contract), so results are
// bit-identical for any thread count; an interrupted comparison keeps the whole batches finished
// before the cancel (sim/batches.h), like a run.
// Memory does not grow with the trial count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/metrics/metric.h"
#include "parley/sim/run.h"
#include "parley/stats/streaming.h"

namespace parley::claims {

// How the variant's trials are keyed. kIndependentStreams (a different seed for the variant)
// exists to measure what common random numbers are worth; claims always use kCommon.
enum class Pairing { kCommonRandomNumbers, kIndependentStreams };

struct CompareOptions {
  RunOptions run;  // trials (default: the baseline's), seed (default: the baseline's), threads, cancel, progress
  double confidence = 0.95;
  Pairing pairing = Pairing::kCommonRandomNumbers;
};

struct Estimate {
  double value = 0.0;  // NaN when the metric's condition held in no trial
  Interval interval;
  double standard_error = 0.0;
};

struct PairedComparison {
  std::string metric;
  std::string description;
  Estimate baseline;
  Estimate variant;
  Estimate difference;                      // variant - baseline
  double independent_standard_error = 0.0;  // of the difference, had the streams been independent
  double baseline_condition_count = 0.0;    // sum of b_t: trials (or deals) the metric averages over
  double variant_condition_count = 0.0;
};

struct CompareResult {
  std::vector<PairedComparison> metrics;  // in the order asked for
  std::int64_t trials = 0;                // finished (fewer than requested when interrupted)
  std::int64_t trials_requested = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  bool interrupted = false;
};

// The normal quantile z with P(|Z| <= z) = confidence. Throws InputError unless confidence
// lies in (0, 1).
[[nodiscard]] double two_sided_normal_quantile(double confidence);

// Runs trials [0, n) of both scenarios and compares them on each named metric. Throws
// InputError when a metric name means nothing in either scenario, or options are invalid.
[[nodiscard]] CompareResult compare_scenarios(const Scenario& baseline, const Scenario& variant,
                                              const std::vector<std::string>& metric_names,
                                              const CompareOptions& options);

}  // namespace parley::claims
