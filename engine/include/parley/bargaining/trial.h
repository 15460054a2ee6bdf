// One trial as the table's step functions see it: the compiled model's parts (the validated
// scenario and the run's anticipation tables), the parameters drawn for the trial (const after
// the draw), its state, and its keyed random streams.
//
// Where it sits: sim/trial.cpp builds one per trial from its Model (sim/model.h) and hands it to
// the table (bargaining/table.h). The month dynamics (model/dynamics.h) sit below the table and
// know nothing of it; they take the war's part of the same objects. The sequential battle stream
// stays with the trial loop, which alone draws from it.
#pragma once

#include "parley/bargaining/table_state.h"
#include "parley/core/random.h"
#include "parley/scenario/draw.h"
#include "parley/scenario/scenario.h"

namespace parley {

namespace bargaining {
class AnticipationTables;
}

struct Trial {
  const Scenario& scenario;
  // The run's solved tables for anticipated aid cut-offs; null when nothing is anticipated.
  const bargaining::AnticipationTables* anticipation;
  const TrialParameters& params;
  TrialState& state;
  TrialKey key;

  // The same trial at another state (a projected month, a what-if): same model, parameters, keys.
  [[nodiscard]] Trial at(TrialState& other) const noexcept { return {scenario, anticipation, params, other, key}; }
  // The same trial with other parameters (`parley solve`'s table without the fear of reneging).
  [[nodiscard]] Trial with(const TrialParameters& other) const noexcept {
    return {scenario, anticipation, other, state, key};
  }
};

}  // namespace parley
