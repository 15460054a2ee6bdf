// Aid conditional on talks (001: "Should the Biden Administration Pressure the Ukrainians to go
// to the Negotiating Table"): the patron withholds the flow while its recipient refuses talks its
// rival offers (docs/model.md section 5).
#include "bargaining/table/table_detail.h"

namespace parley::bargaining {

// Talks are offered to the recipient when its rival perceives a hurting stalemate, and accepted
// when the recipient perceives one too: each side's willingness to negotiate is its own half of
// ripeness (Zartman 1989). Forced talks seat the recipient whatever it perceives, so it refuses
// nothing while they are in force.
void table_detail::review_conditional_aid(const Trial& trial, bool talks_forced, const std::vector<double>& stakes) {
  const Scenario& scenario = trial.scenario;
  TrialState& state = trial.state;
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    AidState& aid = state.aid[j];
    if (aid.policy.kind != AidPolicyKind::kConditionalOnTalks) continue;
    const int recipient = scenario.aid[j].recipient;
    const int rival = recipient == holder ? opponent : holder;
    aid.talks_refused =
        !talks_forced && in_hurting_stalemate(trial, rival, stakes) && !in_hurting_stalemate(trial, recipient, stakes);
  }
}

}  // namespace parley::bargaining
