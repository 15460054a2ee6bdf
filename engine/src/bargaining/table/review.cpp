// The table's month: coercive demands that fall due, talks on the review months, a deal or a
// freeze, and the attrition quit test; after a month of ceasefire, the armistice test and
// review_ceasefire.
#include "parley/bargaining/table.h"

#include "bargaining/table/table_detail.h"

namespace parley::bargaining {

using table_detail::is_belligerent;
using table_detail::observed_drift;

namespace {

// A freeze that has held armistice_after_months ends the war as an armistice, dated by the
// month the freeze began, as a deal that survives its peace window is a settlement dated by
// its signing (docs/model.md 10, "Armistice"). The test comes before the month's renegotiation
// and renege tests, as the settlement's does.
bool ends_in_armistice(const BargainingSpec& spec, TrialState& state) {
  if (state.table.phase != Phase::kFrozen || state.month - state.table.freeze_month < spec.armistice_after_months)
    return false;
  state.ended = true;
  state.outcome = Outcome::kArmistice;
  state.end_month = state.table.freeze_month;
  return true;
}

}  // namespace

void Table::review(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  TrialState& state = trial.state;
  if (state.ended) return;
  follow_front(trial);
  if (state.table.phase != Phase::kWar) {
    if (!ends_in_armistice(*scenario.bargaining, state)) review_ceasefire(trial);
    return;
  }
  const BargainingSpec& spec = *scenario.bargaining;
  apply_coercion(trial);
  if (state.table.phase != Phase::kWar) return;
  if (state.month % spec.review_every_months == 0) {
    const bool forced = spec.forced_talks_month > 0 && state.month >= spec.forced_talks_month;
    table_detail::review_conditional_aid(trial, forced, stakes_);
    assess(trial, view_, forced);
    if (view_.solver_failed) ++state.table.solver_failures;
    if (view_.ripe) ++state.table.months_ripe;
    const bool agreement = view_.deal.status == NashStatus::kAgreement;
    // Under private information talks are held whenever an ultimatum is made, and can fail.
    if (forced || (view_.ripe && (agreement || view_.offer_made))) ++state.table.talks;
    record_offer(trial);
    if ((forced || view_.ripe) && agreement) {
      sign_deal(trial, view_.deal.deal);
    } else if (view_.ripe && spec.small_steps) {
      // A hurting stalemate with no full deal: partial agreements (local ceasefires, prisoner
      // exchanges) freeze the front while trust builds (002).
      state.table.phase = Phase::kFrozen;
      state.table.ceasefire_drift = observed_drift(trial);
      state.table.freeze_month = state.month;
    }
  }
  if (state.table.phase == Phase::kWar) concede(trial);
}

void Table::record_offer(const Trial& trial) {
  if (!view_.offer_made) return;
  TableState& table = trial.state.table;
  ++table.offers;
  if (view_.deal.status == NashStatus::kAgreement) return;
  ++table.offers_rejected;
  learn_from_rejection(trial, view_);
}

void Table::sign_deal(const Trial& trial, const Eigen::VectorXd& terms) {
  const Scenario& scenario = trial.scenario;
  TrialState& state = trial.state;
  const BargainingSpec& spec = *scenario.bargaining;
  state.table.phase = Phase::kPeace;
  state.table.ceasefire_drift = observed_drift(trial);
  state.table.terms.assign(terms.data(), terms.data() + terms.size());
  state.table.deals.push_back(DealRecord{state.month, 0, false});
  // Sanctions relief takes effect with the deal.
  if (spec.sanctions_issue >= 0 && scenario.sanctions) state.sanctions_level_share *= 1.0 - terms(spec.sanctions_issue);
}

}  // namespace parley::bargaining
