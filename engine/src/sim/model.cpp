#include "parley/sim/model.h"

#include <utility>

namespace parley {

Model::Model(Scenario scenario)
    : scenario_(std::move(scenario)), anticipation_(bargaining::build_anticipation_tables(scenario_)) {}

Model compile(Scenario scenario) {
  return Model(std::move(scenario));
}

}  // namespace parley
