// What a claim measures: a quantity read off each trial's final state (MODEL.md section 10),
// named in a claims file by a short string ("p_settled_by_60", "terms_territory", ...).
//
// Where it sits: the claims layer (claims/compare.h) runs a baseline and a variant scenario on
// the same trial streams and measures each trial with these metrics; claims_file.h resolves
// the names a user writes. Nothing here runs trials.
//
// Every metric is a ratio of per-trial sums, R = sum_t a_t / sum_t b_t:
// - plain metrics have b_t = 1, so R is the mean of a_t (a share when a_t is 0 or 1);
// - conditional metrics ("terms at settlement", "deal holds 36 months") count only the trials
//   (or deals) in their condition, b_t = 1 there and 0 elsewhere, so R is the mean over them.
// The ratio form gives both kinds one variance formula, the delta method for a ratio estimator
// (Cochran 1977, "Sampling Techniques", 3rd ed., section 6.4), used in claims/compare.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/bargaining/table_state.h"
#include "parley/scenario/scenario.h"

namespace parley::claims {

enum class MetricKind {
  kOutcomeShare,       // share_<outcome>: the trial ended this way (by the horizon)
  kSettledBy,          // p_settled_by_<N>: a settlement signed in month N or earlier
  kOverBy,             // p_over_by_<N>: the war ended (any way but "ongoing") by month N
  kMonthsOfWar,        // months_of_war: the month the war ended, the horizon if it did not
  kCost,               // cost_<actor>: the actor's cumulative cost to the horizon
  kTermsAtSettlement,  // terms_<issue>: the value in the deal, over settled trials
  kFrontAtEnd,         // front_at_end: the holder's share of the contested territory at the end
  kDealHolds,          // p_deal_holds_<12|36|60>: share of deals observed that long that held
  kBreakdown,          // p_breakdown: some deal in the trial broke down
  kMonthsRipe,         // months_ripe: months both belligerents saw a hurting stalemate
};

struct TrialMetric {
  std::string name;  // as written in the claims file
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

// The metric a name denotes in `scenario`, or nothing when it denotes none (the scenario's
// actors, issues and horizon decide which names exist).
[[nodiscard]] std::optional<TrialMetric> parse_trial_metric(const std::string& name, const Scenario& scenario);

// Names a user can write for `scenario`, for hints and documentation (months N shown as the
// durability months 12, 36 and 60 where they fit the horizon; any N in [1, horizon] works).
[[nodiscard]] std::vector<std::string> example_metric_names(const Scenario& scenario);

// Reads one trial's final state.
[[nodiscard]] MetricSample measure_trial(const TrialMetric& metric, const TrialState& final_state);

}  // namespace parley::claims
