#include "parley/bargaining/anticipation.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/model/dynamics.h"
#include "parley/model/war_state.h"

namespace parley::bargaining {

namespace {

// Drifts a belief reaches within four prior standard deviations are on the grid; the floor keeps
// a grid for scenarios without beliefs, where the perceived drift is the truth and moves with
// the forces: a 1% a month drift crosses the territory in under ten years.
constexpr double kMinDriftHalfWidth = 0.01;
constexpr double kBeliefSds = 4.0;
bool flows_at_start(const AidSpec& aid) {
  return aid.policy.kind != AidPolicyKind::kNone;
}

// Elections whose new aid policy the tables can anticipate: `none` (flows stop) or
// `as_long_as_it_takes` (flows start), at a known month.
bool anticipated_election(const EventSpec& event) {
  return event.kind == EventKind::kElection && event.month >= 1 && event.new_aid_policy &&
         (event.new_aid_policy->kind == AidPolicyKind::kNone ||
          event.new_aid_policy->kind == AidPolicyKind::kAsLongAsItTakes);
}

// Holder and opponent aid multipliers with the flows on at `month` when the cut-offs in `set`
// happen: a flow on at the start stays on until a cut-off in the set stops it, one off at the
// start comes on when a start in the set begins it. `amount(j)` is flow j's amount per month:
// the central point's when the tables are built, the amount in force when a trial looks up.
template <class AmountOf>
std::pair<double, double> multipliers(const Scenario& scenario, const TrialParameters& params, const AmountOf& amount,
                                      const std::vector<AnticipatedCutoff>& cutoffs, unsigned set, int month) {
  double holder = 1.0, opponent = 1.0;
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    bool on = flows_at_start(scenario.aid[j]);
    for (std::size_t c = 0; c < cutoffs.size(); ++c)
      if ((set >> c & 1U) && month >= cutoffs[c].first_month &&
          std::find(cutoffs[c].flows.begin(), cutoffs[c].flows.end(), j) != cutoffs[c].flows.end())
        on = cutoffs[c].starts;
    if (!on) continue;
    const double effect = params.aid[j].effectiveness * amount(j);
    (scenario.aid[j].recipient == scenario.battlefield.holder ? holder : opponent) += effect;
  }
  return {holder, opponent};
}

// The drift shift once every cut-off in `set` has happened: beta times the change of the log
// power ratio, independent of the strengths.
template <class AmountOf>
double final_shift(const Scenario& scenario, const TrialParameters& params, const AmountOf& amount,
                   const std::vector<AnticipatedCutoff>& cutoffs, unsigned set) {
  int last = 0;
  for (std::size_t c = 0; c < cutoffs.size(); ++c)
    if (set >> c & 1U) last = std::max(last, cutoffs[c].first_month);
  const auto [h0, o0] = multipliers(scenario, params, amount, cutoffs, 0, 0);
  const auto [h1, o1] = multipliers(scenario, params, amount, cutoffs, set, last);
  return params.battlefield.power_elasticity_per_month * (std::log(h1 / h0) - std::log(o1 / o0));
}

// The drawn amounts, for tables built at a parameter point before any trial has changed one.
auto drawn_amounts(const TrialParameters& params) {
  return [&params](std::size_t j) { return params.aid[j].amount_per_month; };
}

// The month after which every cut-off of `set` has come: the last first month among them.
int last_cut_month(const std::vector<AnticipatedCutoff>& cutoffs, unsigned set) {
  int last = 0;
  for (std::size_t c = 0; c < cutoffs.size(); ++c)
    if (set >> c & 1U) last = std::max(last, cutoffs[c].first_month);
  return last;
}

// Half the width of the drift grid: wide enough for every belligerent's prior belief about the
// drift, kBeliefSds standard deviations either side of its mean.
double drift_grid_half_width(const Scenario& scenario, const TrialParameters& central, double centre) {
  double half_width = kMinDriftHalfWidth;
  if (scenario.mechanisms.beliefs)
    for (std::size_t i = 0; i < scenario.actors.size(); ++i)
      if (scenario.actors[i].belief) {
        const Belief& b = central.actors[i].belief;
        half_width = std::max(
            half_width, std::abs(b.prior_mean_drift_per_month - centre) + kBeliefSds * b.prior_sd_drift_per_month);
      }
  return half_width;
}

// The number of values the tables hold, refused above kMaxValues before any is solved.
void check_table_size(const std::vector<AnticipatedCutoff>& cutoffs, unsigned sets, int front_intervals,
                      std::size_t discounts, int levels) {
  std::size_t values = 0;
  for (unsigned set = 1; set < sets; ++set)
    values += static_cast<std::size_t>(last_cut_month(cutoffs, set)) * static_cast<std::size_t>(front_intervals + 1);
  values *= discounts * static_cast<std::size_t>(levels) * 2;
  if (values > AnticipationTables::kMaxValues)
    throw Error("anticipation tables: " + std::to_string(values) + " values exceed the limit of " +
                std::to_string(AnticipationTables::kMaxValues) +
                " (kMaxValues in engine/include/parley/bargaining/anticipation.h)");
}

// The distinct discount factors of the actors, and for each actor the index of its own.
std::vector<double> distinct_discounts(const TrialParameters& central, std::vector<std::size_t>& index_of_actor) {
  std::vector<double> discounts;
  for (const ActorParameters& actor : central.actors) {
    const double delta = actor.preferences.discount_per_month;
    auto it = std::find(discounts.begin(), discounts.end(), delta);
    index_of_actor.push_back(static_cast<std::size_t>(it - discounts.begin()));
    if (it == discounts.end()) discounts.push_back(delta);
  }
  return discounts;
}

// On the front grid j / intervals: the exit transforms at the last cut (the drift shifted by
// every cut of the set), the tables' terminal row, and at the drift itself, the closed form the
// tables correct.
void exit_rows(double drift, double final_shift, double sigma, double delta, Eigen::VectorXd& terminal_one,
               Eigen::VectorXd& terminal_zero, Eigen::MatrixXd& closed_one, Eigen::MatrixXd& closed_zero) {
  const auto intervals = static_cast<int>(terminal_one.size()) - 1;
  for (int j = 0; j <= intervals; ++j) {
    const double x = static_cast<double>(j) / intervals;
    const DiscountedExit after = discounted_exit(x, drift + final_shift, sigma, delta);
    const DiscountedExit before = discounted_exit(x, drift, sigma, delta);
    terminal_one[j] = after.at_one;
    terminal_zero[j] = after.at_zero;
    closed_one(0, j) = before.at_one;
    closed_zero(0, j) = before.at_zero;
  }
}

}  // namespace

std::vector<AnticipatedCutoff> anticipated_cutoffs(const Scenario& scenario) {
  std::vector<AnticipatedCutoff> cutoffs;
  if (!scenario.mechanisms.aid) return cutoffs;
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    const AidPolicy& policy = scenario.aid[j].policy;
    // update_aid cuts the flow in the first month after end_month.
    if (policy.kind == AidPolicyKind::kUntil && policy.end_month > 0)
      cutoffs.push_back({policy.end_month + 1, {j}, -1});
  }
  if (!scenario.mechanisms.events) return cutoffs;
  for (std::size_t e = 0; e < scenario.events.size(); ++e) {
    const EventSpec& event = scenario.events[e];
    if (!anticipated_election(event)) continue;
    // An election that ends aid stops the patron's flows that flow; one that brings in aid as
    // long as it takes starts those that do not. (A new `until` or conditional policy would
    // start flows whose end is itself uncertain: not anticipated.)
    const bool starts = event.new_aid_policy->kind == AidPolicyKind::kAsLongAsItTakes;
    AnticipatedCutoff cutoff{event.month, {}, static_cast<int>(e), starts};
    for (std::size_t j = 0; j < scenario.aid.size(); ++j)
      if (scenario.aid[j].patron == event.actor && flows_at_start(scenario.aid[j]) != starts) cutoff.flows.push_back(j);
    if (!cutoff.flows.empty()) cutoffs.push_back(std::move(cutoff));
  }
  return cutoffs;
}

bool anticipates_cutoffs(const Scenario& scenario) {
  if (!scenario.bargaining || !scenario.mechanisms.aid) return false;
  for (const AidSpec& aid : scenario.aid)
    if (aid.policy.kind == AidPolicyKind::kUntil && aid.policy.end_month > 0) return true;
  if (scenario.mechanisms.events)
    for (const EventSpec& event : scenario.events)
      if (anticipated_election(event)) return true;
  return false;
}

std::shared_ptr<const AnticipationTables> build_anticipation_tables(const Scenario& scenario) {
  if (!anticipates_cutoffs(scenario)) return nullptr;
  return std::make_shared<const AnticipationTables>(scenario);
}

AnticipationTables::AnticipationTables(const Scenario& scenario, AnticipationGrid grid)
    : cutoffs_(anticipated_cutoffs(scenario)) {
  if (cutoffs_.size() > kMaxAnticipatedCutoffs)
    throw Error("anticipated aid cut-offs: " + std::to_string(cutoffs_.size()) + " (until end months and elections " +
                "that stop or start aid) exceed the limit of " + std::to_string(kMaxAnticipatedCutoffs) +
                " (kMaxAnticipatedCutoffs in engine/include/parley/bargaining/anticipation.h)");
  if (grid.drift_levels < 3 || grid.drift_levels % 2 == 0)
    throw Error("anticipation tables: drift_levels must be odd and >= 3");
  sets_ = std::size_t{1} << cutoffs_.size();
  for (const AnticipatedCutoff& cutoff : cutoffs_) last_first_month_ = std::max(last_first_month_, cutoff.first_month);
  levels_ = grid.drift_levels;
  TrialParameters central;
  central_trial_parameters(scenario, central);
  WarState start;
  init_war_state(scenario, central, start);

  const int holder = scenario.battlefield.holder, opponent = scenario.battlefield.opponent;
  const double holder_strength = start.actors[static_cast<std::size_t>(holder)].strength;
  const double opponent_strength = start.actors[static_cast<std::size_t>(opponent)].strength;
  const auto drift_with = [&](unsigned set, int month) {
    const auto [h, o] = multipliers(scenario, central, drawn_amounts(central), cutoffs_, set, month);
    return front_drift(central.battlefield, holder_strength * h, opponent_strength * o);
  };
  centre_ = drift_with(0, 0);
  const double centre = centre_;
  const double half_width = drift_grid_half_width(scenario, central, centre);
  drift_step_ = 2.0 * half_width / (levels_ - 1);

  const std::vector<double> discounts = distinct_discounts(central, discount_of_actor_);

  const int intervals = grid.front.front_intervals;
  check_table_size(cutoffs_, static_cast<unsigned>(sets_), intervals, discounts.size(), levels_);

  central_shift_.assign(sets_, 0.0);
  for (unsigned set = 1; set < sets_; ++set)
    central_shift_[set] = final_shift(scenario, central, drawn_amounts(central), cutoffs_, set);
  const double sigma = std::max(central.battlefield.volatility_per_sqrt_month, kMinWarVolatility);
  tables_.reserve(discounts.size() * sets_ * static_cast<std::size_t>(levels_) * 2);
  Eigen::VectorXd terminal_one(intervals + 1), terminal_zero(intervals + 1);
  Eigen::MatrixXd closed_one(1, intervals + 1), closed_zero(1, intervals + 1);
  for (const double delta : discounts) {
    for (unsigned set = 0; set < sets_; ++set) {
      // The empty set is the constant-drift closed form: no correction, no table.
      if (set == 0) {
        for (int k = 0; k < levels_ * 2; ++k) tables_.emplace_back(Eigen::MatrixXd::Zero(1, 2));
        continue;
      }
      const int last = last_cut_month(cutoffs_, set);
      // Row t is the state after month t; the month fought next is t + 1, so the drift on
      // [t, t + 1) is that of month t + 1, and row last - 1 (the eve of the last cut) is terminal.
      const int months = last - 1;
      Eigen::VectorXd shift(months);
      for (int t = 0; t < months; ++t) shift[t] = drift_with(set, t + 1) - centre;
      const double final_shift = drift_with(set, last) - centre;
      const Eigen::VectorXd volatility = Eigen::VectorXd::Constant(months, sigma);
      const Eigen::VectorXd no_cost = Eigen::VectorXd::Zero(months);
      for (int k = 0; k < levels_; ++k) {
        const double drift = drift_level(k);
        exit_rows(drift, final_shift, sigma, delta, terminal_one, terminal_zero, closed_one, closed_zero);
        const Eigen::VectorXd path = Eigen::VectorXd::Constant(months, drift) + shift;
        for (int side = 0; side < 2; ++side) {
          const bool one = side == 0;
          WarValueTable solved = solve_war_value_table(path, volatility, no_cost, delta, one ? 1.0 : 0.0,
                                                       one ? 0.0 : 1.0, one ? terminal_one : terminal_zero, grid.front);
          Eigen::MatrixXd correction = solved.values();
          correction.rowwise() -= one ? closed_one.row(0) : closed_zero.row(0);
          if (!correction.allFinite())
            throw Error("anticipation tables: the backward solver gave a non-finite value (drift " +
                        std::to_string(drift) + ", volatility " + std::to_string(sigma) + ")");
          tables_.emplace_back(std::move(correction));
        }
      }
    }
  }
  build_envelopes(discounts.size());
}

void AnticipationTables::build_envelopes(std::size_t discounts) {
  envelopes_.reserve(discounts * sets_ * 2);
  for (std::size_t discount = 0; discount < discounts; ++discount)
    for (unsigned set = 0; set < sets_; ++set)
      for (int side = 0; side < 2; ++side) {
        Eigen::MatrixXd envelope = table(discount, set, 0, side).values().cwiseAbs();
        for (int k = 1; k < levels_; ++k)
          envelope = envelope.cwiseMax(table(discount, set, k, side).values().cwiseAbs());
        envelopes_.emplace_back(std::move(envelope));
      }
}

DiscountedExit AnticipationTables::shift_bound(const PendingCutoffs& branches, int actor, double front_share) const {
  DiscountedExit bound;
  const std::size_t discount = discount_of_actor_[static_cast<std::size_t>(actor)];
  const auto month = static_cast<double>(branches.month);
  for (unsigned b = 0; b < branches.count; ++b) {
    const auto [set, scale] = branches.branch[b];
    for (int side = 0; side < 2; ++side) {
      const double largest =
          envelopes_[(discount * sets_ + set) * 2 + static_cast<std::size_t>(side)].largest_interpolated(month,
                                                                                                         front_share);
      (side == 0 ? bound.at_one : bound.at_zero) += std::abs(scale) * largest;
    }
  }
  // exit_shift's sums and interpolations round each term by a few ulps: far inside this margin.
  bound.at_one *= 1.0 + 1e-12;
  bound.at_zero *= 1.0 + 1e-12;
  return bound;
}

const WarValueTable& AnticipationTables::table(std::size_t discount, unsigned set, int level, int side) const {
  return tables_[((discount * sets_ + set) * static_cast<std::size_t>(levels_) + static_cast<std::size_t>(level)) * 2 +
                 static_cast<std::size_t>(side)];
}

unsigned AnticipationTables::pending_sets(const Scenario& scenario, const TrialParameters& params,
                                          const WarState& state, unsigned& certain) const {
  unsigned pending = 0;
  certain = 0;
  if (state.month >= last_first_month_) return pending;
  for (std::size_t c = 0; c < cutoffs_.size(); ++c) {
    const AnticipatedCutoff& cutoff = cutoffs_[c];
    if (state.month >= cutoff.first_month) continue;
    bool flowing = false;
    for (const std::size_t j : cutoff.flows) flowing = flowing || aid_would_flow(scenario, params, state, j);
    if (flowing == cutoff.starts) continue;  // already stopped, or already started
    pending |= 1U << c;
    if (cutoff.event < 0) certain |= 1U << c;
  }
  return pending;
}

PendingCutoffs AnticipationTables::pending(const Scenario& scenario, const TrialParameters& params,
                                           const WarState& state) const {
  unsigned certain = 0;
  const unsigned pending = pending_sets(scenario, params, state, certain);
  PendingCutoffs branches;
  fill_branches(scenario, params, state, pending, certain, branches);
  return branches;
}

void AnticipationTables::fill_branches(const Scenario& scenario, const TrialParameters& params, const WarState& state,
                                       unsigned pending, unsigned certain, PendingCutoffs& branches) const {
  branches.month = state.month;
  branches.count = 0;
  if (pending == 0) return;
  // Each set of the uncertain pending cut-offs that happen, with the certain ones always.
  const unsigned uncertain = pending & ~certain;
  for (unsigned happen = uncertain;; happen = (happen - 1) & uncertain) {
    const unsigned set = certain | happen;
    double weight = 1.0;
    for (std::size_t c = 0; c < cutoffs_.size(); ++c)
      if (uncertain >> c & 1U) {
        const double p = params.events[static_cast<std::size_t>(cutoffs_[c].event)].probability;
        weight *= (happen >> c & 1U) ? p : 1.0 - p;
      }
    if (set != 0 && weight > 0.0 && central_shift_[set] != 0.0) {
      // The correction vanishes with the shift; between no shift and the centre's it is taken
      // linear in the trial's own shift (its aid effects and elasticity).
      const auto in_force = [&state](std::size_t j) { return state.aid[j].amount_per_month; };
      const double scale = weight * final_shift(scenario, params, in_force, cutoffs_, set) / central_shift_[set];
      branches.branch[branches.count++] = {set, scale};
    }
    if (happen == 0) break;
  }
}

DiscountedExit AnticipationTables::exit_shift(const PendingCutoffs& branches, int actor, double front_share,
                                              double drift_per_month) const {
  DiscountedExit shift;
  if (branches.count == 0) return shift;
  // Linear in the perceived drift between grid levels; clamped to the grid's ends.
  const double u =
      std::clamp((drift_per_month - centre_) / drift_step_ + (levels_ - 1) / 2, 0.0, static_cast<double>(levels_ - 1));
  const int k = std::min(static_cast<int>(u), levels_ - 2);
  const double w = u - k;
  const std::size_t discount = discount_of_actor_[static_cast<std::size_t>(actor)];
  const auto month = static_cast<double>(branches.month);
  for (unsigned b = 0; b < branches.count; ++b) {
    const auto [set, scale] = branches.branch[b];
    for (int side = 0; side < 2; ++side) {
      const double value = (1.0 - w) * table(discount, set, k, side).value(month, front_share) +
                           w * table(discount, set, k + 1, side).value(month, front_share);
      (side == 0 ? shift.at_one : shift.at_zero) += scale * value;
    }
  }
  return shift;
}

DiscountedExit AnticipationTables::exit_shift(const Scenario& scenario, const TrialParameters& params,
                                              const WarState& state, int actor, double front_share,
                                              double drift_per_month) const {
  return exit_shift(pending(scenario, params, state), actor, front_share, drift_per_month);
}

}  // namespace parley::bargaining
