// The model compiled from a scenario: the validated scenario and everything solved once per
// parameter point before any trial runs (today the anticipation tables of
// bargaining/anticipation.h). A run, a sweep point or a claims comparison compiles its
// scenarios once and hands the Model down to every trial and thread, read-only.
//
// Where it sits: scenario (loaded, validated) -> compile() -> Model -> trials (sim/trial.h) ->
// summaries (sim/run_summary.h) -> reports (io/). docs/architecture.md draws the whole flow.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "parley/bargaining/anticipation.h"
#include "parley/scenario/scenario.h"

namespace parley {

class Model {
 public:
  // `cancel`, when given, is read by what the model solves with trials (a consistent fear's
  // pilot): set, it leaves that unsolved, and the run that follows finishes no trial.
  explicit Model(Scenario scenario, const std::atomic<bool>* cancel = nullptr);

  [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
  // Null when the scenario anticipates no aid cut-off (anticipates_cutoffs).
  [[nodiscard]] const bargaining::AnticipationTables* anticipation() const noexcept { return anticipation_.get(); }
  // With "feared_breakdown": "consistent": the solved chance of a breakdown every side fears (the
  // scenario's mistrust_prob is then this fixed value); nothing otherwise.
  [[nodiscard]] std::optional<double> feared_breakdown() const noexcept { return feared_breakdown_; }

 private:
  std::optional<double> feared_breakdown_;  // set while scenario_ is solved: declared first
  Scenario scenario_;
  std::shared_ptr<const bargaining::AnticipationTables> anticipation_;
};

// What compile() solves into the scenario itself (today a consistent fear of breakdown), without
// the tables: for `parley solve` and drafting, which read the table at month 0.
[[nodiscard]] Scenario with_solved_expectations(Scenario scenario);

// Solves what the scenario's trials share. Throws parley::Error when the tables would exceed
// their limits (anticipation.h).
[[nodiscard]] Model compile(Scenario scenario, const std::atomic<bool>* cancel = nullptr);

}  // namespace parley
