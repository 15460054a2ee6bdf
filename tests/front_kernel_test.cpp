// The front alone's month kernel (model/dynamics.h, step_front_alone_months) against the general
// month, step_month, which stays the reference: on random scenarios with every mechanism off, the
// same state bit for bit and the same draws from the battle stream (the common random numbers
// between variants rest on that). And the Brownian-bridge shortcuts of diffusion_step against the
// test as it was written before them, u < exp(e) for every month.
#include <doctest/doctest.h>

#include <bit>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <random>

#include "parley/model/dynamics.h"
#include "parley/scenario/load.h"
#include "parley/sim/trial.h"
#include "scenario_builders.h"

using namespace parley;

namespace {

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

void check_same_state(const WarState& general, const WarState& kernel) {
  CHECK(general.month == kernel.month);
  CHECK(bits(general.front_share) == bits(kernel.front_share));
  CHECK(general.walk_index == kernel.walk_index);
  CHECK(bits(general.walk_offset_share) == bits(kernel.walk_offset_share));
  CHECK(bits(general.drift_per_month) == bits(kernel.drift_per_month));
  CHECK(bits(general.economy_index) == bits(kernel.economy_index));
  CHECK(bits(general.sanctions_level_share) == bits(kernel.sanctions_level_share));
  CHECK(general.crises == kernel.crises);
  CHECK(general.ended == kernel.ended);
  CHECK(general.outcome == kernel.outcome);
  CHECK(general.end_month == kernel.end_month);
  REQUIRE(general.actors.size() == kernel.actors.size());
  for (std::size_t i = 0; i < general.actors.size(); ++i) {
    const ActorState& g = general.actors[i];
    const ActorState& k = kernel.actors[i];
    CHECK(bits(g.support_share) == bits(k.support_share));
    CHECK(bits(g.strength) == bits(k.strength));
    CHECK(bits(g.cost_this_month) == bits(k.cost_this_month));
    CHECK(bits(g.cost_total) == bits(k.cost_total));
    CHECK(bits(g.belief_mean_drift) == bits(k.belief_mean_drift));
    CHECK(bits(g.belief_var_drift) == bits(k.belief_var_drift));
  }
  REQUIRE(general.aid.size() == kernel.aid.size());
  for (std::size_t j = 0; j < general.aid.size(); ++j) {
    CHECK(general.aid[j].cut_off == kernel.aid[j].cut_off);
    CHECK(general.aid[j].flowing == kernel.aid[j].flowing);
    CHECK(bits(general.aid[j].amount_per_month) == bits(kernel.aid[j].amount_per_month));
  }
  REQUIRE(general.front_history.size() == kernel.front_history.size());
  bool same_history = true;
  for (std::size_t t = 0; t < general.front_history.size(); ++t)
    same_history = same_history && bits(general.front_history[t]) == bits(kernel.front_history[t]);
  CHECK(same_history);
}

// One trial both ways from month 0. Returns the month it ended (0 when it reached the horizon).
int compare_trial(const Scenario& scenario, std::uint64_t seed, std::uint64_t trial) {
  TrialParameters params;
  draw_trial_parameters(scenario, seed, trial, params);
  WarState general;
  WarState kernel;
  init_war_state(scenario, params, general);
  init_war_state(scenario, params, kernel);
  Rng general_battle(seed, trial, Stream::kBattle);
  Rng kernel_battle(seed, trial, Stream::kBattle);
  const TrialKey key{seed, trial};
  while (!general.ended && general.month < scenario.horizon_months)
    step_month(scenario, params, general, general_battle, key);
  step_front_alone_months(scenario, params, kernel, kernel_battle);
  check_same_state(general, kernel);
  // The same draws: the two streams stand at the same place.
  CHECK(general_battle() == kernel_battle());
  return general.ended ? general.end_month : 0;
}

// A scenario with every mechanism off and random parameters, some of them uncertain so that
// each trial draws its own: both processes, volatilities from none to large, starts near the
// barriers, strengths far apart, horizons from one month up.
Scenario random_front_alone_scenario(std::mt19937_64& random) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto pick = [&](std::initializer_list<double> values) {
    return *(values.begin() + static_cast<std::ptrdiff_t>(random() % values.size()));
  };
  const bool lattice = random() % 3 == 0;
  const double initial = pick({1e-9, 0.02, 0.3, 0.5, 0.97, 1.0 - 1e-9, 0.01 + 0.98 * unit(random)});
  const double volatility = pick({0.0, 1e-3, 0.01, 0.05, 0.2, 0.45, 0.3 * unit(random)});
  const int horizon = static_cast<int>(pick({1.0, 12.0, 240.0, 1200.0}));
  Scenario s = random() % 2 == 0 ? testing::battlefield_only(initial, 0.0, volatility, horizon)
                                 : testing::with_patron(initial, 0.0, volatility, horizon);
  s.mechanisms = Mechanisms{false, false, false, false, false, false};
  if (lattice) {
    s.battlefield.process = FrontProcess::kRandomWalk;
    s.battlefield.params.walk_step_share = Uncertain::fixed(pick({0.01, 0.05, 0.2, 0.005 + 0.2 * unit(random)}));
  }
  const double bias = 0.1 * unit(random) - 0.05;
  s.battlefield.params.defence_bias_per_month = Uncertain::uniform(bias - 0.01, bias + 0.01);
  s.battlefield.params.power_elasticity_per_month = Uncertain::fixed(0.05 * unit(random));
  s.actors[0].forces->initial_strength = Uncertain::uniform(1.0, 1000.0);
  s.actors[1].forces->initial_strength = Uncertain::fixed(1.0 + 999.0 * unit(random));
  return s;
}

}  // namespace

TEST_CASE("front alone: the month kernel leaves step_month's state and draws, on random scenarios") {
  std::mt19937_64 random(18);
  int ended = 0;
  int lasted = 0;
  for (int scenario = 0; scenario < 300; ++scenario) {
    const Scenario s = random_front_alone_scenario(random);
    for (std::uint64_t trial = 0; trial < 8; ++trial) (compare_trial(s, 7, trial) > 0 ? ended : lasted) += 1;
  }
  // Both ends of a trial are exercised: wars that ended on the battlefield and wars that lasted.
  CHECK(ended > 100);
  CHECK(lasted > 100);
}

TEST_CASE("front alone: the kernel from a state part-way through a trial") {
  std::mt19937_64 random(1812);
  for (int scenario = 0; scenario < 100; ++scenario) {
    const Scenario s = random_front_alone_scenario(random);
    TrialParameters params;
    draw_trial_parameters(s, 3, 0, params);
    WarState general;
    init_war_state(s, params, general);
    Rng general_battle(3, 0, Stream::kBattle);
    const TrialKey key{3, 0};
    for (int month = 0; month < 5 && !general.ended && general.month < s.horizon_months; ++month)
      step_month(s, params, general, general_battle, key);
    WarState kernel = general;
    Rng kernel_battle = general_battle;
    while (!general.ended && general.month < s.horizon_months) step_month(s, params, general, general_battle, key);
    step_front_alone_months(s, params, kernel, kernel_battle);
    check_same_state(general, kernel);
    CHECK(general_battle() == kernel_battle());
  }
}

TEST_CASE("front alone: simulate_trial takes the kernel for the flagship's front, with the same result") {
  Scenario flagship = load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json");
  flagship.mechanisms = Mechanisms{false, false, false, false, false, false};
  flagship.bargaining.reset();
  REQUIRE(front_alone(flagship.mechanisms));
  const Model model = compile(flagship);
  TrialScratch scratch;
  for (std::uint64_t trial = 0; trial < 50; ++trial) {
    simulate_trial(model, TrialKey{11, trial}, scratch);
    TrialParameters params;
    draw_trial_parameters(flagship, 11, trial, params);
    WarState general;
    init_war_state(flagship, params, general);
    Rng battle(11, trial, Stream::kBattle);
    while (!general.ended && general.month < flagship.horizon_months)
      step_month(flagship, params, general, battle, TrialKey{11, trial});
    if (!general.ended) general.end_month = flagship.horizon_months;  // simulate_trial dates an ongoing war
    check_same_state(general, scratch.state);
  }
}

TEST_CASE("front alone: only a trial with every mechanism off is the front alone") {
  for (int off = 0; off < 6; ++off) {
    Mechanisms mechanisms{false, false, false, false, false, false};
    bool* const each[] = {&mechanisms.strength,  &mechanisms.aid,     &mechanisms.support,
                          &mechanisms.sanctions, &mechanisms.beliefs, &mechanisms.events};
    *each[off] = true;
    CHECK_FALSE(front_alone(mechanisms));
  }
  CHECK(front_alone(Mechanisms{false, false, false, false, false, false}));
}

namespace {

// diffusion_step as it was before the bridge test's shortcuts: exp every month.
FrontStep reference_diffusion_step(double front_share, double drift_per_month, double volatility, Rng& rng) {
  boost::random::normal_distribution<double> standard_normal;
  const double z = standard_normal(rng);
  const double u_lower = rng.uniform();
  const double u_upper = rng.uniform();
  const double next = front_share + drift_per_month + volatility * z;
  if (next <= 0.0) return {0.0, Absorption::kLower};
  if (next >= 1.0) return {1.0, Absorption::kUpper};
  if (volatility > 0.0) {
    const double variance = volatility * volatility;
    if (u_lower < std::exp(-2.0 * front_share * next / variance)) return {0.0, Absorption::kLower};
    if (u_upper < std::exp(-2.0 * (1.0 - front_share) * (1.0 - next) / variance)) return {1.0, Absorption::kUpper};
  }
  return {next, Absorption::kNone};
}

}  // namespace

TEST_CASE("bridge test: the shortcuts' premises hold") {
  // The smallest uniform a stream gives, and exp at the floor below which the test is false.
  CHECK(open_unit_interval(0) == 0x1p-54);
  CHECK(std::exp(-40.0) * 13.0 < open_unit_interval(0));
  // The series bound exp(e) <= 1 / (1 - e + e^2 / 2) for e <= 0, where the test then reads it.
  for (double e = -40.0; e <= 0.0; e += 1.0 / 64.0) CHECK(std::exp(e) <= 1.0 / (1.0 - e + 0.5 * e * e));
}

TEST_CASE("bridge test: diffusion_step decides every month as exp would, near the barriers and far") {
  std::mt19937_64 random(2024);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int bridge_crossings = 0;
  for (int i = 0; i < 400000; ++i) {
    // Starts spread over (0, 1) and crowded at both barriers; volatilities from 0.001 to 1, so
    // that the exponents run from far below the floor of -40 to just under 0.
    const double u = unit(random);
    const double x = i % 3 == 0 ? 1e-6 + 0.05 * u : i % 3 == 1 ? 1.0 - 1e-6 - 0.05 * u : u;
    const double volatility = std::pow(10.0, -3.0 + 3.0 * unit(random));
    const double drift = 0.02 * unit(random) - 0.01;
    Rng shortcut(i, 1, Stream::kBattle);
    Rng reference = shortcut;
    const FrontStep got = diffusion_step(x, drift, volatility, shortcut);
    const FrontStep expected = reference_diffusion_step(x, drift, volatility, reference);
    REQUIRE(bits(got.front_share) == bits(expected.front_share));
    REQUIRE(got.absorbed == expected.absorbed);
    REQUIRE(shortcut() == reference());
    Rng again(i, 1, Stream::kBattle);
    boost::random::normal_distribution<double> standard_normal;
    const double next = x + drift + volatility * standard_normal(again);
    if (expected.absorbed != Absorption::kNone && next > 0.0 && next < 1.0) ++bridge_crossings;
  }
  // Crossings inside the month that only the bridge test sees: the exp path is exercised too.
  CHECK(bridge_crossings > 1000);
}
