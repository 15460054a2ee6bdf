#include "parley/sim/trace.h"

#include "parley/sim/model.h"
#include "parley/sim/trial.h"

namespace parley {

const char* phase_name(Phase phase) noexcept {
  switch (phase) {
    case Phase::kWar:
      return "war";
    case Phase::kPeace:
      return "peace_window";
    case Phase::kFrozen:
      return "frozen";
  }
  return "war";
}

namespace {

TraceMonth snapshot(const TrialState& state) {
  TraceMonth m;
  m.month = state.month;
  m.phase = state.table.phase;
  m.front_share = state.front_share;
  m.drift_per_month = state.drift_per_month;
  m.economy_index = state.economy_index;
  m.sanctions_level_share = state.sanctions_level_share;
  for (const ActorState& actor : state.actors) {
    m.strength.push_back(actor.strength);
    m.support.push_back(actor.support_share);
    m.belief_mean.push_back(actor.belief_mean_drift);
    m.cost_total.push_back(actor.cost_total);
  }
  for (const AidState& aid : state.aid) m.aid.push_back(aid.flowing ? aid.amount_per_month : 0.0);
  return m;
}

std::string flow_name(const Scenario& scenario, std::size_t flow) {
  const AidSpec& aid = scenario.aid[flow];
  return scenario.actors[static_cast<std::size_t>(aid.patron)].id + "->" +
         scenario.actors[static_cast<std::size_t>(aid.recipient)].id;
}

// What changed between two months, in words.
void describe_events(const Scenario& scenario, const TrialState& before, const TrialState& after,
                     std::vector<std::string>& events) {
  const TableState& was = before.table;
  const TableState& is = after.table;
  if (is.months_ripe > was.months_ripe) events.emplace_back("ripe: both sides in a hurting stalemate");
  if (is.demands > was.demands)
    events.emplace_back(is.demands_met > was.demands_met ? "coercive demand met" : "coercive demand refused");
  if (is.talks > was.talks) events.emplace_back("talks held");
  if (is.offers > was.offers)
    events.emplace_back(is.offers_rejected > was.offers_rejected ? "ultimatum rejected" : "ultimatum accepted");
  if (is.deals.size() > was.deals.size()) events.emplace_back("deal signed");
  if (was.phase == Phase::kWar && is.phase == Phase::kFrozen) events.emplace_back("front frozen without a deal");
  if (was.phase == Phase::kPeace && is.phase == Phase::kWar) events.emplace_back("deal broken: war resumes");
  if (was.phase == Phase::kFrozen && is.phase == Phase::kWar) events.emplace_back("freeze broken: war resumes");
  if (is.solver_failures > was.solver_failures) events.emplace_back("bargaining solve did not converge");
  if (after.crises > before.crises) events.emplace_back("economic crisis");
  for (std::size_t j = 0; j < after.aid.size() && j < before.aid.size(); ++j) {
    // Month 1 is the first month aid can flow, and a ceasefire stops every flow: neither is a
    // decision of the patron's.
    const bool fought_both = was.phase == Phase::kWar && is.phase == Phase::kWar;
    if (after.aid[j].flowing == before.aid[j].flowing || after.month <= 1 || !fought_both) continue;
    events.push_back("aid " + flow_name(scenario, j) + (after.aid[j].flowing ? " starts" : " stops"));
  }
  if (after.ended && !before.ended)
    events.push_back("war ends: " + outcome_name(after.outcome, scenario) + (is.conceded ? " (a side concedes)" : ""));
}

}  // namespace

TrialTrace trace_trial(const Scenario& scenario, std::uint64_t seed, std::uint64_t trial) {
  return trace_trial(compile(scenario), seed, trial);
}

TrialTrace trace_trial(const Model& model, std::uint64_t seed, std::uint64_t trial) {
  const Scenario& scenario = model.scenario();
  TrialScratch scratch;
  TrialTrace trace;
  trace.seed = seed;
  trace.trial = trial;
  TrialState previous;
  bool first = true;
  simulate_trial(model, TrialKey{seed, trial}, scratch, [&](const TrialState& state) {
    TraceMonth month = snapshot(state);
    if (!first) describe_events(scenario, previous, state, month.events);
    first = false;
    previous = state;
    trace.months.push_back(std::move(month));
  });
  const TrialState& final_state = scratch.state;
  trace.outcome = final_state.outcome;
  trace.end_month = final_state.end_month;
  for (const ActorState& actor : final_state.actors) trace.cost.push_back(actor.cost_total);
  return trace;
}

}  // namespace parley
