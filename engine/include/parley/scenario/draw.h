// One trial's parameters: every uncertain scenario value drawn once, at the start of a trial.
//
// Where it sits: Scenario (typed, with distributions) -> draw_trial_parameters -> the model's
// month step reads plain doubles. Each value depends only on (seed, trial, parameter path), see
// uncertain.h, so policy variants of one scenario see the same draws (common random numbers).
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "parley/scenario/scenario.h"

namespace parley {

using Preferences = BasicPreferences<double>;
using Support = BasicSupport<double>;
using Forces = BasicForces<double>;
using Belief = BasicBelief<double>;
using Position = BasicPosition<double>;
using Battlefield = BasicBattlefield<double>;
using AidFlow = BasicAidFlow<double>;
using Sanctions = BasicSanctions<double>;
using EventParams = BasicEventParams<double>;
using Talks = BasicTalks<double>;
using Commitment = BasicCommitment<double>;
using ActorBargaining = BasicActorBargaining<double>;
using Coercion = BasicCoercion<double>;

struct ActorParameters {
  Preferences preferences;
  Support support;
  Forces forces;                    // zero for third parties
  Belief belief;                    // zero for third parties
  std::vector<Position> positions;  // empty when the scenario has no bargaining layer
};

struct TrialParameters {
  std::vector<ActorParameters> actors;
  Battlefield battlefield;
  std::vector<AidFlow> aid;
  Sanctions sanctions;  // zero when the scenario has no sanctions
  std::vector<EventParams> events;
  // Per event: the name of its keyed draw (keyed::kEvent and its id), not drawn but hashed here
  // once rather than every month; empty when the events mechanism is off (the month hashes the
  // ids of parameters that lack them).
  std::vector<std::uint64_t> event_keys;
  // Bargaining layer (zero when the scenario has none).
  Talks talks;
  Commitment commitment;
  std::vector<ActorBargaining> bargaining;  // per actor
  std::vector<Coercion> coercion;           // per demand
};

// Draws into `out`, reusing its storage (the trial loop calls this once per trial).
void draw_trial_parameters(const Scenario& scenario, std::uint64_t seed, std::uint64_t trial, TrialParameters& out);

// The same draws, reading `cancel` (may be null) before each actor's groups, each position, aid
// flow, demand and event: the largest scenario the limits allow draws thousands of values a
// trial (64 actors' positions on 64 issues, all betas of the largest shape, take about 25 ms
// here, tests/trial_cancel_test.cpp). Returns false, `out` partly drawn, when the flag was found
// set.
[[nodiscard]] bool draw_trial_parameters(const Scenario& scenario, std::uint64_t seed, std::uint64_t trial,
                                         TrialParameters& out, const std::atomic<bool>* cancel);

// The central parameter point: every distribution at its mean (`parley solve`, and the
// anticipation tables that trials share, bargaining/anticipation.h).
void central_trial_parameters(const Scenario& scenario, TrialParameters& out);

// Draws one parameter group. Every field is a draw of the matching Uncertain; a fixed value,
// most of a scenario's, is read here rather than through the out-of-line draw (the same value:
// Uncertain::draw returns p1 for a fixed one), since a trial draws every field.
template <template <class> class Group>
void draw_group(const Group<Uncertain>& spec, Group<double>& out, std::uint64_t seed, std::uint64_t trial) {
  Group<Uncertain>::for_each_field([&](const FieldInfo&, auto get) {
    const Uncertain& parameter = get(spec);
    get(out) = parameter.kind() == Uncertain::Kind::kFixed ? parameter.p1 : parameter.draw(seed, trial);
  });
}

// Each group at the mean of its distributions: the "central" parameter point used by solvers
// and `parley solve`.
template <template <class> class Group>
Group<double> mean_group(const Group<Uncertain>& spec) {
  Group<double> out;
  Group<Uncertain>::for_each_field([&](const FieldInfo&, auto get) { get(out) = get(spec).mean(); });
  return out;
}

}  // namespace parley
