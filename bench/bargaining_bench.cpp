// Bargaining mathematics: time per Nash solve and per war-value table (docs/performance.md).
// Prints one JSON line per benchmark; never asserts.
#include <chrono>
#include <cstdio>
#include <vector>

#include "parley/bargaining/nash.h"
#include "parley/bargaining/utility.h"
#include "parley/bargaining/war_value.h"
#include "parley/bargaining/war_value_solver.h"
#include "parley/core/random.h"

using namespace parley::bargaining;

namespace {

using Clock = std::chrono::steady_clock;

// A pool of random 4-actor, 5-issue problems with a bargaining space, solved round-robin so
// that the timing is not one instance's.
void bench_nash(LossShape loss, const char* name) {
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
  constexpr int kCalls = 200'000;
  double checksum = 0.0;
  long steps = 0;
  const auto start = Clock::now();
  for (int c = 0; c < kCalls; ++c) {
    const int n = c % kInstances;
    nash_bargaining(tables[n], weights[n], disagreements[n], veto, workspace, result);
    checksum += result.deal[0];
    steps += result.newton_steps;
  }
  const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / kCalls;
  std::printf("{\"bench\":\"%s\",\"ns_per_call\":%.1f,\"newton_steps_per_call\":%.2f,\"checksum\":%.6f}\n", name, ns,
              static_cast<double>(steps) / kCalls, checksum);
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

}  // namespace

int main() {
  bench_solver();
  bench_nash(LossShape::kQuadratic, "nash_4x5_quadratic");
  bench_nash(LossShape::kLinear, "nash_4x5_linear");
  return 0;
}
