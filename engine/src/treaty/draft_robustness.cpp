#include "parley/treaty/draft_robustness.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace parley::treaty {

AcceptanceEstimate wilson_interval(std::uint64_t accepted, std::uint64_t trials, double z) {
  if (trials == 0) throw std::invalid_argument("wilson_interval: trials must be positive");
  AcceptanceEstimate out;
  out.trials = trials;
  out.accepted = accepted;
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(accepted) / n;
  out.probability = p;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  out.lower = std::max(0.0, centre - half);
  out.upper = std::min(1.0, centre + half);
  return out;
}

std::vector<AcceptanceEstimate> acceptance_probabilities(const TreatySpec& spec, const std::vector<DraftMask>& drafts,
                                                         std::uint64_t trials, std::uint64_t seed) {
  std::vector<std::uint64_t> accepted(drafts.size(), 0);
  const bool average = spec.rule == AggregationRule::kAverage;
  const std::vector<DraftMask> conflicts = conflict_masks(spec);
  std::vector<double> sums(spec.actors.size());
  for (std::uint64_t trial = 0; trial < trials; ++trial) {
    const AcceptanceTable table = drawn_table(spec, seed, trial);
    for (std::size_t d = 0; d < drafts.size(); ++d) {
      const DraftMask draft = drafts[d];
      if (draft == 0 || !respects_exclusions(conflicts, draft)) continue;
      std::fill(sums.begin(), sums.end(), 0.0);
      for (DraftMask rest = draft; rest != 0; rest &= rest - 1) {
        const auto i = static_cast<std::size_t>(std::countr_zero(rest));
        for (std::size_t a = 0; a < sums.size(); ++a) sums[a] += table.at(i, a);
      }
      const double size = static_cast<double>(std::popcount(draft));
      bool all = true;
      for (const int r : spec.required) {
        const auto a = static_cast<std::size_t>(r);
        if (!((average ? sums[a] / size : sums[a]) >= table.bar[a])) {
          all = false;
          break;
        }
      }
      if (all) ++accepted[d];
    }
  }
  std::vector<AcceptanceEstimate> out;
  out.reserve(drafts.size());
  for (const std::uint64_t count : accepted) out.push_back(wilson_interval(count, trials));
  return out;
}

}  // namespace parley::treaty
