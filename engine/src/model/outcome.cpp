#include "parley/model/outcome.h"

namespace parley {

std::array<std::string, kOutcomeCount> outcome_names(const Scenario& scenario) {
  const std::string& holder = scenario.actors.at(static_cast<std::size_t>(scenario.battlefield.holder)).id;
  const std::string& opponent = scenario.actors.at(static_cast<std::size_t>(scenario.battlefield.opponent)).id;
  std::array<std::string, kOutcomeCount> names;
  for (std::size_t k = 0; k < kOutcomeCount; ++k) names[k] = std::string(kUkraineWarOutcomeNames[k]);
  if (holder != "UKR" || opponent != "RUS") {
    names[static_cast<std::size_t>(Outcome::kHolderVictory)] = holder + "_victory";
    names[static_cast<std::size_t>(Outcome::kOpponentVictory)] = opponent + "_victory";
  }
  return names;
}

std::string outcome_name(Outcome outcome, const Scenario& scenario) {
  return outcome_names(scenario)[static_cast<std::size_t>(outcome)];
}

}  // namespace parley
