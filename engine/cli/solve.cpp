// `parley solve FILE`: the bargaining table at month 0, at the scenario's central parameter
// point: each side's war value, ripeness, the perceived bargaining range on each issue, the
// predicted deal and each party's gain, and the commitment-problem verdict. A thin front over
// bargaining/talks.h and io/solve_report.h.
#include "command.h"
#include "parley/bargaining/talks.h"
#include "parley/io/solve_report.h"
#include "parley/scenario/load.h"

namespace parley::cli {

namespace {

int solve_command(const Arguments& args) {
  const Scenario scenario = load_scenario_file(args.positional.at(0));
  const std::string format = args.get_choice("--format", {"json", "summary"}, "summary");
  const auto out = args.get("--out");
  const bargaining::SolveReport report = bargaining::solve_at_month_zero(scenario);
  emit(format == "json" ? solve_report_json(scenario, report).dump(2) + "\n" : solve_report_text(scenario, report),
       out);
  return kExitOk;
}

const bool registered = register_command(
    Command{"solve",
            "the bargaining table at month 0: war values, ripeness, bargaining ranges, the predicted deal",
            "FILE [--format summary|json] [--out PATH]",
            {{"--format", true, "F   summary (default, a table for people) or json"},
             {"--out", true, "PATH  write the answer here instead of stdout"}},
            1,
            1,
            solve_command});

}  // namespace
}  // namespace parley::cli
