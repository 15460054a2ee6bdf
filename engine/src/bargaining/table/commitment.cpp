// The commitment problem in a ceasefire (docs/model.md 10; Fearon 1995; Powell 2006): each side
// re-prices war from the ceasefire line with the forces it sees regroup, guarantees and
// monitoring re-price a violation, and a side breaks the deal when the renewed war beats both
// the deal and waiting.
#include "parley/bargaining/table.h"

#include <algorithm>
#include <cstring>

#include "bargaining/table/table_detail.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

using table_detail::is_belligerent;
using table_detail::observed_drift;

double Table::renewed_war_value(const Trial& trial, int side, const Eigen::Ref<const Eigen::VectorXd>& terms) const {
  const AidMultipliers flowing = would_flow_multipliers(trial.scenario, trial.params, trial.state);
  const RenewedWar war = renewed_war(trial, side, terms, observed_drift(trial, flowing), flowing);
  return renewed_war_value(trial, side, war, exit_of(trial, side, war.drift));
}

Table::RenewedWar Table::renewed_war(const Trial& trial, int side, const Eigen::Ref<const Eigen::VectorXd>& terms,
                                     double truth, const AidMultipliers& would_flow) const {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const TrialState& state = trial.state;
  const BargainingSpec& spec = *scenario.bargaining;
  // A belligerent prices the renewed war by its own belief, as it priced war at the table (the
  // front does not move in a ceasefire, so the belief does not learn), moved by the change of the
  // drift that the forces it sees regroup imply since the ceasefire began. Pricing it by the
  // true drift instead made a side whose belief was gloomier than the truth sign a deal and break
  // it the next month, over and over.
  const double drift =
      is_belligerent(scenario, side) && scenario.mechanisms.beliefs && state.table.phase != Phase::kWar
          ? state.actors[static_cast<std::size_t>(side)].belief_mean_drift + (truth - state.table.ceasefire_drift)
          : truth;
  double cost = params.actors[static_cast<std::size_t>(side)].preferences.cost_weight *
                expected_monthly_cost(scenario, params, state, side, would_flow);
  // A security guarantee brings the guarantors into a renewed war against the side that broke
  // the deal: its monthly cost of war rises by the deterrence share times the guarantee's level.
  // Guarantees protect the holder, so only the opponent faces them.
  if (side == scenario.battlefield.opponent && spec.guarantee_issue >= 0)
    cost *= 1.0 + params.commitment.guarantee_deterrence * terms(spec.guarantee_issue);
  return {drift, cost};
}

double Table::renewed_war_value(const Trial& trial, int side, const RenewedWar& renewed,
                                const DiscountedExit& exit) const {
  const Commitment& c = trial.params.commitment;
  // Monitoring sees a violation with the detection probability and snaps sanctions back to at
  // least their snap-back level: the violator's war is re-priced under the restored sanctions.
  // Snap-back sanctions hurt only their target (sanctions_strain_loss is zero for anyone else).
  const double war = war_value_of(exit, side, renewed.cost);
  // Without monitoring the snap-back costs nothing: war - 0 x (a finite loss) is war, but for
  // the sign of a zero.
  if (c.monitoring_detection_prob == 0.0 && war != 0.0) return war;
  return war - c.monitoring_detection_prob *
                   sanctions_strain_loss(trial, side, renewed.drift, c.snapback_sanctions_share, exit);
}

bool Table::reneges(const Trial& trial, int side, const Eigen::Ref<const Eigen::VectorXd>& terms) {
  const AidMultipliers flowing = would_flow_multipliers(trial.scenario, trial.params, trial.state);
  return reneges(trial, side, terms, observed_drift(trial, flowing), flowing, terms_value(side, terms));
}

bool Table::reneges(const Trial& trial, int side, const Eigen::Ref<const Eigen::VectorXd>& terms, double truth,
                    const AidMultipliers& would_flow, double deal) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  const TrialState& state = trial.state;
  const RenewedWar renewed = renewed_war(trial, side, terms, truth, would_flow);
  // Holding on is worth at least the deal, so a renewed war that does not beat the deal is never
  // worth starting: the common case needs no projection, and most often not the exact value.
  if (renewed_war_below(trial, side, renewed, deal)) return false;
  const DiscountedExit closed_form = closed_form_exit(trial, side, renewed.drift);
  const DiscountedExit exit = exit_of(trial, side, renewed.drift, closed_form);
  const double gain_now = renewed_war_value(trial, side, renewed, exit) - deal;
  update_bracket(trial, side, renewed, closed_form, deal);
  if (gain_now <= 0.0) return false;
  if (state.table.phase != Phase::kPeace) return true;
  // Backward induction over the window's months on the projected path unrolls to: renege now
  // iff w(h) - v > max over later h' of delta^(h' - h) (w(h') - v). Scanning forward, the first
  // later month at least as good decides for waiting, so a side that waits costs one projected
  // month and the full scan is paid only in the month it strikes.
  const int window = scenario.bargaining->peace_window_months;
  const double delta = params.actors[static_cast<std::size_t>(side)].preferences.discount_per_month;
  projection_ = state;
  const Trial projected = trial.at(projection_);
  double discount = 1.0;
  for (int held = state.month - state.table.deals.back().month + 1; held < window; ++held) {
    regroup_in_ceasefire(scenario, params, projection_, regroup_);
    ++projection_.month;
    discount *= delta;
    if (discount * (renewed_war_value(projected, side, terms) - deal) >= gain_now) return false;
  }
  return true;
}

void Table::review_ceasefire(const Trial& trial) {
  const Scenario& scenario = trial.scenario;
  const TrialParameters& params = trial.params;
  TrialState& state = trial.state;
  const TrialKey& key = trial.key;
  const BargainingSpec& spec = *scenario.bargaining;
  const Eigen::Map<const Eigen::VectorXd> terms(state.table.terms.data(),
                                                static_cast<Eigen::Index>(state.table.terms.size()));
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  if (state.table.phase == Phase::kFrozen) {
    state.table.trust += params.commitment.trust_gain_per_month * (1.0 - state.table.trust);
    if (state.month % spec.review_every_months == 0) {
      assess(trial, view_);
      if (view_.solver_failed) ++state.table.solver_failures;
      record_offer(trial);
      // As at a review of the war: talks are held when they end in a deal or in an ultimatum.
      const bool agreement = view_.deal.status == NashStatus::kAgreement;
      if (agreement || view_.offer_made) ++state.table.talks;
      if (agreement) {
        sign_deal(trial, view_.deal.deal);
        return;
      }
    }
  } else {
    DealRecord& deal = state.table.deals.back();
    deal.held_months = state.month - deal.month;
    if (deal.held_months >= spec.peace_window_months) {
      state.ended = true;
      state.outcome = Outcome::kSettlement;
      state.end_month = deal.month;
      return;
    }
  }
  // The commitment problem (docs/model.md 10): each side re-prices war from the ceasefire line with
  // today's (regrouped) forces; guarantees and monitoring make reneging costlier.
  // Both sides re-price at the same month's forces: the drift they observe is one. The deal's
  // value to each changes only with its terms.
  const AidMultipliers flowing = would_flow_multipliers(scenario, params, state);
  const double truth = observed_drift(trial, flowing);
  if (!deal_values_set_ || deal_terms_.size() != state.table.terms.size() ||
      std::memcmp(deal_terms_.data(), state.table.terms.data(), deal_terms_.size() * sizeof(double)) != 0) {
    deal_terms_ = state.table.terms;
    deal_values_[0] = terms_value(holder, terms);
    deal_values_[1] = terms_value(opponent, terms);
    deal_values_set_ = true;
  }
  const PendingCutoffsScope same_pending_cutoffs(*this);
  for (const int side : {holder, opponent}) {
    if (!reneges(trial, side, terms, truth, flowing, deal_values_[side == holder ? 0 : 1])) continue;
    if (state.table.phase == Phase::kPeace) state.table.deals.back().broke = true;
    state.table.phase = Phase::kWar;
    if (scenario.sanctions &&
        key.uniform(keyed_name(keyed::kViolationDetected), static_cast<std::uint64_t>(state.month)) <
            params.commitment.monitoring_detection_prob)
      state.sanctions_level_share = std::max(state.sanctions_level_share, params.commitment.snapback_sanctions_share);
    return;
  }
}

}  // namespace parley::bargaining
