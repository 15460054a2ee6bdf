// The Monte Carlo driver: runs trials in parallel with oneTBB and folds them into a RunSummary.
//
// Reproducibility contract: trials are grouped in batches of kBatchTrials and each batch into
// chunks of kChunkTrials; chunks are reduced with tbb::parallel_deterministic_reduce and a
// simple_partitioner (a split tree fixed by the trial range alone), and batches are merged in
// order. Every trial's randomness depends only on (seed, trial index). So the summary is
// bit-identical for any thread count. The cancel flag is read before every trial; the batch it
// cuts short is dropped whole (sim/batches.h), so a run interrupted after k whole batches
// equals a run of k * kBatchTrials trials, whichever trials the threads had reached.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

#include "parley/scenario/load.h"  // kMaxTrials: the limit on trials lives with the input limits
#include "parley/sim/model.h"
#include "parley/sim/run_summary.h"

namespace parley {

inline constexpr std::int64_t kBatchTrials = 8192;
inline constexpr std::int64_t kChunkTrials = 128;
inline constexpr int kMaxThreads = 1024;

// Where the run limits are defined, for messages that say how to raise them.
inline constexpr const char* kMaxTrialsWhere = "kMaxTrials in engine/include/parley/scenario/load.h";
inline constexpr const char* kMaxThreadsWhere = "kMaxThreads in engine/include/parley/sim/run.h";

struct RunOptions {
  std::optional<std::int64_t> trials;                                   // default: the scenario's
  std::optional<std::uint64_t> seed;                                    // default: the scenario's
  int threads = 0;                                                      // 0: every core TBB sees
  const std::atomic<bool>* cancel = nullptr;                            // read before every trial
  std::function<void(std::int64_t done, std::int64_t total)> progress;  // after each batch
};

struct RunResult {
  RunSummary summary;
  std::int64_t trials_requested = 0;
  std::uint64_t seed = 0;
  bool interrupted = false;
  std::optional<double> feared_breakdown;  // the model's solved fear of breakdown (sim/model.h), if any
};

// Throws InputError for invalid options (trial or thread counts out of range).
[[nodiscard]] RunResult run_monte_carlo(const Model& model, const RunOptions& options);
// Compiles the scenario (sim/model.h) and runs it: for callers with one run per scenario.
[[nodiscard]] RunResult run_monte_carlo(const Scenario& scenario, const RunOptions& options);

}  // namespace parley
