// Running a sweep: the points of a sweep file's design, one Monte Carlo run per point, and what
// each point reports.
//
// Where it sits: sweep_file.h gives the SweepSpec; make_sweep_plan() lays out its points
// (design.h, sensitivity.h); run_sweep_points() runs the missing ones on this process, in
// parallel, handing each finished point to a sink (the checkpoint, checkpoint.h); distributed.h
// does the same across MPI ranks. A point's metrics are read off its run's aggregates by the
// metric vocabulary (metrics/metric.h), its claims by claims/claims.h. io/sweep_report.h writes
// the tidy table and the summary, reading the results back in point order.
//
// Reproducibility: every point runs the same trial streams (seed, trial index) — common random
// numbers across points — and each point's run_monte_carlo is bit-identical for any thread
// count (sim/run.h). Results are stored by point index and every reduction over points runs
// in index order, so the outputs are the same bytes for any thread count, schedule, number of
// MPI ranks, and any sequence of interruptions and resumes. Nothing machine-dependent (threads,
// ranks, timings, paths) is written.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "parley/sweep/sensitivity.h"
#include "parley/sweep/sweep_file.h"

namespace parley {

struct SweepPlan {
  Eigen::MatrixXd values;                  // points x parameters: the value written at each pointer
  std::optional<SaltelliDesign> saltelli;  // the roles of the points, for saltelli designs
  [[nodiscard]] std::int64_t points() const noexcept { return values.rows(); }
};

[[nodiscard]] SweepPlan make_sweep_plan(const SweepSpec& spec);

// What one point reports: for metric k of spec.metrics, metrics[3k] is its estimate and
// metrics[3k + 1], metrics[3k + 2] its 95% interval (metrics/metric.h, estimate_from_run), then
// the same three for each claim of spec.claims. NaN where undefined (no war ended, so no mean
// duration).
struct PointResult {
  std::int64_t index = 0;
  std::vector<double> metrics;
};

inline constexpr std::size_t kValuesPerMetric = 3;

// Runs one point: writes its values into the scenario, validates it (an invalid combination
// throws InputError naming the point and its values), and runs spec.trials_per_point trials at
// spec.seed on `threads` threads (0: all). Empty when `cancel` stopped it part-way.
[[nodiscard]] std::optional<PointResult> evaluate_sweep_point(const SweepSpec& spec, const SweepPlan& plan,
                                                              std::int64_t index, int threads,
                                                              const std::atomic<bool>* cancel = nullptr);

// How a process spends its threads. kTrialsInParallel runs points one at a time with every
// thread on its trials; kPointsInParallel runs one point per thread, each on one thread. Both
// give the same results. kAuto takes points in parallel when there are at least two points per
// thread (docs/performance.md, "Sweeps": faster for the small trial counts sweeps use).
enum class SweepSchedule { kAuto, kPointsInParallel, kTrialsInParallel };

struct SweepOptions {
  int threads = 0;  // 0: every core TBB sees
  SweepSchedule schedule = SweepSchedule::kAuto;
  const std::atomic<bool>* cancel = nullptr;  // read before every trial and between points
  // After each finished point: points finished (including earlier runs) and the total.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// Finished points by index; empty where not run yet.
using SweepResults = std::vector<std::optional<PointResult>>;

// Receives each finished point, one call at a time (the checkpoint appends it).
using PointSink = std::function<void(const PointResult&)>;

// The number of threads `options.threads` means on this machine.
[[nodiscard]] int effective_sweep_threads(int threads);

// Runs every point missing from `results` (resized to the plan's points) on this process and
// fills it in. A point stopped by cancel is dropped, not stored. Returns true when every
// point has a result. Throws InputError for invalid options or an invalid point.
bool run_sweep_points(const SweepSpec& spec, const SweepPlan& plan, const SweepOptions& options, SweepResults& results,
                      const PointSink& sink);

}  // namespace parley
