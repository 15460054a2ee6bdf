// The metric vocabulary: the quantities claims and sweeps measure on a run's trials (docs/model.md
// section 9), each named by a short string ("share_settlement", "p_over_by_36", "cost_UKR").
// docs/metrics.md lists every name, what it means and where it may be used.
//
// Where it sits: between the trials and what reads them. sim/ runs trials and accumulates a
// RunSummary; this module names what to read off them, in the two ways the engine reads:
// - per trial (claims, claims/compare.h): measure_trial() reads one trial's final state as a
//   sample of a ratio R = sum_t a_t / sum_t b_t, whose paired estimate and delta-method
//   interval compare.h computes;
// - per run (sweeps, sweep/sweep_run.h): estimate_from_run() reads a run's aggregates (the
//   RunSummary) as an estimate with its 95% interval (Wilson for shares, normal for means).
// Nothing here runs trials or writes reports.
//
// Ratio form, per trial: plain metrics have b_t = 1, so R is the mean of a_t (a share when a_t
// is 0 or 1); conditional metrics ("terms at settlement", "deal holds 36 months") count only
// the trials (or deals) in their condition, b_t = 1 there and 0 elsewhere, so R is the mean
// over them. The ratio form gives both kinds one variance formula, the delta method for a ratio
// estimator (Cochran 1977, "Sampling Techniques", 3rd ed., section 6.4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/bargaining/table_state.h"
#include "parley/scenario/scenario.h"
#include "parley/sim/run_summary.h"
#include "parley/stats/streaming.h"

namespace parley {

// How a metric is evaluated; each use accepts its own names (docs/metrics.md).
enum class MetricUse {
  kPerTrial,  // claims: one sample per trial, compared in pairs across two scenarios
  kPerRun,    // sweeps: one estimate per run, from its aggregates
};

enum class MetricKind {
  kOutcomeShare,       // share_<outcome>: the trial ended this way (by the horizon)
  kSettledBy,          // p_settled_by_<N>: a settlement signed in month N or earlier
  kOverBy,             // p_over_by_<N>: the war ended (any way but "ongoing") by month N
  kMonthsOfWar,        // months_of_war: the month the war ended, the horizon if it did not
  kDurationOfEnded,    // duration_mean: the month the war ended, over the wars that ended
  kCost,               // cost_<actor> (per trial), cost_mean_<actor> (per run): cumulative cost
  kTermsAtSettlement,  // terms_<issue>: the value in the deal, over settled trials
  kFrontAtEnd,         // front_at_end: the holder's share of the contested territory at the end
  kDealHolds,          // p_deal_holds_<12|36|60>: share of deals observed that long that held
  kBreakdown,          // p_breakdown: some deal in the trial broke down
  kMonthsRipe,         // months_ripe: months both belligerents saw a hurting stalemate
};

struct Metric {
  std::string name;  // as written in the claims or sweep file
  MetricKind kind = MetricKind::kOutcomeShare;
  int index = 0;             // the outcome, months N, actor, issue, or durability slot, by kind
  bool conditional = false;  // b_t may be 0 (a ratio over a subset), else b_t = 1
  std::string description;   // for reports: "P(settlement signed by month 60)"
};

// One trial's contribution: numerator a_t and denominator b_t.
struct MetricSample {
  double numerator = 0.0;
  double denominator = 1.0;
};

// One run's estimate and its 95% interval; NaN where undefined (no war ended, so no mean
// duration).
struct MetricEstimate {
  double value = 0.0;
  Interval interval;
};

// The metric a name denotes in `scenario` for `use`, or nothing when it denotes none there (the
// scenario's actors, issues and horizon decide which names exist).
[[nodiscard]] std::optional<Metric> parse_metric(const std::string& name, const Scenario& scenario, MetricUse use);

// Names a user can write for `scenario` and `use`, for hints and documentation. Per trial, months
// N are shown as the durability months 12, 36 and 60 where they fit the horizon (any N in
// [1, horizon] works). Per run, this is every name a sweep accepts, and its default list.
[[nodiscard]] std::vector<std::string> example_metric_names(const Scenario& scenario, MetricUse use);

// Reads one trial's final state.
[[nodiscard]] MetricSample measure_trial(const Metric& metric, const TrialState& final_state);

// Reads a run's aggregates. Throws Error for a metric they do not hold (one parse_metric gives
// only for kPerTrial).
[[nodiscard]] MetricEstimate estimate_from_run(const Metric& metric, const RunSummary& summary);

}  // namespace parley
