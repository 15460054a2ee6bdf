// One Monte Carlo trial: draw the parameters, run the war month by month until it ends or the
// horizon is reached. Storage lives in TrialScratch and is reused across a worker's trials, so
// the loop does not allocate once warmed up.
#pragma once

#include <functional>

#include "parley/bargaining/table.h"
#include "parley/core/random.h"
#include "parley/model/war_state.h"
#include "parley/sim/model.h"

namespace parley {

struct TrialScratch {
  TrialParameters params;
  TrialState state;
  bargaining::Table table;
};

// Leaves the final state in scratch.state. Depends only on (model, key).
void simulate_trial(const Model& model, const TrialKey& key, TrialScratch& scratch);

// The same trial, with `observe` called on the state at month 0 and after each month (the war's
// step and the table's review): what `parley trace` records. The trial's numbers are those of
// the call above.
using MonthObserver = std::function<void(const TrialState& state)>;
void simulate_trial(const Model& model, const TrialKey& key, TrialScratch& scratch, const MonthObserver& observe);

}  // namespace parley
