#include "parley/bargaining/talks.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "parley/bargaining/alternating_offers.h"
#include "parley/bargaining/war_of_attrition.h"
#include "parley/bargaining/war_value.h"
#include "parley/core/error.h"
#include "parley/model/dynamics.h"

namespace parley::bargaining {

namespace {

constexpr std::uint64_t kViolationKey = fnv1a64("/bargaining/violation_detected");
constexpr double kNoDeal = std::numeric_limits<double>::infinity();

bool is_belligerent(const Scenario& scenario, int actor) {
  return actor == scenario.battlefield.holder || actor == scenario.battlefield.opponent;
}

// The drift with the aid that would flow in a month of war: what an observer who is not
// fighting (a third party) or a side re-assessing during a ceasefire perceives.
double observed_drift(const Scenario& scenario, const TrialParameters& params, const TrialState& state,
                      double extra_opponent_aid_effect = 0.0, int disfavoured = -1) {
  double holder_multiplier = 1.0, opponent_multiplier = 1.0;
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    if (!aid_would_flow(scenario, params, state, j)) continue;
    const double effect = params.aid[j].effectiveness * state.aid[j].amount_per_month;
    (scenario.aid[j].recipient == scenario.battlefield.holder ? holder_multiplier : opponent_multiplier) += effect;
  }
  if (disfavoured == scenario.battlefield.opponent) holder_multiplier += extra_opponent_aid_effect;
  if (disfavoured == scenario.battlefield.holder) opponent_multiplier += extra_opponent_aid_effect;
  const double holder =
      state.actors[static_cast<std::size_t>(scenario.battlefield.holder)].strength * holder_multiplier;
  const double opponent =
      state.actors[static_cast<std::size_t>(scenario.battlefield.opponent)].strength * opponent_multiplier;
  return front_drift(params.battlefield, holder, opponent);
}

}  // namespace

void Table::prepare(const Scenario& scenario, const TrialParameters& params, const AnticipationTables* anticipation) {
  const BargainingSpec& spec = *scenario.bargaining;
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  const auto k = static_cast<Eigen::Index>(scenario.issues.size());
  Eigen::MatrixXd ideal(n, k), salience(n, k);
  Eigen::VectorXd status_quo(k);
  std::vector<std::vector<int>> owners(static_cast<std::size_t>(k));
  for (Eigen::Index j = 0; j < k; ++j) {
    status_quo(j) = scenario.issues[static_cast<std::size_t>(j)].status_quo;
    owners[static_cast<std::size_t>(j)] = scenario.issues[static_cast<std::size_t>(j)].owners;
  }
  std::vector<bool> cares(static_cast<std::size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& positions = params.actors[static_cast<std::size_t>(i)].positions;
    for (Eigen::Index j = 0; j < k; ++j) {
      ideal(i, j) = positions[static_cast<std::size_t>(j)].ideal;
      salience(i, j) = positions[static_cast<std::size_t>(j)].salience;
    }
    cares[static_cast<std::size_t>(i)] = k > 0 && salience.row(i).sum() > 0.0;
    // An actor with no salient issue has no stake at the table; it is kept out of it (weight 0,
    // no veto), and a uniform row only keeps the table's arithmetic defined.
    if (!cares[static_cast<std::size_t>(i)] && k > 0) salience.row(i).setConstant(1.0);
  }
  // Who sits at the table, by format (MODEL.md 7).
  std::vector<bool> participant(static_cast<std::size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i) {
    const bool belligerent = is_belligerent(scenario, static_cast<int>(i));
    const bool broadened = spec.format == TalksFormat::kBroadened || spec.format == TalksFormat::kTwoTrack;
    participant[static_cast<std::size_t>(i)] = cares[static_cast<std::size_t>(i)] && (belligerent || broadened) &&
                                               params.bargaining[static_cast<std::size_t>(i)].weight > 0.0;
  }
  // An issue is on the table when everyone whose consent it needs is there: in bilateral talks
  // the third parties' issues stay at the status quo (000).
  std::vector<bool> on_table(static_cast<std::size_t>(k), true);
  for (Eigen::Index j = 0; j < k; ++j)
    for (const int owner : owners[static_cast<std::size_t>(j)])
      if (!participant[static_cast<std::size_t>(owner)]) on_table[static_cast<std::size_t>(j)] = false;
  const LossShape loss = spec.utility == UtilityShape::kLinear ? LossShape::kLinear : LossShape::kQuadratic;
  table_ = make_issue_table(ideal, salience, status_quo, owners, on_table, loss);

  weight_.setZero(n);
  veto_.assign(static_cast<std::size_t>(n), false);
  seated_ = participant;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!participant[static_cast<std::size_t>(i)]) continue;
    const double power = params.bargaining[static_cast<std::size_t>(i)].weight;
    const double delta = params.actors[static_cast<std::size_t>(i)].preferences.discount_per_month;
    // Alternating offers with frequent offers is Nash bargaining with weights proportional to
    // patience, 1 / r_i (Binmore, Rubinstein & Wolinsky 1986).
    weight_(i) =
        spec.solution == SolutionConcept::kAlternatingOffers ? power / std::max(1e-6, -std::log(delta)) : power;
    veto_[static_cast<std::size_t>(i)] = true;
  }
  for (Eigen::Index j = 0; j < k; ++j)
    if (on_table[static_cast<std::size_t>(j)])
      for (const int owner : owners[static_cast<std::size_t>(j)])
        if (cares[static_cast<std::size_t>(owner)]) veto_[static_cast<std::size_t>(owner)] = true;
  if (spec.solution == SolutionConcept::kAlternatingOffers && spec.first_proposer >= 0)
    exact_offer_weights(scenario, params);

  holder_victory_ = status_quo;
  opponent_victory_ = status_quo;
  if (spec.territory_issue >= 0) {
    holder_victory_(spec.territory_issue) = 1.0;
    opponent_victory_(spec.territory_issue) = 0.0;
  }
  concession_key_.resize(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < concession_key_.size(); ++i)
    concession_key_[i] = fnv1a64("/bargaining/attrition/" + scenario.actors[i].id);
  anticipation_ = anticipation;
  regroup_.resize(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < regroup_.size(); ++i) regroup_[i] = params.bargaining[i].regroup_share_per_month;
  disagreement_.resize(n);
}

void Table::exact_offer_weights(const Scenario& scenario, const TrialParameters& params) {
  // One offer per review, the first by `first_proposer`; while talks fail the war goes on, so a
  // responder's value of rejecting is a round of war and then the next round's terms. With a
  // linear frontier (one issue, linear utility) the subgame-perfect deal gives the proposer the
  // share s of the surplus above the war values, s = (1 - d2)/(1 - d1 d2) (Rubinstein 1982) or
  // the backward-induction share for a finite number of rounds (Stahl 1972), with d the
  // discount per round: the Nash solution with weights (s, 1 - s) is that deal. On a curved
  // frontier the same weights are the Nash approximation, exact as rounds become frequent
  // (Binmore, Rubinstein & Wolinsky 1986). Rounds are counted afresh at every review.
  const BargainingSpec& spec = *scenario.bargaining;
  const int proposer = spec.first_proposer;
  const int responder =
      proposer == scenario.battlefield.holder ? scenario.battlefield.opponent : scenario.battlefield.holder;
  if (!seated_[static_cast<std::size_t>(proposer)] || !seated_[static_cast<std::size_t>(responder)]) return;
  const auto per_round = [&](int actor) {
    return std::pow(params.actors[static_cast<std::size_t>(actor)].preferences.discount_per_month,
                    spec.review_every_months);
  };
  const double d1 = per_round(proposer), d2 = per_round(responder);
  double share = 0.5;  // two perfectly patient sides: the symmetric limit
  if (spec.offer_rounds > 0)
    share = finite_horizon_proposer_share(d1, d2, spec.offer_rounds);
  else if (d1 * d2 < 1.0)
    share = rubinstein_proposer_share(d1, d2);
  // A responder with share 0 (an ultimatum) keeps its veto: the Nash solver treats it as a
  // constraint, so the proposer takes the whole surplus.
  weight_(proposer) = share;
  weight_(responder) = 1.0 - share;
}

double Table::terms_value(int actor, const Eigen::Ref<const Eigen::VectorXd>& terms) const {
  return 1.0 + actor_utility(table_, actor, terms);
}

double Table::war_value_of(const Scenario& scenario, const TrialParameters& params, const TrialState& state, int actor,
                           double drift, double cost_utility) const {
  // Values are monthly flows normalised by the discount rate (a deal's terms are worth v(z)
  // every month): while fighting, an actor keeps the status-quo terms and pays the war's cost;
  // after a victory it keeps the victor's terms. With D1, D0 the discounted exit transforms,
  //   w = (1 - D1 - D0) (v(sq) - cost) + D1 v(holder wins) + D0 v(opponent wins).
  const DiscountedExit exit = exit_of(scenario, params, state, actor, drift);
  const double fighting = terms_value(actor, table_.status_quo) - cost_utility;
  return (1.0 - exit.at_one - exit.at_zero) * fighting + exit.at_one * terms_value(actor, holder_victory_) +
         exit.at_zero * terms_value(actor, opponent_victory_);
}

DiscountedExit Table::exit_of(const Scenario& scenario, const TrialParameters& params, const TrialState& state,
                              int actor, double drift) const {
  const double x = std::clamp(state.front_share, 0.0, 1.0);
  const double sigma = std::max(params.battlefield.volatility_per_sqrt_month, kMinWarVolatility);
  const double delta = params.actors[static_cast<std::size_t>(actor)].preferences.discount_per_month;
  DiscountedExit exit = discounted_exit(x, drift, sigma, delta);
  if (anticipation_) {
    // Known cut-offs ahead: the solver's correction, looked up at (month, front, drift).
    const DiscountedExit shift = anticipation_->exit_shift(scenario, params, state, actor, x, drift);
    exit.at_one = std::clamp(exit.at_one + shift.at_one, 0.0, 1.0);
    exit.at_zero = std::clamp(exit.at_zero + shift.at_zero, 0.0, 1.0 - exit.at_one);
  }
  return exit;
}

double Table::sanctions_strain_loss(const Scenario& scenario, const TrialParameters& params, const TrialState& state,
                                    int actor, double drift, double raised_level) const {
  if (!scenario.sanctions || !scenario.mechanisms.sanctions || scenario.sanctions->target != actor) return 0.0;
  const Sanctions& s = params.sanctions;
  const double level = state.sanctions_level_share;
  if (!(raised_level > level)) return 0.0;
  // The economy follows e' = e - drag L e + recovery (1 - e): from today's strain s0 the strain
  // moves to s*(L) = drag L / (recovery + drag L) at the rate rho = 1 - drag L - recovery a month,
  // s_t = s*(L) + rho^t (s0 - s*(L)). A war value prices today's strain as a constant cost, so a
  // raised level costs the difference of the two paths, (s*(L') - s0)(1 - rho'^t) -
  // (s*(L) - s0)(1 - rho^t), every month of war. In the flow units of the war value,
  //   r E int_0^T e^{-rt} A (1 - rho^t) dt = A [(1 - E e^{-rT}) - r/(r + k) (1 - E e^{-(r + k)T})],
  // k = -ln rho, r = -ln delta: Laplace transforms of the exit time at two discount rates.
  const double x = std::clamp(state.front_share, 0.0, 1.0);
  const double sigma = std::max(params.battlefield.volatility_per_sqrt_month, kMinWarVolatility);
  const double delta = params.actors[static_cast<std::size_t>(actor)].preferences.discount_per_month;
  const DiscountedExit exit = exit_of(scenario, params, state, actor, drift);
  const double fighting_share = 1.0 - exit.at_one - exit.at_zero;
  const double strain_now = 1.0 - state.economy_index;
  const auto path_cost = [&](double l) {
    const double pull = s.economy_drag_per_month * l + s.economy_recovery_per_month;
    if (!(pull > 0.0)) return 0.0;  // the economy does not move
    const double gap = s.economy_drag_per_month * l / pull - strain_now;
    const double rho = 1.0 - pull;
    // A month's step at or past the target (rho <= 0) reaches it at once.
    if (!(rho > 0.0) || !(delta < 1.0)) return gap * fighting_share;
    const DiscountedExit faster = discounted_exit(x, drift, sigma, delta * rho);
    return gap * (fighting_share - std::log(delta) / std::log(delta * rho) * (1.0 - faster.at_one - faster.at_zero));
  };
  return params.actors[static_cast<std::size_t>(actor)].preferences.cost_weight *
         (path_cost(std::min(1.0, raised_level)) - path_cost(level));
}

double Table::renewed_war_value(const Scenario& scenario, const TrialParameters& params, const TrialState& state,
                                int side, const Eigen::Ref<const Eigen::VectorXd>& terms) const {
  const BargainingSpec& spec = *scenario.bargaining;
  const Commitment& c = params.commitment;
  // A belligerent prices the renewed war by its own belief, as it priced war at the table (the
  // front does not move in a ceasefire, so the belief does not learn), moved by the change of the
  // drift that the forces it sees regroup imply since the ceasefire began. Pricing it by the
  // true drift instead made a side whose belief was gloomier than the truth sign a deal and break
  // it the next month, over and over.
  const double truth = observed_drift(scenario, params, state);
  const double drift =
      is_belligerent(scenario, side) && scenario.mechanisms.beliefs && state.table.phase != Phase::kWar
          ? state.actors[static_cast<std::size_t>(side)].belief_mean_drift + (truth - state.table.ceasefire_drift)
          : truth;
  double cost = params.actors[static_cast<std::size_t>(side)].preferences.cost_weight *
                expected_monthly_cost(scenario, params, state, side);
  // A security guarantee brings the guarantors into a renewed war against the side that broke
  // the deal: its monthly cost of war rises by the deterrence share times the guarantee's level.
  // Guarantees protect the holder, so only the opponent faces them.
  if (side == scenario.battlefield.opponent && spec.guarantee_issue >= 0)
    cost *= 1.0 + c.guarantee_deterrence * terms(spec.guarantee_issue);
  // Monitoring sees a violation with the detection probability and snaps sanctions back to at
  // least their snap-back level: the violator's war is re-priced under the restored sanctions.
  // Snap-back sanctions hurt only their target (sanctions_strain_loss is zero for anyone else).
  return war_value_of(scenario, params, state, side, drift, cost) -
         c.monitoring_detection_prob *
             sanctions_strain_loss(scenario, params, state, side, drift, c.snapback_sanctions_share);
}

bool Table::reneges(const Scenario& scenario, const TrialParameters& params, const TrialState& state, int side,
                    const Eigen::Ref<const Eigen::VectorXd>& terms) {
  const double deal = terms_value(side, terms);
  const double gain_now = renewed_war_value(scenario, params, state, side, terms) - deal;
  // Holding on is worth at least the deal, so a renewed war that does not beat the deal is never
  // worth starting: the common case needs no projection.
  if (gain_now <= 0.0) return false;
  if (state.table.phase != Phase::kPeace) return true;
  // Backward induction over the window's months on the projected path unrolls to: renege now
  // iff w(h) - v > max over later h' of delta^(h' - h) (w(h') - v). Scanning forward, the first
  // later month at least as good decides for waiting, so a side that waits costs one projected
  // month and the full scan is paid only in the month it strikes.
  const int window = scenario.bargaining->peace_window_months;
  const double delta = params.actors[static_cast<std::size_t>(side)].preferences.discount_per_month;
  projection_ = state;
  double discount = 1.0;
  for (int held = state.month - state.table.deals.back().month + 1; held < window; ++held) {
    regroup_in_ceasefire(scenario, params, projection_, regroup_);
    ++projection_.month;
    discount *= delta;
    if (discount * (renewed_war_value(scenario, params, projection_, side, terms) - deal) >= gain_now) return false;
  }
  return true;
}

void Table::assess(const Scenario& scenario, const TrialParameters& params, const TrialState& state, TableView& view,
                   bool solve_always) {
  const BargainingSpec& spec = *scenario.bargaining;
  const std::size_t n = scenario.actors.size();
  view.war_value.assign(n, 0.0);
  view.disagreement.assign(n, 0.0);
  view.perceived_drift.assign(n, 0.0);
  view.monthly_cost.assign(n, 0.0);
  view.stalemate.assign(n, false);
  view.pain.assign(n, false);
  view.at_table.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) view.at_table[i] = seated_[i];
  view.weight.assign(weight_.data(), weight_.data() + weight_.size());
  view.on_table = table_.on_table;

  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  const double truth = observed_drift(scenario, params, state);
  // Mediated talks narrow the gap between the belligerents' beliefs before anyone values war.
  const double mean_belief = 0.5 * (state.actors[static_cast<std::size_t>(holder)].belief_mean_drift +
                                    state.actors[static_cast<std::size_t>(opponent)].belief_mean_drift);
  const double pull = spec.format == TalksFormat::kMediated ? params.talks.mediation_share : 0.0;
  // Regrouping during a peace window shifts the drift a renewed war starts from: half a window
  // of the two sides' regrouping, the expected time of a breakdown within it.
  const double half_window = 0.5 * spec.peace_window_months;
  const double regroup_shift = params.battlefield.power_elasticity_per_month *
                               (std::log1p(regroup_[static_cast<std::size_t>(holder)] * half_window) -
                                std::log1p(regroup_[static_cast<std::size_t>(opponent)] * half_window));
  const double fear = params.commitment.mistrust_prob * (1.0 - state.table.trust);

  bool ripe = true;
  for (std::size_t i = 0; i < n; ++i) {
    const int actor = static_cast<int>(i);
    const bool belligerent = is_belligerent(scenario, actor);
    double drift = truth;
    if (belligerent && scenario.mechanisms.beliefs) {
      const double own = state.actors[i].belief_mean_drift;
      drift = own + pull * (mean_belief - own);
    }
    const double cost =
        params.actors[i].preferences.cost_weight * expected_monthly_cost(scenario, params, state, actor);
    const double value = war_value_of(scenario, params, state, actor, drift, cost);
    view.perceived_drift[i] = drift;
    view.monthly_cost[i] = cost;
    view.war_value[i] = value;
    view.disagreement[i] = value;
    if (!belligerent) continue;
    view.stalemate[i] = std::abs(drift) * params.talks.stalemate_horizon_months < params.talks.stalemate_band_share;
    view.pain[i] = cost >= params.talks.pain_threshold;
    ripe = ripe && view.stalemate[i] && view.pain[i];
    // A deal is worth (1 - q) v(z) + q w_after to the side the anticipated shift disfavours
    // (w_after < w): it fears, with probability q, that the rising rival reneges once it has
    // regrouped, and accepts z iff v(z) >= w + q (w - w_after) / (1 - q). The rising side
    // fears nothing: the rival it faces would only renege into a worse war (Powell 2006).
    if (fear > 0.0) {
      const double after = war_value_of(scenario, params, state, actor, drift + regroup_shift, cost);
      if (after < value) view.disagreement[i] = fear < 1.0 ? value + fear * (value - after) / (1.0 - fear) : kNoDeal;
    }
  }
  view.ripe = ripe;
  view.solver_failed = false;
  if (!ripe && !solve_always) {
    view.deal.status = NashStatus::kNoBargainingSpace;
    return;
  }
  try {
    solve(scenario, view);
  } catch (const Error&) {
    // A non-converged solve is not evidence of a deal; it is counted and reported, never hidden.
    view.solver_failed = true;
    view.deal.status = NashStatus::kNoBargainingSpace;
    view.deal.deal = table_.status_quo;
    view.deal.gain.setZero(static_cast<Eigen::Index>(n));
  }
}

void Table::solve(const Scenario& scenario, TableView& view) {
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  // No deal can give a veto player more than its ideal (value 1): a cheap test that spares the
  // solver most months of a war without bargaining space.
  for (Eigen::Index i = 0; i < n; ++i) {
    disagreement_(i) = view.disagreement[static_cast<std::size_t>(i)] - 1.0;
    if (veto_[static_cast<std::size_t>(i)] && !(disagreement_(i) < 0.0)) {
      view.deal.status = NashStatus::kNoBargainingSpace;
      view.deal.deal = table_.status_quo;
      view.deal.gain.setZero(n);
      return;
    }
  }
  if (weight_.sum() <= 0.0) {
    view.deal.status = NashStatus::kNoBargainingSpace;
    view.deal.deal = table_.status_quo;
    view.deal.gain.setZero(n);
    return;
  }
  if (scenario.bargaining->format != TalksFormat::kTwoTrack) {
    nash_bargaining(table_, weight_, disagreement_, veto_, workspace_, view.deal);
    return;
  }
  // Two tracks (003): Russia and NATO on the third parties' issues, then Ukraine and Russia on
  // theirs with the first track's terms fixed. No trade across tracks.
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  track_ = table_;
  Eigen::VectorXd track_weight = weight_;
  for (std::size_t j = 0; j < track_.on_table.size(); ++j) {
    bool belligerents_only = true;
    for (const int owner : track_.owners[j]) belligerents_only = belligerents_only && is_belligerent(scenario, owner);
    track_.on_table[j] = table_.on_table[j] && !belligerents_only;
  }
  track_weight(holder) = 0.0;
  nash_bargaining(track_, track_weight, disagreement_, veto_, workspace_, track_result_);
  if (track_result_.status != NashStatus::kAgreement) {
    view.deal = track_result_;
    return;
  }
  track_.status_quo = track_result_.deal;
  for (std::size_t j = 0; j < track_.on_table.size(); ++j)
    track_.on_table[j] = table_.on_table[j] && !track_.on_table[j];
  track_weight.setZero();
  track_weight(holder) = weight_(holder);
  track_weight(opponent) = weight_(opponent);
  nash_bargaining(track_, track_weight, disagreement_, veto_, workspace_, view.deal);
}

void Table::sign_deal(const Scenario& scenario, const TrialParameters& params, TrialState& state,
                      const Eigen::VectorXd& terms) {
  const BargainingSpec& spec = *scenario.bargaining;
  state.table.phase = Phase::kPeace;
  state.table.ceasefire_drift = observed_drift(scenario, params, state);
  state.table.terms.assign(terms.data(), terms.data() + terms.size());
  state.table.deals.push_back(DealRecord{state.month, 0, false});
  // Sanctions relief takes effect with the deal.
  if (spec.sanctions_issue >= 0 && scenario.sanctions) state.sanctions_level_share *= 1.0 - terms(spec.sanctions_issue);
}

void Table::apply_coercion(const Scenario& scenario, const TrialParameters& params, TrialState& state,
                           const TrialKey& key) {
  const BargainingSpec& spec = *scenario.bargaining;
  for (std::size_t c = 0; c < spec.coercion.size(); ++c) {
    const CoercionSpec& demand = spec.coercion[c];
    if (demand.deadline_month != state.month || state.table.phase != Phase::kWar) continue;
    const Coercion& p = params.coercion[c];
    ++state.table.demands;
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
    double effect_per_aid = 0.0;
    for (std::size_t j = 0; j < scenario.aid.size(); ++j)
      if (scenario.aid[j].patron == demand.by) effect_per_aid = std::max(effect_per_aid, params.aid[j].effectiveness);
    const double drift = is_belligerent(scenario, target) && scenario.mechanisms.beliefs
                             ? state.actors[static_cast<std::size_t>(target)].belief_mean_drift
                             : observed_drift(scenario, params, state);
    const double threatened_drift =
        drift + (observed_drift(scenario, params, state, effect_per_aid * p.threat_aid_per_month, target) -
                 observed_drift(scenario, params, state));
    const double cost_weight = params.actors[static_cast<std::size_t>(target)].preferences.cost_weight;
    const double cost = cost_weight * expected_monthly_cost(scenario, params, state, target);
    const double war = war_value_of(scenario, params, state, target, drift, cost);
    // The threatened sanctions are priced like a snap-back: the war under the raised level.
    const double threatened = war_value_of(scenario, params, state, target, threatened_drift, cost) -
                              sanctions_strain_loss(scenario, params, state, target, threatened_drift,
                                                    state.sanctions_level_share + p.threat_sanctions_share);
    const double refuse = p.threat_credibility * threatened + (1.0 - p.threat_credibility) * war;
    const std::uint64_t name = fnv1a64("/bargaining/coercion/" + demand.id);
    if (comply >= refuse) {
      ++state.table.demands_met;
      if (key.uniform(name ^ 1U, 0) >= p.inducement_credibility && spec.sanctions_issue >= 0)
        scratch_terms_(spec.sanctions_issue) = state.table.terms[static_cast<std::size_t>(spec.sanctions_issue)];
      sign_deal(scenario, params, state, scratch_terms_);
      return;
    }
    if (key.uniform(name ^ 2U, 0) < p.threat_credibility) {
      for (std::size_t j = 0; j < scenario.aid.size(); ++j)
        if (scenario.aid[j].patron == demand.by && scenario.aid[j].recipient != target) {
          state.aid[j].amount_per_month += p.threat_aid_per_month;
          break;
        }
      if (scenario.sanctions && scenario.sanctions->target == target)
        state.sanctions_level_share = std::min(1.0, state.sanctions_level_share + p.threat_sanctions_share);
    }
  }
}

void Table::review(const Scenario& scenario, const TrialParameters& params, TrialState& state, const TrialKey& key) {
  if (state.ended) return;
  if (state.table.phase != Phase::kWar) {
    review_ceasefire(scenario, params, state, key);
    return;
  }
  const BargainingSpec& spec = *scenario.bargaining;
  apply_coercion(scenario, params, state, key);
  if (state.table.phase != Phase::kWar) return;
  if (state.month % spec.review_every_months == 0) {
    const bool forced = spec.forced_talks_month > 0 && state.month >= spec.forced_talks_month;
    assess(scenario, params, state, view_, forced);
    if (view_.solver_failed) ++state.table.solver_failures;
    if (view_.ripe) ++state.table.months_ripe;
    const bool agreement = view_.deal.status == NashStatus::kAgreement;
    if (forced || (view_.ripe && agreement)) ++state.table.talks;
    if ((forced || view_.ripe) && agreement) {
      sign_deal(scenario, params, state, view_.deal.deal);
    } else if (view_.ripe && spec.small_steps) {
      // A hurting stalemate with no full deal: partial agreements (local ceasefires, prisoner
      // exchanges) freeze the front while trust builds (002).
      state.table.phase = Phase::kFrozen;
      state.table.ceasefire_drift = observed_drift(scenario, params, state);
      state.table.freeze_month = state.month;
    }
  }
  if (state.table.phase == Phase::kWar) concede(scenario, params, state, key);
}

void Table::concede(const Scenario& scenario, const TrialParameters& params, TrialState& state, const TrialKey& key) {
  // The war of attrition (Maynard Smith 1974; Bishop & Cannings 1978; Hendricks, Weiss & Wilson
  // 1988): in the stationary equilibrium each side quits at the hazard that leaves its rival
  // indifferent between holding on and quitting, lambda_i = c_j / V_j (j the rival, c its monthly
  // cost in utility, V the prize it gets when i quits); in the symmetric game both quit at c / V.
  // Hazards are constant within a month, so each side's quitting time in the month is
  // exponential and the earlier of two quitters in the same month is the one who concedes.
  const int sides[2] = {scenario.battlefield.holder, scenario.battlefield.opponent};
  double ratio[2];  // c_j / V_j of each side
  for (int s = 0; s < 2; ++s) {
    const auto actor = static_cast<std::size_t>(sides[s]);
    const double prize = params.bargaining[actor].attrition_prize;
    if (!(prize > 0.0)) return;
    const double cost =
        params.actors[actor].preferences.cost_weight * expected_monthly_cost(scenario, params, state, sides[s]);
    ratio[s] = cost > 0.0 ? attrition_quit_hazard_per_month(cost, prize) : 0.0;
  }
  int quitter = -1;
  double first_months = 1.0;
  for (int s = 0; s < 2; ++s) {
    const double hazard = ratio[1 - s];
    if (!(hazard > 0.0)) continue;
    const double quit_months = -std::log(key.uniform(concession_key_[static_cast<std::size_t>(sides[s])],
                                                     static_cast<std::uint64_t>(state.month))) /
                               hazard;
    if (quit_months <= first_months) {
      first_months = quit_months;
      quitter = sides[s];
    }
  }
  if (quitter < 0) return;
  state.ended = true;
  state.outcome = quitter == scenario.battlefield.holder ? Outcome::kRussiaVictory : Outcome::kUkraineVictory;
  state.end_month = state.month;
  state.table.conceded = true;
}

void Table::review_ceasefire(const Scenario& scenario, const TrialParameters& params, TrialState& state,
                             const TrialKey& key) {
  const BargainingSpec& spec = *scenario.bargaining;
  const Eigen::Map<const Eigen::VectorXd> terms(state.table.terms.data(),
                                                static_cast<Eigen::Index>(state.table.terms.size()));
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  if (state.table.phase == Phase::kFrozen) {
    state.table.trust += params.commitment.trust_gain_per_month * (1.0 - state.table.trust);
    if (state.month % spec.review_every_months == 0) {
      assess(scenario, params, state, view_);
      if (view_.solver_failed) ++state.table.solver_failures;
      if (view_.deal.status == NashStatus::kAgreement) {
        ++state.table.talks;
        sign_deal(scenario, params, state, view_.deal.deal);
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
  // The commitment problem (MODEL.md 8): each side re-prices war from the ceasefire line with
  // today's (regrouped) forces; guarantees and monitoring make reneging costlier.
  for (const int side : {holder, opponent}) {
    if (!reneges(scenario, params, state, side, terms)) continue;
    if (state.table.phase == Phase::kPeace) state.table.deals.back().broke = true;
    state.table.phase = Phase::kWar;
    if (scenario.sanctions && key.uniform(kViolationKey, static_cast<std::uint64_t>(state.month)) <
                                  params.commitment.monitoring_detection_prob)
      state.sanctions_level_share = std::max(state.sanctions_level_share, params.commitment.snapback_sanctions_share);
    return;
  }
}

SolveReport solve_at_month_zero(const Scenario& scenario) {
  if (!scenario.bargaining)
    throw InputError(scenario.source_path.empty() ? scenario.name : scenario.source_path,
                     {{"/bargaining", "is required by 'parley solve' (the bargaining layer's settings)", "", ""}});
  TrialParameters params;
  central_trial_parameters(scenario, params);

  TrialState state;
  init_trial_state(scenario, params, state);
  const auto anticipation = build_anticipation_tables(scenario);
  Table table;
  table.prepare(scenario, params, anticipation.get());
  SolveReport report;
  table.assess(scenario, params, state, report.view);

  // The same table without the fear of reneging: a deal there but not here is a commitment
  // problem (Fearon 1995; Powell 2006).
  TrialParameters fearless = params;
  fearless.commitment.mistrust_prob = 0.0;
  TableView without;
  table.assess(scenario, fearless, state, without);
  report.deal_without_fear = without.deal;
  report.commitment_problem =
      without.deal.status == NashStatus::kAgreement && report.view.deal.status != NashStatus::kAgreement;

  // Per issue: the values every veto player accepts with the other issues at the deal (at the
  // status quo when there is none), on a fine grid refined by bisection at both ends.
  const std::size_t k = scenario.issues.size();
  report.issue_ranges.assign(k, {std::nan(""), std::nan("")});
  const Eigen::VectorXd base = report.view.deal.deal.size() == static_cast<Eigen::Index>(k)
                                   ? report.view.deal.deal
                                   : Eigen::VectorXd(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(k)));
  const auto acceptable = [&](std::size_t issue, double value) {
    Eigen::VectorXd z = base;
    z(static_cast<Eigen::Index>(issue)) = value;
    for (std::size_t i = 0; i < scenario.actors.size(); ++i)
      if (report.view.at_table[i] && table.terms_value(static_cast<int>(i), z) < report.view.disagreement[i])
        return false;
    return true;
  };
  for (std::size_t issue = 0; issue < k; ++issue) {
    if (!report.view.on_table[issue]) continue;
    constexpr int kSteps = 1000;
    int first = -1, last = -1;
    for (int s = 0; s <= kSteps; ++s)
      if (acceptable(issue, static_cast<double>(s) / kSteps)) {
        if (first < 0) first = s;
        last = s;
      }
    if (first < 0) continue;
    const auto refine = [&](double inside, double outside) {
      for (int it = 0; it < 60; ++it) {
        const double mid = 0.5 * (inside + outside);
        (acceptable(issue, mid) ? inside : outside) = mid;
      }
      return inside;
    };
    const double lo =
        first == 0 ? 0.0 : refine(static_cast<double>(first) / kSteps, static_cast<double>(first - 1) / kSteps);
    const double hi =
        last == kSteps ? 1.0 : refine(static_cast<double>(last) / kSteps, static_cast<double>(last + 1) / kSteps);
    report.issue_ranges[issue] = {lo, hi};
  }
  return report;
}

}  // namespace parley::bargaining
