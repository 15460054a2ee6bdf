// `parley run FILE`: Monte Carlo over a scenario; JSON or CSV summary on stdout or to --out.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <limits>

#include "command.h"
#include "interrupt.h"
#include "parley/io/run_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

namespace parley::cli {

namespace {

int run_command(const Arguments& args) {
  const Scenario scenario = load_scenario_file(args.positional.at(0));
  RunOptions options;
  if (const auto trials = args.get_integer("--trials", 1, kMaxTrials, kMaxTrialsWhere)) options.trials = *trials;
  if (const auto seed = args.get_integer("--seed", 0, std::numeric_limits<long long>::max()))
    options.seed = static_cast<std::uint64_t>(*seed);
  if (const auto threads = args.get_integer("--threads", 0, kMaxThreads, kMaxThreadsWhere))
    options.threads = static_cast<int>(*threads);
  const std::string format = args.get_choice("--format", {"json", "csv", "summary"}, "json");
  const auto out = args.get("--out");
  refuse_to_overwrite(out, args.has("--force"));

  const InterruptGuard interrupt;
  options.cancel = &interrupt.flag();
  ProgressLine progress("trials");
  options.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
  const RunResult result = run_monte_carlo(scenario, options);
  progress.finish();

  const std::string text = format == "csv"       ? run_report_csv(scenario, result)
                           : format == "summary" ? run_report_text(scenario, result)
                                                 : run_report_json(scenario, result).dump(2) + "\n";
  emit(text, out);
  if (result.interrupted) {
    std::cerr << "parley run: interrupted; reported the " << result.summary.trials() << " finished trials of "
              << result.trials_requested << "\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

const bool registered = register_command(
    Command{"run",
            "simulate a scenario's wars over many trials and summarise how they end",
            "FILE [--trials N] [--seed S] [--threads T] [--format json|csv|summary] [--out PATH [--force]]",
            {{"--trials", true, "N       number of trials (default: the scenario's \"trials\")"},
             {"--seed", true, "S         master seed (default: the scenario's \"seed\")"},
             {"--threads", true, "T      worker threads, 0 = all cores (results do not depend on it)"},
             {"--format", true, "F       json (default), csv, or summary (a table for people)"},
             {"--out", true, "PATH       write the report here (whole or not at all) instead of stdout"},
             {"--force", false, "        allow --out to replace an existing file"}},
            1,
            1,
            run_command});

}  // namespace
}  // namespace parley::cli
