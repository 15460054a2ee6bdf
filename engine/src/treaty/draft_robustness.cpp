#include "parley/treaty/draft_robustness.h"

#include "parley/stats/streaming.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace parley::treaty {

AcceptanceEstimate acceptance_estimate(std::uint64_t accepted, std::uint64_t trials) {
  if (trials == 0) throw std::invalid_argument("acceptance_estimate: trials must be positive");
  const Interval ci = parley::wilson_interval(static_cast<std::int64_t>(accepted), static_cast<std::int64_t>(trials));
  return {trials, accepted, static_cast<double>(accepted) / static_cast<double>(trials), ci.lower, ci.upper};
}

namespace {

// Drafts scored between two reads of the cancel flag: each sums up to 64 articles for 64
// parties, so 256 of them are about a million additions, well under a millisecond.
constexpr std::size_t kDraftsPerCancelCheck = 256;

// Whether every required party accepts `draft` on a drawn table; `sums` is scratch, one per party.
bool required_parties_accept(const TreatySpec& spec, const AcceptanceTable& table, DraftMask draft,
                             std::vector<double>& sums) {
  std::fill(sums.begin(), sums.end(), 0.0);
  for (DraftMask rest = draft; rest != 0; rest &= rest - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(rest));
    for (std::size_t a = 0; a < sums.size(); ++a) sums[a] += table.at(i, a);
  }
  const bool average = spec.rule == AggregationRule::kAverage;
  const double size = static_cast<double>(std::popcount(draft));
  for (const int r : spec.required) {
    const auto a = static_cast<std::size_t>(r);
    if (!((average ? sums[a] / size : sums[a]) >= table.bar[a])) return false;
  }
  return true;
}

}  // namespace

std::vector<AcceptanceEstimate> acceptance_probabilities(const TreatySpec& spec, const std::vector<DraftMask>& drafts,
                                                         std::uint64_t trials, std::uint64_t seed,
                                                         const DraftWatch& watch) {
  std::vector<std::uint64_t> accepted(drafts.size(), 0);
  std::uint64_t finished = 0;
  const std::vector<DraftMask> conflicts = conflict_masks(spec);
  std::vector<double> sums(spec.actors.size());
  // The drafts one trial accepts, counted only once the trial is finished: a trial the cancel
  // cuts short leaves the counts of the trials before it.
  std::vector<std::size_t> accepted_in_trial;
  accepted_in_trial.reserve(drafts.size());
  // Both the draws (drawn_table) and the scoring read the flag every millisecond or so of work.
  bool cut_short = false;
  for (; finished < trials; ++finished) {
    watch.report(finished, trials);
    const std::optional<AcceptanceTable> table = drawn_table(spec, seed, finished, watch.cancel);
    if (!table) break;
    accepted_in_trial.clear();
    for (std::size_t d = 0; d < drafts.size() && !cut_short; ++d) {
      if (d % kDraftsPerCancelCheck == 0 && watch.stop_requested()) {
        cut_short = true;
      } else if (drafts[d] != 0 && respects_exclusions(conflicts, drafts[d]) &&
                 required_parties_accept(spec, *table, drafts[d], sums)) {
        accepted_in_trial.push_back(d);
      }
    }
    if (cut_short) break;
    for (const std::size_t d : accepted_in_trial) ++accepted[d];
  }
  std::vector<AcceptanceEstimate> out;
  if (finished == 0) return out;
  out.reserve(drafts.size());
  for (const std::uint64_t count : accepted) out.push_back(acceptance_estimate(count, finished));
  return out;
}

}  // namespace parley::treaty
