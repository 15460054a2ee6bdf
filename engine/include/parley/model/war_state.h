// The state of one trial's war, advanced one month at a time by model/dynamics.h.
//
// Where it sits: a trial's state (bargaining/table_state.h's TrialState) is this war state plus
// the bargaining table's; the trial loop (sim/) owns one per worker and reuses its storage
// across trials. The model reads TrialParameters (const once drawn) and writes WarState; what a
// trial changes of the drawn values (the sanctions level, aid amounts) is state here. Nothing
// here touches JSON or the bargaining layer.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/model/outcome.h"
#include "parley/scenario/draw.h"

namespace parley {

struct ActorState {
  double support_share = 0.0;
  double strength = 0.0;         // belligerents
  double cost_this_month = 0.0;  // force units lost + aid units spent + economic strain
  double cost_total = 0.0;
  double belief_mean_drift = 0.0;  // belligerents: Kalman mean of the front's drift
  double belief_var_drift = 0.0;   // and its variance
};

struct AidState {
  AidPolicy policy;      // may be switched by an election
  bool cut_off = false;  // a "until" policy that has ended stays ended
  bool flowing = false;  // aid delivered this month
  // The amount in force: the drawn amount, raised when a coercer carries out a threat of more
  // aid. Drawn parameters stay as drawn; what the trial changes lives here.
  double amount_per_month = 0.0;
  // conditional_on_talks: the recipient refused talks offered at the table's last review, and the
  // patron withholds this flow until a review where it does not (set by the bargaining layer).
  bool talks_refused = false;
};

struct WarState {
  int month = 0;                   // months completed
  double front_share = 0.0;        // x_t
  long walk_index = 0;             // random-walk process: x_t = walk_index * h + walk_offset_share
  double walk_offset_share = 0.0;  // 0 unless the step is too small for the lattice (dynamics.cpp)
  double drift_per_month = 0.0;    // mu_t used for the last step
  double economy_index = 1.0;      // sanctions target's economy, 1 = unsanctioned health
  // The sanctions level in force: the drawn level, eased by a deal's relief, raised by a
  // threat carried out or by monitoring's snap-back.
  double sanctions_level_share = 0.0;
  int crises = 0;
  std::vector<ActorState> actors;
  std::vector<AidState> aid;
  std::vector<double> front_history;  // x at the start of each month, for stalemate tests
  bool ended = false;
  Outcome outcome = Outcome::kOngoing;
  int end_month = 0;  // month in which the war ended (horizon when ongoing)
};

// Puts the war at month 0 for one trial, reusing `state`'s storage.
void init_war_state(const Scenario& scenario, const TrialParameters& params, WarState& state);

}  // namespace parley
