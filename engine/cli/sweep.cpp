// `parley sweep SWEEP`: runs a scenario at every point of a sweep file's design and writes a
// tidy table (points.csv) and a summary with sensitivity indices (summary.json) to --out DIR,
// checkpointing finished points so that --resume completes an interrupted sweep. Under
// `mpirun -np N` the points are spread over the ranks (docs/sweeps.md).
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "command.h"
#include "interrupt.h"
#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/io/sweep_report.h"
#include "parley/sweep/checkpoint.h"
#include "parley/sweep/distributed.h"
#include "parley/sweep/sweep_file.h"
#include "parley/sweep/sweep_run.h"

namespace parley::cli {

namespace {

namespace fs = std::filesystem;

// Tests stop the process the hard way (SIGKILL, as a crash or `kill -9` would) after this many
// points have been checkpointed, to check that --resume recovers. Not for users.
constexpr const char* kKillAfterPointsVariable = "PARLEY_SWEEP_TEST_KILL_AFTER_POINTS";

std::string default_out_directory(const std::string& sweep_path) {
  return fs::path(sweep_path).stem().string() + "-sweep";
}

struct OutputFiles {
  std::string points;
  std::string summary;
  std::string checkpoint;
};

int sweep_on_rank_zero(const Arguments& args, const MpiSession& session, const SweepSpec& spec, const SweepPlan& plan,
                       SweepOptions options, bool& workers_served) {
  const std::string directory = args.get("--out").value_or(default_out_directory(args.positional.at(0)));
  const bool resume = args.has("--resume");
  const bool force = args.has("--force");
  if (resume && force)
    throw InputError("command line", {{"--resume", "cannot be combined with --force (which starts again)", "", ""}});
  std::error_code error;
  if (fs::exists(directory, error) && !fs::is_directory(directory, error))
    throw InputError("command line", {{"--out", "must name a directory", "'" + directory + "'", ""}});
  fs::create_directories(directory, error);
  if (error) throw Error("cannot create the output directory '" + directory + "': " + error.message());
  const OutputFiles files{(fs::path(directory) / "points.csv").string(),
                          (fs::path(directory) / "summary.json").string(),
                          (fs::path(directory) / "checkpoint.jsonl").string()};
  const bool has_checkpoint = fs::exists(files.checkpoint);
  const bool has_outputs = fs::exists(files.points) || fs::exists(files.summary);
  if (!resume && !force && (has_checkpoint || has_outputs))
    throw InputError("command line", {{"--out",
                                       "must not name a directory that holds a sweep's outputs or checkpoint unless "
                                       "--resume (continue it) or --force (start again) is given",
                                       "'" + directory + "'", ""}});

  SweepResults results;
  std::int64_t discarded = 0;
  const std::int64_t points = plan.points();
  std::optional<SweepCheckpoint> checkpoint;
  if (resume && has_checkpoint) {
    checkpoint.emplace(SweepCheckpoint::resume(files.checkpoint, spec, points, results, discarded));
    std::int64_t saved = 0;
    for (const auto& point : results) saved += point ? 1 : 0;
    std::cerr << "parley sweep: resuming with " << saved << " of " << points << " points from " << files.checkpoint
              << (discarded > 0 ? " (" + std::to_string(discarded) + " damaged line(s) discarded)" : "") << "\n";
  } else {
    if (resume && has_outputs)
      throw InputError("command line", {{"--resume",
                                         "needs the checkpoint of the sweep in '" + directory +
                                             "', which is missing; use --force to start again",
                                         "", ""}});
    fs::remove(files.points, error);
    fs::remove(files.summary, error);
    checkpoint.emplace(SweepCheckpoint::create(files.checkpoint, spec, points));
  }

  long long kill_after = -1;
  if (const char* text = std::getenv(kKillAfterPointsVariable)) kill_after = std::atoll(text);
  long long appended = 0;
  const PointSink sink = [&](const PointResult& point) {
    checkpoint->append(point);
    if (kill_after >= 0 && ++appended >= kill_after) std::raise(SIGKILL);
  };

  const InterruptGuard interrupt;
  options.cancel = &interrupt.flag();
  ProgressLine progress("points");
  options.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
  workers_served = true;
  const bool complete = run_sweep_points_distributed(session, spec, plan, options, results, sink);
  progress.finish();
  if (!complete) {
    std::int64_t saved = 0;
    for (const auto& point : results) saved += point ? 1 : 0;
    std::cerr << "parley sweep: interrupted; " << saved << " of " << points << " points are saved in "
              << files.checkpoint << "; run again with --resume to finish\n";
    return kExitInterrupted;
  }
  write_file_atomically(files.points, sweep_points_csv(spec, plan, results));
  write_file_atomically(files.summary, sweep_summary_json(spec, plan, results).dump(2) + "\n");
  std::cerr << "parley sweep: " << points << " points"
            << (session.size() > 1 ? " over " + std::to_string(session.size()) + " MPI ranks" : std::string())
            << "; wrote " << files.points << " and " << files.summary << "\n";
  return kExitOk;
}

int sweep_command(const Arguments& args) {
  const MpiSession session;
  SweepOptions options;
  // Every rank reads the same files and options, so a mistake in them stops every rank alike.
  if (const auto threads = args.get_integer("--threads", 0, 1024)) options.threads = static_cast<int>(*threads);
  const std::string schedule = args.get_choice("--schedule", {"auto", "points", "trials"}, "auto");
  options.schedule = schedule == "points"   ? SweepSchedule::kPointsInParallel
                     : schedule == "trials" ? SweepSchedule::kTrialsInParallel
                                            : SweepSchedule::kAuto;
  const SweepSpec spec = load_sweep_file(args.positional.at(0));
  const SweepPlan plan = make_sweep_plan(spec);
  if (session.rank() != 0) {
    SweepResults unused;
    (void)run_sweep_points_distributed(session, spec, plan, options, unused, {});
    return kExitOk;
  }
  bool workers_served = false;
  try {
    return sweep_on_rank_zero(args, session, spec, plan, options, workers_served);
  } catch (...) {
    // Rank 0 failed before handing out points (the output directory, the checkpoint): the
    // other ranks are waiting for their first point and are told to stop.
    if (!workers_served) release_sweep_workers(session);
    throw;
  }
}

const bool registered = register_command(Command{
    "sweep",
    "run a scenario over a design of parameter points; tidy table, summary and sensitivity indices",
    "SWEEP [--out DIR] [--threads T] [--resume | --force]",
    {{"--out", true, "DIR        write points.csv, summary.json and checkpoint.jsonl here (default: <sweep>-sweep)"},
     {"--threads", true, "T      worker threads per process, 0 = all cores (results do not depend on it)"},
     {"--resume", false, "       finish an interrupted sweep from DIR/checkpoint.jsonl"},
     {"--force", false, "        start again in a DIR that holds an earlier sweep's files"},
     {"--schedule", true, "S     auto (default), points (one point per thread) or trials (all threads per point)"}},
    1,
    1,
    sweep_command});

}  // namespace
}  // namespace parley::cli
