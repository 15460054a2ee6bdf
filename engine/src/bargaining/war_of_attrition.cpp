#include "parley/bargaining/war_of_attrition.h"

#include <cmath>

#include "parley/core/error.h"

namespace parley::bargaining {

double attrition_quit_hazard_per_month(double cost_per_month, double prize_value) {
  if (!(cost_per_month > 0.0) || !(prize_value > 0.0) || !std::isfinite(cost_per_month) ||
      !std::isfinite(prize_value)) {
    throw Error("attrition_quit_hazard_per_month: cost_per_month and prize_value must be finite and > 0");
  }
  return cost_per_month / prize_value;
}

double sample_attrition_quit_months(double cost_per_month, double prize_value, parley::Rng& rng) {
  // Inverse CDF of the exponential; uniform() excludes 0, so the log is finite.
  return -std::log(rng.uniform()) / attrition_quit_hazard_per_month(cost_per_month, prize_value);
}

}  // namespace parley::bargaining
