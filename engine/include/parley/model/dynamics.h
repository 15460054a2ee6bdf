// One month of the war (docs/model.md sections 3-8): events, aid, the front, forces, the sanctioned
// economy, political support and beliefs. docs/model.md states every equation below.
//
// Where it sits: sim/trial.cpp calls step_month() once per month of a trial; the bargaining
// layer runs after it in the same month. Each mechanism can be switched off in the scenario
// (Mechanisms), which reduces the model to the canonical special cases of docs/model.md 12.
//
// Sources: front as Brownian motion with drift and absorbing barriers (Cox & Miller 1965,
// "The Theory of Stochastic Processes", ch. 5); barrier crossings inside a step by the
// Brownian-bridge probability exp(-2 a b / (sigma^2 dt)) (Glasserman 2004, sec. 6.4; Beaglehole,
// Dybvig & Zhou 1997); attrition by Lanchester's square law (Lanchester 1916); belief updating by
// the Kalman filter (Kalman 1960), as in the learning models of war (Slantchev 2003; Smith & Stam
// 2004).
#pragma once

#include "parley/core/random.h"
#include "parley/model/war_state.h"

namespace parley {

enum class Absorption { kNone, kLower, kUpper };

struct FrontStep {
  double front_share;
  Absorption absorbed;
};

// Brownian motion with drift over one month from x in (0, 1). Catches crossings inside the step
// with the Brownian-bridge test, so absorption matches the continuous process.
[[nodiscard]] FrontStep diffusion_step(double front_share, double drift_per_month, double volatility, Rng& rng);

// Simple random walk: +h with probability p = 1/2 + mu / (2h) (clamped to [0, 1]), else -h, so
// the mean step is mu. Positions are multiples of h: the gambler's-ruin reduction.
[[nodiscard]] long random_walk_step(long walk_index, double drift_per_month, double step_share, Rng& rng);

// Effective military power of a belligerent: strength times the effect of aid it receives.
[[nodiscard]] double effective_power(const Scenario& scenario, const TrialParameters& params, const WarState& state,
                                     int actor);

// mu_t = beta ln(E_holder / E_opponent) + bias.
[[nodiscard]] double front_drift(const Battlefield& field, double holder_power, double opponent_power);

// True when the front moved less than `band_share` over the last `window_months` months.
[[nodiscard]] bool front_has_stalled(const WarState& state, int window_months, double band_share);

// The cost each actor would bear in a month of fighting from the current state, in its cost
// units (docs/model.md 5): force units lost at the current powers, aid it would deliver, and
// the sanctioned economy's strain. War values price the future with it.
[[nodiscard]] double expected_monthly_cost(const Scenario& scenario, const TrialParameters& params,
                                           const WarState& state, int actor);

// Whether aid flow j would flow this month if the war were on (policy, cut-offs, support floor).
[[nodiscard]] bool aid_would_flow(const Scenario& scenario, const TrialParameters& params, const WarState& state,
                                  std::size_t flow);

// 1 plus the effect of the aid that would flow (aid_would_flow) to the holder, and to the
// opponent (any flow not to the holder): the multipliers of the powers the observed drift takes.
struct AidMultipliers {
  double holder = 1.0;
  double opponent = 1.0;
};
[[nodiscard]] AidMultipliers would_flow_multipliers(const Scenario& scenario, const TrialParameters& params,
                                                    const WarState& state);

// expected_monthly_cost with the month's would_flow_multipliers given, bit for bit the same: for
// a caller that prices the drift and both belligerents at one state (a ceasefire's monthly
// review), so that the aid is walked once.
[[nodiscard]] double expected_monthly_cost(const Scenario& scenario, const TrialParameters& params,
                                           const WarState& state, int actor, const AidMultipliers& would_flow);

// Whether every mechanism is off, so that nothing but the front moves in a month of war.
[[nodiscard]] bool front_alone(const Mechanisms& mechanisms) noexcept;

// The months of a front_alone trial with no bargaining layer, from state.month to the war's end
// or the horizon: the month kernel of the front alone. It leaves the state step_month leaves,
// bit for bit, and draws from `battle` what it draws, month by month; but it computes the drift,
// which no mechanism can change, once. tests/front_kernel_test.cpp holds it to step_month.
void step_front_alone_months(const Scenario& scenario, const TrialParameters& params, WarState& state, Rng& battle);

// A month's regrouping in a ceasefire: each belligerent mobilises (its rate times its support,
// and the economy for a sanctioned one) and regains a share of its strength
// (`regroup_share_per_month`, per actor). Part of step_ceasefire_month; the bargaining layer
// also projects a peace window's regrouping with it (bargaining/table.h, Table::reneges).
void regroup_in_ceasefire(const Scenario& scenario, const TrialParameters& params, WarState& state,
                          const std::vector<double>& regroup_share_per_month);

// One month of ceasefire: no fighting and no aid; forces regroup (a share of strength per month,
// per actor) and mobilise, the sanctioned economy moves, events still happen. The front stays.
// Takes the month's battle draws all the same, so that the noise of later months stays aligned
// with a variant that kept fighting (common random numbers).
void step_ceasefire_month(const Scenario& scenario, const TrialParameters& params, WarState& state, Rng& battle,
                          const TrialKey& key, const std::vector<double>& regroup_share_per_month);

// Advances one month. `battle` is the trial's sequential battle stream: exactly one normal and
// two uniforms per month whatever the state, so variants of a scenario see the same noise.
// Elections, shocks and crises use keyed uniforms from `key` (see TrialKey).
void step_month(const Scenario& scenario, const TrialParameters& params, WarState& state, Rng& battle,
                const TrialKey& key);

}  // namespace parley
