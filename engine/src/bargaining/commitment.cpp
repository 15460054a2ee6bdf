#include "parley/bargaining/commitment.h"

#include <cmath>

#include "parley/core/error.h"

namespace parley::bargaining {

CommitmentCheck commitment_problem_war(double p_now_prob, double p_next_prob, double delta, double declining_cost,
                                       double rising_cost) {
  const auto in_unit = [](double x) { return std::isfinite(x) && x >= 0.0 && x <= 1.0; };
  if (!in_unit(p_now_prob) || !in_unit(p_next_prob))
    throw Error("commitment_problem_war: probabilities must lie in [0, 1]");
  if (!(delta > 0.0 && delta < 1.0)) throw Error("commitment_problem_war: delta must lie in (0, 1)");
  if (!(declining_cost >= 0.0) || !(rising_cost >= 0.0) || !std::isfinite(declining_cost) ||
      !std::isfinite(rising_cost)) {
    throw Error("commitment_problem_war: costs must be finite and >= 0");
  }
  CommitmentCheck check;
  check.declining_war_value = (1.0 - p_now_prob) / (1.0 - delta) - declining_cost;
  check.declining_best_peace = 1.0 + delta * ((1.0 - p_next_prob) / (1.0 - delta) + rising_cost);
  check.war = check.declining_war_value > check.declining_best_peace;
  check.threshold_next_prob = (p_now_prob + (1.0 - delta) * (declining_cost + delta * rising_cost)) / delta;
  return check;
}

}  // namespace parley::bargaining
