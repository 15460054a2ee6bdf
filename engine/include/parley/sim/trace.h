// One trial month by month: what `parley trace` shows a wargamer. The trial is the very one a run
// simulates for (scenario, seed, trial index) (sim/trial.h, with an observer), so its ending and
// costs equal that trial's record (sim/trial_records.h).
//
// Each month holds the front, each actor's strength, support, belief about the drift and cost so
// far, each aid flow's amount delivered, the sanctioned economy and the sanctions level, the phase
// of the table, and the events of the month in words (talks, deals, breakdowns, freezes, coercive
// demands, crises, aid starting or stopping, the war's end).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/bargaining/table_state.h"
#include "parley/model/outcome.h"
#include "parley/scenario/scenario.h"

namespace parley {

struct TraceMonth {
  int month = 0;  // months completed (0: the start)
  Phase phase = Phase::kWar;
  double front_share = 0.0;
  double drift_per_month = 0.0;  // the drift of the month's step
  double economy_index = 1.0;
  double sanctions_level_share = 0.0;
  std::vector<double> strength;     // per actor
  std::vector<double> support;      // per actor
  std::vector<double> belief_mean;  // per actor: the mean of its belief about the drift
  std::vector<double> cost_total;   // per actor, cumulative
  std::vector<double> aid;          // per aid flow: the amount delivered this month (0 when none)
  std::vector<std::string> events;
};

struct TrialTrace {
  std::uint64_t seed = 0;
  std::uint64_t trial = 0;
  std::vector<TraceMonth> months;
  Outcome outcome = Outcome::kOngoing;
  int end_month = 0;
  std::vector<double> cost;  // per actor, over the whole war
};

class Model;

// Simulates trial `trial` of (scenario, seed) and records it month by month.
[[nodiscard]] TrialTrace trace_trial(const Scenario& scenario, std::uint64_t seed, std::uint64_t trial);
// The same on a model compiled once, for many trials of one scenario (a fan of fronts): the
// compile step solves the anticipation tables, which costs far more than one trial.
[[nodiscard]] TrialTrace trace_trial(const Model& model, std::uint64_t seed, std::uint64_t trial);

[[nodiscard]] const char* phase_name(Phase phase) noexcept;

}  // namespace parley
