// Baron & Ferejohn (1989) stationary shares; Eraslan (2002) asymmetric recognition.
#include <doctest/doctest.h>

#include "parley/bargaining/baron_ferejohn.h"
#include "parley/core/error.h"

using namespace parley::bargaining;

TEST_CASE("symmetric recognition, majority rule: proposer 1 - delta (q - 1) / n, partners delta / n") {
  for (const int n : {3, 4, 5, 7, 9}) {
    for (const double delta : {0.5, 0.9, 0.99}) {
      const int q = n / 2 + 1;
      const auto shares = baron_ferejohn_shares(Eigen::VectorXd::Constant(n, 1.0 / n), delta, q);
      for (int i = 0; i < n; ++i) {
        CHECK(shares.proposer_share[i] == doctest::Approx(1.0 - delta * (q - 1) / n).epsilon(1e-12));
        CHECK(shares.continuation_value[i] == doctest::Approx(1.0 / n).epsilon(1e-12));
        // Each of the other n - 1 players is bought with probability (q - 1) / (n - 1) at delta / n.
        for (int j = 0; j < n; ++j) {
          if (j != i) CHECK(shares.inclusion_prob(i, j) == doctest::Approx(double(q - 1) / (n - 1)).epsilon(1e-12));
        }
      }
      CHECK(shares.residual <= 1e-14);
    }
  }
}

TEST_CASE("unanimity: proposer 1 - delta (n - 1) / n; with asymmetric recognition v_i = p_i") {
  const auto symmetric = baron_ferejohn_shares(Eigen::VectorXd::Constant(4, 0.25), 0.8, 4);
  CHECK(symmetric.proposer_share[0] == doctest::Approx(1.0 - 0.8 * 3.0 / 4.0).epsilon(1e-12));
  const Eigen::VectorXd p = (Eigen::VectorXd(3) << 0.5, 0.3, 0.2).finished();
  const auto asymmetric = baron_ferejohn_shares(p, 0.9, 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(asymmetric.continuation_value[i] == doctest::Approx(p[i]).epsilon(1e-12));
    CHECK(asymmetric.proposer_share[i] == doctest::Approx(1.0 - 0.9 * (1.0 - p[i])).epsilon(1e-12));
  }
}

TEST_CASE("asymmetric recognition under majority rule is refused, not approximated") {
  // With p = (0.5, 0.3, 0.2), delta = 0.9, q = 2, pure cheapest-partner strategies give v_3 > v_2
  // although 3 was assumed the cheaper: the equilibrium mixes non-uniformly (Eraslan 2002).
  const Eigen::VectorXd p = (Eigen::VectorXd(3) << 0.5, 0.3, 0.2).finished();
  CHECK_THROWS_AS((void)baron_ferejohn_shares(p, 0.9, 2), parley::Error);
}

TEST_CASE("invalid inputs are rejected") {
  CHECK_THROWS_AS((void)baron_ferejohn_shares(Eigen::VectorXd::Constant(3, 0.3), 0.9, 2), parley::Error);
  CHECK_THROWS_AS((void)baron_ferejohn_shares(Eigen::VectorXd::Constant(3, 1.0 / 3), 0.9, 4), parley::Error);
}
