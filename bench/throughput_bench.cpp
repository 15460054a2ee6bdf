// Monte Carlo throughput: trial-months per second for a scenario, its battlefield alone, and
// the parallel speed-up; peak memory for a given trial count.
//
//   throughput_bench [SCENARIO] [--trials N] [--threads T] [--battlefield-only] [--memory]
//
// Prints one JSON line per measurement. bench/run_benchmarks.sh runs the set recorded in
// docs/performance.md.
#include <nlohmann/json.hpp>

#include <cstring>
#include <iostream>
#include <string>

#include "bench_util.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

using namespace parley;

namespace {

// Total months simulated: the area under the survival curve times the trial count.
double trial_months(const RunSummary& summary) {
  const auto survival = summary.survival_curve();
  double months = 0.0;
  for (std::size_t n = 0; n + 1 < survival.size(); ++n) months += survival[n];
  return months * static_cast<double>(summary.trials());
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json";
  std::int64_t trials = 20000;
  int threads = 0;
  bool battlefield_only = false;
  bool memory_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--trials") == 0 && i + 1 < argc)
      trials = std::stoll(argv[++i]);
    else if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
      threads = std::stoi(argv[++i]);
    else if (std::strcmp(argv[i], "--battlefield-only") == 0)
      battlefield_only = true;
    else if (std::strcmp(argv[i], "--memory") == 0)
      memory_only = true;
    else
      path = argv[i];
  }
  Scenario scenario = load_scenario_file(path);
  if (battlefield_only) scenario.mechanisms = Mechanisms{false, false, false, false, false, false};

  RunOptions options;
  options.trials = trials;
  options.threads = threads;
  RunResult result;
  const double seconds =
      bench::best_seconds_of(memory_only ? 1 : 3, [&] { result = run_monte_carlo(scenario, options); });
  const double months = trial_months(result.summary);
  nlohmann::json line = {{"bench", memory_only ? "memory" : "throughput"},
                         {"scenario", scenario.name},
                         {"battlefield_only", battlefield_only},
                         {"threads", threads},
                         {"trials", trials},
                         {"trial_months", months},
                         {"seconds", seconds},
                         {"trial_months_per_second", months / seconds},
                         {"peak_resident_mib", static_cast<double>(bench::peak_resident_kib()) / 1024.0}};
  std::cout << line.dump() << std::endl;
  return 0;
}
