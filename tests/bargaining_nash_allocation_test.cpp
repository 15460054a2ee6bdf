// A warmed-up Nash solve allocates nothing (issue 18): every scratch array lives in the
// NashWorkspace, sized by the first solve of a problem's shape. Its own program, because the
// counting allocator (bench/allocation_count.h) replaces malloc for the whole executable.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "../bench/allocation_count.h"
#include "parley/bargaining/nash.h"
#include "parley/bargaining/utility.h"
#include "parley/core/random.h"

using namespace parley::bargaining;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

struct Problem {
  IssueTable table;
  VectorXd weight, disagreement;
  std::vector<bool> veto;
};

// Four actors, five issues, as in bargaining_bench's nash_4x5 benches: a bargaining space around
// a random anchor deal. With `observer`, actor 3 only constrains (weight 0, a veto), which sends
// the solve through the primal method's vanishing barrier; with `infeasible`, actor 0 demands
// more than any deal gives.
Problem four_by_five(LossShape loss, std::uint64_t seed, bool observer, bool infeasible) {
  parley::Rng rng(seed, 0, parley::Stream::kBargaining);
  MatrixXd ideal(4, 5), salience(4, 5);
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 5; ++k) {
      ideal(i, k) = rng.uniform();
      salience(i, k) = rng.uniform() + 1e-3;
    }
  Problem p{make_issue_table(ideal, salience, VectorXd::Constant(5, 0.5), std::vector<std::vector<int>>(5, {0, 1}),
                             std::vector<bool>(5, true), loss),
            VectorXd(4), VectorXd(4), std::vector<bool>(4, true)};
  VectorXd anchor(5);
  for (int k = 0; k < 5; ++k) anchor[k] = rng.uniform();
  for (int i = 0; i < 4; ++i) {
    p.weight[i] = 0.2 + rng.uniform();
    p.disagreement[i] = actor_utility(p.table, i, anchor) - 0.05 * rng.uniform() - 1e-3;
  }
  if (observer) p.weight[3] = 0.0;
  if (infeasible) p.disagreement[0] = 0.01;
  return p;
}

}  // namespace

TEST_CASE("the counting allocator sees an allocation") {
  // Without this, a counter that never counts would pass the test below.
  const std::int64_t counted = parley::bench::allocations_of([] {
    std::vector<double> grown;
    grown.resize(100);
    volatile double sink = grown[99];
    (void)sink;
  });
  CHECK(counted >= 1);
}

TEST_CASE("a warmed-up Nash solve allocates nothing, whatever method and outcome") {
  std::vector<Problem> problems;
  for (const LossShape loss : {LossShape::kQuadratic, LossShape::kLinear})
    for (std::uint64_t seed = 1; seed <= 8; ++seed)
      for (const bool observer : {false, true})
        for (const bool infeasible : {false, true}) problems.push_back(four_by_five(loss, seed, observer, infeasible));
  NashWorkspace workspace;
  NashResult result;
  for (const Problem& p : problems) nash_bargaining(p.table, p.weight, p.disagreement, p.veto, workspace, result);

  int agreements = 0, by_dual = 0, no_space = 0;
  const std::int64_t counted = parley::bench::allocations_of([&] {
    for (int round = 0; round < 3; ++round)
      for (const Problem& p : problems) {
        nash_bargaining(p.table, p.weight, p.disagreement, p.veto, workspace, result);
        agreements += result.status == NashStatus::kAgreement;
        no_space += result.status == NashStatus::kNoBargainingSpace;
        by_dual += result.method == NashMethod::kLinearDual;
      }
  });
  CHECK(counted == 0);
  // Both outcomes and both methods were exercised.
  CHECK(agreements > 0);
  CHECK(no_space > 0);
  CHECK(by_dual > 0);
  CHECK(by_dual < agreements + no_space);
}
