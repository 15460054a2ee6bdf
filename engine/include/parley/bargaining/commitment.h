// Powell's commitment problem: war caused by a large, rapid, anticipated shift in power
// (docs/model.md 10-11; the Minsk pattern of 003_988e103d22ba0a09.txt).
//
// Where it sits: the peace-window stage asks each month whether the declining side prefers to
// fight now. Source: Powell (2006), "War as a Commitment Problem", International Organization
// 60(1), 169-203, the two-state model of its section "Bargaining and shifting power".
//
// The model implemented: each period a pie of size 1 is divided; per-period discount delta.
// War is absorbing: the rising side R wins with probability p_t, the winner takes the pie in
// every later period, and war costs c_R, c_D (in units of the discounted stream, so R's war
// value at t is W_R(t) = p_t / (1 - delta) - c_R and D's is (1 - p_t) / (1 - delta) - c_D).
// Power shifts once: p_0 = p_now today, p_t = p_next for every t >= 1. From t = 1 on R will
// never accept less than W_R(1), so the most R can credibly promise D for the future is the
// rest of the stream, 1/(1 - delta) - W_R(1); today R can give D the whole pie. D's best
// peace therefore is 1 + delta (1/(1 - delta) - W_R(1)), and D fights today iff
//     (1 - p_now)/(1 - delta) - c_D  >  1 + delta ((1 - p_next)/(1 - delta) + c_R),
// which, multiplied by (1 - delta), is
//     delta * p_next - p_now  >  (1 - delta) (c_D + delta c_R).
// When this fails, some division of today's pie keeps both at peace (R's own constraint binds
// only where D's is slack, because total war costs are positive). This is Powell's condition
// that war occurs iff the shift in the rising state's minmax payoff exceeds what it can
// credibly promise.
#pragma once

namespace parley::bargaining {

struct CommitmentCheck {
  bool war = false;                   // the declining side fights today
  double declining_war_value = 0.0;   // (1 - p_now)/(1 - delta) - c_D
  double declining_best_peace = 0.0;  // 1 + delta ((1 - p_next)/(1 - delta) + c_R)
  double threshold_next_prob = 0.0;   // war iff p_next > this: (p_now + (1 - delta)(c_D + delta c_R)) / delta
};

// p_now_prob, p_next_prob: the rising side's chance of winning a war now and from next period
// on; delta in (0, 1); costs >= 0. Throws parley::Error otherwise.
[[nodiscard]] CommitmentCheck commitment_problem_war(double p_now_prob, double p_next_prob, double delta,
                                                     double declining_cost, double rising_cost);

}  // namespace parley::bargaining
