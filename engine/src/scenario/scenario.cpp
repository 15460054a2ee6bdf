#include "parley/scenario/scenario.h"

namespace parley {

int Scenario::actor_index(const std::string& id) const {
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (actors[i].id == id) return static_cast<int>(i);
  return -1;
}

int Scenario::issue_index(const std::string& id) const {
  for (std::size_t i = 0; i < issues.size(); ++i)
    if (issues[i].id == id) return static_cast<int>(i);
  return -1;
}

namespace {

using ParameterVisitor = std::function<void(const ParameterSite&, const Uncertain&)>;

template <template <class> class Group>
void visit_group(const Group<Uncertain>& group, const std::string& name, const std::string& pointer,
                 const ParameterVisitor& fn) {
  Group<Uncertain>::for_each_field([&](const FieldInfo& field, auto get) {
    fn(ParameterSite{name + "/" + field.key, pointer + "/" + field.key}, get(group));
  });
}

}  // namespace

// The loader keeps the document's order of actors, aid flows, events and coercive demands, so a
// list entry's index in the scenario is its index in the document.
void for_each_parameter(const Scenario& scenario, const ParameterVisitor& fn) {
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorSpec& actor = scenario.actors[i];
    const std::string name = "/actors/" + actor.id, pointer = "/actors/" + std::to_string(i);
    visit_group(actor.preferences, name + "/preferences", pointer + "/preferences", fn);
    visit_group(actor.support, name + "/support", pointer + "/support", fn);
    if (actor.forces) visit_group(*actor.forces, name + "/forces", pointer + "/forces", fn);
    if (actor.belief) visit_group(*actor.belief, name + "/belief", pointer + "/belief", fn);
    for (std::size_t k = 0; k < actor.positions.size() && k < scenario.issues.size(); ++k) {
      const std::string issue = "/positions/" + scenario.issues[k].id;
      visit_group(actor.positions[k], name + issue, pointer + issue, fn);
    }
  }
  visit_group(scenario.battlefield.params, "/battlefield", "/battlefield", fn);
  for (std::size_t j = 0; j < scenario.aid.size(); ++j) {
    const AidSpec& aid = scenario.aid[j];
    visit_group(aid.flow,
                "/aid/" + scenario.actors[static_cast<std::size_t>(aid.patron)].id + "->" +
                    scenario.actors[static_cast<std::size_t>(aid.recipient)].id,
                "/aid/" + std::to_string(j), fn);
  }
  if (scenario.sanctions) visit_group(scenario.sanctions->params, "/sanctions", "/sanctions", fn);
  for (std::size_t e = 0; e < scenario.events.size(); ++e)
    visit_group(scenario.events[e].params, "/events/" + scenario.events[e].id, "/events/" + std::to_string(e), fn);
  if (scenario.bargaining) {
    const BargainingSpec& b = *scenario.bargaining;
    visit_group(b.talks, "/bargaining/talks", "/bargaining/talks", fn);
    visit_group(b.commitment, "/bargaining/commitment", "/bargaining/commitment", fn);
    for (std::size_t i = 0; i < b.actors.size(); ++i) {
      const std::string at = "/bargaining/actors/" + scenario.actors[i].id;
      visit_group(b.actors[i], at, at, fn);
    }
    for (std::size_t c = 0; c < b.coercion.size(); ++c)
      visit_group(b.coercion[c].params, "/bargaining/coercion/" + b.coercion[c].id,
                  "/bargaining/coercion/" + std::to_string(c), fn);
  }
}

}  // namespace parley
