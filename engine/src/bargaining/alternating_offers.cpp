#include "parley/bargaining/alternating_offers.h"

#include <cmath>
#include <string>

#include "parley/core/error.h"

namespace parley::bargaining {
namespace {

void check_discounts(const char* function, double d1, double d2) {
  const bool ok = std::isfinite(d1) && std::isfinite(d2) && d1 >= 0.0 && d1 <= 1.0 && d2 >= 0.0 && d2 <= 1.0;
  if (!ok) throw Error(std::string(function) + ": discount factors must lie in [0, 1]");
}

}  // namespace

double rubinstein_proposer_share(double d1, double d2) {
  check_discounts("rubinstein_proposer_share", d1, d2);
  if (d1 * d2 >= 1.0) throw Error("rubinstein_proposer_share: needs d1 * d2 < 1 (someone must be impatient)");
  return (1.0 - d2) / (1.0 - d1 * d2);
}

double finite_horizon_proposer_share(double d1, double d2, int rounds) {
  check_discounts("finite_horizon_proposer_share", d1, d2);
  if (rounds < 1) throw Error("finite_horizon_proposer_share: rounds must be >= 1");
  // Backward from the last round, whose proposer takes all. Round t's proposer is player 1 when
  // t is odd; the responder in round t is the proposer of round t + 1.
  double share = 1.0;
  for (int round = rounds - 1; round >= 1; --round) {
    const double responder_discount = round % 2 == 1 ? d2 : d1;
    share = 1.0 - responder_discount * share;
  }
  return share;
}

}  // namespace parley::bargaining
