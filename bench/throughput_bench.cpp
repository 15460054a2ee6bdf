// Monte Carlo throughput: simulated months per second for a scenario or its battlefield alone,
// as a multiple of the floor walk's time per step (bench/floor_walk.h) measured in the same
// process; the parallel speed-up; peak memory for a given trial count.
//
//   throughput_bench [SCENARIO] [--trials N] [--threads T] [--repeats R] [--battlefield-only] [--memory]
//
// A simulated month is one month of one trial, of war or of ceasefire (a deal's peace window or
// a freeze): the line gives both counts, exact (bench/trial_months.h), and the rates count
// both. The scenario is compiled before timing, so the anticipation tables are not in the time.
// Heap allocations in the timed runs are counted too (bench/allocation_count.h), per trial and
// per simulated month. Prints one JSON line per measurement. bench/run_benchmarks.sh runs the set recorded in
// docs/performance.md; bench/instructions.sh runs it under callgrind, counting only
// measured_run.
#include <nlohmann/json.hpp>

#include <iostream>
#include <string>

#include "allocation_count.h"
#include "bench_util.h"
#include "floor_walk.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "trial_months.h"

using namespace parley;

namespace {

constexpr const char* kUsage =
    "[SCENARIO] [--trials N] [--threads T] [--repeats R] [--battlefield-only] [--memory]\n"
    "  SCENARIO            default: scenarios/ukraine_war.json\n"
    "  --trials N          trials per run (default 20000)\n"
    "  --threads T         worker threads, 0 = all cores (default 0)\n"
    "  --repeats R         runs timed, best kept (default 3; 1 with --memory)\n"
    "  --battlefield-only  the front alone: every mechanism off and no bargaining layer\n"
    "  --memory            peak resident memory of one run; no month counts, no floor";

// The one call bench/instructions.sh's callgrind counts (--toggle-collect); out of line so that
// it exists under this name.
[[gnu::noinline]] RunResult measured_run(const Model& model, const RunOptions& options) {
  return run_monte_carlo(model, options);
}

struct Settings {
  std::string path = std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json";
  std::int64_t trials = 20000;
  std::int64_t threads = 0;
  std::int64_t repeats = 3;
  bool battlefield_only = false;
  bool memory_only = false;
};

Settings read_settings(bench::Arguments& args) {
  Settings settings;
  bool repeats_given = false;
  while (!args.at_end()) {
    if (args.take_integer("--trials", 1, kMaxTrials, settings.trials) ||
        args.take_integer("--threads", 0, kMaxThreads, settings.threads))
      continue;
    if (args.take_integer("--repeats", 1, 100, settings.repeats)) {
      repeats_given = true;
      continue;
    }
    if (args.take_flag("--battlefield-only"))
      settings.battlefield_only = true;
    else if (args.take_flag("--memory"))
      settings.memory_only = true;
    else
      settings.path = args.take_positional();
  }
  if (settings.memory_only && !repeats_given) settings.repeats = 1;
  return settings;
}

void run(const Settings& settings) {
  Scenario scenario = load_scenario_file(settings.path);
  if (settings.battlefield_only) {
    // The front alone: with the table kept, its monthly review would be most of the cost.
    scenario.mechanisms = Mechanisms{false, false, false, false, false, false};
    scenario.bargaining.reset();
  }
  const Model model = compile(std::move(scenario));

  RunOptions options;
  options.trials = settings.trials;
  options.threads = static_cast<int>(settings.threads);
  RunResult result;
  double seconds = 0.0;
  const std::int64_t allocations = bench::allocations_of([&] {
    seconds =
        bench::best_seconds_of(static_cast<int>(settings.repeats), [&] { result = measured_run(model, options); });
  });
  const double allocations_per_run = static_cast<double>(allocations) / static_cast<double>(settings.repeats);
  nlohmann::json line = {{"bench", settings.memory_only ? "memory" : "throughput"},
                         {"scenario", model.scenario().name},
                         {"battlefield_only", settings.battlefield_only},
                         {"threads", settings.threads},
                         {"trials", settings.trials},
                         {"repeats", settings.repeats},
                         {"seconds", seconds},
                         {"allocations_per_trial", allocations_per_run / static_cast<double>(settings.trials)},
                         {"peak_resident_mib", static_cast<double>(bench::peak_resident_kib()) / 1024.0}};
  if (!settings.memory_only) {
    const bench::SimulatedMonths months = bench::count_simulated_months(model, result.seed, settings.trials);
    const double ns_per_month = seconds * 1e9 / static_cast<double>(months.total());
    const double floor_ns = bench::floor_ns_per_step();
    line["war_months"] = months.war;
    line["ceasefire_months"] = months.ceasefire;
    line["simulated_months_per_second"] = static_cast<double>(months.total()) / seconds;
    line["ns_per_simulated_month"] = ns_per_month;
    line["allocations_per_simulated_month"] = allocations_per_run / static_cast<double>(months.total());
    line["floor_ns_per_step"] = floor_ns;
    line["x_floor"] = ns_per_month / floor_ns;
  }
  std::cout << line.dump() << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  return bench::main_guarded("throughput_bench", kUsage, argc, argv,
                             [](bench::Arguments& args) { run(read_settings(args)); });
}
