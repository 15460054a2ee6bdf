// Random-proposer, closed-rule legislative bargaining: a solution concept of docs/model.md 10-11 for
// more than two parties (the broadened formats, where USA and EU sit at the table).
//
// Where it sits: an alternative protocol to nash.h; each round a player is recognised with
// probability p_i and proposes a division of a unit pie; it passes with q votes (proposer
// included), otherwise a new round starts after discounting by delta. Sources: Baron & Ferejohn
// (1989), "Bargaining in Legislatures", APSR 83(4), 1181-1206 (stationary equilibrium with
// symmetric recognition: proposer 1 - delta (q - 1) / n, each partner delta / n); Eraslan (2002),
// "Uniqueness of Stationary Equilibrium Payoffs in the Baron-Ferejohn Model", JET 103(1), 11-30
// (asymmetric recognition: payoffs are unique; a proposer buys the q - 1 players with the lowest
// continuation values delta v_j, mixing among players tied at the margin).
//
// Stationary values solve v_i = p_i (1 - delta sum_{j in C_i} v_j) + delta v_i sum_{k != i} p_k P(i in C_k).
// Unanimity (q = n) leaves no choice of partners, and with sum v = 1 the solution is v_i = p_i.
#pragma once

#include <Eigen/Dense>

namespace parley::bargaining {

struct BaronFerejohnShares {
  Eigen::VectorXd continuation_value;  // v_i: expected payoff before recognition
  Eigen::VectorXd proposer_share;      // what i keeps when recognised: 1 - delta * (sum of q-1 cheapest v_j)
  Eigen::MatrixXd inclusion_prob;      // (k, j): probability that proposer k buys j's vote
  double residual = 0.0;               // max |v - T(v)| at the returned point
  int iterations = 0;
};

// recognition_prob: n entries, >= 0, summing to 1 (within 1e-12). quota: votes needed, 1..n.
// Solved by iterating the value map from v = p with the cheapest-partner rule (uniform mixing
// among players tied at the margin); the iteration must reach residual 1e-15. It does for
// symmetric recognition (any quota) and for unanimity (any recognition), where v = p is the
// fixed point. Asymmetric recognition under a quota below n needs non-uniform mixing among
// tied partners (Eraslan 2002), which this iteration does not find: that case throws
// parley::Error rather than return values that are not an equilibrium.
[[nodiscard]] BaronFerejohnShares baron_ferejohn_shares(const Eigen::Ref<const Eigen::VectorXd>& recognition_prob,
                                                        double delta, int quota);

}  // namespace parley::bargaining
