#include "parley/bargaining/fearon.h"

#include <algorithm>
#include <cmath>

#include "parley/core/error.h"

namespace parley::bargaining {

std::optional<BargainingRange> fearon_bargaining_range(double a_win_prob, double a_cost_share, double b_cost_share) {
  if (!std::isfinite(a_win_prob) || a_win_prob < 0.0 || a_win_prob > 1.0) {
    throw Error("fearon_bargaining_range: a_win_prob must lie in [0, 1]");
  }
  if (!std::isfinite(a_cost_share) || !std::isfinite(b_cost_share)) {
    throw Error("fearon_bargaining_range: costs must be finite");
  }
  // A feasible division must also lie in [0, 1]: the good cannot be over-divided.
  const double lower = std::max(0.0, a_win_prob - a_cost_share);
  const double upper = std::min(1.0, a_win_prob + b_cost_share);
  if (lower > upper) return std::nullopt;
  return BargainingRange{lower, upper};
}

}  // namespace parley::bargaining
