// Asymmetric Nash bargaining: published closed forms, infeasibility, and KKT conditions.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "parley/bargaining/nash.h"
#include "parley/bargaining/utility.h"
#include "parley/core/error.h"
#include "parley/core/random.h"

using namespace parley::bargaining;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// A unit pie as one issue: z is A's share; A's ideal is 1, B's is 0, linear loss, so
// u_A = z - 1 and u_B = (1 - z) - 1: each utility is the actor's share minus 1.
IssueTable pie(int actors = 2) {
  MatrixXd ideal = MatrixXd::Zero(actors, 1);
  ideal(0, 0) = 1.0;
  return make_issue_table(ideal, MatrixXd::Ones(actors, 1), VectorXd::Constant(1, 0.5), {{0, 1}}, {true},
                          LossShape::kLinear);
}

double nash_objective(const IssueTable& table, const VectorXd& weight, const VectorXd& d, const VectorXd& z) {
  double f = 0.0;
  for (int i = 0; i < table.actor_count(); ++i) {
    if (weight[i] > 0.0) f += weight[i] * std::log(actor_utility(table, i, z) - d[i]);
  }
  return f;
}

}  // namespace

TEST_CASE("pie split: z_i = d_i + alpha_i / sum(alpha) * (1 - sum d), exactly (Nash 1950; Kalai 1977)") {
  const IssueTable table = pie();
  const double cases[][4] = {{1.0, 1.0, 0.0, 0.0}, {2.0, 1.0, 0.1, 0.3}, {0.3, 0.7, 0.25, 0.05}, {5.0, 1.0, 0.0, 0.6}};
  for (const auto& c : cases) {
    const double alpha_a = c[0], alpha_b = c[1], share_a = c[2], share_b = c[3];
    // Disagreement shares s_A, s_B become utilities s_A - 1 and s_B - 1.
    const VectorXd d = (VectorXd(2) << share_a - 1.0, share_b - 1.0).finished();
    const NashResult result =
        nash_bargaining(table, VectorXd((VectorXd(2) << alpha_a, alpha_b).finished()), d, {true, true});
    REQUIRE(result.status == NashStatus::kAgreement);
    const double expected = share_a + alpha_a / (alpha_a + alpha_b) * (1.0 - share_a - share_b);
    CHECK(result.deal[0] == doctest::Approx(expected).epsilon(1e-9));
    CHECK(result.gain[0] == doctest::Approx(expected - share_a).epsilon(1e-9));
    CHECK(result.gain[1] == doctest::Approx(1.0 - expected - share_b).epsilon(1e-9));
  }
}

TEST_CASE("the same split with the workspace reused gives the same deal") {
  const IssueTable table = pie();
  NashWorkspace workspace;
  NashResult first, second;
  const VectorXd alpha = (VectorXd(2) << 2.0, 1.0).finished();
  const VectorXd d = (VectorXd(2) << 0.1 - 1.0, 0.3 - 1.0).finished();
  nash_bargaining(table, alpha, d, {true, true}, workspace, first);
  nash_bargaining(table, alpha, d, {true, true}, workspace, second);
  CHECK(first.deal[0] == second.deal[0]);
}

TEST_CASE("two-issue logroll: each side wins the issue it cares most about") {
  // A wants both issues at 1 and cares 0.8 for issue 0; B wants 0 and cares 0.8 for issue 1.
  // From the status quo (1/2, 1/2), d = (-1/2, -1/2). Along the Pareto frontier the product's
  // derivative is 0.5 - 0.32 z_0 > 0 while z_1 = 0 and 0.2 g_B - 0.8 g_A < 0 once z_0 = 1, so
  // the solution is the kink z = (1, 0) with gains (0.3, 0.3) (linear utilities).
  const MatrixXd ideal = (MatrixXd(2, 2) << 1, 1, 0, 0).finished();
  const MatrixXd salience = (MatrixXd(2, 2) << 0.8, 0.2, 0.2, 0.8).finished();
  const IssueTable table =
      make_issue_table(ideal, salience, VectorXd::Constant(2, 0.5), {{0, 1}, {0, 1}}, {true, true}, LossShape::kLinear);
  const VectorXd sq = VectorXd::Constant(2, 0.5);
  const VectorXd d = (VectorXd(2) << actor_utility(table, 0, sq), actor_utility(table, 1, sq)).finished();
  const NashResult result = nash_bargaining(table, VectorXd::Ones(2), d, {true, true});
  REQUIRE(result.status == NashStatus::kAgreement);
  CHECK(result.deal[0] == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(result.deal[1] == doctest::Approx(0.0).scale(1.0).epsilon(1e-9));
  CHECK(result.gain[0] == doctest::Approx(0.3).epsilon(1e-9));
  CHECK(result.gain[1] == doctest::Approx(0.3).epsilon(1e-9));
}

TEST_CASE("an issue off the table stays at the status quo") {
  const MatrixXd ideal = (MatrixXd(2, 2) << 1, 1, 0, 0).finished();
  const IssueTable table = make_issue_table(ideal, MatrixXd::Ones(2, 2), VectorXd::Constant(2, 0.3), {{0, 1}, {0, 1}},
                                            {true, false}, LossShape::kLinear);
  const VectorXd d = (VectorXd(2) << -2.0, -2.0).finished();
  const NashResult result = nash_bargaining(table, VectorXd::Ones(2), d, {true, true});
  REQUIRE(result.status == NashStatus::kAgreement);
  CHECK(result.deal[1] == 0.3);
}

TEST_CASE("no bargaining space when disagreement values exceed the pie") {
  const IssueTable table = pie();
  // Shares 0.6 + 0.5 > 1: no division gives both their war value.
  const VectorXd d = (VectorXd(2) << 0.6 - 1.0, 0.5 - 1.0).finished();
  const NashResult result = nash_bargaining(table, VectorXd::Ones(2), d, {true, true});
  CHECK(result.status == NashStatus::kNoBargainingSpace);
  CHECK(to_string(result.status) == "no_bargaining_space");
  CHECK(result.deal[0] == 0.5);  // the status quo
  // Shares summing to exactly 1 leave no strict gain either.
  const VectorXd touching = (VectorXd(2) << 0.25 - 1.0, 0.75 - 1.0).finished();
  CHECK(nash_bargaining(table, VectorXd::Ones(2), touching, {true, true}).status == NashStatus::kNoBargainingSpace);
}

TEST_CASE("no bargaining space among four actors with quadratic loss") {
  // Actor 0 demands more than even its ideal deal gives (utility is at most 0).
  const MatrixXd ideal = MatrixXd::Random(4, 5).cwiseAbs();
  const IssueTable table =
      make_issue_table(ideal, MatrixXd::Ones(4, 5), VectorXd::Constant(5, 0.5), std::vector<std::vector<int>>(5, {0}),
                       std::vector<bool>(5, true), LossShape::kQuadratic);
  VectorXd d = VectorXd::Constant(4, -2.0);
  d[0] = 0.01;
  CHECK(nash_bargaining(table, VectorXd::Ones(4), d, std::vector<bool>(4, true)).status ==
        NashStatus::kNoBargainingSpace);
}

TEST_CASE("a constraint-only veto player bounds the deal") {
  // A and B split the pie from d = 0 (z = 1/2 unconstrained); C is not at the table but owns the
  // issue, has ideal 0.3 and disagreement -0.1, so it accepts only z in [0.2, 0.4]. The product
  // is concave in z, so the constrained solution is the bound 0.4.
  MatrixXd ideal(3, 1);
  ideal << 1.0, 0.0, 0.3;
  const IssueTable table = make_issue_table(ideal, MatrixXd::Ones(3, 1), VectorXd::Constant(1, 0.5), {{0, 1, 2}},
                                            {true}, LossShape::kLinear);
  const VectorXd d = (VectorXd(3) << -1.0, -1.0, -0.1).finished();
  const VectorXd alpha = (VectorXd(3) << 1.0, 1.0, 0.0).finished();
  const NashResult constrained = nash_bargaining(table, alpha, d, {true, true, true});
  REQUIRE(constrained.status == NashStatus::kAgreement);
  CHECK(constrained.deal[0] == doctest::Approx(0.4).epsilon(1e-9));
  CHECK(constrained.gain[2] >= 0.0);
  const NashResult ignored = nash_bargaining(table, alpha, d, {true, true, false});
  CHECK(ignored.deal[0] == doctest::Approx(0.5).epsilon(1e-9));
}

TEST_CASE("random 4 x 5 instances satisfy the KKT conditions and beat random feasible deals") {
  parley::Rng rng(2024, 0, parley::Stream::kBargaining);
  for (const LossShape loss : {LossShape::kQuadratic, LossShape::kLinear}) {
    for (int instance = 0; instance < 200; ++instance) {
      MatrixXd ideal(4, 5), salience(4, 5);
      for (int i = 0; i < 4; ++i)
        for (int k = 0; k < 5; ++k) {
          ideal(i, k) = rng.uniform();
          salience(i, k) = rng.uniform();
        }
      std::vector<bool> on_table(5, true);
      on_table[4] = instance % 3 != 0;
      const IssueTable table = make_issue_table(ideal, salience, VectorXd::Constant(5, 0.5),
                                                std::vector<std::vector<int>>(5, {0, 1}), on_table, loss);
      VectorXd alpha(4), d(4), anchor(5);
      for (int k = 0; k < 5; ++k) anchor[k] = rng.uniform();
      anchor = with_status_quo_off_table(table, anchor);
      for (int i = 0; i < 4; ++i) {
        alpha[i] = 0.2 + rng.uniform();
        d[i] = actor_utility(table, i, anchor) - 0.05 * rng.uniform() - 1e-3;  // feasible by construction
      }
      const NashResult result = nash_bargaining(table, alpha, d, std::vector<bool>(4, true));
      REQUIRE(result.status == NashStatus::kAgreement);
      // Linear loss with every veto player bargaining is the dual method's case.
      CHECK(result.method == (loss == LossShape::kLinear ? NashMethod::kLinearDual : NashMethod::kPrimal));
      const VectorXd& z = result.deal;
      for (int i = 0; i < 4; ++i) REQUIRE(result.gain[i] > 0.0);
      // One-sided directional derivatives of F = sum alpha_i log(u_i - d_i) along each on-table
      // issue: no feasible direction may increase F (for quadratic loss: the KKT conditions).
      for (int k = 0; k < 5; ++k) {
        if (!on_table[k]) {
          CHECK(z[k] == 0.5);
          continue;
        }
        double up = 0.0, down = 0.0, scale = 0.0;
        for (int i = 0; i < 4; ++i) {
          const double w = table.salience(i, k), a = table.ideal_point(i, k), q = alpha[i] / result.gain[i];
          double du_up, du_down;
          if (loss == LossShape::kQuadratic) {
            du_up = -2.0 * w * (z[k] - a);
            du_down = -du_up;
          } else {
            du_up = z[k] < a ? w : -w;
            du_down = z[k] > a ? w : -w;
          }
          up += q * du_up;
          down += q * du_down;
          scale += q * w;
        }
        if (z[k] < 1.0) CHECK(up <= 1e-9 * scale);
        if (z[k] > 0.0) CHECK(down <= 1e-9 * scale);
      }
      const double best = nash_objective(table, alpha, d, z);
      for (int trial = 0; trial < 50; ++trial) {
        VectorXd other(5);
        for (int k = 0; k < 5; ++k) other[k] = rng.uniform();
        other = with_status_quo_off_table(table, other);
        bool feasible = true;
        for (int i = 0; i < 4; ++i) feasible = feasible && actor_utility(table, i, other) > d[i];
        if (feasible) CHECK(nash_objective(table, alpha, d, other) <= best + 1e-12);
      }
    }
  }
}

TEST_CASE("narrow bargaining spaces of the flagship converge to the optimum (regression)") {
  // Months of scenarios/ukraine_war.json (5000 trials, the scenario's seed) in which the solver
  // used to give up after 200 Newton steps: bilateral talks with territory alone on the table,
  // where Ukraine's and Russia's gains are both positive only for z in a band about 0.004 wide
  // (gains near 1e-4). The full Newton step's predicted decrease was below the rounding of the
  // objective, so the line search could not accept it. USA and EU sit out (weight 0, no veto).
  // Exact inputs, as captured (hexadecimal floating point).
  MatrixXd ideal(4, 5), salience(4, 5);
  ideal << 1, 1, 0, 0, 1,                                                        //
      0, 0, 1, 1, 0,                                                             //
      1, 0.5, 0x1.3333333333333p-2, 0x1.999999999999ap-3, 0x1.999999999999ap-1,  //
      1, 0x1.3333333333333p-1, 0x1.3333333333333p-2, 0x1.999999999999ap-4, 0x1.6666666666666p-1;
  salience << 0x1.ccccccccccccdp-2, 0x1.3333333333333p-2, 0x1.999999999999ap-5, 0x1.999999999999ap-4,
      0x1.999999999999ap-4,                                                                            //
      0x1.6666666666666p-2, 0x1p-2, 0x1.3333333333333p-3, 0x1.3333333333333p-3, 0x1.999999999999ap-4,  //
      0x1.3333333333334p-2, 0x1.999999999999bp-3, 0x1.999999999999bp-3, 0x1.999999999999bp-3,
      0x1.999999999999bp-4,  //
      0x1.3333333333332p-2, 0x1.ffffffffffffep-3, 0x1.3333333333332p-3, 0x1.9999999999998p-3, 0x1.9999999999998p-4;
  VectorXd status_quo = VectorXd::Zero(5);
  status_quo[4] = 0.5;
  const IssueTable table = make_issue_table(ideal, salience, status_quo, std::vector<std::vector<int>>(5, {0, 1}),
                                            {true, false, false, false, false}, LossShape::kQuadratic);
  const VectorXd alpha = (VectorXd(4) << 1.0, 1.0, 0.0, 0.0).finished();
  const std::vector<bool> veto{true, true, false, false};
  const double disagreements[][4] = {
      {-0x1.0aa597583985ep-1, -0x1.7666faed2a2f2p-2, -0x1.a524da73b4742p-2, -0x1.a6755397a022ep-2},
      {-0x1.088c433c19e0ep-1, -0x1.78fb91fc5c85p-2, -0x1.8547c0a94bc04p-2, -0x1.5b88b30547c24p-2},
      {-0x1.030eb7c0cf07fp-1, -0x1.7db8254f21c5p-2, -0x1.5001108527734p-2, -0x1.193de8486d8aep-2}};
  for (const auto& row : disagreements) {
    const VectorXd d = Eigen::Map<const VectorXd>(row, 4);
    NashResult result;
    REQUIRE_NOTHROW(result = nash_bargaining(table, alpha, d, veto));
    REQUIRE(result.status == NashStatus::kAgreement);
    REQUIRE(result.gain[0] > 0.0);
    REQUIRE(result.gain[1] > 0.0);
    CHECK(result.gain[0] < 2e-3);  // the space really is narrow
    // dF/dz for F = log g_0 + log g_1 on the one on-table issue; F is strictly concave, so a
    // sign change of dF/dz across [z - h, z + h] proves the optimum lies within h of z.
    auto slope = [&](double z) {
      VectorXd deal = result.deal;
      deal[0] = z;
      double s = 0.0;
      for (int i = 0; i < 2; ++i) {
        const double gain = actor_utility(table, i, deal) - d[i];
        REQUIRE(gain > 0.0);
        s += -2.0 * table.salience(i, 0) * (z - table.ideal_point(i, 0)) / gain;
      }
      return s;
    };
    const double z = result.deal[0], h = 1e-9;
    CHECK(slope(z - h) > 0.0);
    CHECK(slope(z + h) < 0.0);
  }
}

TEST_CASE("linear loss: the dual active-set method agrees with the primal method, ties and infeasible cases included") {
  // The primal method runs whenever a constraint-only veto player is present, so each instance
  // is solved twice: as drawn (the dual method), and with one more actor who owns nothing, has
  // weight 0 and a veto it never uses (disagreement -10, below any utility), which routes the same
  // problem to the primal method. Utilities at the Nash solution are unique, so gains must agree;
  // the extra actor's barrier moves them by about 1e-12 of the total weight. A third of the draws
  // use ideal points in {0, 1/2, 1} and equal saliences (ties, parallel segments: the dual's
  // degenerate cases), and disagreement points above the anchor's utilities make some infeasible.
  parley::Rng rng(7, 0, parley::Stream::kBargaining);
  int by_dual = 0, compared = 0, no_space_by_dual = 0;
  for (int instance = 0; instance < 3000; ++instance) {
    const int actors = 2 + static_cast<int>(rng.uniform() * 5), issues = 1 + static_cast<int>(rng.uniform() * 6);
    const bool ties = instance % 3 == 0;
    MatrixXd ideal(actors + 1, issues), salience(actors + 1, issues);
    for (int i = 0; i < actors; ++i)
      for (int k = 0; k < issues; ++k) {
        ideal(i, k) = ties ? std::floor(rng.uniform() * 3.0) / 2.0 : rng.uniform();
        salience(i, k) = ties ? 1.0 : rng.uniform() + 1e-3;
      }
    ideal.row(actors).setConstant(0.5);
    salience.row(actors).setOnes();
    std::vector<bool> on_table(static_cast<std::size_t>(issues));
    for (int k = 0; k < issues; ++k) on_table[static_cast<std::size_t>(k)] = rng.uniform() < 0.85;
    const IssueTable table = make_issue_table(ideal, salience, VectorXd::Constant(issues, 0.5),
                                              std::vector<std::vector<int>>(static_cast<std::size_t>(issues), {0, 1}),
                                              on_table, LossShape::kLinear);
    VectorXd anchor(issues);
    for (int k = 0; k < issues; ++k) anchor[k] = rng.uniform();
    anchor = with_status_quo_off_table(table, anchor);
    const double shift = rng.uniform() < 0.3 ? 0.05 : -0.05;
    VectorXd alpha = VectorXd::Zero(actors + 1), d(actors + 1);
    for (int i = 0; i < actors; ++i) {
      alpha[i] = ties ? 1.0 : 0.2 + rng.uniform();
      d[i] = actor_utility(table, i, anchor) + shift * rng.uniform();
    }
    d[actors] = -10.0;
    std::vector<bool> veto(static_cast<std::size_t>(actors + 1), true);
    veto[static_cast<std::size_t>(actors)] = false;
    const NashResult dual = nash_bargaining(table, alpha, d, veto);
    veto[static_cast<std::size_t>(actors)] = true;
    const NashResult primal = nash_bargaining(table, alpha, d, veto);
    REQUIRE(primal.method == NashMethod::kPrimal);
    by_dual += dual.method == NashMethod::kLinearDual;
    CAPTURE(instance);
    REQUIRE(dual.status == primal.status);
    if (dual.status == NashStatus::kNoBargainingSpace) {
      no_space_by_dual += dual.method == NashMethod::kLinearDual;
      continue;
    }
    ++compared;
    for (int i = 0; i < actors; ++i) {
      CHECK(dual.gain[i] > 0.0);
      CHECK(dual.gain[i] == doctest::Approx(primal.gain[i]).epsilon(1e-8));
    }
  }
  // The dual method is what runs: it falls back on fewer than 1% of the instances (dependent
  // kinks that are not parallel), and it certifies infeasibility itself.
  CHECK(by_dual >= 2970);
  CHECK(no_space_by_dual > 100);
  CHECK(compared > 1500);
}

TEST_CASE("inconsistent inputs are rejected") {
  const IssueTable table = pie();
  CHECK_THROWS_AS((void)nash_bargaining(table, VectorXd::Ones(3), VectorXd::Zero(2), {true, true}), parley::Error);
  CHECK_THROWS_AS((void)nash_bargaining(table, VectorXd::Zero(2), VectorXd::Zero(2), {true, true}), parley::Error);
  CHECK_THROWS_AS((void)make_issue_table(MatrixXd::Constant(1, 1, 1.5), MatrixXd::Ones(1, 1), VectorXd::Zero(1), {{0}},
                                         {true}, LossShape::kLinear),
                  parley::Error);
}

TEST_CASE("veto players are the owners of on-table issues") {
  const IssueTable table = make_issue_table(MatrixXd::Zero(3, 2), MatrixXd::Ones(3, 2), VectorXd::Zero(2),
                                            {{0}, {1, 2}}, {true, false}, LossShape::kQuadratic);
  CHECK(veto_players(table) == std::vector<bool>{true, false, false});
}
