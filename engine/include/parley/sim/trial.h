// One Monte Carlo trial: draw the parameters, run the war month by month until it ends or the
// horizon is reached. Storage lives in TrialScratch and is reused across a worker's trials, so
// the loop does not allocate once warmed up.
#pragma once

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

}  // namespace parley
