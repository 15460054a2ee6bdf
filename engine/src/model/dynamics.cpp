#include "parley/model/dynamics.h"

#include <algorithm>
#include <array>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <limits>

#include "model/standard_normal.h"

namespace parley {

namespace {

constexpr std::uint64_t kCrisisKey = keyed_name(keyed::kCrisis);

std::uint64_t event_key(const EventSpec& event) {
  return keyed_name(keyed::kEvent, event.id);
}

// The random walk's lattice index stays below 2^53, where a double still names every integer
// and a long cannot overflow. A start further than that from zero, in steps, is beyond the reach
// of any horizon (kMaxHorizonMonths steps), so the walk can end at neither barrier.
constexpr double kMaxWalkIndex = 9007199254740992.0;

// Bounds that keep extreme but valid parameters from producing infinities and NaN (front_drift).
constexpr double kMinPower = std::numeric_limits<double>::min();
constexpr double kMaxPower = std::numeric_limits<double>::max();
constexpr double kMaxDriftPerMonth = 1e3;

double clamp_share(double x) {
  return std::clamp(x, 0.0, 1.0);
}

// The Brownian-bridge test `u < exp(e)`, e <= 0, decided without exp where a bound suffices:
// exp is the costliest step of a month of the front, and near its underflow it also takes
// glibc's slow errno path. Both shortcuts give the answer the call would give, bit for bit:
// - Below kBridgeExponentFloor, exp(e) < exp(-40) = 4.2e-18, a factor 13 below the smallest
//   uniform, open_unit_interval(0) = 2^-54 = 5.6e-17: far beyond exp's rounding error (under 1
//   ulp), so the test is false.
// - For e <= 0, exp(-e) >= 1 - e + e^2/2 (every term of its series is positive), so
//   exp(e) <= 1 / (1 - e + e^2/2). The bound is computed from positive terms only, to a few ulp;
//   kBridgeBoundMargin covers that and exp's own error a million times over, so a uniform at or
//   above the widened bound is at or above what exp returns, and the test is false.
// A NaN exponent is neither below the floor nor <= 0, and goes to exp as before.
constexpr double kBridgeExponentFloor = -40.0;
constexpr double kBridgeBoundMargin = 1.0 + 1e-9;

// Whether `u < exp(e)` is false by those bounds, without exp.
[[gnu::always_inline]] inline bool bridge_test_fails_by_bound(double uniform, double exponent) {
  if (exponent < kBridgeExponentFloor) return true;
  return exponent <= 0.0 && uniform >= kBridgeBoundMargin / (1.0 - exponent + 0.5 * exponent * exponent);
}

[[gnu::always_inline]] inline bool crossed_within_step(double uniform, double exponent) {
  return !bridge_test_fails_by_bound(uniform, exponent) && uniform < std::exp(exponent);
}

// The month's crisis test `u < 1 - exp(-hazard)`, without expm1 where a bound decides it: for
// hazard > 0, 1 - exp(-hazard) < hazard (exp(x) > 1 + x for x != 0), and expm1 is within an
// ulp, so a uniform at or above hazard kCrisisBoundMargin is at or above what the call returns; for
// hazard <= 0 the call returns a value <= 0, below every uniform. A NaN hazard goes to the call.
constexpr double kCrisisBoundMargin = 1.0 + 1e-9;
[[gnu::always_inline]] inline bool crisis_breaks_out(double uniform, double hazard) {
  if (hazard <= 0.0) return false;
  if (uniform >= hazard * kCrisisBoundMargin) return false;
  return uniform < -std::expm1(-hazard);
}

}  // namespace

void init_war_state(const Scenario& scenario, const TrialParameters& params, WarState& state) {
  const Battlefield& field = params.battlefield;
  state.month = 0;
  state.drift_per_month = 0.0;
  state.economy_index = 1.0;
  state.sanctions_level_share = params.sanctions.initial_level_share;
  state.crises = 0;
  state.ended = false;
  state.outcome = Outcome::kOngoing;
  state.end_month = 0;
  if (scenario.battlefield.process == FrontProcess::kRandomWalk) {
    // The walk lives on the lattice h Z; the start is snapped to the nearest lattice point. A
    // step too small for the lattice (the start more than 2^53 steps from zero) keeps the index
    // at that bound and offsets the front so that it still starts at x_0; the fuzzer found that
    // a step of 1e-300 overflowed the index.
    const double steps = field.initial_front_share / field.walk_step_share;
    state.walk_index = std::lround(std::min(steps, kMaxWalkIndex));
    state.walk_offset_share = 0.0;
    if (steps > kMaxWalkIndex)
      state.walk_offset_share =
          field.initial_front_share - static_cast<double>(state.walk_index) * field.walk_step_share;
    state.front_share = static_cast<double>(state.walk_index) * field.walk_step_share + state.walk_offset_share;
  } else {
    state.walk_index = 0;
    state.walk_offset_share = 0.0;
    state.front_share = field.initial_front_share;
  }
  state.actors.resize(scenario.actors.size());
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorParameters& p = params.actors[i];
    ActorState& a = state.actors[i];
    a.support_share = p.support.initial_share;
    a.strength = p.forces.initial_strength;
    a.cost_this_month = 0.0;
    a.cost_total = 0.0;
    a.belief_mean_drift = p.belief.prior_mean_drift_per_month;
    a.belief_var_drift = std::min(p.belief.prior_sd_drift_per_month * p.belief.prior_sd_drift_per_month, kMaxPower);
  }
  state.aid.resize(scenario.aid.size());
  for (std::size_t j = 0; j < scenario.aid.size(); ++j)
    state.aid[j] = AidState{scenario.aid[j].policy, false, false, params.aid[j].amount_per_month};
  state.front_history.clear();
  state.front_history.reserve(static_cast<std::size_t>(scenario.horizon_months) + 1);
  state.front_history.push_back(state.front_share);
}

namespace {

// A conditional_on_talks flow whose recipient refused talks at the table's last review
// (bargaining/table/conditional_aid.cpp).
bool withheld_for_refused_talks(const AidState& aid) {
  return aid.policy.kind == AidPolicyKind::kConditionalOnTalks && aid.talks_refused;
}

// A month of the diffusion in two steps, shared by diffusion_step and the front alone's month
// kernel: the month's draws and the front it would reach, then the barriers.
struct DiffusionDraws {
  double next;  // x + mu + sigma z
  double u_lower;
  double u_upper;
};

[[gnu::always_inline]] inline DiffusionDraws draw_diffusion_month(double front_share, double drift_per_month,
                                                                  double volatility, Rng& rng) {
  boost::random::normal_distribution<double> standard_normal;
  const double z = standard_normal(rng);
  const double u_lower = rng.uniform();
  const double u_upper = rng.uniform();
  return {front_share + drift_per_month + volatility * z, u_lower, u_upper};
}

// Given both ends inside (0, 1), the path crossed barrier b in between with probability
// exp(-2 |x - b| |x' - b| / sigma^2): these are the exponents.
[[gnu::always_inline]] inline double lower_bridge_exponent(double front_share, double next, double variance) {
  return -2.0 * front_share * next / variance;
}
[[gnu::always_inline]] inline double upper_bridge_exponent(double front_share, double next, double variance) {
  return -2.0 * (1.0 - front_share) * (1.0 - next) / variance;
}

[[gnu::always_inline]] inline FrontStep settle_diffusion_month(double front_share, const DiffusionDraws& draws,
                                                               double volatility, double variance) {
  const double next = draws.next;
  if (next <= 0.0) return {0.0, Absorption::kLower};
  if (next >= 1.0) return {1.0, Absorption::kUpper};
  if (volatility > 0.0) {
    // The two barriers are tested separately: the chance of crossing both in one month is of
    // order exp(-2 / sigma^2), negligible for any sigma < 0.5.
    if (crossed_within_step(draws.u_lower, lower_bridge_exponent(front_share, next, variance)))
      return {0.0, Absorption::kLower};
    if (crossed_within_step(draws.u_upper, upper_bridge_exponent(front_share, next, variance)))
      return {1.0, Absorption::kUpper};
  }
  return {next, Absorption::kNone};
}

// The random walk's chance of a step up, p = 1/2 + mu / (2h) clamped to [0, 1].
double up_probability(double drift_per_month, double step_share) {
  return std::clamp(0.5 + drift_per_month / (2.0 * step_share), 0.0, 1.0);
}

}  // namespace

FrontStep diffusion_step(double front_share, double drift_per_month, double volatility, Rng& rng) {
  const DiffusionDraws draws = draw_diffusion_month(front_share, drift_per_month, volatility, rng);
  return settle_diffusion_month(front_share, draws, volatility, volatility * volatility);
}

long random_walk_step(long walk_index, double drift_per_month, double step_share, Rng& rng) {
  return rng.uniform() < up_probability(drift_per_month, step_share) ? walk_index + 1 : walk_index - 1;
}

double effective_power(const Scenario& scenario, const TrialParameters& params, const WarState& state, int actor) {
  double multiplier = 1.0;
  for (std::size_t j = 0; j < scenario.aid.size(); ++j)
    if (scenario.aid[j].recipient == actor && state.aid[j].flowing)
      multiplier += params.aid[j].effectiveness * state.aid[j].amount_per_month;
  // Bounded to the finite positive doubles: an overflowed power times a zero lethality would make
  // the losses 0 * inf = NaN (a fuzzer finding, tests/fuzz/regressions/infinite_strength_zero_lethality.json).
  return std::clamp(state.actors[static_cast<std::size_t>(actor)].strength * multiplier, kMinPower, kMaxPower);
}

double front_drift(const Battlefield& field, double holder_power, double opponent_power) {
  // Valid but extreme inputs (aid of 1e300 units at an effectiveness of 1e300) overflow a power
  // to infinity, and 0 * inf or inf - inf would make the front NaN (a fuzzer finding). Powers
  // are bounded to the finite positive doubles, so the log ratio is finite (|.| < 1420), and
  // the drift to kMaxDriftPerMonth: any drift beyond it ends the war in a month all the same.
  const double holder = std::clamp(holder_power, kMinPower, kMaxPower);
  const double opponent = std::clamp(opponent_power, kMinPower, kMaxPower);
  const double drift =
      field.power_elasticity_per_month * (std::log(holder) - std::log(opponent)) + field.defence_bias_per_month;
  return std::clamp(drift, -kMaxDriftPerMonth, kMaxDriftPerMonth);
}

bool front_has_stalled(const WarState& state, int window_months, double band_share) {
  const auto& history = state.front_history;
  const auto window = static_cast<std::size_t>(window_months);
  if (history.size() <= window) return false;
  return std::abs(history.back() - history[history.size() - 1 - window]) < band_share;
}

namespace {

// aid_would_flow, inlined where the war's cost is priced: each pricing asks it of every flow.
[[gnu::always_inline]] inline bool would_flow(const Scenario& scenario, const TrialParameters& params,
                                              const WarState& state, std::size_t flow) {
  const AidState& aid = state.aid[flow];
  if (!scenario.mechanisms.aid || aid.policy.kind == AidPolicyKind::kNone || aid.cut_off) return false;
  if (withheld_for_refused_talks(aid)) return false;
  const double patron_support = state.actors[static_cast<std::size_t>(scenario.aid[flow].patron)].support_share;
  return patron_support >= params.aid[flow].support_floor_share;
}

}  // namespace

bool aid_would_flow(const Scenario& scenario, const TrialParameters& params, const WarState& state, std::size_t flow) {
  return would_flow(scenario, params, state, flow);
}

AidMultipliers would_flow_multipliers(const Scenario& scenario, const TrialParameters& params, const WarState& state) {
  AidMultipliers multipliers;
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    if (!would_flow(scenario, params, state, j)) continue;
    const double effect = params.aid[j].effectiveness * state.aid[j].amount_per_month;
    (scenario.aid[j].recipient == scenario.battlefield.holder ? multipliers.holder : multipliers.opponent) += effect;
  }
  return multipliers;
}

namespace {

// A month's cost of war to `actor`, the enemy's power multiplied by `enemy_aid_multiplier` (the
// aid that would flow to it); the multiplier is read only for a belligerent under strength.
[[gnu::always_inline]] inline double monthly_cost(const Scenario& scenario, const TrialParameters& params,
                                                  const WarState& state, int actor, double enemy_aid_multiplier) {
  double cost = 0.0;
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  if (scenario.mechanisms.strength && (actor == holder || actor == opponent)) {
    const int enemy = actor == holder ? opponent : holder;
    const double enemy_power = state.actors[static_cast<std::size_t>(enemy)].strength * enemy_aid_multiplier;
    cost += std::min(params.battlefield.intensity *
                         params.actors[static_cast<std::size_t>(enemy)].forces.lethality_per_month * enemy_power,
                     state.actors[static_cast<std::size_t>(actor)].strength);
  }
  for (std::size_t j = 0; j < scenario.aid.size(); ++j)
    if (scenario.aid[j].patron == actor && would_flow(scenario, params, state, j))
      cost += state.aid[j].amount_per_month;
  if (scenario.sanctions && scenario.mechanisms.sanctions && scenario.sanctions->target == actor)
    cost += 1.0 - state.economy_index;
  return cost;
}

}  // namespace

double expected_monthly_cost(const Scenario& scenario, const TrialParameters& params, const WarState& state,
                             int actor) {
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  // Powers as they would be with the aid that would flow in a month of war, summed in the order
  // would_flow_multipliers sums them. The enemy's sum alone, inline: calling
  // would_flow_multipliers here instead cost the flagship 1.5% of its instructions (the pain
  // test prices each side apart, stopping at the first that is not hurting).
  double multiplier = 1.0;
  if (scenario.mechanisms.strength && (actor == holder || actor == opponent)) {
    const int enemy = actor == holder ? opponent : holder;
    for (std::size_t j = 0; j < scenario.aid.size(); ++j)
      if (scenario.aid[j].recipient == enemy && would_flow(scenario, params, state, j))
        multiplier += params.aid[j].effectiveness * state.aid[j].amount_per_month;
  }
  return monthly_cost(scenario, params, state, actor, multiplier);
}

double expected_monthly_cost(const Scenario& scenario, const TrialParameters& params, const WarState& state, int actor,
                             const AidMultipliers& would_flow) {
  // Every recipient is a belligerent (the loader's rule), so the multiplier of the enemy's power
  // is its side's.
  return monthly_cost(scenario, params, state, actor,
                      actor == scenario.battlefield.holder ? would_flow.opponent : would_flow.holder);
}

namespace {

void apply_events(const Scenario& scenario, const TrialParameters& params, WarState& state, int month,
                  const TrialKey& key) {
  for (std::size_t e = 0; e < scenario.events.size(); ++e) {
    const EventSpec& event = scenario.events[e];
    if (event.month != -1 && event.month != month) continue;
    // Parameters drawn by draw_trial_parameters carry the key; others are hashed here.
    const std::uint64_t name = e < params.event_keys.size() ? params.event_keys[e] : event_key(event);
    if (key.uniform(name, static_cast<std::uint64_t>(month)) >= params.events[e].probability) continue;
    if (event.kind == EventKind::kElection) {
      for (std::size_t j = 0; j < scenario.aid.size(); ++j)
        if (scenario.aid[j].patron == event.actor && event.new_aid_policy)
          state.aid[j] = AidState{*event.new_aid_policy, false, false, state.aid[j].amount_per_month};
    } else {
      ActorState& actor = state.actors[static_cast<std::size_t>(event.actor)];
      actor.support_share = clamp_share(actor.support_share + params.events[e].delta_share);
    }
  }
}

void update_aid(const Scenario& scenario, const TrialParameters& params, WarState& state, int month) {
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    AidState& aid = state.aid[j];
    const AidPolicy& policy = aid.policy;
    if (!scenario.mechanisms.aid) {
      aid.flowing = false;
      continue;
    }
    if (policy.kind == AidPolicyKind::kUntil) {
      if (policy.end_month > 0 && month > policy.end_month) aid.cut_off = true;
      if (policy.stop_on_stalemate &&
          front_has_stalled(state, policy.stalemate_window_months, policy.stalemate_band_share))
        aid.cut_off = true;
    }
    const double patron_support = state.actors[static_cast<std::size_t>(scenario.aid[j].patron)].support_share;
    aid.flowing = policy.kind != AidPolicyKind::kNone && !aid.cut_off && !withheld_for_refused_talks(aid) &&
                  patron_support >= params.aid[j].support_floor_share;
  }
}

void step_forces(const Scenario& scenario, const TrialParameters& params, WarState& state, double holder_power,
                 double opponent_power) {
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  const double intensity = params.battlefield.intensity;
  // Lanchester square law: each side loses in proportion to the other's effective power.
  const double holder_losses =
      intensity * params.actors[static_cast<std::size_t>(opponent)].forces.lethality_per_month * opponent_power;
  const double opponent_losses =
      intensity * params.actors[static_cast<std::size_t>(holder)].forces.lethality_per_month * holder_power;
  for (const auto& [actor, losses] : {std::pair{holder, holder_losses}, std::pair{opponent, opponent_losses}}) {
    ActorState& a = state.actors[static_cast<std::size_t>(actor)];
    const Forces& forces = params.actors[static_cast<std::size_t>(actor)].forces;
    const bool sanctioned = scenario.sanctions && scenario.sanctions->target == actor && scenario.mechanisms.sanctions;
    // Mobilisation needs a willing public and, for the sanctions target, a working economy.
    const double raised = forces.mobilisation_per_month * a.support_share * (sanctioned ? state.economy_index : 1.0);
    const double lost = std::min(losses, a.strength);
    // A force never reaches zero: the front's drift takes ln(strength). A destroyed army's
    // power ratio collapses the drift towards its barrier instead.
    // Bounded above too: an army that overflowed to infinity would lose inf - inf = NaN units.
    a.strength = std::clamp(a.strength - lost + raised, 1e-6 * forces.initial_strength, kMaxPower);
    a.cost_this_month += lost;
  }
}

void step_economy(const Scenario& scenario, const TrialParameters& params, WarState& state, int month,
                  const TrialKey& key) {
  if (!scenario.sanctions || !scenario.mechanisms.sanctions) return;
  const Sanctions& s = params.sanctions;
  const double level = state.sanctions_level_share;
  double& economy = state.economy_index;
  economy = std::clamp(
      economy - s.economy_drag_per_month * level * economy + s.economy_recovery_per_month * (1.0 - economy), 0.0, 1.0);
  const double strain = 1.0 - economy;
  ActorState& target = state.actors[static_cast<std::size_t>(scenario.sanctions->target)];
  target.cost_this_month += strain;
  // "No one knows when the dam will break" (004): a hazard rising with strain.
  const double hazard = s.crisis_base_hazard_per_month + s.crisis_hazard_per_strain * strain;
  if (crisis_breaks_out(key.uniform(kCrisisKey, static_cast<std::uint64_t>(month)), hazard)) {
    ++state.crises;
    target.support_share *= 1.0 - s.crisis_support_drop_share;
    target.strength *= 1.0 - s.crisis_strength_loss_share;
  }
}

void update_beliefs(const Scenario& scenario, const TrialParameters& params, WarState& state, double observed_change) {
  const Battlefield& field = params.battlefield;
  const double noise_var = std::min(scenario.battlefield.process == FrontProcess::kRandomWalk
                                        ? field.walk_step_share * field.walk_step_share
                                        : field.volatility_per_sqrt_month * field.volatility_per_sqrt_month,
                                    kMaxPower);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    if (!scenario.actors[i].belief) continue;
    ActorState& a = state.actors[i];
    const double process_sd = params.actors[i].belief.drift_volatility_per_month;
    // Variances are bounded to the finite doubles, so a prior sd of 1e200 gives a gain near 1
    // rather than inf / inf = NaN; within range the gain is the textbook ratio, bit for bit.
    const double prior_var = std::min(a.belief_var_drift + process_sd * process_sd, kMaxPower);
    const double gain = prior_var <= 0.0                       ? 0.0
                        : std::isfinite(prior_var + noise_var) ? prior_var / (prior_var + noise_var)
                                                               : 1.0 / (1.0 + noise_var / prior_var);
    a.belief_mean_drift += gain * (observed_change - a.belief_mean_drift);
    a.belief_var_drift = (1.0 - gain) * prior_var;
  }
}

}  // namespace

void step_month(const Scenario& scenario, const TrialParameters& params, WarState& state, Rng& battle,
                const TrialKey& key) {
  const int month = state.month + 1;
  for (auto& actor : state.actors) actor.cost_this_month = 0.0;
  if (scenario.mechanisms.events) apply_events(scenario, params, state, month, key);
  update_aid(scenario, params, state, month);

  const double holder_power = effective_power(scenario, params, state, scenario.battlefield.holder);
  const double opponent_power = effective_power(scenario, params, state, scenario.battlefield.opponent);
  const Battlefield& field = params.battlefield;
  const double drift = front_drift(field, holder_power, opponent_power);
  state.drift_per_month = drift;

  const double before = state.front_share;
  Absorption absorbed = Absorption::kNone;
  if (scenario.battlefield.process == FrontProcess::kRandomWalk) {
    state.walk_index = random_walk_step(state.walk_index, drift, field.walk_step_share, battle);
    state.front_share = static_cast<double>(state.walk_index) * field.walk_step_share + state.walk_offset_share;
    // Half a step of slack: the lattice point nearest 1 is the upper barrier even when 1/h is
    // not exactly representable.
    if (state.walk_index <= 0)
      absorbed = Absorption::kLower;
    else if (state.front_share >= 1.0 - 0.5 * field.walk_step_share)
      absorbed = Absorption::kUpper;
  } else {
    const FrontStep step = diffusion_step(state.front_share, drift, field.volatility_per_sqrt_month, battle);
    state.front_share = step.front_share;
    absorbed = step.absorbed;
  }
  state.front_history.push_back(state.front_share);

  if (scenario.mechanisms.strength) step_forces(scenario, params, state, holder_power, opponent_power);
  step_economy(scenario, params, state, month, key);
  for (std::size_t j = 0; j < scenario.aid.size(); ++j)
    if (state.aid[j].flowing)
      state.actors[static_cast<std::size_t>(scenario.aid[j].patron)].cost_this_month += state.aid[j].amount_per_month;
  // Beliefs read neither costs nor support, so they learn first and each actor's cost, support
  // and running total are then settled in one pass.
  if (scenario.mechanisms.beliefs && absorbed == Absorption::kNone)
    update_beliefs(scenario, params, state, state.front_share - before);
  const bool support_moves = scenario.mechanisms.support;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    ActorState& a = state.actors[i];
    // A month's cost stays finite (0 * inf would be NaN support for an actor insensitive to
    // cost); the running total may still overflow, and the report shows that as null.
    a.cost_this_month = std::min(a.cost_this_month, kMaxPower);
    if (support_moves) {
      const Support& support = params.actors[i].support;
      a.support_share =
          clamp_share(a.support_share - support.fatigue_per_month - support.cost_sensitivity * a.cost_this_month);
    }
    a.cost_total += a.cost_this_month;
  }

  state.month = month;
  if (absorbed != Absorption::kNone) {
    state.ended = true;
    state.outcome = absorbed == Absorption::kUpper ? Outcome::kHolderVictory : Outcome::kOpponentVictory;
    state.end_month = month;
  }
}

bool front_alone(const Mechanisms& mechanisms) noexcept {
  return !mechanisms.strength && !mechanisms.aid && !mechanisms.support && !mechanisms.sanctions &&
         !mechanisms.beliefs && !mechanisms.events;
}

namespace {

// A month kernel's front history, written to a local array and appended to the state's a batch
// at a time, so that the month loop keeps to its registers and that array (init_war_state
// reserves the horizon, so the append does not allocate).
class HistoryBatch {
 public:
  explicit HistoryBatch(std::vector<double>& history) : history_(history) {}
  [[nodiscard]] bool full() const noexcept { return size_ == batch_.size(); }
  void push(double front_share) noexcept { batch_[size_++] = front_share; }  // when not full
  void flush() {
    history_.insert(history_.end(), batch_.begin(), batch_.begin() + static_cast<std::ptrdiff_t>(size_));
    size_ = 0;
  }

 private:
  std::vector<double>& history_;
  std::array<double, 32> batch_;  // NOLINT(cppcoreguidelines-pro-type-member-init): written before read
  std::size_t size_ = 0;
};

// Where a front-alone walk stopped, into the state.
void end_front_walk(int month, double front_share, Absorption absorbed, WarState& state) {
  state.month = month;
  state.front_share = front_share;
  if (absorbed == Absorption::kNone) return;
  state.ended = true;
  state.outcome = absorbed == Absorption::kUpper ? Outcome::kHolderVictory : Outcome::kOpponentVictory;
  state.end_month = month;
}

// The months of step_front_alone_months, from the month after state.month to the war's end or
// the horizon: step(x, rng) is the process's month, drawing what step_month's would draw.
template <class Step>
void walk_front(int horizon_months, WarState& state, Rng& battle, Step step) {
  Rng rng = battle;  // a copy that nothing else can see, so that the compiler keeps it in registers
  int month = state.month;
  double front_share = state.front_share;
  Absorption absorbed = Absorption::kNone;
  HistoryBatch history(state.front_history);
  while (month < horizon_months && absorbed == Absorption::kNone) {
    ++month;
    const FrontStep next = step(front_share, rng);
    front_share = next.front_share;
    absorbed = next.absorbed;
    history.push(front_share);
    if (history.full()) history.flush();
  }
  history.flush();
  battle = rng;
  end_front_walk(month, front_share, absorbed, state);
}

// Whether a month of the diffusion ends inside (0, 1) with neither barrier crossed in between,
// decided without a call: what settle_diffusion_month would return is then {next, kNone}.
// False where a call or an absorption may be needed, which settle_diffusion_month decides. The
// uniforms come as the stream's outputs, made into uniforms only where a test reads them.
[[gnu::always_inline]] inline bool stays_inside_by_bounds(double front_share, double next, std::uint64_t lower_bits,
                                                          std::uint64_t upper_bits, double volatility,
                                                          double variance) {
  return next > 0.0 && next < 1.0 && volatility > 0.0 &&
         bridge_test_fails_by_bound(open_unit_interval(lower_bits),
                                    lower_bridge_exponent(front_share, next, variance)) &&
         bridge_test_fails_by_bound(open_unit_interval(upper_bits), upper_bridge_exponent(front_share, next, variance));
}

// The fronts far enough from both barriers that a month which starts and ends among them stays
// inside by the bounds, whatever its uniforms: both bridge exponents below kBridgeExponentFloor.
// Every rounded step of an exponent is monotone in the two fronts, so for x, x' in [lower, upper]
// lower_bridge_exponent(x, x') <= lower_bridge_exponent(lower, lower) and
// upper_bridge_exponent(x, x') <= upper_bridge_exponent(upper, upper); the edges are moved inwards
// ulp by ulp until those two are below the floor. Empty where the variance is not positive and
// finite, or no edge is found.
class QuietBand {
 public:
  explicit QuietBand(double variance) {
    if (!(variance > 0.0 && variance < std::numeric_limits<double>::infinity())) return;
    // 2 x^2 / sigma^2 = 40 in exact arithmetic, a few ulps inwards so that the steps below
    // (calls to nextafter) are seldom needed.
    double lower = std::sqrt(-0.5 * kBridgeExponentFloor * variance) * (1.0 + 0x1p-50);
    double upper = 1.0 - lower;
    for (int ulps = 0; ulps < kMaxUlps && !(lower_bridge_exponent(lower, lower, variance) < kBridgeExponentFloor);
         ++ulps)
      lower = std::nextafter(lower, 1.0);
    for (int ulps = 0; ulps < kMaxUlps && !(upper_bridge_exponent(upper, upper, variance) < kBridgeExponentFloor);
         ++ulps)
      upper = std::nextafter(upper, 0.0);
    if (lower > 0.0 && upper < 1.0 && lower_bridge_exponent(lower, lower, variance) < kBridgeExponentFloor &&
        upper_bridge_exponent(upper, upper, variance) < kBridgeExponentFloor) {
      lower_ = lower;
      upper_ = upper;
    }
  }
  [[nodiscard]] bool holds(double front_share) const noexcept { return front_share >= lower_ && front_share <= upper_; }

 private:
  static constexpr int kMaxUlps = 64;
  double lower_ = 1.0;  // empty until an edge is found
  double upper_ = 0.0;
};

// step_front_alone_months for the diffusion: the months walk_front would step, in two loops. The
// inner one takes the months that need no call (the normal's first try, and a month in the quiet
// band or inside by the bounds), so that the front, the stream and the month's constants stay in
// registers: with a call anywhere in the loop GCC kept them in memory. It leaves before the
// first month that needs one, its draws made or, where the normal's first try failed, not begun;
// the outer loop steps that month as walk_front would and flushes the history.
void walk_diffusion_alone(int horizon_months, double drift, double volatility, WarState& state, Rng& battle) {
  const double variance = volatility * volatility;
  const QuietBand quiet_band(variance);
  Rng rng = battle;  // a copy that nothing else can see, so that the compiler keeps it in registers
  int month = state.month;
  double front_share = state.front_share;
  bool quiet = quiet_band.holds(front_share);
  Absorption absorbed = Absorption::kNone;
  HistoryBatch history(state.front_history);
  while (month < horizon_months && absorbed == Absorption::kNone) {
    if (history.full()) history.flush();
    DiffusionDraws draws{};
    bool drawn = false;
    while (month < horizon_months && !history.full()) {
      double z = 0.0;
      if (!try_standard_normal_first_layer(rng, z)) break;
      // draw_diffusion_month's draws, in its order.
      const double next = front_share + drift + volatility * z;
      const std::uint64_t lower_bits = rng();
      const std::uint64_t upper_bits = rng();
      const bool next_quiet = quiet_band.holds(next);
      if (!(quiet && next_quiet) &&
          !stays_inside_by_bounds(front_share, next, lower_bits, upper_bits, volatility, variance)) {
        draws = {next, open_unit_interval(lower_bits), open_unit_interval(upper_bits)};
        drawn = true;
        break;
      }
      ++month;
      front_share = next;
      quiet = next_quiet;
      history.push(front_share);
    }
    if (month >= horizon_months || history.full()) continue;
    if (!drawn) draws = draw_diffusion_month(front_share, drift, volatility, rng);
    const FrontStep next = settle_diffusion_month(front_share, draws, volatility, variance);
    ++month;
    front_share = next.front_share;
    quiet = quiet_band.holds(front_share);
    absorbed = next.absorbed;
    history.push(front_share);
  }
  history.flush();
  battle = rng;
  end_front_walk(month, front_share, absorbed, state);
}

}  // namespace

void step_front_alone_months(const Scenario& scenario, const TrialParameters& params, WarState& state, Rng& battle) {
  if (state.ended || state.month >= scenario.horizon_months) return;
  // What step_month's first month does besides the front; the months after it repeat it, adding
  // nothing (a cost of +0 leaves any total but -0 as it is, and -0 + 0 is +0 the first time).
  for (auto& actor : state.actors) {
    actor.cost_this_month = 0.0;
    actor.cost_total += 0.0;
  }
  for (auto& aid : state.aid) aid.flowing = false;
  // With strength, aid and the economy off, the powers are those of the first month throughout.
  const Battlefield& field = params.battlefield;
  const double drift = front_drift(field, effective_power(scenario, params, state, scenario.battlefield.holder),
                                   effective_power(scenario, params, state, scenario.battlefield.opponent));
  state.drift_per_month = drift;
  if (scenario.battlefield.process == FrontProcess::kRandomWalk) {
    const double step_share = field.walk_step_share;
    const double up = up_probability(drift, step_share);
    const double upper_barrier = 1.0 - 0.5 * step_share;  // as step_month tests it
    const double offset = state.walk_offset_share;
    long walk_index = state.walk_index;
    walk_front(scenario.horizon_months, state, battle, [&](double, Rng& rng) {
      walk_index = rng.uniform() < up ? walk_index + 1 : walk_index - 1;
      const double x = static_cast<double>(walk_index) * step_share + offset;
      if (walk_index <= 0) return FrontStep{x, Absorption::kLower};
      return FrontStep{x, x >= upper_barrier ? Absorption::kUpper : Absorption::kNone};
    });
    state.walk_index = walk_index;
  } else {
    walk_diffusion_alone(scenario.horizon_months, drift, field.volatility_per_sqrt_month, state, battle);
  }
}

void regroup_in_ceasefire(const Scenario& scenario, const TrialParameters& params, WarState& state,
                          const std::vector<double>& regroup_share_per_month) {
  for (const int side : {scenario.battlefield.holder, scenario.battlefield.opponent}) {
    ActorState& a = state.actors[static_cast<std::size_t>(side)];
    const Forces& forces = params.actors[static_cast<std::size_t>(side)].forces;
    const bool sanctioned = scenario.sanctions && scenario.sanctions->target == side && scenario.mechanisms.sanctions;
    if (scenario.mechanisms.strength)
      a.strength += forces.mobilisation_per_month * a.support_share * (sanctioned ? state.economy_index : 1.0);
    a.strength *= 1.0 + regroup_share_per_month[static_cast<std::size_t>(side)];
  }
}

void step_ceasefire_month(const Scenario& scenario, const TrialParameters& params, WarState& state, Rng& battle,
                          const TrialKey& key, const std::vector<double>& regroup_share_per_month) {
  const int month = state.month + 1;
  if (scenario.battlefield.process == FrontProcess::kRandomWalk)
    (void)battle.uniform();
  else
    (void)draw_diffusion_month(0.5, 0.0, 0.0, battle);  // diffusion_step's draws; the front stays
  for (auto& actor : state.actors) actor.cost_this_month = 0.0;
  if (scenario.mechanisms.events) apply_events(scenario, params, state, month, key);
  for (auto& aid : state.aid) aid.flowing = false;
  regroup_in_ceasefire(scenario, params, state, regroup_share_per_month);
  step_economy(scenario, params, state, month, key);
  for (auto& actor : state.actors) actor.cost_total += actor.cost_this_month;
  state.front_history.push_back(state.front_share);
  state.month = month;
}

}  // namespace parley
