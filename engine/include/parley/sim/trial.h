// One Monte Carlo trial: draw the parameters, run the war month by month until it ends or the
// horizon is reached. Storage lives in TrialScratch and is reused across a worker's trials, so
// the loop does not allocate once warmed up.
#pragma once

#include <atomic>
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

// The same trial for a runner that can be cancelled: `cancel` (may be null) is read while the
// parameters are drawn (scenario/draw.h) and before every month. Returns false, leaving an unfinished state to be
// dropped, when it was found set; otherwise the trial's numbers are those of the call above.
[[nodiscard]] bool simulate_trial(const Model& model, const TrialKey& key, TrialScratch& scratch,
                                  const std::atomic<bool>* cancel);

// The same trial, with `observe` called on the state at month 0 and after each month (the war's
// step and the table's review): what `parley trace` records. The trial's numbers are those of
// the call above; `cancel` is read as there, and false returned when it stopped the trial (after
// the last month `observe` saw).
using MonthObserver = std::function<void(const TrialState& state)>;
bool simulate_trial(const Model& model, const TrialKey& key, TrialScratch& scratch, const MonthObserver& observe,
                    const std::atomic<bool>* cancel = nullptr);

}  // namespace parley
