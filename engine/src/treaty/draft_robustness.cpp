#include "parley/treaty/draft_robustness.h"

#include "parley/stats/streaming.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace parley::treaty {

AcceptanceEstimate acceptance_estimate(std::uint64_t accepted, std::uint64_t trials) {
  if (trials == 0) throw std::invalid_argument("acceptance_estimate: trials must be positive");
  const Interval ci = parley::wilson_interval(static_cast<std::int64_t>(accepted), static_cast<std::int64_t>(trials));
  return {trials, accepted, static_cast<double>(accepted) / static_cast<double>(trials), ci.lower, ci.upper};
}

std::vector<AcceptanceEstimate> acceptance_probabilities(const TreatySpec& spec, const std::vector<DraftMask>& drafts,
                                                         std::uint64_t trials, std::uint64_t seed,
                                                         const DraftWatch& watch) {
  std::vector<std::uint64_t> accepted(drafts.size(), 0);
  std::uint64_t finished = 0;
  const bool average = spec.rule == AggregationRule::kAverage;
  const std::vector<DraftMask> conflicts = conflict_masks(spec);
  std::vector<double> sums(spec.actors.size());
  // One trial draws a whole table (articles x actors draws, each bounded by kMaxBetaShape), so
  // a check per trial is a check every few milliseconds at most.
  for (; finished < trials; ++finished) {
    watch.report(finished, trials);
    if (watch.stop_requested()) break;
    const AcceptanceTable table = drawn_table(spec, seed, finished);
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
  if (finished == 0) return out;
  out.reserve(drafts.size());
  for (const std::uint64_t count : accepted) out.push_back(acceptance_estimate(count, finished));
  return out;
}

}  // namespace parley::treaty
