// Per-trial records (sim/trial_records.h): independent of the thread count, and the same
// trials that run_monte_carlo summarises for the same (scenario, seed, trials).
#include "parley/sim/trial_records.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>

#include "cancel_support.h"
#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/sim/run.h"
#include "scenario_builders.h"

using namespace parley;

TEST_CASE("records are bit-identical for 1 and 2 threads") {
  const Scenario scenario = testing::uncertain_battlefield(120);
  RunOptions options;
  options.trials = kBatchTrials + 333;  // two batches, a ragged last chunk
  options.seed = 11;
  options.threads = 1;
  const TrialRecords one = record_trials(scenario, options);
  options.threads = 2;
  const TrialRecords two = record_trials(scenario, options);
  CHECK(one.trials == *options.trials);
  CHECK(one.outcome == two.outcome);
  CHECK(one.end_month == two.end_month);
  CHECK(one.cost == two.cost);
  CHECK(one.cost.size() == static_cast<std::size_t>(one.trials) * scenario.actors.size());
}

TEST_CASE("records agree with the run's summary: outcome counts, end months, mean costs") {
  const Scenario scenario = testing::uncertain_battlefield(120);
  RunOptions options;
  options.trials = 5000;
  options.seed = 3;
  const TrialRecords records = record_trials(scenario, options);
  const RunResult run = run_monte_carlo(scenario, options);
  for (std::size_t k = 0; k < kOutcomeCount; ++k) {
    std::int64_t count = 0;
    for (const auto code : records.outcome) count += code == k ? 1 : 0;
    CAPTURE(k);
    CHECK(count == run.summary.outcome_count(static_cast<Outcome>(k)));
  }
  std::int64_t ended = 0;
  for (std::size_t t = 0; t < records.outcome.size(); ++t) {
    if (records.outcome[t] != static_cast<std::uint8_t>(Outcome::kOngoing)) {
      ++ended;
      CHECK(records.end_month[t] >= 1);
      CHECK(records.end_month[t] <= scenario.horizon_months);
    }
  }
  CHECK(ended == run.summary.duration_of_ended_wars().count());
  for (std::size_t actor = 0; actor < scenario.actors.size(); ++actor) {
    double sum = 0.0;
    for (std::int64_t t = 0; t < records.trials; ++t)
      sum += records.cost[static_cast<std::size_t>(t) * records.actor_count + actor];
    const double mean = sum / static_cast<double>(records.trials);
    CHECK(mean == doctest::Approx(run.summary.cost_moments(actor).mean()).epsilon(1e-9));
  }
}

TEST_CASE("a cancelled recording keeps the finished batches, equal to a shorter recording") {
  const Scenario scenario = testing::uncertain_battlefield(120);
  std::atomic<bool> cancel{false};
  RunOptions options;
  options.trials = 3 * kBatchTrials;
  options.seed = 8;
  options.cancel = &cancel;
  options.progress = [&](std::int64_t done, std::int64_t) {
    if (done >= kBatchTrials) cancel.store(true);
  };
  const TrialRecords cut = record_trials(scenario, options);
  CHECK(cut.interrupted);
  CHECK(cut.trials == kBatchTrials);
  CHECK(cut.outcome.size() == static_cast<std::size_t>(kBatchTrials));
  RunOptions shorter;
  shorter.trials = kBatchTrials;
  shorter.seed = 8;
  const TrialRecords full = record_trials(scenario, shorter);
  CHECK(cut.outcome == full.outcome);
  CHECK(cut.cost == full.cost);
}

TEST_CASE("a recording cancelled inside its first batch stops within a few trials and keeps none") {
  std::atomic<bool> cancel{false};
  RunOptions options;
  options.trials = kBatchTrials;  // one batch of seconds (determinism_test checks how slow)
  options.threads = 2;
  options.cancel = &cancel;
  TrialRecords cut;
  (void)testing::seconds_cancelled_after(cancel, std::chrono::milliseconds(20),
                                         [&] { cut = record_trials(testing::slow_trials(), options); });
  CHECK(cut.interrupted);
  CHECK(cut.trials == 0);
  CHECK(cut.outcome.empty());
  CHECK(cut.cost.empty());
}

TEST_CASE("record_trials rejects trial counts it cannot hold and bad thread counts") {
  const Scenario scenario = testing::uncertain_battlefield(120);
  RunOptions options;
  options.trials = 0;
  CHECK_THROWS_AS((void)record_trials(scenario, options), InputError);
  options.trials = kMaxRecordedTrials + 1;
  CHECK_THROWS_AS((void)record_trials(scenario, options), InputError);
  options.trials = 10;
  options.threads = -1;
  CHECK_THROWS_AS((void)record_trials(scenario, options), InputError);
}
