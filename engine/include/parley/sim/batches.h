// The batch loop every trial runner shares: option checks, the thread arena, cancellation
// (read before every trial, a batch cut short dropped whole) and progress after each batch.
//
// Where it sits: run_monte_carlo (sim/run.h), record_trials (sim/trial_records.h) and the
// claims layer's paired runs (claims/compare.h) call run_in_batches with what to do with one
// batch; each reduces its batch in a fixed split tree (run.h's reproducibility contract), so
// the batch loop itself decides nothing that could change a result.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "parley/core/cancel.h"
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
// arena of options.threads threads (0: all), then keep_batch() (when given) and
// options.progress. run_batch must read cancel_requested(options.cancel) before each trial and
// skip the rest of its trials once it is set; a batch after which the flag is set is then not
// kept (which trials it skipped depends on the threads), so an interrupted run keeps the whole
// batches finished before it: trials [0, k * kBatchTrials), as a run of that many would.
BatchProgress run_in_batches(std::int64_t trials, const RunOptions& options,
                             const std::function<void(std::int64_t begin, std::int64_t end)>& run_batch,
                             const std::function<void()>& keep_batch = {});

}  // namespace parley
