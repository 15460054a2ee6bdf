// Sweep throughput: points per second and trial-months per second of `parley sweep`'s library
// path for 1 and 2 threads under both schedules (points in parallel, or every thread on one
// point's trials), and the overhead of the sweep machinery (writing each point's values into
// the scenario JSON, validating it, extracting metrics, queueing) against running the same
// pre-built scenarios one by one with run_monte_carlo. Prints one JSON line per measurement.
// Usage: sweep_bench [SWEEP_FILE] (default: scenarios/sweeps/ukraine_drivers.json)
#include <cstdio>
#include <string>
#include <vector>

#include "bench_util.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "parley/sweep/sweep_run.h"

using namespace parley;

namespace {

// Trial-months simulated by one point's run: every trial runs until its war ends or the horizon.
double trial_months_of(const RunResult& result, int horizon_months) {
  const auto& ended = result.summary.duration_of_ended_wars();
  const auto ongoing = static_cast<double>(result.summary.trials() - ended.count());
  return ended.mean() * static_cast<double>(ended.count()) + ongoing * horizon_months;
}

void run(const std::string& path) {
  for (const std::int64_t trials : {500, 2000}) {
    SweepSpec spec = load_sweep_file(path);
    spec.trials_per_point = trials;
    const SweepPlan plan = make_sweep_plan(spec);

    // The baseline: the same points, scenarios built before timing, run one by one on one thread.
    std::vector<Scenario> scenarios;
    for (Eigen::Index i = 0; i < plan.points(); ++i) {
      std::vector<double> values(static_cast<std::size_t>(plan.values.cols()));
      for (std::size_t j = 0; j < values.size(); ++j) values[j] = plan.values(i, static_cast<Eigen::Index>(j));
      scenarios.push_back(parse_scenario_json(apply_sweep_values(spec, values), spec.scenario_path));
    }
    double trial_months = 0.0;
    const double direct = bench::best_seconds_of(3, [&] {
      trial_months = 0.0;
      for (const auto& scenario : scenarios) {
        RunOptions options;
        options.trials = trials;
        options.seed = spec.seed;
        options.threads = 1;
        const RunResult result = run_monte_carlo(scenario, options);
        trial_months += trial_months_of(result, scenario.horizon_months);
      }
    });
    std::printf(
        "{\"bench\":\"sweep_direct_run_monte_carlo\",\"points\":%lld,\"trials_per_point\":%lld,\"threads\":1,"
        "\"seconds\":%.4f,\"points_per_s\":%.1f,\"trial_months_per_s\":%.4g}\n",
        static_cast<long long>(plan.points()), static_cast<long long>(trials), direct,
        static_cast<double>(plan.points()) / direct, trial_months / direct);

    for (const auto& [schedule, name] : {std::pair{SweepSchedule::kPointsInParallel, "points"},
                                         std::pair{SweepSchedule::kTrialsInParallel, "trials"}}) {
      double one_thread = 0.0;
      for (const int threads : {1, 2}) {
        SweepOptions options;
        options.threads = threads;
        options.schedule = schedule;
        const double seconds = bench::best_seconds_of(3, [&] {
          SweepResults results;
          (void)run_sweep_points(spec, plan, options, results, {});
        });
        if (threads == 1) one_thread = seconds;
        std::printf(
            "{\"bench\":\"sweep\",\"schedule\":\"%s\",\"points\":%lld,\"trials_per_point\":%lld,\"threads\":%d,"
            "\"seconds\":%.4f,\"points_per_s\":%.1f,\"trial_months_per_s\":%.4g,\"speedup\":%.2f,"
            "\"efficiency\":%.2f,\"overhead_vs_direct\":%.3f}\n",
            name, static_cast<long long>(plan.points()), static_cast<long long>(trials), threads, seconds,
            static_cast<double>(plan.points()) / seconds, trial_months / seconds, one_thread / seconds,
            one_thread / seconds / threads, threads == 1 ? seconds / direct - 1.0 : 0.0);
        std::fflush(stdout);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  return bench::main_guarded("sweep_bench", "[SWEEP_FILE]", argc, argv, [](bench::Arguments& args) {
    std::string path = std::string(PARLEY_SOURCE_DIR) + "/scenarios/sweeps/ukraine_drivers.json";
    if (!args.at_end()) path = args.take_positional();
    if (!args.at_end()) args.reject_next();
    run(path);
  });
}
