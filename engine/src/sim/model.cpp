#include "parley/sim/model.h"

#include <atomic>
#include <optional>
#include <string>
#include <utility>

#include "parley/sim/run.h"

namespace parley {

namespace {

// The pilot that solves a consistent fear of breakdown: its trials (the scenario's seed, so the
// answer depends on the scenario alone), and the bisection's steps over q in [0, 1] (to 2^-14,
// finer than a pilot's breakdown rate can resolve).
constexpr std::int64_t kPilotTrials = 2000;
constexpr int kBisectionSteps = 14;

// The share of the pilot's deals that broke down, every side fearing a breakdown with chance q;
// nothing when `cancel` stopped the pilot.
std::optional<double> realised_breakdown(const Scenario& scenario, double q, const std::atomic<bool>* cancel) {
  Scenario fixed = scenario;
  fixed.bargaining->consistent_fear = false;
  fixed.bargaining->commitment.mistrust_prob = Uncertain::fixed(q);
  RunOptions options;
  options.trials = kPilotTrials;
  options.seed = scenario.default_seed;
  options.cancel = cancel;
  const RunResult pilot = run_monte_carlo(Model(std::move(fixed)), options);
  if (pilot.interrupted) return std::nullopt;
  const TableSummary& table = pilot.summary.table();
  return table.deals > 0 ? static_cast<double>(table.breakdowns) / static_cast<double>(table.deals) : 0.0;
}

// The fear that experience does not contradict: q* with r(q*) <= q* and r(q) > q just below it,
// r the realised breakdown rate with fear q (a pilot with no deal contradicts no fear: r = 0).
// r is no monotone function of q: a greater fear signs fewer deals but, by raising the fearful
// side's disagreement value, tilts those it signs against the rival, who then reneges more
// often (a self-fulfilling fear). g(q) = r(q) - q is >= 0 at 0 and <= 0 at 1 whatever r does, so
// bisection over [0, 1] keeps a bracket with r(low) > low and r(high) <= high and returns high.
// Where r is continuous q* is a fixed point, feared = realised; where r jumps past q (every deal
// of a homogeneous scenario stops at one fear: Powell's threshold) q* is the jump, and the fear
// is at least the rate realised (common random numbers make r a step function of q).
// Nothing when `cancel` stopped a pilot.
std::optional<double> consistent_fear(const Scenario& scenario, const std::atomic<bool>* cancel) {
  const std::optional<double> without_fear = realised_breakdown(scenario, 0.0, cancel);
  if (!without_fear) return std::nullopt;
  if (!(*without_fear > 0.0)) return 0.0;
  double low = 0.0, high = 1.0;
  for (int step = 0; step < kBisectionSteps; ++step) {
    const double mid = 0.5 * (low + high);
    const std::optional<double> realised = realised_breakdown(scenario, mid, cancel);
    if (!realised) return std::nullopt;
    (*realised > mid ? low : high) = mid;
  }
  return high;
}

// A pilot stopped by `cancel` leaves the scenario as it was: the run that follows reads the same
// flag before its first trial and finishes none, so nothing is priced with an unsolved fear.
Scenario solved(Scenario scenario, std::optional<double>& feared_breakdown, const std::atomic<bool>* cancel) {
  if (!scenario.bargaining || !scenario.bargaining->consistent_fear) return scenario;
  const std::optional<double> solved_fear = consistent_fear(scenario, cancel);
  if (!solved_fear) return scenario;
  const double q = *solved_fear;
  feared_breakdown = q;
  Uncertain fear = Uncertain::fixed(q);
  fear.set_key(scenario.bargaining->commitment.mistrust_prob.key());
  fear.provenance.assumption =
      "solved (feared_breakdown consistent): the breakdown rate of the deals the model "
      "itself produces with this fear, over a pilot of " +
      std::to_string(kPilotTrials) + " trials";
  scenario.bargaining->commitment.mistrust_prob = fear;
  return scenario;
}

}  // namespace

Scenario with_solved_expectations(Scenario scenario) {
  std::optional<double> feared_breakdown;
  return solved(std::move(scenario), feared_breakdown, nullptr);
}

Model::Model(Scenario scenario, const std::atomic<bool>* cancel)
    : scenario_(solved(std::move(scenario), feared_breakdown_, cancel)),
      anticipation_(bargaining::build_anticipation_tables(scenario_)) {}

Model compile(Scenario scenario, const std::atomic<bool>* cancel) {
  return Model(std::move(scenario), cancel);
}

}  // namespace parley
