// Private to the table (engine/src/bargaining/table/): what its concept files share.
#pragma once

#include <limits>
#include <vector>

#include "parley/bargaining/table.h"

namespace parley::bargaining::table_detail {

// A disagreement value no deal can meet: a side certain that the rival reneges.
inline constexpr double kNoDeal = std::numeric_limits<double>::infinity();

[[nodiscard]] bool is_belligerent(const Scenario& scenario, int actor);

// The drift with the aid that would flow in a month of war: what an observer who is not
// fighting (a third party) or a side re-assessing during a ceasefire perceives. With
// `extra_opponent_aid_effect`, the rival of `disfavoured` gets that much more aid effect (a
// coercer's threat carried out).
[[nodiscard]] double observed_drift(const Trial& trial, double extra_opponent_aid_effect = 0.0, int disfavoured = -1);
// observed_drift with the month's would_flow_multipliers given (a ceasefire's review prices the
// drift and both sides' costs of a renewed war at one state).
[[nodiscard]] double observed_drift(const Trial& trial, const AidMultipliers& would_flow);

// Whether belligerent `side` perceives a hurting stalemate this month (Zartman 1989): the test
// ripeness applies to both sides, for one (ripeness.cpp). `stakes`: per actor, what the war
// decides for it (Table::stakes_).
[[nodiscard]] bool in_hurting_stalemate(const Trial& trial, int side, const std::vector<double>& stakes);

// At a review of the war: marks each conditional_on_talks flow whose recipient refuses talks its
// rival offers, so that the patron withholds it until the next review (conditional_aid.cpp).
void review_conditional_aid(const Trial& trial, bool talks_forced, const std::vector<double>& stakes);

}  // namespace parley::bargaining::table_detail
