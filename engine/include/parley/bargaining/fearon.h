// Fearon's bargaining range: the deals both sides prefer to war.
//
// Where it sits: the canonical one-issue, complete-information reduction of the bargaining
// stage (docs/model.md 12). With risk-neutral states dividing a unit good, A wins a war with
// probability p, war costs c_A and c_B (shares of the good), and the war payoffs are p - c_A for
// A and 1 - p - c_B for B. A deal x (A's share) is preferred by both iff x >= p - c_A and
// 1 - x >= 1 - p - c_B, i.e. x in [p - c_A, p + c_B], intersected with [0, 1].
// Source: Fearon (1995), "Rationalist Explanations for War", International Organization 49(3),
// 379-414, section "The existence of a bargaining range", Figure 1.
#pragma once

#include <optional>

namespace parley::bargaining {

struct BargainingRange {
  double lower_share;  // A's least acceptable share: p - c_A (clipped to 0)
  double upper_share;  // B's least acceptable share leaves A this much: p + c_B (clipped to 1)
};

// The range of A's shares both prefer to war, or nothing when it is empty. Costs may be
// negative (a side that gains from fighting itself), which is how an empty range arises.
// Throws parley::Error when p_win_prob is outside [0, 1] or an argument is not finite.
[[nodiscard]] std::optional<BargainingRange> fearon_bargaining_range(double a_win_prob, double a_cost_share,
                                                                     double b_cost_share);

}  // namespace parley::bargaining
