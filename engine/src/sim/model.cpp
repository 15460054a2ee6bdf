#include "parley/sim/model.h"

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

// The share of the pilot's deals that broke down, every side fearing a breakdown with chance q.
double realised_breakdown(const Scenario& scenario, double q) {
  Scenario fixed = scenario;
  fixed.bargaining->consistent_fear = false;
  fixed.bargaining->commitment.mistrust_prob = Uncertain::fixed(q);
  RunOptions options;
  options.trials = kPilotTrials;
  options.seed = scenario.default_seed;
  const RunResult pilot = run_monte_carlo(Model(std::move(fixed)), options);
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
double consistent_fear(const Scenario& scenario) {
  if (!(realised_breakdown(scenario, 0.0) > 0.0)) return 0.0;
  double low = 0.0, high = 1.0;
  for (int step = 0; step < kBisectionSteps; ++step) {
    const double mid = 0.5 * (low + high);
    (realised_breakdown(scenario, mid) > mid ? low : high) = mid;
  }
  return high;
}

Scenario solved(Scenario scenario, std::optional<double>& feared_breakdown) {
  if (!scenario.bargaining || !scenario.bargaining->consistent_fear) return scenario;
  const double q = consistent_fear(scenario);
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
  return solved(std::move(scenario), feared_breakdown);
}

Model::Model(Scenario scenario)
    : scenario_(solved(std::move(scenario), feared_breakdown_)),
      anticipation_(bargaining::build_anticipation_tables(scenario_)) {}

Model compile(Scenario scenario) {
  return Model(std::move(scenario));
}

}  // namespace parley
