// Determinism: a result depends only on (scenario, seed, trial count), never on the thread
// count, and an interrupted run equals the shorter run it completed (sim/run.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>

#include "cancel_support.h"
#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/io/run_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "scenario_builders.h"

using namespace parley;

namespace {

// The run report, as bytes, is the same at 1, 2 and 8 threads.
void check_identical_across_threads(const Scenario& scenario, std::int64_t trials, std::uint64_t seed) {
  RunOptions options;
  options.trials = trials;
  options.seed = seed;
  std::string reference;
  for (const int threads : {1, 2, 8}) {
    options.threads = threads;
    const std::string report = run_report_json(scenario, run_monte_carlo(scenario, options)).dump();
    if (reference.empty()) reference = report;
    CAPTURE(threads);
    CHECK(report == reference);
  }
}

}  // namespace

TEST_CASE("the report is bit-identical for 1, 2 and 8 threads") {
  // Several batches and a ragged last chunk.
  check_identical_across_threads(testing::uncertain_battlefield(), 2 * kBatchTrials + 777, 99);
}

TEST_CASE("the flagship, with its anticipated election, is bit-identical for 1, 2 and 8 threads") {
  // The bargaining layer and the shared anticipation tables (built once, read by every thread).
  check_identical_across_threads(load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"),
                                 kBatchTrials + 777, 7);
}

TEST_CASE("a different seed gives a different result") {
  const Scenario scenario = testing::uncertain_battlefield();
  RunOptions options;
  options.trials = 2000;
  options.seed = 1;
  const auto a = run_report_json(scenario, run_monte_carlo(scenario, options));
  options.seed = 2;
  const auto b = run_report_json(scenario, run_monte_carlo(scenario, options));
  CHECK(a["outcomes"] != b["outcomes"]);
}

TEST_CASE("a run cancelled between batches reports the finished batches exactly") {
  const Scenario scenario = testing::uncertain_battlefield();
  std::atomic<bool> cancel{false};
  RunOptions options;
  options.trials = 5 * kBatchTrials;
  options.seed = 5;
  options.cancel = &cancel;
  options.progress = [&](std::int64_t done, std::int64_t) {
    if (done >= 2 * kBatchTrials) cancel = true;
  };
  const RunResult cut = run_monte_carlo(scenario, options);
  CHECK(cut.interrupted);
  CHECK(cut.summary.trials() == 2 * kBatchTrials);

  RunOptions shorter;
  shorter.trials = 2 * kBatchTrials;
  shorter.seed = 5;
  const RunResult whole = run_monte_carlo(scenario, shorter);
  auto a = run_report_json(scenario, cut);
  auto b = run_report_json(scenario, whole);
  for (auto* report : {&a, &b}) {
    report->erase("interrupted");
    report->erase("trials_requested");
  }
  CHECK(a.dump() == b.dump());
}

TEST_CASE("invalid run options name the option and the rule") {
  const Scenario scenario = testing::uncertain_battlefield();
  RunOptions options;
  options.trials = 0;
  CHECK_THROWS_WITH_AS((void)run_monte_carlo(scenario, options), doctest::Contains("--trials"), InputError);
  options.trials = 10;
  options.threads = -1;
  CHECK_THROWS_WITH_AS((void)run_monte_carlo(scenario, options), doctest::Contains("--threads"), InputError);
}

namespace {

// Seconds that `trials` trials of `scenario` take on `threads` threads.
double seconds_for(const Scenario& scenario, std::int64_t trials, int threads) {
  RunOptions options;
  options.trials = trials;
  options.threads = threads;
  const auto start = std::chrono::steady_clock::now();
  (void)run_monte_carlo(scenario, options);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a cancel set inside a batch stops the run within a few trials and keeps no part of that batch") {
  const Scenario scenario = testing::slow_trials();
  for (const int threads : {1, 2}) {
    CAPTURE(threads);
    // The yardstick is one whole batch on the same threads, timed here and now, so that a
    // loaded or sanitized machine slows both sides alike: without the check before every trial
    // the cancelled batch would run to its end, and be kept.
    const double batch_seconds = seconds_for(scenario, kBatchTrials, threads);
    REQUIRE(batch_seconds > 0.2);  // the 20 ms cancel lands well inside the batch
    // A wall-clock bound on a shared machine: one of three tries must stop in under half a
    // batch (a preempted canceller thread can make a single try late, never every one).
    double fastest = batch_seconds;
    for (int attempt = 0; attempt < 3 && fastest >= 0.5 * batch_seconds; ++attempt) {
      std::atomic<bool> cancel{false};
      RunOptions options;
      options.trials = 2 * kBatchTrials;
      options.threads = threads;
      options.cancel = &cancel;
      RunResult cut;
      const double took = testing::seconds_cancelled_after(cancel, std::chrono::milliseconds(20),
                                                           [&] { cut = run_monte_carlo(scenario, options); });
      CHECK(cut.interrupted);
      CHECK(cut.summary.trials() == 0);  // the first batch was cut short, and dropped whole
      fastest = std::min(fastest, took);
    }
    CHECK(fastest < 0.5 * batch_seconds);
  }
}
