#include "parley/sim/batches.h"

#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <string>

#include "parley/core/error.h"

namespace parley {

std::int64_t checked_trial_count(const RunOptions& options, std::int64_t default_trials, std::int64_t max_trials,
                                 const char* max_where) {
  const std::int64_t trials = options.trials.value_or(default_trials);
  if (trials < 1 || trials > max_trials)
    throw InputError("run options", {{"--trials",
                                      "must be an integer in [1, " + std::to_string(max_trials) +
                                          "] (the upper limit is " + max_where + "; raise it there and rebuild)",
                                      std::to_string(trials), ""}});
  if (options.threads < 0 || options.threads > kMaxThreads)
    throw InputError("run options",
                     {{"--threads",
                       "must be an integer in [0, " + std::to_string(kMaxThreads) +
                           "] (0: all cores; the upper limit is " + kMaxThreadsWhere + "; raise it there and rebuild)",
                       std::to_string(options.threads), ""}});
  return trials;
}

BatchProgress run_in_batches(std::int64_t trials, const RunOptions& options,
                             const std::function<void(std::int64_t begin, std::int64_t end)>& run_batch,
                             const std::function<void()>& keep_batch) {
  oneapi::tbb::task_arena arena(options.threads == 0 ? oneapi::tbb::task_arena::automatic : options.threads);
  BatchProgress progress;
  for (std::int64_t begin = 0; begin < trials; begin += kBatchTrials) {
    if (cancel_requested(options.cancel)) {
      progress.interrupted = true;
      break;
    }
    const std::int64_t end = std::min(begin + kBatchTrials, trials);
    arena.execute([&] { run_batch(begin, end); });
    // The flag only goes from false to true, and the batch's tasks finished before this load,
    // so a batch in which some trial saw the flag set (and skipped the rest) is never kept.
    if (cancel_requested(options.cancel)) {
      progress.interrupted = true;
      break;
    }
    if (keep_batch) keep_batch();
    progress.trials_done = end;
    if (options.progress) options.progress(end, trials);
  }
  return progress;
}

}  // namespace parley
