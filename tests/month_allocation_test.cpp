// The month loop allocates nothing (issue 18): heap allocations counted by the interposed
// malloc of bench/allocation_count.h (it sees operator new, Eigen and oneTBB alike) while trials
// run on storage a first trial has warmed up. This program is the one that includes it.
#include <doctest/doctest.h>

#include "../bench/allocation_count.h"
#include "parley/model/dynamics.h"
#include "parley/scenario/load.h"
#include "parley/sim/trial.h"

using namespace parley;

namespace {

Scenario flagship() {
  return load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json");
}

// Allocations while trials [1, trials] run on a scratch that trial 0 warmed up.
std::int64_t allocations_after_warm_up(const Model& model, std::uint64_t trials, std::int64_t& months) {
  TrialScratch scratch;
  simulate_trial(model, TrialKey{5, 0}, scratch);
  months = 0;
  return bench::allocations_of([&] {
    for (std::uint64_t trial = 1; trial <= trials; ++trial) {
      simulate_trial(model, TrialKey{5, trial}, scratch);
      months += scratch.state.month;
    }
  });
}

}  // namespace

TEST_CASE("allocations: the counter sees an allocation") {
  // So that the zeros below mean something.
  const std::int64_t counted = bench::allocations_of([] {
    std::vector<double> values(1000, 1.0);
    CHECK(values.back() == 1.0);
  });
  CHECK(counted == 1);
}

TEST_CASE("allocations: the front alone's trials allocate nothing once warmed up") {
  // throughput_bench --battlefield-only: the flagship's front, every mechanism off, no table.
  Scenario scenario = flagship();
  scenario.mechanisms = Mechanisms{false, false, false, false, false, false};
  scenario.bargaining.reset();
  const Model model = compile(std::move(scenario));
  std::int64_t months = 0;
  CHECK(allocations_after_warm_up(model, 200, months) == 0);
  CHECK(months > 2000);
}

TEST_CASE("allocations: step_month with every mechanism on allocates nothing once warmed up") {
  Scenario scenario = flagship();
  scenario.bargaining.reset();
  const Model model = compile(std::move(scenario));
  std::int64_t months = 0;
  CHECK(allocations_after_warm_up(model, 200, months) == 0);
  CHECK(months > 2000);
}

TEST_CASE("allocations: the full flagship's trials, the table included, allocate nothing once warmed up") {
  // throughput_bench scenarios/ukraine_war.json: every mechanism, talks, ceasefires and their
  // renewed wars priced month by month. The warm-up is longer: a deal's record and the
  // projection of a peace window take their storage the first time a trial needs them.
  const Model model = compile(flagship());
  TrialScratch scratch;
  for (std::uint64_t trial = 0; trial < 200; ++trial) simulate_trial(model, TrialKey{5, trial}, scratch);
  std::int64_t months = 0, ceasefire_months = 0;
  const std::int64_t allocations = bench::allocations_of([&] {
    for (std::uint64_t trial = 200; trial < 400; ++trial) {
      simulate_trial(model, TrialKey{5, trial}, scratch);
      months += scratch.state.month;
      ceasefire_months += scratch.state.table.ceasefire_months;
    }
  });
  CHECK(allocations == 0);
  CHECK(months > 2000);
  CHECK(ceasefire_months > 500);
}
