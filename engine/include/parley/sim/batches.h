// The batch loop every trial runner shares: option checks, the thread arena, cancellation
// between batches and progress after each.
//
// Where it sits: run_monte_carlo (sim/run.h), record_trials (sim/trial_records.h) and the
// claims layer's paired runs (claims/compare.h) call run_in_batches with what to do with one
// batch; each reduces its batch in a fixed split tree (run.h's reproducibility contract), so
// the batch loop itself decides nothing that could change a result.
#pragma once

#include <cstdint>
#include <functional>

#include "parley/sim/run.h"

namespace parley {

// The trial count `options` asks for (the scenario's `default_trials` when unset). Throws
// InputError unless it lies in [1, max_trials] and the thread count in [0, kMaxThreads];
// `max_where` says where max_trials is defined, for the message.
[[nodiscard]] std::int64_t checked_trial_count(const RunOptions& options, std::int64_t default_trials,
                                               std::int64_t max_trials, const char* max_where);

struct BatchProgress {
  std::int64_t trials_done = 0;  // a prefix [0, trials_done) of the trials
  bool interrupted = false;
};

// Calls run_batch(begin, end) for each batch of kBatchTrials trials in order, inside a task
// arena of options.threads threads (0: all), checking options.cancel before each batch and
// calling options.progress after each.
BatchProgress run_in_batches(std::int64_t trials, const RunOptions& options,
                             const std::function<void(std::int64_t begin, std::int64_t end)>& run_batch);

}  // namespace parley
