#include "parley/scenario/draw.h"

#include "parley/core/cancel.h"
#include "parley/core/random.h"

namespace parley {

void draw_trial_parameters(const Scenario& scenario, std::uint64_t seed, std::uint64_t trial, TrialParameters& out) {
  const bool drawn = draw_trial_parameters(scenario, seed, trial, out, nullptr);
  static_cast<void>(drawn);  // always true without a flag
}

bool draw_trial_parameters(const Scenario& scenario, std::uint64_t seed, std::uint64_t trial, TrialParameters& out,
                           const std::atomic<bool>* cancel) {
  out.actors.resize(scenario.actors.size());
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    if (cancel_requested(cancel)) return false;
    const ActorSpec& spec = scenario.actors[i];
    ActorParameters& actor = out.actors[i];
    draw_group(spec.preferences, actor.preferences, seed, trial);
    draw_group(spec.support, actor.support, seed, trial);
    actor.forces = {};
    if (spec.forces) draw_group(*spec.forces, actor.forces, seed, trial);
    actor.belief = {};
    if (spec.belief) draw_group(*spec.belief, actor.belief, seed, trial);
    // Positions on the issues are the bargaining layer's alone (like its groups below): without
    // one they are not drawn, which was a third of the front alone's parameter draws.
    actor.positions.resize(scenario.bargaining ? spec.positions.size() : 0);
    for (std::size_t k = 0; k < actor.positions.size(); ++k) {
      if (cancel_requested(cancel)) return false;
      draw_group(spec.positions[k], actor.positions[k], seed, trial);
    }
  }
  draw_group(scenario.battlefield.params, out.battlefield, seed, trial);
  out.aid.resize(scenario.aid.size());
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    if (cancel_requested(cancel)) return false;
    draw_group(scenario.aid[j].flow, out.aid[j], seed, trial);
  }
  out.sanctions = {};
  if (scenario.sanctions) draw_group(scenario.sanctions->params, out.sanctions, seed, trial);
  out.talks = {};
  out.commitment = {};
  out.bargaining.resize(scenario.bargaining ? scenario.actors.size() : 0);
  out.coercion.resize(scenario.bargaining ? scenario.bargaining->coercion.size() : 0);
  if (scenario.bargaining) {
    const BargainingSpec& b = *scenario.bargaining;
    draw_group(b.talks, out.talks, seed, trial);
    draw_group(b.commitment, out.commitment, seed, trial);
    for (std::size_t i = 0; i < out.bargaining.size(); ++i) {
      if (cancel_requested(cancel)) return false;
      draw_group(b.actors[i], out.bargaining[i], seed, trial);
    }
    for (std::size_t c = 0; c < out.coercion.size(); ++c) {
      if (cancel_requested(cancel)) return false;
      draw_group(b.coercion[c].params, out.coercion[c], seed, trial);
    }
  }
  out.events.resize(scenario.events.size());
  for (std::size_t e = 0; e < scenario.events.size(); ++e) {
    if (cancel_requested(cancel)) return false;
    draw_group(scenario.events[e].params, out.events[e], seed, trial);
  }
  // Only where events fire: the front alone's trials pay nothing for them.
  out.event_keys.resize(scenario.mechanisms.events ? scenario.events.size() : 0);
  for (std::size_t e = 0; e < out.event_keys.size(); ++e)
    out.event_keys[e] = keyed_name(keyed::kEvent, scenario.events[e].id);
  return true;
}

void central_trial_parameters(const Scenario& scenario, TrialParameters& out) {
  // Draw first for the sizes and zeroed groups, then set every group to its mean.
  draw_trial_parameters(scenario, 0, 0, out);
  const auto central = [](auto& group, const auto& spec) { group = mean_group(spec); };
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorSpec& a = scenario.actors[i];
    central(out.actors[i].preferences, a.preferences);
    central(out.actors[i].support, a.support);
    if (a.forces) central(out.actors[i].forces, *a.forces);
    if (a.belief) central(out.actors[i].belief, *a.belief);
    for (std::size_t k = 0; k < out.actors[i].positions.size(); ++k)
      central(out.actors[i].positions[k], a.positions[k]);
  }
  central(out.battlefield, scenario.battlefield.params);
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) central(out.aid[j], scenario.aid[j].flow);
  if (scenario.sanctions) central(out.sanctions, scenario.sanctions->params);
  for (std::size_t e = 0; e < scenario.events.size(); ++e) central(out.events[e], scenario.events[e].params);
  if (scenario.bargaining) {
    const BargainingSpec& b = *scenario.bargaining;
    central(out.talks, b.talks);
    central(out.commitment, b.commitment);
    for (std::size_t i = 0; i < out.bargaining.size(); ++i) central(out.bargaining[i], b.actors[i]);
    for (std::size_t c = 0; c < out.coercion.size(); ++c) central(out.coercion[c], b.coercion[c].params);
  }
}

}  // namespace parley
