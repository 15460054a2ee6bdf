// Acceptance under uncertainty: the probability that every required actor accepts a draft when
// the scores (and reservation values) are distributions, estimated by Monte Carlo.
//
// Where it sits: after the search (treaty/draft_search.h) has picked the top drafts on nominal
// values; the report (treaty/draft_report.h) lists the drafts with the highest probability as
// the robust ones. Each trial draws every score once, keyed by its path (Uncertain::draw with
// the key set in parse_treaty_block), and judges every draft on the same draws: common random
// numbers, so differences between drafts are not drowned by independent noise (Glasserman
// 2004, "Monte Carlo Methods in Financial Engineering", sec. 4.1). A draft's estimate depends
// only on (seed, trials, the spec), not on which other drafts are judged with it.
// Interval: Wilson (1927), "Probable inference, the law of succession, and statistical
// inference", JASA 22(158); Brown, Cai & DasGupta (2001) recommend it over the Wald interval.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/treaty/draft_search.h"

namespace parley::treaty {

struct AcceptanceEstimate {
  std::uint64_t trials = 0;
  std::uint64_t accepted = 0;  // trials in which every required actor accepted
  double probability = 0.0;    // accepted / trials
  double lower = 0.0;          // Wilson interval
  double upper = 0.0;
};

// The Wilson score interval for `accepted` successes in `trials`; trials must be positive.
// The share accepted with its Wilson interval (parley::wilson_interval, stats/streaming.h).
[[nodiscard]] AcceptanceEstimate acceptance_estimate(std::uint64_t accepted, std::uint64_t trials);

// P(accepted by all required actors) for each draft, from `trials` trials at `seed`. `watch`
// sees trials done; when it stops them, the estimates cover the trials finished (their
// `trials` says how many), and there are none when no trial finished.
[[nodiscard]] std::vector<AcceptanceEstimate> acceptance_probabilities(const TreatySpec& spec,
                                                                       const std::vector<DraftMask>& drafts,
                                                                       std::uint64_t trials, std::uint64_t seed,
                                                                       const DraftWatch& watch = {});

}  // namespace parley::treaty
