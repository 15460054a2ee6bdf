// `parley solve FILE`: the bargaining table at month 0, at the scenario's central parameter
// point: each side's war value, ripeness, the perceived bargaining range on each issue, the
// predicted deal and each party's gain, and the commitment-problem verdict. A thin front over
// bargaining/table.h and io/solve_report.h.
#include "command.h"
#include "parley/bargaining/table.h"
#include "parley/io/solve_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/model.h"

namespace parley::cli {

namespace {

int solve_command(const Arguments& args) {
  const Scenario scenario = with_solved_expectations(load_scenario_file(args.positional.at(0)));
  const ReportFormat format = args.get_format(kSolveReportFormats, ReportFormat::kSummary);
  const OutputTarget out = output_target(args, "solve");
  const bargaining::SolveReport report = bargaining::solve_at_month_zero(scenario);
  emit(render_solve_report(scenario, report, format), out);
  return kExitOk;
}

const bool registered = register_command(
    Command{"solve", "the bargaining table at month 0: war values, ripeness, bargaining ranges, the predicted deal",
            "FILE [--format summary|json] [--out PATH [--force]]",
            with_output_options({{"--format", true, "F  summary (default, a table for people) or json"}}), 1, 1,
            solve_command});

}  // namespace
}  // namespace parley::cli
