#include "parley/sim/run.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>

#include <optional>

#include "parley/sim/batches.h"
#include "parley/sim/trial.h"

namespace parley {

namespace {

using TrialRange = oneapi::tbb::blocked_range<std::int64_t>;
using ScratchPool = oneapi::tbb::enumerable_thread_specific<TrialScratch>;

// The reduction body: a RunSummary per split, joined left to right.
class ChunkReducer {
 public:
  ChunkReducer(const Model& model, std::uint64_t seed, const std::atomic<bool>* cancel, ScratchPool& scratch)
      : model_(model),
        seed_(seed),
        cancel_(cancel),
        scratch_(scratch),
        summary_(model.scenario().actors.size(), model.scenario().horizon_months, model.scenario().issues.size()) {}
  ChunkReducer(ChunkReducer& other, oneapi::tbb::split)
      : ChunkReducer(other.model_, other.seed_, other.cancel_, other.scratch_) {}

  void operator()(const TrialRange& range) {
    TrialScratch& scratch = scratch_.local();
    for (std::int64_t trial = range.begin(); trial != range.end(); ++trial) {
      // A cancelled batch is dropped whole (run_in_batches).
      if (!simulate_trial(model_, TrialKey{seed_, static_cast<std::uint64_t>(trial)}, scratch, cancel_)) return;
      summary_.add(scratch.state);
    }
  }
  void join(ChunkReducer& right) { summary_.merge(right.summary_); }
  [[nodiscard]] const RunSummary& summary() const noexcept { return summary_; }

 private:
  const Model& model_;
  std::uint64_t seed_;
  const std::atomic<bool>* cancel_;
  ScratchPool& scratch_;
  RunSummary summary_;
};

}  // namespace

RunResult run_monte_carlo(const Scenario& scenario, const RunOptions& options) {
  return run_monte_carlo(compile(scenario, options.cancel), options);
}

RunResult run_monte_carlo(const Model& model, const RunOptions& options) {
  const Scenario& scenario = model.scenario();
  const std::int64_t trials = checked_trial_count(options, scenario.default_trials, kMaxTrials, kMaxTrialsWhere);
  RunResult result;
  result.trials_requested = trials;
  result.seed = options.seed.value_or(scenario.default_seed);
  result.feared_breakdown = model.feared_breakdown();
  result.summary = RunSummary(scenario.actors.size(), scenario.horizon_months, scenario.issues.size());

  ScratchPool scratch;
  std::optional<ChunkReducer> batch;
  result.interrupted = run_in_batches(
                           trials, options,
                           [&](std::int64_t begin, std::int64_t end) {
                             batch.emplace(model, result.seed, options.cancel, scratch);
                             oneapi::tbb::parallel_deterministic_reduce(TrialRange(begin, end, kChunkTrials), *batch,
                                                                        oneapi::tbb::simple_partitioner());
                           },
                           [&] { result.summary.merge(batch->summary()); })
                           .interrupted;
  return result;
}

}  // namespace parley
