// Bargaining mathematics: time per Nash solve and per war-value table, and the flagship's
// anticipation tables: their build time and the error of borrowing the central point's
// correction at the corners of the flagship's parameter box (docs/performance.md).
// Prints one JSON line per benchmark; never asserts. Time per Nash solve is also given as a
// multiple of the floor walk's time per step (bench/floor_walk.h), measured in the same process.
//
//   bargaining_bench [--only BENCH] [--calls N]
//
// --only runs one of the benches named below (bench/instructions.sh counts the Nash solve's
// instructions that way); --calls sets the Nash benches' timed solves (default 200,000). The
// Nash benches also count heap allocations in their timed solves (bench/allocation_count.h): 0
// once the workspace has grown.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "allocation_count.h"
#include "bench_util.h"
#include "floor_walk.h"
#include "parley/bargaining/anticipation.h"
#include "parley/bargaining/nash.h"
#include "parley/bargaining/utility.h"
#include "parley/bargaining/war_value.h"
#include "parley/bargaining/war_value_solver.h"
#include "parley/core/random.h"
#include "parley/model/dynamics.h"
#include "parley/scenario/load.h"

using namespace parley::bargaining;

namespace {

using Clock = std::chrono::steady_clock;

// A pool of random 4-actor, 5-issue problems with a bargaining space, solved round-robin so
// that the timing is not one instance's.
void bench_nash(LossShape loss, const char* name, long calls, double floor_ns) {
  parley::Rng rng(99, 0, parley::Stream::kBargaining);
  constexpr int kInstances = 64;
  std::vector<IssueTable> tables;
  std::vector<Eigen::VectorXd> weights, disagreements;
  for (int n = 0; n < kInstances; ++n) {
    Eigen::MatrixXd ideal(4, 5), salience(4, 5);
    for (int i = 0; i < 4; ++i)
      for (int k = 0; k < 5; ++k) {
        ideal(i, k) = rng.uniform();
        salience(i, k) = rng.uniform();
      }
    tables.push_back(make_issue_table(ideal, salience, Eigen::VectorXd::Constant(5, 0.5),
                                      std::vector<std::vector<int>>(5, {0, 1}), std::vector<bool>(5, true), loss));
    Eigen::VectorXd anchor(5), alpha(4), d(4);
    for (int k = 0; k < 5; ++k) anchor[k] = rng.uniform();
    for (int i = 0; i < 4; ++i) {
      alpha[i] = 0.2 + rng.uniform();
      d[i] = actor_utility(tables.back(), i, anchor) - 0.05 * rng.uniform() - 1e-3;
    }
    weights.push_back(alpha);
    disagreements.push_back(d);
  }
  NashWorkspace workspace;
  NashResult result;
  const std::vector<bool> veto(4, true);
  for (int n = 0; n < kInstances; ++n)
    nash_bargaining(tables[n], weights[n], disagreements[n], veto, workspace, result);
  double checksum = 0.0;
  long steps = 0;
  double ns = 0.0;
  const std::int64_t allocations = parley::bench::allocations_of([&] {
    const auto start = Clock::now();
    for (long c = 0; c < calls; ++c) {
      const int n = static_cast<int>(c % kInstances);
      nash_bargaining(tables[n], weights[n], disagreements[n], veto, workspace, result);
      checksum += result.deal[0];
      steps += result.newton_steps;
    }
    ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / double(calls);
  });
  std::printf(
      "{\"bench\":\"%s\",\"calls\":%ld,\"ns_per_call\":%.1f,\"newton_steps_per_call\":%.2f,\"checksum\":%.6f,"
      "\"floor_ns_per_step\":%.3f,\"x_floor\":%.1f,\"allocations_per_call\":%.3g}\n",
      name, calls, ns, static_cast<double>(steps) / double(calls), checksum, floor_ns, ns / floor_ns,
      static_cast<double>(allocations) / double(calls));
}

// One table: 120 months, 200 front intervals, 4 steps per month, terminal = closed form.
void bench_solver() {
  constexpr int kMonths = 120, kIntervals = 200, kRepeats = 50;
  Eigen::VectorXd terminal(kIntervals + 1);
  for (int j = 0; j <= kIntervals; ++j)
    terminal[j] = war_value(double(j) / kIntervals, -0.01, 0.1, 0.99, 10.0, -10.0, 0.3);
  const Eigen::VectorXd drift = Eigen::VectorXd::LinSpaced(kMonths, 0.02, -0.01);
  const Eigen::VectorXd sigma = Eigen::VectorXd::Constant(kMonths, 0.1), cost = Eigen::VectorXd::Constant(kMonths, 0.3);
  double checksum = 0.0;
  const auto start = Clock::now();
  for (int n = 0; n < kRepeats; ++n) {
    const WarValueTable table = solve_war_value_table(drift, sigma, cost, 0.99, 10.0, -10.0, terminal, {kIntervals, 4});
    checksum += table.value(0.0, 0.5);
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count() / kRepeats;
  std::printf("{\"bench\":\"war_value_table_120x200\",\"ms_per_table\":%.3f,\"checksum\":%.6f}\n", ms, checksum);
}

// The flagship's tables (its election may stop US aid at month 16), built from scratch.
void bench_anticipation_tables(const parley::Scenario& flagship) {
  constexpr int kRepeats = 10;
  double best = 1e300;
  int levels = 0;
  for (int n = 0; n < kRepeats; ++n) {
    const auto start = Clock::now();
    const AnticipationTables tables(flagship);
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    levels = tables.drift_levels();
  }
  std::printf("{\"bench\":\"anticipation_tables_flagship\",\"ms_best_of_%d\":%.3f,\"drift_levels\":%d}\n", kRepeats,
              best, levels);
}

// Trials whose parameters differ from the centre borrow the centre's anticipation correction.
// At the corners of a box in volatility and aid effectiveness (by default the flagship's
// supports; PARLEY_BOX="s0 s1 e0 e1" sets another), compare it with the tables solved at that
// corner, for both belligerents at their prior drifts in months 0, 8 and 15.
void bench_anticipation_error(const parley::Scenario& flagship) {
  double box[4] = {0.006, 0.012, 0.15, 0.25};
  if (const char* text = std::getenv("PARLEY_BOX")) {
    char* end = nullptr;
    for (double& value : box) {
      value = std::strtod(text, &end);
      text = end;
    }
  }
  const AnticipationTables central(flagship);
  double worst = 0.0, largest = 0.0;
  for (const double sigma : {box[0], box[1]})
    for (const double effectiveness : {box[2], box[3]}) {
      parley::Scenario corner = flagship;
      corner.battlefield.params.volatility_per_sqrt_month = parley::Uncertain::fixed(sigma);
      for (auto& aid : corner.aid) aid.flow.effectiveness = parley::Uncertain::fixed(effectiveness);
      const AnticipationTables exact(corner);
      parley::TrialParameters params;
      parley::central_trial_parameters(corner, params);
      parley::WarState state;
      parley::init_war_state(corner, params, state);
      for (const int actor : {corner.battlefield.holder, corner.battlefield.opponent})
        for (const int month : {0, 8, 15}) {
          state.month = month;
          const double drift = params.actors[static_cast<std::size_t>(actor)].belief.prior_mean_drift_per_month;
          const double x = state.front_share;
          const DiscountedExit a = central.exit_shift(corner, params, state, actor, x, drift);
          const DiscountedExit b = exact.exit_shift(corner, params, state, actor, x, drift);
          worst = std::max({worst, std::abs(a.at_one - b.at_one), std::abs(a.at_zero - b.at_zero)});
          largest = std::max({largest, std::abs(b.at_one), std::abs(b.at_zero)});
        }
    }
  std::printf(
      "{\"bench\":\"anticipation_central_correction_error\",\"box\":[%g,%g,%g,%g],\"max_abs_error\":%.3g,"
      "\"max_abs_correction\":%.3g}\n",
      box[0], box[1], box[2], box[3], worst, largest);
}

}  // namespace

int main(int argc, char** argv) {
  using parley::bench::Arguments;
  return parley::bench::main_guarded(
      "bargaining_bench",
      "[--only anticipation_tables_flagship|anticipation_central_correction_error|war_value_table_120x200|"
      "nash_4x5_quadratic|nash_4x5_linear] [--calls N]",
      argc, argv, [](Arguments& args) {
        std::string only;
        std::int64_t calls = 200'000;
        while (!args.at_end())
          if (!args.take_integer("--calls", 1, parley::bench::kMaxCount, calls) && !args.take_text("--only", only))
            args.reject_next();
        const auto wanted = [&](const char* name) { return only.empty() || only == name; };
        bool ran = false;
        if (wanted("anticipation_tables_flagship") || wanted("anticipation_central_correction_error")) {
          const parley::Scenario flagship =
              parley::load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json");
          if (wanted("anticipation_tables_flagship")) bench_anticipation_tables(flagship);
          if (wanted("anticipation_central_correction_error")) bench_anticipation_error(flagship);
          ran = true;
        }
        if (wanted("war_value_table_120x200")) {
          bench_solver();
          ran = true;
        }
        if (wanted("nash_4x5_quadratic") || wanted("nash_4x5_linear")) {
          const double floor_ns = parley::bench::floor_ns_per_step();
          if (wanted("nash_4x5_quadratic")) bench_nash(LossShape::kQuadratic, "nash_4x5_quadratic", calls, floor_ns);
          if (wanted("nash_4x5_linear")) bench_nash(LossShape::kLinear, "nash_4x5_linear", calls, floor_ns);
          ran = true;
        }
        if (!ran) throw parley::bench::UsageError("no bench is named '" + only + "'");
      });
}
