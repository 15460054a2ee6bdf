// Per-trial records of a Monte Carlo run: how each trial's war ended, when, and what it cost
// each actor, kept for every trial (the summary in sim/run.h keeps only aggregates).
//
// Where it sits: beside run_monte_carlo (sim/run.h), for users who want to look at trials one
// by one (the Python bindings' `trial_records=True`, tests that cross-check the summary).
// Memory grows with the trial count: 5 + 8 * actors bytes per trial.
//
// Reproducibility contract: the arrays are allocated up front and indexed by trial; trial t is
// simulated from (seed, t) alone (sim/trial.h) and writes only slot t, so the records are
// bit-identical for any thread count and equal, trial by trial, to the trials that
// run_monte_carlo folds into its summary for the same (scenario, seed, trials). As in
// run_monte_carlo, trials run in batches of kBatchTrials; the cancel flag is read before every
// trial and the progress callback called between batches, and an interrupted run keeps the
// whole batches finished before the cancel.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/sim/run.h"

namespace parley {

// More trials than this would need gigabytes of records; run_monte_carlo has no such limit.
inline constexpr std::int64_t kMaxRecordedTrials = 50'000'000;
inline constexpr const char* kMaxRecordedTrialsWhere =
    "kMaxRecordedTrials in engine/include/parley/sim/trial_records.h";

struct TrialRecords {
  std::int64_t trials = 0;            // trials recorded (fewer than requested when interrupted)
  std::int64_t trials_requested = 0;  // as in RunResult
  std::uint64_t seed = 0;
  std::size_t actor_count = 0;
  bool interrupted = false;
  std::vector<std::uint8_t> outcome;    // Outcome code of each trial (model/outcome.h)
  std::vector<std::int32_t> end_month;  // month the war ended; the horizon for ongoing wars
  std::vector<double> cost;             // trial-major: cost[trial * actor_count + actor], cumulative
};

// Simulates trials [0, trials) with the options of run_monte_carlo and records each one.
// Throws InputError for invalid options, as run_monte_carlo does, and for more than
// kMaxRecordedTrials trials.
[[nodiscard]] TrialRecords record_trials(const Scenario& scenario, const RunOptions& options);

}  // namespace parley
