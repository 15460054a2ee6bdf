// `parley claims FILE...`: tests the claims of one or more claims files on common random
// numbers and reports each claim's effect, interval and verdict (claims/claims.h).
#include <iostream>
#include <limits>

#include "command.h"
#include "interrupt.h"
#include "parley/claims/claims.h"
#include "parley/io/claims_report.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"

namespace parley::cli {

namespace {

// The command line that reproduces a report, for its provenance: files and the options that
// change results (not --threads, which cannot, nor --force).
std::string reproducing_command(const Arguments& args) {
  std::string command = "parley claims";
  for (const std::string& file : args.positional) command += " " + file;
  for (const char* option : {"--trials", "--seed", "--confidence", "--format", "--out"})
    if (const auto value = args.get(option)) command += std::string(" ") + option + " " + *value;
  return command;
}

double confidence_option(const Arguments& args) {
  const auto text = args.get("--confidence");
  if (!text) return 0.95;
  double value = std::numeric_limits<double>::quiet_NaN();
  try {
    std::size_t used = 0;
    value = std::stod(*text, &used);
    if (used != text->size()) value = std::numeric_limits<double>::quiet_NaN();
  } catch (const std::exception&) {
  }
  if (!(value > 0.0 && value < 1.0))
    throw InputError(kCommandLine, {{"--confidence", "must be a number in (0, 1), e.g. 0.95", *text, ""}});
  return value;
}

int claims_command(const Arguments& args) {
  claims::ClaimsOptions options;
  if (const auto trials = args.get_integer("--trials", 1, kMaxTrials, kMaxTrialsWhere)) options.trials = *trials;
  if (const auto seed = args.get_seed("--seed")) options.seed = *seed;
  if (const auto threads = args.get_integer("--threads", 0, kMaxThreads, kMaxThreadsWhere))
    options.threads = static_cast<int>(*threads);
  options.confidence = confidence_option(args);
  const ReportFormat format = args.get_format(claims::kClaimsReportFormats, ReportFormat::kJson);
  const OutputTarget out = output_target(args, "claims");

  std::vector<claims::ClaimsFile> files;
  for (const std::string& path : args.positional) files.push_back(claims::load_claims_file(path));
  claims::check_opposed_claims(files);

  const InterruptGuard interrupt;
  options.cancel = &interrupt.flag();
  ProgressLine progress("trial pairs");
  options.progress = [&](std::size_t pair, std::size_t pairs, std::int64_t done, std::int64_t total) {
    progress.update(static_cast<std::int64_t>(pair) * total + done, static_cast<std::int64_t>(pairs) * total);
  };
  claims::ClaimsReport report = claims::evaluate_claims(files, options);
  progress.finish();
  report.command = reproducing_command(args);

  emit(claims::render_claims_report(report, files, format), out);
  if (report.interrupted) {
    std::cerr << "parley claims: interrupted; the report holds the claims evaluated so far (the others are marked "
                 "\"not evaluated\")\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

const bool registered = register_command(Command{
    "claims", "test the claims of claims files: paired effects on common random numbers, intervals and verdicts",
    "FILE... [--trials N] [--seed S] [--confidence C] [--threads T] [--format json|csv|markdown] [--out PATH "
    "[--force]]",
    with_output_options(
        {{"--trials", true, "N  trials per compared pair (default: each baseline scenario's \"trials\")"},
         {"--seed", true, "S  master seed (default: each baseline scenario's \"seed\")"},
         {"--confidence", true, "C  interval level in (0, 1) (default 0.95)"},
         {"--threads", true, "T  worker threads, 0 = all cores (results do not depend on it)"},
         {"--format", true, "F  json (default), csv, or markdown (the docs/claims.md table)"}}),
    1, std::numeric_limits<std::size_t>::max(), claims_command});

}  // namespace
}  // namespace parley::cli
