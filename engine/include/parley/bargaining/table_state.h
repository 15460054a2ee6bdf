// The bargaining table's part of a trial's state, and the trial's whole state: the war's
// (model/war_state.h) plus the table's.
//
// Where it sits: the trial loop (sim/trial.h) owns one TrialState per worker; the month dynamics
// (model/dynamics.h) advance its war part, the table (bargaining/table.h) reads the war and
// writes the table part; summaries and claims read the final TrialState.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/model/war_state.h"

namespace parley {

// The bargaining layer's part of a trial (bargaining/table.h). A war is fought, paused by a
// deal whose peace window is running, or frozen by a ceasefire without a deal.
enum class Phase : std::uint8_t { kWar, kPeace, kFrozen };

struct DealRecord {
  int month = 0;        // month the deal was signed
  int held_months = 0;  // months it held (so far, when still holding at the horizon)
  bool broke = false;
};

struct TableState {
  Phase phase = Phase::kWar;
  int months_ripe = 0;           // months in which both belligerents perceived a hurting stalemate
  int talks = 0;                 // months in which talks were held
  int freeze_month = -1;         // month the current ceasefire without a deal began
  double trust = 0.0;            // share of mistrust removed by small steps
  double ceasefire_drift = 0.0;  // the true drift when the ceasefire in force began (a war's would-be drift)
  std::vector<double> terms;     // the deal in force (or last signed), one value per issue
  std::vector<DealRecord> deals;
  int demands = 0;  // coercive demands that reached their deadline
  int demands_met = 0;
  int solver_failures = 0;   // months whose Nash solve did not converge (treated as no deal)
  bool conceded = false;     // the war ended by a side quitting a war of attrition
  int ceasefire_months = 0;  // months stepped in a peace window or a freeze (the rest were fought)
  // Screening (BargainingSpec::private_cost): ultimatums made and rejected, and the proposer's
  // posterior over the responder's cost weight, its prior truncated to [lower, upper] by what
  // the rejections revealed.
  int offers = 0;
  int offers_rejected = 0;
  double type_lower = 0.0;
  double type_upper = 0.0;
};

// A trial's state. It derives from the war's state so that the month dynamics, which know
// nothing of the table, take their part of it as it is.
struct TrialState : WarState {
  TableState table;
};

// Puts the table at month 0 for one trial (no deal, the status quo on every issue), reusing
// `table`'s storage.
void init_table_state(const Scenario& scenario, TableState& table);

// Puts the whole trial at month 0: init_war_state and init_table_state.
void init_trial_state(const Scenario& scenario, const TrialParameters& params, TrialState& state);

}  // namespace parley
