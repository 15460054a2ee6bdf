// Turns a finished sweep into what users read: the tidy table (points.csv) and the summary
// (summary.json) of docs/sweeps.md.
//
// Where it sits: the last step of a sweep. sweep/sweep_run.h runs the points (each point's
// metrics read off its run by metrics/metric.h, its claims by claims/claims.h); these writers
// read the results back in point order, so the bytes do not depend on threads, schedule, MPI
// ranks or resumes. Nothing machine-dependent (threads, ranks, timings, paths) is written.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "parley/sweep/sweep_run.h"

namespace parley {

// The tidy table: a header, then one row per point in index order — "point", each swept value
// (column named by its pointer), each metric and <metric>_ci_lower, <metric>_ci_upper, then for
// each claim claim_<id>, its interval and its verdict. Numbers in the shortest form that reads
// back exactly; an undefined value is an empty cell. Throws Error when a point has not run.
[[nodiscard]] std::string sweep_points_csv(const SweepSpec& spec, const SweepPlan& plan, const SweepResults& results);

// Provenance, design, min/mean/max of each metric over the points, for saltelli designs the
// first-order and total Sobol' indices of each metric with bootstrap intervals, and each
// claim's robustness over the points. Throws Error when a point has not run.
[[nodiscard]] nlohmann::json sweep_summary_json(const SweepSpec& spec, const SweepPlan& plan,
                                                const SweepResults& results);

}  // namespace parley
