// Loads a scenario, runs it and prints each outcome's count: the installed engine at work.
// usage: downstream SCENARIO TRIALS
#include <cstdint>
#include <exception>
#include <iostream>
#include <string>

#include "parley/model/outcome.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: downstream SCENARIO TRIALS\n";
    return 2;
  }
  try {
    const parley::Scenario scenario = parley::load_scenario_file(argv[1]);
    parley::RunOptions options;
    options.trials = std::stoll(argv[2]);
    options.seed = 1;
    const parley::RunResult result = parley::run_monte_carlo(scenario, options);
    std::int64_t counted = 0;
    for (std::size_t k = 0; k < parley::kOutcomeCount; ++k) {
      const auto outcome = static_cast<parley::Outcome>(k);
      counted += result.summary.outcome_count(outcome);
      std::cout << parley::outcome_name(outcome, scenario) << ' ' << result.summary.outcome_count(outcome) << '\n';
    }
    std::cout << "trials " << result.summary.trials() << " counted " << counted << " version " << PARLEY_VERSION
              << '\n';
    return counted == result.summary.trials() ? 0 : 1;
  } catch (const std::exception& error) {
    std::cerr << "downstream: " << error.what() << '\n';
    return 1;
  }
}
