// Each mechanism of a month (model/dynamics.cpp) against an exact formula: docs/model.md 3-7.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/model/dynamics.h"
#include "parley/scenario/load.h"
#include "parley/sim/trial.h"
#include "scenario_builders.h"

using namespace parley;

namespace {

struct Harness {
  Scenario scenario;
  TrialParameters params;
  WarState state;
  Rng battle{1, 0, Stream::kBattle};
  TrialKey key{1, 0};

  explicit Harness(Scenario s, std::uint64_t trial = 0)
      : scenario(std::move(s)), battle(1, trial, Stream::kBattle), key{1, trial} {
    draw_trial_parameters(scenario, key.seed, key.trial, params);
    init_war_state(scenario, params, state);
  }
  void step() { step_month(scenario, params, state, battle, key); }
};

}  // namespace

TEST_CASE("beliefs: the Kalman mean and variance equal the conjugate normal posterior") {
  Scenario s = testing::battlefield_only(0.5, 0.004, 0.02, 60);
  s.mechanisms.beliefs = true;
  const double m0 = -0.01, sd0 = 0.005, sigma = 0.02;
  s.actors[0].belief->prior_mean_drift_per_month = Uncertain::fixed(m0);
  s.actors[0].belief->prior_sd_drift_per_month = Uncertain::fixed(sd0);
  Harness h(s);
  double sum_changes = 0.0;
  int n = 0;
  for (; n < 24 && !h.state.ended; ++n) {
    const double before = h.state.front_share;
    h.step();
    sum_changes += h.state.front_share - before;
  }
  REQUIRE_FALSE(h.state.ended);
  const double precision = 1.0 / (sd0 * sd0) + n / (sigma * sigma);
  const double mean = (m0 / (sd0 * sd0) + sum_changes / (sigma * sigma)) / precision;
  CHECK(h.state.actors[0].belief_mean_drift == doctest::Approx(mean).epsilon(1e-10));
  CHECK(h.state.actors[0].belief_var_drift == doctest::Approx(1.0 / precision).epsilon(1e-10));
}

TEST_CASE("economy: the index follows Y_n = Y* + (1 - Y*)(1 - ds - r)^n with Y* = r / (r + ds)") {
  Scenario s = testing::with_patron(0.5, 0.0, 0.0, 60);
  s.mechanisms.sanctions = true;
  const double d = 0.04, level = 0.5, r = 0.03;
  s.sanctions->params.economy_drag_per_month = Uncertain::fixed(d);
  s.sanctions->params.economy_recovery_per_month = Uncertain::fixed(r);
  Harness h(s);
  const double steady = r / (r + d * level);
  for (int n = 1; n <= 40; ++n) {
    h.step();
    CHECK(h.state.economy_index ==
          doctest::Approx(steady + (1.0 - steady) * std::pow(1.0 - d * level - r, n)).epsilon(1e-12));
  }
  CHECK(h.state.actors[1].cost_total > 0.0);  // strain is the target's cost
}

TEST_CASE("crises arrive with probability 1 - exp(-h) a month") {
  Scenario s = testing::with_patron(0.5, 0.0, 0.0, 120);
  s.mechanisms.sanctions = true;
  const double hazard = 0.02;
  s.sanctions->params.crisis_base_hazard_per_month = Uncertain::fixed(hazard);
  const int trials = 4000;
  double crises = 0.0;
  TrialScratch scratch;
  const Model model = compile(s);
  for (int t = 0; t < trials; ++t) {
    simulate_trial(model, TrialKey{3, static_cast<std::uint64_t>(t)}, scratch);
    crises += scratch.state.crises;
  }
  const double p = -std::expm1(-hazard);
  const double expected = 120 * p;
  CHECK(std::abs(crises / trials - expected) <= 4.0 * std::sqrt(120 * p * (1 - p) / trials));
}

TEST_CASE("aid: 'until' stops after its month, and a stalled front stops it for good") {
  Scenario s = testing::with_patron(0.5, 0.0, 0.0, 30);
  s.mechanisms.aid = true;
  s.aid[0].policy = AidPolicy{AidPolicyKind::kUntil, 5, false, 6, 0.02};
  Harness h(s);
  for (int month = 1; month <= 8; ++month) {
    h.step();
    CAPTURE(month);
    CHECK(h.state.aid[0].flowing == (month <= 5));
  }
  // A motionless front (no drift, no noise) is a stalemate once the window has passed.
  s.aid[0].policy = AidPolicy{AidPolicyKind::kUntil, -1, true, 4, 0.02};
  Harness stalled(s);
  for (int month = 1; month <= 7; ++month) {
    stalled.step();
    CAPTURE(month);
    CHECK(stalled.state.aid[0].flowing == (month <= 4));
  }
}

TEST_CASE("aid raises the recipient's effective power and so the drift") {
  Scenario s = testing::with_patron(0.5, 0.0, 0.0, 30);
  s.mechanisms.aid = true;
  Harness h(s);
  h.step();
  // E_holder = 100 (1 + 0.5 * 1), E_opponent = 100: mu = 0.01 ln 1.5.
  CHECK(h.state.drift_per_month == doctest::Approx(0.01 * std::log(1.5)).epsilon(1e-14));
  CHECK(h.state.actors[2].cost_total == doctest::Approx(1.0));
}

TEST_CASE("an election switches the patron's aid policy; support below the floor stops aid") {
  Scenario s = testing::with_patron(0.5, 0.0, 0.0, 30);
  s.mechanisms.aid = true;
  s.mechanisms.events = true;
  EventSpec election;
  election.id = "election";
  election.kind = EventKind::kElection;
  election.actor = 2;
  election.month = 3;
  election.new_aid_policy = AidPolicy{AidPolicyKind::kNone};
  election.params = BasicEventParams<Uncertain>{Uncertain::fixed(1.0), Uncertain::fixed(0.0)};
  s.events.push_back(election);
  Harness h(s);
  for (int month = 1; month <= 5; ++month) {
    h.step();
    CAPTURE(month);
    CHECK(h.state.aid[0].flowing == (month < 3));
  }
  Scenario floor = testing::with_patron(0.5, 0.0, 0.0, 30);
  floor.mechanisms.aid = true;
  floor.mechanisms.support = true;
  floor.aid[0].flow.support_floor_share = Uncertain::fixed(0.75);
  floor.actors[2].support.fatigue_per_month = Uncertain::fixed(0.02);
  Harness f(floor);
  // Support 0.8 falls 0.02 a month after each month's aid decision: below 0.75 from month 4.
  for (int month = 1; month <= 5; ++month) {
    f.step();
    CAPTURE(month);
    CHECK(f.state.aid[0].flowing == (month <= 3));
  }
}

TEST_CASE("Lanchester attrition with mobilisation capped by support and the economy") {
  Scenario s = testing::with_patron(0.5, 0.0, 0.0, 30);
  s.mechanisms.strength = true;
  s.mechanisms.sanctions = true;
  s.sanctions->params.economy_drag_per_month = Uncertain::fixed(0.2);
  for (auto i : {0, 1}) {
    s.actors[static_cast<std::size_t>(i)].forces->lethality_per_month = Uncertain::fixed(0.01 * (i + 1));
    s.actors[static_cast<std::size_t>(i)].forces->mobilisation_per_month = Uncertain::fixed(2.0);
  }
  Harness h(s);
  h.step();
  // Month 1: holder loses 0.02 * 100 and raises 2 * 0.5; the opponent loses 0.01 * 100 and
  // raises 2 * 0.5 * Y_0 (forces move before the economy within a month, docs/model.md 8).
  const double economy = 1.0 - 0.2 * 0.5;
  CHECK(h.state.actors[0].strength == doctest::Approx(99.0).epsilon(1e-14));
  CHECK(h.state.actors[1].strength == doctest::Approx(100.0).epsilon(1e-14));
  CHECK(h.state.economy_index == doctest::Approx(economy));
  // Month 2: the opponent's recruitment now feels Y_1.
  h.step();
  const double opponent_loss = 0.01 * 99.0;  // the holder's lethality times its power (aid is off)
  CHECK(h.state.actors[1].strength == doctest::Approx(100.0 - opponent_loss + 1.0 * economy).epsilon(1e-14));
}

TEST_CASE("events: the draw keys kept in the parameters draw what hashing the ids each month draws") {
  // draw_trial_parameters hashes each event's key once (TrialParameters::event_keys); parameters
  // without them are hashed month by month. The flagship's events, a shock possible every month
  // among them, must fire in the same months either way.
  const Scenario scenario = load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json");
  REQUIRE(scenario.mechanisms.events);
  for (std::uint64_t trial = 0; trial < 40; ++trial) {
    Harness kept(scenario, trial), hashed(scenario, trial);
    REQUIRE(kept.params.event_keys.size() == scenario.events.size());
    hashed.params.event_keys.clear();
    for (int month = 0; month < 60 && !kept.state.ended; ++month) {
      kept.step();
      hashed.step();
      for (std::size_t i = 0; i < scenario.actors.size(); ++i)
        REQUIRE(kept.state.actors[i].support_share == hashed.state.actors[i].support_share);
      for (std::size_t j = 0; j < scenario.aid.size(); ++j)
        REQUIRE(kept.state.aid[j].policy.kind == hashed.state.aid[j].policy.kind);
    }
  }
}
