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
template <template <class> class Group>
void visit_group(const Group<Uncertain>& group, const std::string& prefix,
                 const std::function<void(const std::string&, const Uncertain&)>& fn) {
  Group<Uncertain>::for_each_field([&](const FieldInfo& field, auto get) { fn(prefix + "/" + field.key, get(group)); });
}
}  // namespace

void for_each_parameter(const Scenario& scenario,
                        const std::function<void(const std::string& path, const Uncertain& parameter)>& fn) {
  for (const ActorSpec& actor : scenario.actors) {
    const std::string prefix = "/actors/" + actor.id;
    visit_group(actor.preferences, prefix + "/preferences", fn);
    visit_group(actor.support, prefix + "/support", fn);
    if (actor.forces) visit_group(*actor.forces, prefix + "/forces", fn);
    if (actor.belief) visit_group(*actor.belief, prefix + "/belief", fn);
    for (std::size_t k = 0; k < actor.positions.size() && k < scenario.issues.size(); ++k)
      visit_group(actor.positions[k], prefix + "/positions/" + scenario.issues[k].id, fn);
  }
  visit_group(scenario.battlefield.params, "/battlefield", fn);
  for (const AidSpec& aid : scenario.aid)
    visit_group(aid.flow,
                "/aid/" + scenario.actors[static_cast<std::size_t>(aid.patron)].id + "->" +
                    scenario.actors[static_cast<std::size_t>(aid.recipient)].id,
                fn);
  if (scenario.sanctions) visit_group(scenario.sanctions->params, "/sanctions", fn);
  for (const EventSpec& event : scenario.events) visit_group(event.params, "/events/" + event.id, fn);
  if (scenario.bargaining) {
    const BargainingSpec& b = *scenario.bargaining;
    visit_group(b.talks, "/bargaining/talks", fn);
    visit_group(b.commitment, "/bargaining/commitment", fn);
    for (std::size_t i = 0; i < b.actors.size(); ++i)
      visit_group(b.actors[i], "/bargaining/actors/" + scenario.actors[i].id, fn);
    for (const CoercionSpec& c : b.coercion) visit_group(c.params, "/bargaining/coercion/" + c.id, fn);
  }
}

}  // namespace parley
