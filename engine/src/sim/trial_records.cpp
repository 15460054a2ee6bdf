#include "parley/sim/trial_records.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include "parley/sim/batches.h"
#include "parley/sim/trial.h"

namespace parley {

TrialRecords record_trials(const Scenario& scenario, const RunOptions& options) {
  const std::int64_t trials =
      checked_trial_count(options, scenario.default_trials, kMaxRecordedTrials, kMaxRecordedTrialsWhere);
  TrialRecords records;
  records.trials_requested = trials;
  records.seed = options.seed.value_or(scenario.default_seed);
  records.actor_count = scenario.actors.size();
  const auto slots = static_cast<std::size_t>(trials);
  records.outcome.resize(slots);
  records.end_month.resize(slots);
  records.cost.resize(slots * records.actor_count);

  const Model model = compile(scenario);
  oneapi::tbb::enumerable_thread_specific<TrialScratch> scratch_pool;
  const BatchProgress progress = run_in_batches(trials, options, [&](std::int64_t begin, std::int64_t end) {
    oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::int64_t>(begin, end, kChunkTrials),
                              [&](const oneapi::tbb::blocked_range<std::int64_t>& range) {
                                TrialScratch& scratch = scratch_pool.local();
                                for (std::int64_t trial = range.begin(); trial != range.end(); ++trial) {
                                  // A cancelled batch is dropped whole (run_in_batches).
                                  if (!simulate_trial(model, TrialKey{records.seed, static_cast<std::uint64_t>(trial)},
                                                      scratch, options.cancel))
                                    return;
                                  const auto slot = static_cast<std::size_t>(trial);
                                  records.outcome[slot] = static_cast<std::uint8_t>(scratch.state.outcome);
                                  records.end_month[slot] = scratch.state.end_month;
                                  for (std::size_t actor = 0; actor < records.actor_count; ++actor)
                                    records.cost[slot * records.actor_count + actor] =
                                        scratch.state.actors[actor].cost_total;
                                }
                              });
  });
  records.interrupted = progress.interrupted;
  const std::int64_t done = progress.trials_done;
  // An interrupted run keeps only the whole batches finished before it, a prefix of the trials;
  // slots past it may hold trials of the batch it cut short.
  records.trials = done;
  const auto kept = static_cast<std::size_t>(done);
  records.outcome.resize(kept);
  records.end_month.resize(kept);
  records.cost.resize(kept * records.actor_count);
  return records;
}

}  // namespace parley
