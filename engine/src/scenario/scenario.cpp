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

}  // namespace parley
