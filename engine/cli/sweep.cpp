// `parley sweep SWEEP`: runs a scenario at every point of a sweep file's design and writes a
// tidy table (points.csv) and a summary with sensitivity indices (summary.json) to --out DIR,
// checkpointing finished points so that --resume completes an interrupted sweep. Under
// `mpirun -np N` the points are spread over the ranks (docs/sweeps.md).
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

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

// The --out directory of one sweep, locked while the sweep writes into it, so that a second
// sweep started on it meanwhile is refused rather than mixing its files with the first's.
struct OutputDirectory {
  std::string path;
  bool created = false;  // by this run, which removes it again if the sweep fails and it is empty
  OutputFiles files;
  std::optional<DirectoryLock> lock;
};

OutputDirectory lock_output_directory(const std::string& directory) {
  std::error_code error;
  if (fs::exists(directory, error) && !fs::is_directory(directory, error))
    throw InputError(kCommandLine, {{"--out", "must name a directory", "'" + directory + "'", ""}});
  const bool created = !fs::exists(directory, error);
  fs::create_directories(directory, error);
  if (error) throw Error("cannot create the output directory '" + directory + "': " + error.message());
  OutputDirectory out{directory,
                      created,
                      {(fs::path(directory) / "points.csv").string(), (fs::path(directory) / "summary.json").string(),
                       (fs::path(directory) / "checkpoint.jsonl").string()},
                      DirectoryLock::try_acquire(directory)};
  if (!out.lock)
    throw InputError(kCommandLine, {{"--out",
                                     "must not name a directory that another parley sweep is writing to (that "
                                     "process holds the directory's lock, flock(2)); wait for it to finish or "
                                     "choose another directory",
                                     "'" + directory + "'", ""}});
  if (!out.lock->held())
    std::cerr << "parley sweep: note: '" << directory
              << "' is on a file system without flock(2); a second sweep on it at once is not refused\n";
  return out;
}

std::int64_t saved_points(const SweepResults& results) {
  return std::count_if(results.begin(), results.end(), [](const auto& point) { return point.has_value(); });
}

// A failed sweep (an error, not Ctrl-C) leaves the directory as it found it unless it saved points
// that --resume can finish. A checkpoint this run started goes when it holds no point, and when
// the error is in the input: the fixed sweep has another content hash and could never resume it,
// so keeping it would only make the rerun need --force. An earlier run's checkpoint stays.
void clean_up_after_failure(const OutputDirectory& out, bool started_checkpoint, const SweepResults& results,
                            bool input_error) {
  std::error_code error;
  if (started_checkpoint && (input_error || saved_points(results) == 0)) fs::remove(out.files.checkpoint, error);
  if (out.created && fs::is_empty(out.path, error)) fs::remove(out.path, error);
}

SweepCheckpoint open_checkpoint(const OutputDirectory& out, const SweepSpec& spec, std::int64_t points, bool resume,
                                SweepResults& results) {
  const OutputFiles& files = out.files;
  if (resume && fs::exists(files.checkpoint)) {
    std::int64_t discarded = 0;
    auto checkpoint = SweepCheckpoint::resume(files.checkpoint, spec, points, results, discarded);
    std::cerr << "parley sweep: resuming with " << saved_points(results) << " of " << points << " points from "
              << files.checkpoint
              << (discarded > 0 ? " (" + std::to_string(discarded) + " damaged line(s) discarded)" : "") << "\n";
    return checkpoint;
  }
  if (resume && (fs::exists(files.points) || fs::exists(files.summary)))
    throw InputError(kCommandLine, {{"--resume",
                                     "needs the checkpoint of the sweep in '" + out.path +
                                         "', which is missing; use --force to start again",
                                     "", ""}});
  std::error_code error;
  fs::remove(files.points, error);
  fs::remove(files.summary, error);
  return SweepCheckpoint::create(files.checkpoint, spec, points);
}

int run_into_directory(const OutputDirectory& out, const MpiSession& session, const SweepSpec& spec,
                       const SweepPlan& plan, SweepOptions options, bool resume, bool& workers_served) {
  const OutputFiles& files = out.files;
  const std::int64_t points = plan.points();
  SweepResults results;
  std::optional<SweepCheckpoint> checkpoint;
  const bool resuming = resume && fs::exists(files.checkpoint);
  try {
    checkpoint.emplace(open_checkpoint(out, spec, points, resume, results));
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
      std::cerr << "parley sweep: interrupted; " << saved_points(results) << " of " << points << " points are saved in "
                << files.checkpoint << "; run again with --resume to finish\n";
      return kExitInterrupted;
    }
    // Nothing else writes here while the lock is held, but a file that appeared anyway (another
    // program) is not replaced unless this run finishes a resumed sweep, whose outputs it rewrites.
    const WriteMode mode = resume ? WriteMode::kReplace : WriteMode::kNoReplace;
    write_file_atomically(files.points, sweep_points_csv(spec, plan, results), mode);
    write_file_atomically(files.summary, sweep_summary_json(spec, plan, results).dump(2) + "\n", mode);
  } catch (const std::exception& error) {
    clean_up_after_failure(out, checkpoint.has_value() && !resuming, results,
                           dynamic_cast<const InputError*>(&error) != nullptr);
    throw;
  }
  std::cerr << "parley sweep: " << points << " points"
            << (session.size() > 1 ? " over " + std::to_string(session.size()) + " MPI ranks" : std::string())
            << "; wrote " << files.points << " and " << files.summary << "\n";
  return kExitOk;
}

int sweep_on_rank_zero(const Arguments& args, const MpiSession& session, const SweepSpec& spec, const SweepPlan& plan,
                       const SweepOptions& options, bool& workers_served) {
  const bool resume = args.has("--resume");
  const bool force = args.has("--force");
  if (resume && force)
    throw InputError(kCommandLine, {{"--resume", "cannot be combined with --force (which starts again)", "", ""}});
  const OutputDirectory out =
      lock_output_directory(args.get("--out").value_or(default_out_directory(args.positional.at(0))));
  const bool has_outputs = fs::exists(out.files.points) || fs::exists(out.files.summary);
  if (!resume && !force && (fs::exists(out.files.checkpoint) || has_outputs))
    throw InputError(kCommandLine, {{"--out",
                                     "must not name a directory that holds a sweep's outputs or checkpoint unless "
                                     "--resume (continue it) or --force (start again) is given",
                                     "'" + out.path + "'", ""}});
  return run_into_directory(out, session, spec, plan, options, resume, workers_served);
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
