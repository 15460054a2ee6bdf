// Scenarios built in code for tests that sweep parameter points. Shipped scenarios are loaded
// from scenarios/; these reduce the model to the battlefield alone (MODEL.md 11.1).
#pragma once

#include "parley/scenario/scenario.h"

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
