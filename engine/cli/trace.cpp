// `parley trace FILE --trial N`: one trial month by month (sim/trace.h): the front, forces,
// support, beliefs, aid, sanctions and the table's events, the very trial `parley run` simulates
// for the same seed and index. A thin front over sim/trace.h and io/trace_report.h.
#include <limits>

#include "command.h"
#include "parley/io/trace_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

namespace parley::cli {
namespace {

int run_trace(const Arguments& args) {
  const Scenario scenario = load_scenario_file(args.positional.at(0));
  const auto trial = args.get_integer("--trial", 0, kMaxTrials - 1, kMaxTrialsWhere);
  const auto seed = args.get_seed("--seed");
  const ReportFormat format = args.get_format(kTraceReportFormats, ReportFormat::kCsv);
  const OutputTarget out = output_target(args, "trace");
  const TrialTrace trace =
      trace_trial(scenario, seed.value_or(scenario.default_seed), trial ? static_cast<std::uint64_t>(*trial) : 0);
  emit(render_trace_report(scenario, trace, format), out);
  return kExitOk;
}

const bool registered = register_command(
    Command{"trace", "one trial month by month: the front, forces, support, beliefs, aid and the table's events",
            "FILE [--trial N] [--seed S] [--format csv|json] [--out PATH [--force]]",
            with_output_options({{"--trial", true, "N  the trial's index, as in a run with the same seed (default 0)"},
                                 {"--seed", true, "S  the master seed (default: the scenario's)"},
                                 {"--format", true, "F  csv (default, one row per month) or json"}}),
            1, 1, run_trace});

}  // namespace
}  // namespace parley::cli
