#include "parley/sim/trial_records.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <string>

#include "parley/core/error.h"
#include "parley/sim/trial.h"

namespace parley {

TrialRecords record_trials(const Scenario& scenario, const RunOptions& options) {
  const std::int64_t trials = options.trials.value_or(scenario.default_trials);
  if (trials < 1 || trials > kMaxRecordedTrials)
    throw InputError("run options", {{"trials",
                                      "must be an integer in [1, " + std::to_string(kMaxRecordedTrials) +
                                          "] when every trial is recorded",
                                      std::to_string(trials), ""}});
  if (options.threads < 0 || options.threads > kMaxThreads)
    throw InputError("run options",
                     {{"threads", "must be an integer in [0, " + std::to_string(kMaxThreads) + "] (0: all cores)",
                       std::to_string(options.threads), ""}});

  TrialRecords records;
  records.trials_requested = trials;
  records.seed = options.seed.value_or(scenario.default_seed);
  records.actor_count = scenario.actors.size();
  const auto slots = static_cast<std::size_t>(trials);
  records.outcome.resize(slots);
  records.end_month.resize(slots);
  records.cost.resize(slots * records.actor_count);

  oneapi::tbb::task_arena arena(options.threads == 0 ? oneapi::tbb::task_arena::automatic : options.threads);
  oneapi::tbb::enumerable_thread_specific<TrialScratch> scratch_pool;
  std::int64_t done = 0;
  for (std::int64_t begin = 0; begin < trials; begin += kBatchTrials) {
    if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
      records.interrupted = true;
      break;
    }
    const std::int64_t end = std::min(begin + kBatchTrials, trials);
    arena.execute([&] {
      oneapi::tbb::parallel_for(
          oneapi::tbb::blocked_range<std::int64_t>(begin, end, kChunkTrials),
          [&](const oneapi::tbb::blocked_range<std::int64_t>& range) {
            TrialScratch& scratch = scratch_pool.local();
            for (std::int64_t trial = range.begin(); trial != range.end(); ++trial) {
              simulate_trial(scenario, TrialKey{records.seed, static_cast<std::uint64_t>(trial)}, scratch);
              const auto slot = static_cast<std::size_t>(trial);
              records.outcome[slot] = static_cast<std::uint8_t>(scratch.state.outcome);
              records.end_month[slot] = scratch.state.end_month;
              for (std::size_t actor = 0; actor < records.actor_count; ++actor)
                records.cost[slot * records.actor_count + actor] = scratch.state.actors[actor].cost_total;
            }
          });
    });
    done = end;
    if (options.progress) options.progress(end, trials);
  }
  // An interrupted run keeps only the finished batches, which are a prefix of the trials.
  records.trials = done;
  const auto kept = static_cast<std::size_t>(done);
  records.outcome.resize(kept);
  records.end_month.resize(kept);
  records.cost.resize(kept * records.actor_count);
  return records;
}

}  // namespace parley
