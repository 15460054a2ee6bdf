#include "parley/sim/run.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <string>

#include "parley/core/error.h"
#include "parley/sim/trial.h"

namespace parley {

namespace {

using TrialRange = oneapi::tbb::blocked_range<std::int64_t>;
using ScratchPool = oneapi::tbb::enumerable_thread_specific<TrialScratch>;

// The reduction body: a RunSummary per split, joined left to right.
class ChunkReducer {
 public:
  ChunkReducer(const Scenario& scenario, std::uint64_t seed, ScratchPool& scratch)
      : scenario_(scenario),
        seed_(seed),
        scratch_(scratch),
        summary_(scenario.actors.size(), scenario.horizon_months, scenario.issues.size()) {}
  ChunkReducer(ChunkReducer& other, oneapi::tbb::split) : ChunkReducer(other.scenario_, other.seed_, other.scratch_) {}

  void operator()(const TrialRange& range) {
    TrialScratch& scratch = scratch_.local();
    for (std::int64_t trial = range.begin(); trial != range.end(); ++trial) {
      simulate_trial(scenario_, TrialKey{seed_, static_cast<std::uint64_t>(trial)}, scratch);
      summary_.add(scratch.state);
    }
  }
  void join(ChunkReducer& right) { summary_.merge(right.summary_); }
  [[nodiscard]] const RunSummary& summary() const noexcept { return summary_; }

 private:
  const Scenario& scenario_;
  std::uint64_t seed_;
  ScratchPool& scratch_;
  RunSummary summary_;
};

}  // namespace

RunResult run_monte_carlo(const Scenario& scenario, const RunOptions& options) {
  const std::int64_t trials = options.trials.value_or(scenario.default_trials);
  if (trials < 1 || trials > kMaxTrials)
    throw InputError("run options", {{"--trials",
                                      "must be an integer in [1, " + std::to_string(kMaxTrials) +
                                          "] (the upper limit is " + kMaxTrialsWhere + "; raise it there and rebuild)",
                                      std::to_string(trials), ""}});
  if (options.threads < 0 || options.threads > kMaxThreads)
    throw InputError("run options",
                     {{"--threads",
                       "must be an integer in [0, " + std::to_string(kMaxThreads) +
                           "] (0: all cores; the upper limit is " + kMaxThreadsWhere + "; raise it there and rebuild)",
                       std::to_string(options.threads), ""}});
  RunResult result;
  result.trials_requested = trials;
  result.seed = options.seed.value_or(scenario.default_seed);
  result.summary = RunSummary(scenario.actors.size(), scenario.horizon_months, scenario.issues.size());

  oneapi::tbb::task_arena arena(options.threads == 0 ? oneapi::tbb::task_arena::automatic : options.threads);
  ScratchPool scratch;
  for (std::int64_t begin = 0; begin < trials; begin += kBatchTrials) {
    if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
      result.interrupted = true;
      break;
    }
    const std::int64_t end = std::min(begin + kBatchTrials, trials);
    ChunkReducer reducer(scenario, result.seed, scratch);
    arena.execute([&] {
      oneapi::tbb::parallel_deterministic_reduce(TrialRange(begin, end, kChunkTrials), reducer,
                                                 oneapi::tbb::simple_partitioner());
    });
    result.summary.merge(reducer.summary());
    if (options.progress) options.progress(end, trials);
  }
  return result;
}

}  // namespace parley
