#include "parley/sweep/sweep_run.h"

#include <oneapi/tbb/info.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <thread>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/io/run_report.h"
#include "parley/io/table_cells.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "parley/sweep/robustness.h"
#include "sweep/point_queue.h"

namespace parley {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
constexpr int kBootstrapResamples = 500;

double number_or_nan(const nlohmann::json& value) {
  return value.is_number() ? value.get<double>() : kMissing;
}

// Appends a metric's estimate and interval, read from the run report.
void append_metric(const std::string& name, const nlohmann::json& report, std::vector<double>& out) {
  const auto push = [&](double value, double lower, double upper) {
    out.push_back(value);
    out.push_back(lower);
    out.push_back(upper);
  };
  if (name.rfind("share_", 0) == 0) {
    const auto& outcome = report.at("outcomes").at(name.substr(6));
    push(outcome.at("share").get<double>(), outcome.at("ci95")[0].get<double>(), outcome.at("ci95")[1].get<double>());
  } else if (name == "duration_mean") {
    const auto& duration = report.at("duration_months");
    const auto& ci = duration.at("mean_ci95");
    push(number_or_nan(duration.at("mean")), ci.is_array() ? number_or_nan(ci[0]) : kMissing,
         ci.is_array() ? number_or_nan(ci[1]) : kMissing);
  } else if (name.rfind("p_over_by_", 0) == 0) {
    const auto month = static_cast<std::size_t>(std::stoi(name.substr(10)));
    const double over = 1.0 - report.at("survival").at("war_ongoing_share").at(month).get<double>();
    const std::int64_t trials = report.at("trials").get<std::int64_t>();
    // The curve has no censoring before the horizon, so this is a count of ended wars.
    const std::int64_t ended = std::llround(over * static_cast<double>(trials));
    const Interval ci = wilson_interval(ended, trials);
    push(static_cast<double>(ended) / static_cast<double>(trials), ci.lower, ci.upper);
  } else if (name.rfind("cost_mean_", 0) == 0) {
    const auto& cost = report.at("costs").at("by_actor").at(name.substr(10));
    push(cost.at("mean").get<double>(), cost.at("mean_ci95")[0].get<double>(), cost.at("mean_ci95")[1].get<double>());
  } else {
    throw Error("unknown sweep metric '" + name + "'");
  }
}

nlohmann::json parameter_json(const SweepParameter& parameter) {
  const ParameterRange& range = parameter.range;
  switch (range.scale) {
    case ParameterRange::Scale::kDiscrete:
      return {{"pointer", parameter.pointer}, {"values", range.values}};
    case ParameterRange::Scale::kLogarithmic:
      return {{"pointer", parameter.pointer}, {"range", {range.lower, range.upper}}, {"scale", "log"}};
    case ParameterRange::Scale::kLinear:
      break;
  }
  return {{"pointer", parameter.pointer}, {"range", {range.lower, range.upper}}, {"scale", "linear"}};
}

nlohmann::json index_json(const IndexEstimate& estimate) {
  return {{"value", number_or_null(estimate.value)},
          {"standard_error", number_or_null(estimate.standard_error)},
          {"ci95", {number_or_null(estimate.interval.lower), number_or_null(estimate.interval.upper)}}};
}

// Where each claim holds over the sweep's points, and the region where it fails (PRIM, and the
// single splits that best separate failures from holds), with parameters named by pointer.
nlohmann::json claims_robustness_json(const SweepSpec& spec, const SweepPlan& plan, const SweepResults& results) {
  nlohmann::json out = nlohmann::json::object();
  const std::size_t metric_values = spec.metrics.size() * kValuesPerMetric;
  const auto pointer_of = [&](int dimension) { return spec.parameters[static_cast<std::size_t>(dimension)].pointer; };
  for (std::size_t c = 0; c < spec.claims->claims.size(); ++c) {
    const claims::Claim& claim = spec.claims->claims[c];
    const double boundary = claims::claim_boundary(claim);
    // Points where the metric is undefined (no settlement in a run, for terms) say nothing
    // about the claim: they are counted apart and left out of the share and the boxes.
    std::vector<bool> holds;
    std::vector<Eigen::Index> defined_rows;
    std::map<std::string, std::int64_t> verdicts;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const double* tested = results[i]->metrics.data() + metric_values + c * kValuesPerMetric;
      ++verdicts[claims::to_string(claims::decide(claim.expectation, boundary, tested[0], {tested[1], tested[2]}))];
      if (std::isnan(tested[0])) continue;
      defined_rows.push_back(static_cast<Eigen::Index>(i));
      holds.push_back(claims::estimate_holds(claim.expectation, boundary, tested[0]));
    }
    if (defined_rows.empty()) {
      out[claim.id] = {{"article", claim.article},
                       {"metric", claim.metric},
                       {"note", "undefined at every point: the metric's condition never occurred"},
                       {"verdicts_at_points", verdicts}};
      continue;
    }
    const Eigen::MatrixXd defined_points = plan.values(defined_rows, Eigen::all);
    const ClaimRobustness robustness = describe_claim_robustness(defined_points, holds);
    nlohmann::json box = nlohmann::json::object();
    for (const int j : robustness.failure_box.box.restricted_dimensions())
      box[pointer_of(j)] = {number_or_null(robustness.failure_box.box.lower(j)),
                            number_or_null(robustness.failure_box.box.upper(j))};
    nlohmann::json splits = nlohmann::json::array();
    for (const SingleSplit& split : robustness.splits)
      splits.push_back({{"parameter", pointer_of(split.dimension)},
                        {"threshold", number_or_null(split.threshold)},
                        {"failure_share_below", number_or_null(split.share_below)},
                        {"failure_share_above", number_or_null(split.share_above)},
                        {"gini_decrease", split.gini_decrease}});
    out[claim.id] = {{"article", claim.article},
                     {"metric", claim.metric},
                     {"expect", claims::to_string(claim.expectation)},
                     {"boundary", boundary},
                     {"holds",
                      {{"note", "points whose estimate lies beyond the boundary in the claimed direction"},
                       {"count", robustness.share.holds},
                       {"of", robustness.share.points},
                       {"share", number_or_null(robustness.share.share)},
                       {"ci95", {robustness.share.interval.lower, robustness.share.interval.upper}}}},
                     {"points_undefined", static_cast<std::int64_t>(results.size() - defined_rows.size())},
                     {"verdicts_at_points", verdicts},
                     {"failure_box",
                      {{"method", "PRIM (Friedman & Fisher 1999), failures as cases"},
                       {"bounds", box},
                       {"points_inside", robustness.failure_box.box.points_inside},
                       {"density", robustness.failure_box.box.density},
                       {"coverage", robustness.failure_box.box.coverage}}},
                     {"splits", splits}};
  }
  return out;
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
  std::vector<double> values(spec.parameters.size());
  for (std::size_t j = 0; j < values.size(); ++j)
    values[j] = plan.values(static_cast<Eigen::Index>(index), static_cast<Eigen::Index>(j));
  Scenario scenario;
  std::optional<claims::ClaimsFile> rebased;  // the claims' variants rebuilt on this point's scenario
  try {
    const nlohmann::json document = apply_sweep_values(spec, values);
    scenario = parse_scenario_json(document, spec.scenario_path);
    if (spec.claims) rebased = claims::rebase_claims_file(*spec.claims, document);
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
  RunOptions options;
  options.trials = spec.trials_per_point;
  options.seed = spec.seed;
  options.threads = threads;
  options.cancel = cancel;
  const RunResult result = run_monte_carlo(scenario, options);
  if (result.interrupted) return std::nullopt;
  const nlohmann::json report = run_report_json(scenario, result);
  PointResult point;
  point.index = index;
  point.metrics.reserve(spec.values_per_point());
  for (const auto& name : spec.metrics) append_metric(name, report, point.metrics);
  if (rebased) {
    claims::ClaimsOptions claim_options;
    claim_options.trials = spec.trials_per_point;
    claim_options.seed = spec.seed;
    claim_options.threads = threads;
    claim_options.cancel = cancel;
    const claims::ClaimsReport claims_report = claims::evaluate_claims({*rebased}, claim_options);
    if (claims_report.interrupted) return std::nullopt;
    for (const claims::ClaimResult& claim : claims_report.results) {
      const claims::Estimate& tested =
          claims::is_level_claim(claim.claim.expectation) ? claim.comparison.variant : claim.comparison.difference;
      point.metrics.insert(point.metrics.end(), {tested.value, tested.interval.lower, tested.interval.upper});
    }
  }
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

std::string sweep_points_csv(const SweepSpec& spec, const SweepPlan& plan, const SweepResults& results) {
  // Appends one piece at a time: g++ 12 warns falsely (-Wrestrict) on "," + std::string.
  std::string csv = "point";
  const auto cell = [&csv](const std::string& text) {
    csv += ',';
    csv += text;
  };
  for (const auto& parameter : spec.parameters) cell(csv_field(parameter.pointer));
  for (const auto& metric : spec.metrics) {
    cell(metric);
    cell(metric + "_ci_lower");
    cell(metric + "_ci_upper");
  }
  if (spec.claims)
    for (const auto& claim : spec.claims->claims) {
      cell("claim_" + claim.id);
      cell("claim_" + claim.id + "_ci_lower");
      cell("claim_" + claim.id + "_ci_upper");
      cell("claim_" + claim.id + "_verdict");
    }
  csv += '\n';
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i]) throw Error("sweep_points_csv: point " + std::to_string(i) + " has not run");
    csv += std::to_string(i);
    for (Eigen::Index j = 0; j < plan.values.cols(); ++j)
      cell(shortest_decimal(plan.values(static_cast<Eigen::Index>(i), j)));
    const std::vector<double>& values = results[i]->metrics;
    const std::size_t metric_values = spec.metrics.size() * kValuesPerMetric;
    for (std::size_t k = 0; k < metric_values; ++k) cell(shortest_decimal(values[k]));
    if (spec.claims)
      for (std::size_t c = 0; c < spec.claims->claims.size(); ++c) {
        const claims::Claim& claim = spec.claims->claims[c];
        const double* tested = values.data() + metric_values + c * kValuesPerMetric;
        for (std::size_t k = 0; k < kValuesPerMetric; ++k) cell(shortest_decimal(tested[k]));
        cell(claims::to_string(
            claims::decide(claim.expectation, claims::claim_boundary(claim), tested[0], {tested[1], tested[2]})));
      }
    csv += '\n';
  }
  return csv;
}

nlohmann::json sweep_summary_json(const SweepSpec& spec, const SweepPlan& plan, const SweepResults& results) {
  for (std::size_t i = 0; i < results.size(); ++i)
    if (!results[i]) throw Error("sweep_summary_json: point " + std::to_string(i) + " has not run");
  nlohmann::json summary;
  summary["parley_version"] = PARLEY_VERSION;
  summary["method"] = "sweep";
  summary["sweep"] = {{"name", spec.name}, {"content_hash", hash_hex(spec.sweep_hash)}};
  summary["scenario"] = {{"name", spec.scenario_name}, {"content_hash", hash_hex(spec.scenario_hash)}};
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& parameter : spec.parameters) parameters.push_back(parameter_json(parameter));
  summary["parameters"] = parameters;
  nlohmann::json design = {{"kind", sweep_design_name(spec.design.kind)}, {"points", plan.points()}};
  if (spec.design.kind == SweepDesignKind::kGrid) design["levels"] = spec.design.levels;
  if (spec.design.kind == SweepDesignKind::kSaltelli) design["base_rows"] = spec.design.points;
  if (spec.design.kind == SweepDesignKind::kLatinHypercube || spec.design.kind == SweepDesignKind::kSaltelli)
    design["seed"] = spec.design.seed;
  summary["design"] = design;
  summary["trials_per_point"] = spec.trials_per_point;
  summary["seed"] = spec.seed;
  summary["common_random_numbers"] = true;

  const std::size_t metric_count = spec.metrics.size();
  nlohmann::json metrics = nlohmann::json::object();
  for (std::size_t k = 0; k < metric_count; ++k) {
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    double sum = 0.0;
    std::int64_t defined = 0;
    for (const auto& point : results) {  // index order: the same sum on any schedule
      const double value = point->metrics[k * kValuesPerMetric];
      if (std::isnan(value)) continue;
      low = std::min(low, value);
      high = std::max(high, value);
      sum += value;
      ++defined;
    }
    metrics[spec.metrics[k]] = {
        {"min", defined > 0 ? nlohmann::json(low) : nlohmann::json(nullptr)},
        {"mean", defined > 0 ? nlohmann::json(sum / static_cast<double>(defined)) : nlohmann::json(nullptr)},
        {"max", defined > 0 ? nlohmann::json(high) : nlohmann::json(nullptr)},
        {"points_defined", defined}};
  }
  summary["metrics"] = metrics;

  if (plan.saltelli) {
    const int d = static_cast<int>(spec.parameters.size());
    SobolOptions options;
    options.seed = spec.design.seed;
    options.bootstrap_resamples = kBootstrapResamples;
    nlohmann::json by_metric = nlohmann::json::object();
    for (std::size_t k = 0; k < metric_count; ++k) {
      Eigen::VectorXd outputs(static_cast<Eigen::Index>(results.size()));
      bool finite = true;
      for (std::size_t i = 0; i < results.size(); ++i) {
        outputs(static_cast<Eigen::Index>(i)) = results[i]->metrics[k * kValuesPerMetric];
        finite = finite && std::isfinite(outputs(static_cast<Eigen::Index>(i)));
      }
      if (!finite) {
        by_metric[spec.metrics[k]] = {{"note", "undefined at some points (no war ended): no indices"}};
        continue;
      }
      const SobolIndices indices = sobol_indices(d, outputs, options);
      nlohmann::json first = nlohmann::json::object();
      nlohmann::json total = nlohmann::json::object();
      for (int j = 0; j < d; ++j) {
        first[spec.parameters[static_cast<std::size_t>(j)].pointer] =
            index_json(indices.first_order[static_cast<std::size_t>(j)]);
        total[spec.parameters[static_cast<std::size_t>(j)].pointer] =
            index_json(indices.total[static_cast<std::size_t>(j)]);
      }
      by_metric[spec.metrics[k]] = {{"mean", number_or_null(indices.mean)},
                                    {"variance", number_or_null(indices.variance)},
                                    {"first_order", first},
                                    {"total", total}};
    }
    summary["sensitivity"] = {
        {"method", "Sobol' indices: Saltelli (2010) first order, Jansen (1999) total, percentile bootstrap"},
        {"base_rows", spec.design.points},
        {"bootstrap_resamples", kBootstrapResamples},
        {"confidence", options.confidence},
        {"bootstrap_seed", spec.design.seed},
        {"by_metric", by_metric}};
  }
  if (spec.claims) summary["claims"] = claims_robustness_json(spec, plan, results);
  return summary;
}

}  // namespace parley
