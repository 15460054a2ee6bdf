// Paired comparisons (claims/compare.h): seconds per paired run of the flagship against a policy
// variant, against two independent run_monte_carlo calls over the same trials (the pairing's
// overhead), at 1 and 2 threads; peak memory at 10^4 and 10^5 paired trials (it must not grow).
//
//   claims_bench [--trials N]
//
// Prints one JSON line per measurement; docs/performance.md records them.
#include <nlohmann/json.hpp>

#include <iostream>
#include <string>

#include "bench_util.h"
#include "parley/claims/compare.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

using namespace parley;

namespace {

void run(std::int64_t trials) {
  const Scenario baseline = load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json");
  Scenario variant = baseline;
  variant.bargaining->forced_talks_month = 6;  // "negotiate now" (001): talks forced from month 6
  const std::vector<std::string> metrics = {"p_settled_by_60", "terms_territory", "p_deal_holds_36", "cost_UKR"};

  for (const int threads : {1, 2}) {
    claims::CompareOptions options;
    options.run.trials = trials;
    options.run.threads = threads;
    const double paired =
        bench::best_seconds_of(3, [&] { (void)claims::compare_scenarios(baseline, variant, metrics, options); });
    const double separate = bench::best_seconds_of(3, [&] {
      (void)run_monte_carlo(baseline, options.run);
      (void)run_monte_carlo(variant, options.run);
    });
    std::cout << nlohmann::json{{"bench", "claims_pair"},
                                {"threads", threads},
                                {"trials", trials},
                                {"metrics", metrics.size()},
                                {"paired_seconds", paired},
                                {"two_runs_seconds", separate},
                                {"paired_trials_per_second", static_cast<double>(trials) / paired}}
                     .dump()
              << std::endl;
  }
  for (const std::int64_t memory_trials : {std::int64_t{10000}, std::int64_t{100000}}) {
    claims::CompareOptions options;
    options.run.trials = memory_trials;
    (void)claims::compare_scenarios(baseline, variant, metrics, options);
    std::cout << nlohmann::json{{"bench", "claims_memory"},
                                {"trials", memory_trials},
                                {"peak_resident_mib", static_cast<double>(bench::peak_resident_kib()) / 1024.0}}
                     .dump()
              << std::endl;
  }
}

}  // namespace

int main(int argc, char** argv) {
  return bench::main_guarded("claims_bench", "[--trials N]", argc, argv, [](bench::Arguments& args) {
    std::int64_t trials = 20000;
    while (!args.at_end())
      if (!args.take_integer("--trials", 1, kMaxTrials, trials)) args.reject_next();
    run(trials);
  });
}
