// Scenarios built in code for tests that sweep parameter points. Shipped scenarios are loaded
// from scenarios/; these reduce the model to the battlefield alone (docs/model.md 3 and 12).
#pragma once

#include "parley/core/random.h"
#include "parley/scenario/scenario.h"
#include "parley/scenario/uncertain_input.h"

namespace parley::testing {

// Two belligerents of equal, constant strength and every mechanism but the front switched off,
// so the front's drift is exactly `drift_per_month` (the defence bias).
inline Scenario battlefield_only(double initial_front_share, double drift_per_month, double volatility,
                                 int horizon_months, FrontProcess process = FrontProcess::kDiffusion,
                                 double walk_step_share = 0.05) {
  Scenario s;
  s.name = "battlefield_only";
  s.horizon_months = horizon_months;
  s.default_trials = 1000;
  s.default_seed = 1;
  s.mechanisms = Mechanisms{false, false, false, false, false, false};
  for (const char* id : {"UKR", "RUS"}) {
    ActorSpec actor;
    actor.id = id;
    actor.name = id;
    actor.role = Role::kBelligerent;
    actor.preferences.discount_per_month = Uncertain::fixed(0.99);
    actor.preferences.cost_weight = Uncertain::fixed(1.0);
    actor.support.initial_share = Uncertain::fixed(0.5);
    actor.forces = BasicForces<Uncertain>{Uncertain::fixed(100.0), Uncertain::fixed(0.0), Uncertain::fixed(0.0)};
    actor.belief = BasicBelief<Uncertain>{Uncertain::fixed(0.0), Uncertain::fixed(0.01), Uncertain::fixed(0.0)};
    s.actors.push_back(actor);
  }
  s.battlefield.holder = 0;
  s.battlefield.opponent = 1;
  s.battlefield.process = process;
  auto& p = s.battlefield.params;
  p.initial_front_share = Uncertain::fixed(initial_front_share);
  p.volatility_per_sqrt_month = Uncertain::fixed(volatility);
  p.power_elasticity_per_month = Uncertain::fixed(0.01);
  p.defence_bias_per_month = Uncertain::fixed(drift_per_month);
  p.intensity = Uncertain::fixed(1.0);
  p.walk_step_share = Uncertain::fixed(walk_step_share);
  return s;
}

}  // namespace parley::testing

namespace parley::testing {

// battlefield_only plus a patron (index 2) giving aid to the holder and sanctioning the
// opponent; every mechanism off until a test switches it on.
inline Scenario with_patron(double initial_front_share, double drift_per_month, double volatility, int horizon_months) {
  Scenario s = battlefield_only(initial_front_share, drift_per_month, volatility, horizon_months);
  ActorSpec patron;
  patron.id = "USA";
  patron.name = "Patron";
  patron.role = Role::kThirdParty;
  patron.preferences.discount_per_month = Uncertain::fixed(0.99);
  patron.preferences.cost_weight = Uncertain::fixed(1.0);
  patron.support.initial_share = Uncertain::fixed(0.8);
  patron.support.fatigue_per_month = Uncertain::fixed(0.0);
  patron.support.cost_sensitivity = Uncertain::fixed(0.0);
  s.actors.push_back(patron);
  for (auto& actor : s.actors) {
    actor.support.fatigue_per_month = Uncertain::fixed(0.0);
    actor.support.cost_sensitivity = Uncertain::fixed(0.0);
  }
  AidSpec aid;
  aid.patron = 2;
  aid.recipient = 0;
  aid.flow = BasicAidFlow<Uncertain>{Uncertain::fixed(1.0), Uncertain::fixed(0.5), Uncertain::fixed(0.0)};
  s.aid.push_back(aid);
  SanctionsSpec sanctions;
  sanctions.holders = {2};
  sanctions.target = 1;
  sanctions.params = BasicSanctions<Uncertain>{Uncertain::fixed(0.5), Uncertain::fixed(0.0), Uncertain::fixed(0.0),
                                               Uncertain::fixed(0.0), Uncertain::fixed(0.0), Uncertain::fixed(0.0),
                                               Uncertain::fixed(0.0)};
  s.sanctions = sanctions;
  return s;
}

}  // namespace parley::testing

namespace parley::testing {

// battlefield_only with an uncertain drift and volatility: draws, chunking and merging are all
// exercised by runs over several batches (determinism tests).
inline Scenario uncertain_battlefield(int horizon_months = 240) {
  Scenario s = battlefield_only(0.6, 0.0, 0.05, horizon_months);
  s.battlefield.params.defence_bias_per_month = Uncertain::normal(0.0, 0.004);
  s.battlefield.params.volatility_per_sqrt_month = Uncertain::uniform(0.03, 0.07);
  s.battlefield.params.defence_bias_per_month.set_key(fnv1a64("/battlefield/defence_bias_per_month"));
  s.battlefield.params.volatility_per_sqrt_month.set_key(fnv1a64("/battlefield/volatility_per_sqrt_month"));
  return s;
}

}  // namespace parley::testing

namespace parley::testing {

// battlefield_only whose every trial draws six betas of shape kMaxBetaShape, the slowest draw
// the loader allows (about half a millisecond each): a trial takes milliseconds and a batch
// of kBatchTrials many seconds, so that cancellation inside a batch can be seen (tests of
// sim/batches.h).
inline Scenario slow_trials() {
  // The front barely moves, so no war ends before the horizon, the longest the loader allows.
  Scenario s = battlefield_only(0.5, 0.0, 0.001, 1200);
  const auto slow = [](Uncertain& parameter, double lower, double upper, const char* key) {
    parameter = Uncertain::beta(scenario_input::kMaxBetaShape, scenario_input::kMaxBetaShape, lower, upper);
    parameter.set_key(fnv1a64(key));
  };
  auto& p = s.battlefield.params;
  slow(p.initial_front_share, 0.4, 0.6, "/battlefield/initial_front_share");
  slow(p.volatility_per_sqrt_month, 0.0005, 0.0015, "/battlefield/volatility_per_sqrt_month");
  slow(p.defence_bias_per_month, -0.0001, 0.0001, "/battlefield/defence_bias_per_month");
  slow(p.power_elasticity_per_month, 0.005, 0.015, "/battlefield/power_elasticity_per_month");
  slow(s.actors[0].support.initial_share, 0.4, 0.6, "/actors/0/support/initial_share");
  slow(s.actors[1].support.initial_share, 0.4, 0.6, "/actors/1/support/initial_share");
  return s;
}

}  // namespace parley::testing
