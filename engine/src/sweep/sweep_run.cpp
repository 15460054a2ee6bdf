#include "parley/sweep/sweep_run.h"

#include <oneapi/tbb/info.h>

#include <thread>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/core/text.h"
#include "parley/metrics/metric.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "sweep/point_queue.h"

namespace parley {

namespace {

// A point's scenario and, with claims, the claims' variants rebuilt on it.
struct PointScenario {
  Scenario scenario;
  std::optional<claims::ClaimsFile> claims;
};

// Writes the point's values into the scenario and validates it; an invalid combination throws
// InputError naming the point and its values.
PointScenario point_scenario_of(const SweepSpec& spec, const SweepPlan& plan, std::int64_t index) {
  std::vector<double> values(spec.parameters.size());
  for (std::size_t j = 0; j < values.size(); ++j)
    values[j] = plan.values(static_cast<Eigen::Index>(index), static_cast<Eigen::Index>(j));
  PointScenario out;
  try {
    const nlohmann::json document = apply_sweep_values(spec, values);
    out.scenario = parse_scenario_json(document, spec.scenario_path);
    if (spec.claims) out.claims = claims::rebase_claims_file(*spec.claims, document);
  } catch (const InputError& error) {
    std::string at;
    for (std::size_t j = 0; j < values.size(); ++j)
      at += (j == 0 ? "" : ", ") + spec.parameters[j].pointer + " = " + shortest_decimal(values[j]);
    std::vector<InputIssue> issues;
    for (const auto& issue : error.issues())
      issues.push_back(
          {"/design", "point " + std::to_string(index) + " (" + at + ") gives an invalid scenario: " + issue.message(),
           "", ""});
    throw InputError(spec.source_name, std::move(issues));
  }
  return out;
}

// Each metric's estimate and interval, read off the run's aggregates.
void append_metric_estimates(const std::vector<std::string>& names, const Scenario& scenario, const RunSummary& summary,
                             std::vector<double>& out) {
  for (const std::string& name : names) {
    const auto metric = parse_metric(name, scenario, MetricUse::kPerRun);
    if (!metric) throw Error("unknown sweep metric '" + name + "'");
    const MetricEstimate estimate = estimate_from_run(*metric, summary);
    out.insert(out.end(), {estimate.value, estimate.interval.lower, estimate.interval.upper});
  }
}

// Each claim's tested estimate and interval on the point's trials; false when `cancel` stopped
// them part-way.
bool append_claim_estimates(const SweepSpec& spec, const claims::ClaimsFile& rebased, int threads,
                            const std::atomic<bool>* cancel, std::vector<double>& out) {
  claims::ClaimsOptions options;
  options.trials = spec.trials_per_point;
  options.seed = spec.seed;
  options.threads = threads;
  options.cancel = cancel;
  const claims::ClaimsReport report = claims::evaluate_claims({rebased}, options);
  if (report.interrupted) return false;
  for (const claims::ClaimResult& claim : report.results) {
    const claims::Estimate& tested =
        claims::is_level_claim(claim.claim.expectation) ? claim.comparison.variant : claim.comparison.difference;
    out.insert(out.end(), {tested.value, tested.interval.lower, tested.interval.upper});
  }
  return true;
}

}  // namespace

namespace sweep_detail {

PointQueue::PointQueue(SweepResults& results, const PointSink& sink, const SweepOptions& options)
    : results_(results), sink_(sink), options_(options) {
  for (std::size_t i = 0; i < results_.size(); ++i) {
    if (results_[i])
      ++done_;
    else
      pending_.push_back(static_cast<std::int64_t>(i));
  }
}

bool PointQueue::cancelled() const noexcept {
  return options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed);
}

std::optional<std::int64_t> PointQueue::next() {
  const std::lock_guard lock(mutex_);
  if (error_ || cancelled() || next_ >= pending_.size()) return std::nullopt;
  return pending_[next_++];
}

void PointQueue::finish(PointResult point) {
  const std::lock_guard lock(mutex_);
  const auto index = static_cast<std::size_t>(point.index);
  if (index >= results_.size() || results_[index]) return;
  if (sink_) sink_(point);
  results_[index] = std::move(point);
  ++done_;
  if (options_.progress) options_.progress(done_, static_cast<std::int64_t>(results_.size()));
}

void PointQueue::fail(std::exception_ptr error) {
  const std::lock_guard lock(mutex_);
  if (!error_) error_ = std::move(error);
}

void PointQueue::rethrow_if_failed() {
  const std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

void run_local_lanes(const SweepSpec& spec, const SweepPlan& plan, PointQueue& queue, int lanes, int threads_per_lane,
                     const std::atomic<bool>* cancel) {
  const auto lane = [&] {
    while (const auto index = queue.next()) {
      try {
        if (auto point = evaluate_sweep_point(spec, plan, *index, threads_per_lane, cancel))
          queue.finish(std::move(*point));
      } catch (...) {
        queue.fail(std::current_exception());
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int k = 1; k < lanes; ++k) helpers.emplace_back(lane);
  lane();
  for (auto& helper : helpers) helper.join();
}

}  // namespace sweep_detail

SweepPlan make_sweep_plan(const SweepSpec& spec) {
  const int d = static_cast<int>(spec.parameters.size());
  std::vector<ParameterRange> ranges;
  for (const auto& parameter : spec.parameters) ranges.push_back(parameter.range);
  SweepPlan plan;
  Eigen::MatrixXd unit;
  switch (spec.design.kind) {
    case SweepDesignKind::kGrid:
      unit = full_grid(spec.design.levels);
      break;
    case SweepDesignKind::kLatinHypercube: {
      Rng rng(spec.design.seed);
      unit = latin_hypercube(spec.design.points, d, rng);
      break;
    }
    case SweepDesignKind::kSobol:
      unit = sobol_points(spec.design.points, d);
      break;
    case SweepDesignKind::kSaltelli:
      plan.saltelli = saltelli_design(d, spec.design.points, spec.design.seed, SaltelliBase::kSobol);
      unit = plan.saltelli->points;
      break;
  }
  plan.values = map_to_ranges(unit, ranges);
  return plan;
}

std::optional<PointResult> evaluate_sweep_point(const SweepSpec& spec, const SweepPlan& plan, std::int64_t index,
                                                int threads, const std::atomic<bool>* cancel) {
  const PointScenario point_scenario = point_scenario_of(spec, plan, index);
  RunOptions options;
  options.trials = spec.trials_per_point;
  options.seed = spec.seed;
  options.threads = threads;
  options.cancel = cancel;
  const RunResult result = run_monte_carlo(point_scenario.scenario, options);
  if (result.interrupted) return std::nullopt;
  PointResult point;
  point.index = index;
  point.metrics.reserve(spec.values_per_point());
  append_metric_estimates(spec.metrics, point_scenario.scenario, result.summary, point.metrics);
  if (point_scenario.claims && !append_claim_estimates(spec, *point_scenario.claims, threads, cancel, point.metrics))
    return std::nullopt;
  return point;
}

int effective_sweep_threads(int threads) {
  if (threads < 0 || threads > kMaxThreads)
    throw InputError("sweep options",
                     {{"--threads", "must be an integer in [0, " + std::to_string(kMaxThreads) + "] (0: all cores)",
                       std::to_string(threads), ""}});
  return threads > 0 ? threads : std::max(1, oneapi::tbb::info::default_concurrency());
}

bool run_sweep_points(const SweepSpec& spec, const SweepPlan& plan, const SweepOptions& options, SweepResults& results,
                      const PointSink& sink) {
  const int threads = effective_sweep_threads(options.threads);
  results.resize(static_cast<std::size_t>(plan.points()));
  sweep_detail::PointQueue queue(results, sink, options);
  const bool by_points =
      options.schedule == SweepSchedule::kPointsInParallel ||
      (options.schedule == SweepSchedule::kAuto && queue.pending() >= 2 * static_cast<std::size_t>(threads));
  if (by_points)
    sweep_detail::run_local_lanes(spec, plan, queue, threads, 1, options.cancel);
  else
    sweep_detail::run_local_lanes(spec, plan, queue, 1, threads, options.cancel);
  queue.rethrow_if_failed();
  for (const auto& point : results)
    if (!point) return false;
  return true;
}

}  // namespace parley
