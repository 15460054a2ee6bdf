// Coercive diplomacy (George 1991; Schelling 1966): a demand that falls due is weighed by its
// target against refusing, with the threat and the inducement priced at their credibility. What
// the target concedes is a deal only with the consent of every owner of the issues it changes.
#include "parley/bargaining/table.h"

#include <algorithm>

#include "bargaining/table/table_detail.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

using table_detail::is_belligerent;
using table_detail::observed_drift;

namespace {

// Whether an actor whose consent `terms` need values them below the war it fights without them
// (its disagreement value at the table, `view`): the target's rival, whose war they end, and every
// owner of an issue on which they differ from the terms in force. The target consents by
// complying and the coercer by demanding, so neither is asked.
bool consent_refused(const Trial& trial, const CoercionSpec& demand, const Eigen::VectorXd& terms,
                     const TableView& view, const Table& table) {
  const Scenario& scenario = trial.scenario;
  const int rival =
      demand.target == scenario.battlefield.holder ? scenario.battlefield.opponent : scenario.battlefield.holder;
  if (table.terms_value(rival, terms) < view.disagreement[static_cast<std::size_t>(rival)]) return true;
  const std::vector<double>& in_force = trial.state.table.terms;
  for (std::size_t j = 0; j < scenario.issues.size(); ++j) {
    if (terms(static_cast<Eigen::Index>(j)) == in_force[j]) continue;
    for (const int owner : scenario.issues[j].owners) {
      if (owner == demand.target || owner == demand.by) continue;
      if (table.terms_value(owner, terms) < view.disagreement[static_cast<std::size_t>(owner)]) return true;
    }
  }
  return false;
}

// A refused threat carried out: more aid to the target's enemy, more sanctions on the target.
void carry_out_threat(const Scenario& scenario, const CoercionSpec& demand, const Coercion& p, TrialState& state) {
  for (std::size_t j = 0; j < scenario.aid.size(); ++j)
    if (scenario.aid[j].patron == demand.by && scenario.aid[j].recipient != demand.target) {
      state.aid[j].amount_per_month += p.threat_aid_per_month;
      break;
    }
  if (scenario.sanctions && scenario.sanctions->target == demand.target)
    state.sanctions_level_share = std::min(1.0, state.sanctions_level_share + p.threat_sanctions_share);
}

}  // namespace

void Table::apply_coercion(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  TrialState& state = trial.state;
  const TrialKey& key = trial.key;
  const BargainingSpec& spec = *scenario.bargaining;
  for (std::size_t c = 0; c < spec.coercion.size(); ++c) {
    const CoercionSpec& demand = spec.coercion[c];
    if (demand.deadline_month != state.month || state.table.phase != Phase::kWar) continue;
    const Coercion& p = params.coercion[c];
    const int target = demand.target;
    // Complying: the demanded terms, with the carrot if it is delivered.
    scratch_terms_ = Eigen::Map<const Eigen::VectorXd>(state.table.terms.data(),
                                                       static_cast<Eigen::Index>(state.table.terms.size()));
    scratch_terms_(demand.issue) = p.demand;
    const double without_carrot = terms_value(target, scratch_terms_);
    double with_carrot = without_carrot;
    if (spec.sanctions_issue >= 0 && spec.sanctions_issue != demand.issue) {
      scratch_terms_(spec.sanctions_issue) = std::max(scratch_terms_(spec.sanctions_issue), p.inducement_relief_share);
      with_carrot = terms_value(target, scratch_terms_);
    }
    const double comply = p.inducement_credibility * with_carrot + (1.0 - p.inducement_credibility) * without_carrot;
    // Refusing: the war, and with the threat's credibility a worse one (more aid to the enemy,
    // more sanctions strain).
    const double drift = is_belligerent(scenario, target) && scenario.mechanisms.beliefs
                             ? state.actors[static_cast<std::size_t>(target)].belief_mean_drift
                             : observed_drift(trial);
    const double cost_weight = params.actors[static_cast<std::size_t>(target)].preferences.cost_weight;
    const double cost = cost_weight * expected_monthly_cost(scenario, params, state, target);
    const double war = war_value_of(trial, target, drift, cost);
    double threatened = war;
    if (p.threat_aid_per_month > 0.0 || p.threat_sanctions_share > 0.0) {
      double effect_per_aid = 0.0;
      for (std::size_t j = 0; j < scenario.aid.size(); ++j)
        if (scenario.aid[j].patron == demand.by) effect_per_aid = std::max(effect_per_aid, params.aid[j].effectiveness);
      const double threatened_drift =
          drift + (observed_drift(trial, effect_per_aid * p.threat_aid_per_month, target) - observed_drift(trial));
      // The threatened sanctions are priced like a snap-back: the war under the raised level.
      const DiscountedExit threatened_exit = exit_of(trial, target, threatened_drift);
      threatened = war_value_of(threatened_exit, target, cost) -
                   sanctions_strain_loss(trial, target, threatened_drift,
                                         state.sanctions_level_share + p.threat_sanctions_share, threatened_exit);
    }
    // A demand backed by no credible threat and no inducement is no coercion: the target's
    // choices are those it has without it, and the table decides as if it had not been made.
    const bool threat_bites = p.threat_credibility > 0.0 && threatened < war;
    const bool carrot_bites = p.inducement_credibility > 0.0 && with_carrot > without_carrot;
    if (!threat_bites && !carrot_bites) continue;
    ++state.table.demands;
    const double refuse = p.threat_credibility * threatened + (1.0 - p.threat_credibility) * war;
    const std::uint64_t name = keyed_name(keyed::kCoercion, demand.id);
    if (comply >= refuse) {
      ++state.table.demands_met;
      if (key.uniform(name ^ 1U, 0) >= p.inducement_credibility && spec.sanctions_issue >= 0)
        scratch_terms_(spec.sanctions_issue) = state.table.terms[static_cast<std::size_t>(spec.sanctions_issue)];
      // The concession is an offer: the other owners of what it changes weigh it against the war
      // as the table prices it, and one that refuses keeps the war going. The coercer does not
      // punish a target that complied.
      assess(trial, view_);
      if (consent_refused(trial, demand, scratch_terms_, view_, *this)) continue;
      sign_deal(trial, scratch_terms_);
      return;
    }
    if (key.uniform(name ^ 2U, 0) < p.threat_credibility) carry_out_threat(scenario, demand, p, state);
  }
}

}  // namespace parley::bargaining
