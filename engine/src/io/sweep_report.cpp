#include "parley/io/sweep_report.h"

#include <cmath>
#include <limits>
#include <map>

#include "parley/core/error.h"
#include "parley/io/run_report.h"
#include "parley/io/table_cells.h"
#include "parley/sweep/robustness.h"

namespace parley {

namespace {

constexpr int kBootstrapResamples = 500;

void require_every_point(const SweepResults& results, const char* writer) {
  for (std::size_t i = 0; i < results.size(); ++i)
    if (!results[i]) throw Error(std::string(writer) + ": point " + std::to_string(i) + " has not run");
}

// A point's estimate and interval for claim `c`: after the metrics' values.
const double* claim_values(const SweepSpec& spec, const PointResult& point, std::size_t c) {
  return point.metrics.data() + (spec.metrics.size() + c) * kValuesPerMetric;
}

claims::Verdict verdict_at(const claims::Claim& claim, const double* tested) {
  return claims::decide(claim.expectation, claims::claim_boundary(claim), tested[0], {tested[1], tested[2]});
}

// --- points.csv ---

// Appends one piece at a time: g++ 12 warns falsely (-Wrestrict) on "," + std::string.
void append_cell(std::string& csv, const std::string& text) {
  csv += ',';
  csv += text;
}

void append_csv_header(const SweepSpec& spec, std::string& csv) {
  csv += "point";
  for (const auto& parameter : spec.parameters) append_cell(csv, csv_field(parameter.pointer));
  for (const auto& metric : spec.metrics) {
    append_cell(csv, metric);
    append_cell(csv, metric + "_ci_lower");
    append_cell(csv, metric + "_ci_upper");
  }
  if (spec.claims)
    for (const auto& claim : spec.claims->claims) {
      append_cell(csv, "claim_" + claim.id);
      append_cell(csv, "claim_" + claim.id + "_ci_lower");
      append_cell(csv, "claim_" + claim.id + "_ci_upper");
      append_cell(csv, "claim_" + claim.id + "_verdict");
    }
  csv += '\n';
}

void append_csv_row(const SweepSpec& spec, const SweepPlan& plan, std::size_t i, const PointResult& point,
                    std::string& csv) {
  csv += std::to_string(i);
  for (Eigen::Index j = 0; j < plan.values.cols(); ++j)
    append_cell(csv, shortest_decimal(plan.values(static_cast<Eigen::Index>(i), j)));
  for (std::size_t k = 0; k < spec.metrics.size() * kValuesPerMetric; ++k)
    append_cell(csv, shortest_decimal(point.metrics[k]));
  if (spec.claims)
    for (std::size_t c = 0; c < spec.claims->claims.size(); ++c) {
      const double* tested = claim_values(spec, point, c);
      for (std::size_t k = 0; k < kValuesPerMetric; ++k) append_cell(csv, shortest_decimal(tested[k]));
      append_cell(csv, claims::to_string(verdict_at(spec.claims->claims[c], tested)));
    }
  csv += '\n';
}

// --- summary.json ---

// A parameter's source as the sweep file gave it: only the fields it set.
nlohmann::json source_json(const Provenance& source) {
  nlohmann::json out = nlohmann::json::object();
  if (!source.article.empty()) out["article"] = source.article;
  if (!source.quote.empty()) out["quote"] = source.quote;
  if (!source.reference.empty()) out["reference"] = source.reference;
  if (!source.assumption.empty()) out["assumption"] = source.assumption;
  return out;
}

nlohmann::json swept_range_json(const SweepParameter& parameter) {
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

nlohmann::json parameter_json(const SweepParameter& parameter) {
  nlohmann::json out = swept_range_json(parameter);
  if (!parameter.source.empty()) out["source"] = source_json(parameter.source);
  return out;
}

nlohmann::json design_json(const SweepSpec& spec, const SweepPlan& plan) {
  nlohmann::json design = {{"kind", sweep_design_name(spec.design.kind)}, {"points", plan.points()}};
  if (spec.design.kind == SweepDesignKind::kGrid) design["levels"] = spec.design.levels;
  if (spec.design.kind == SweepDesignKind::kSaltelli) design["base_rows"] = spec.design.points;
  if (spec.design.kind == SweepDesignKind::kLatinHypercube || spec.design.kind == SweepDesignKind::kSaltelli)
    design["seed"] = spec.design.seed;
  return design;
}

// What the sweep is: its sources, parameters, design and trials.
void add_provenance(const SweepSpec& spec, const SweepPlan& plan, nlohmann::json& summary) {
  summary["parley_version"] = PARLEY_VERSION;
  summary["method"] = "sweep";
  summary["sweep"] = {{"name", spec.name}, {"content_hash", hash_hex(spec.sweep_hash)}};
  summary["scenario"] = {{"name", spec.scenario_name}, {"content_hash", hash_hex(spec.scenario_hash)}};
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& parameter : spec.parameters) parameters.push_back(parameter_json(parameter));
  summary["parameters"] = parameters;
  summary["design"] = design_json(spec, plan);
  summary["trials_per_point"] = spec.trials_per_point;
  summary["seed"] = spec.seed;
  summary["common_random_numbers"] = true;
}

// Min, mean and max of metric k's estimate over the points where it is defined.
nlohmann::json metric_range_json(const SweepResults& results, std::size_t k) {
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
  const auto or_null = [&](double value) { return defined > 0 ? nlohmann::json(value) : nlohmann::json(nullptr); };
  return {{"min", or_null(low)},
          {"mean", or_null(sum / static_cast<double>(defined))},
          {"max", or_null(high)},
          {"points_defined", defined}};
}

nlohmann::json index_json(const IndexEstimate& estimate) {
  return {{"value", number_or_null(estimate.value)},
          {"standard_error", number_or_null(estimate.standard_error)},
          {"ci95", {number_or_null(estimate.interval.lower), number_or_null(estimate.interval.upper)}}};
}

// Metric k's Sobol' indices by parameter pointer, or a note where it is undefined at a point.
nlohmann::json metric_sensitivity_json(const SweepSpec& spec, const SweepResults& results, std::size_t k,
                                       const SobolOptions& options) {
  Eigen::VectorXd outputs(static_cast<Eigen::Index>(results.size()));
  bool finite = true;
  for (std::size_t i = 0; i < results.size(); ++i) {
    outputs(static_cast<Eigen::Index>(i)) = results[i]->metrics[k * kValuesPerMetric];
    finite = finite && std::isfinite(outputs(static_cast<Eigen::Index>(i)));
  }
  if (!finite) return {{"note", "undefined at some points (no war ended): no indices"}};
  const int d = static_cast<int>(spec.parameters.size());
  const SobolIndices indices = sobol_indices(d, outputs, options);
  nlohmann::json first = nlohmann::json::object();
  nlohmann::json total = nlohmann::json::object();
  std::vector<std::string> names;
  for (std::size_t j = 0; j < spec.parameters.size(); ++j) {
    first[spec.parameters[j].pointer] = index_json(indices.first_order[j]);
    total[spec.parameters[j].pointer] = index_json(indices.total[j]);
    names.push_back(spec.parameters[j].pointer);
  }
  const SobolWarnings warnings = sobol_warnings(indices, names);
  nlohmann::json report = {{"mean", number_or_null(indices.mean)},
                           {"variance", number_or_null(indices.variance)},
                           {"first_order", first},
                           {"total", total},
                           {"warnings", warnings.messages}};
  if (warnings.base_rows_needed > 0) report["base_rows_needed"] = warnings.base_rows_needed;
  return report;
}

nlohmann::json sensitivity_json(const SweepSpec& spec, const SweepResults& results) {
  SobolOptions options;
  options.seed = spec.design.seed;
  options.bootstrap_resamples = kBootstrapResamples;
  nlohmann::json by_metric = nlohmann::json::object();
  for (std::size_t k = 0; k < spec.metrics.size(); ++k)
    by_metric[spec.metrics[k]] = metric_sensitivity_json(spec, results, k, options);
  return {{"method", "Sobol' indices: Saltelli (2010) first order, Jansen (1999) total, percentile bootstrap"},
          {"base_rows", spec.design.points},
          {"bootstrap_resamples", kBootstrapResamples},
          {"confidence", options.confidence},
          {"bootstrap_seed", spec.design.seed},
          {"by_metric", by_metric}};
}

// Where a claim's metric is defined over the points, and whether the claim holds there.
struct ClaimAtPoints {
  std::vector<bool> holds;                       // at each defined point
  std::vector<Eigen::Index> defined_rows;        // the points where the metric is defined
  std::map<std::string, std::int64_t> verdicts;  // at every point
};

// Points where the metric is undefined (no settlement in a run, for terms) say nothing about
// the claim: they are counted apart and left out of the share and the boxes.
ClaimAtPoints claim_at_points(const SweepSpec& spec, const SweepResults& results, std::size_t c) {
  const claims::Claim& claim = spec.claims->claims[c];
  const double boundary = claims::claim_boundary(claim);
  ClaimAtPoints out;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const double* tested = claim_values(spec, *results[i], c);
    ++out.verdicts[claims::to_string(verdict_at(claim, tested))];
    if (std::isnan(tested[0])) continue;
    out.defined_rows.push_back(static_cast<Eigen::Index>(i));
    out.holds.push_back(claims::estimate_holds(claim.expectation, boundary, tested[0]));
  }
  return out;
}

nlohmann::json failure_box_json(const SweepSpec& spec, const ClaimRobustness& robustness) {
  const PrimBox& found = robustness.failure_box.box;
  nlohmann::json bounds = nlohmann::json::object();
  for (const int j : found.restricted_dimensions())
    bounds[spec.parameters[static_cast<std::size_t>(j)].pointer] = {number_or_null(found.lower(j)),
                                                                    number_or_null(found.upper(j))};
  return {{"method", "PRIM (Friedman & Fisher 1999), failures as cases"},
          {"bounds", bounds},
          {"points_inside", found.points_inside},
          {"density", found.density},
          {"coverage", found.coverage}};
}

nlohmann::json splits_json(const SweepSpec& spec, const ClaimRobustness& robustness) {
  nlohmann::json splits = nlohmann::json::array();
  for (const SingleSplit& split : robustness.splits)
    splits.push_back({{"parameter", spec.parameters[static_cast<std::size_t>(split.dimension)].pointer},
                      {"threshold", number_or_null(split.threshold)},
                      {"failure_share_below", number_or_null(split.share_below)},
                      {"failure_share_above", number_or_null(split.share_above)},
                      {"gini_decrease", split.gini_decrease}});
  return splits;
}

// Where claim `c` holds over the sweep's points, and the region where it fails (PRIM, and the
// single splits that best separate failures from holds), with parameters named by pointer.
nlohmann::json claim_robustness_json(const SweepSpec& spec, const SweepPlan& plan, const SweepResults& results,
                                     std::size_t c) {
  const claims::Claim& claim = spec.claims->claims[c];
  const ClaimAtPoints at_points = claim_at_points(spec, results, c);
  if (at_points.defined_rows.empty())
    return {{"article", claim.article},
            {"metric", claim.metric},
            {"note", "undefined at every point: the metric's condition never occurred"},
            {"verdicts_at_points", at_points.verdicts}};
  const Eigen::MatrixXd defined_points = plan.values(at_points.defined_rows, Eigen::all);
  const ClaimRobustness robustness = describe_claim_robustness(defined_points, at_points.holds);
  return {{"article", claim.article},
          {"metric", claim.metric},
          {"expect", claims::to_string(claim.expectation)},
          {"boundary", claims::claim_boundary(claim)},
          {"holds",
           {{"note", "points whose estimate lies beyond the boundary in the claimed direction"},
            {"count", robustness.share.holds},
            {"of", robustness.share.points},
            {"share", number_or_null(robustness.share.share)},
            {"ci95", {robustness.share.interval.lower, robustness.share.interval.upper}}}},
          {"points_undefined", static_cast<std::int64_t>(results.size() - at_points.defined_rows.size())},
          {"verdicts_at_points", at_points.verdicts},
          {"failure_box", failure_box_json(spec, robustness)},
          {"splits", splits_json(spec, robustness)}};
}

}  // namespace

std::string sweep_points_csv(const SweepSpec& spec, const SweepPlan& plan, const SweepResults& results) {
  require_every_point(results, "sweep_points_csv");
  std::string csv;
  append_csv_header(spec, csv);
  for (std::size_t i = 0; i < results.size(); ++i) append_csv_row(spec, plan, i, *results[i], csv);
  return csv;
}

nlohmann::json sweep_summary_json(const SweepSpec& spec, const SweepPlan& plan, const SweepResults& results) {
  require_every_point(results, "sweep_summary_json");
  nlohmann::json summary;
  add_provenance(spec, plan, summary);
  nlohmann::json metrics = nlohmann::json::object();
  for (std::size_t k = 0; k < spec.metrics.size(); ++k) metrics[spec.metrics[k]] = metric_range_json(results, k);
  summary["metrics"] = metrics;
  if (plan.saltelli) summary["sensitivity"] = sensitivity_json(spec, results);
  if (spec.claims) {
    nlohmann::json claims = nlohmann::json::object();
    for (std::size_t c = 0; c < spec.claims->claims.size(); ++c)
      claims[spec.claims->claims[c].id] = claim_robustness_json(spec, plan, results, c);
    summary["claims"] = claims;
  }
  return summary;
}

}  // namespace parley
