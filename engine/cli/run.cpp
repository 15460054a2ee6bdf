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
  if (const auto seed = args.get_seed("--seed")) options.seed = *seed;
  if (const auto threads = args.get_integer("--threads", 0, kMaxThreads, kMaxThreadsWhere))
    options.threads = static_cast<int>(*threads);
  const ReportFormat format = args.get_format(kRunReportFormats, ReportFormat::kJson);
  const OutputTarget out = output_target(args, "run");

  const InterruptGuard interrupt;
  options.cancel = &interrupt.flag();
  ProgressLine progress("trials");
  options.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
  const RunResult result = run_monte_carlo(scenario, options);
  progress.finish();

  emit(render_run_report(scenario, result, format), out);
  if (result.interrupted) {
    std::cerr << "parley run: interrupted; reported the " << result.summary.trials() << " finished trials of "
              << result.trials_requested << "\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

const bool registered = register_command(
    Command{"run", "simulate a scenario's wars over many trials and summarise how they end",
            "FILE [--trials N] [--seed S] [--threads T] [--format json|csv|summary] [--out PATH [--force]]",
            with_output_options({{"--trials", true, "N  number of trials (default: the scenario's \"trials\")"},
                                 {"--seed", true, "S  master seed (default: the scenario's \"seed\")"},
                                 {"--threads", true, "T  worker threads, 0 = all cores (results do not depend on it)"},
                                 {"--format", true, "F  json (default), csv, or summary (a table for people)"}}),
            1, 1, run_command});

}  // namespace
}  // namespace parley::cli
