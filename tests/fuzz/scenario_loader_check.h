// What the scenario loader's fuzz target checks for one input, shared with the doctest that
// replays every file in tests/fuzz/regressions/ (tests/fuzz_regressions_test.cpp).
//
// The contract: for any bytes, parse_scenario_text() either returns a Scenario or throws
// parley::InputError / parley::Error; any other exception escapes to the caller. A scenario
// that loads is then simulated for a few trials on this thread, so that extreme but valid
// values (a horizon of 1200 months, strengths near the largest double, steps near zero) also
// reach the month dynamics: the front and every support stay shares in [0, 1], months within
// the horizon, drift, strengths and beliefs finite, costs non-negative (they may overflow to
// infinity, which the report shows as null). A broken invariant aborts, which libFuzzer and
// CTest both report.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "parley/core/error.h"
#include "parley/scenario/load.h"
#include "parley/sim/trial.h"

namespace parley::fuzz {

inline constexpr std::uint64_t kTrialsPerInput = 2;

inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "scenario loader check: broken invariant: %s\n", what);
  std::abort();
}

// Returns true when the input loaded as a scenario, false when it was refused as it should be.
inline bool check_scenario_text(std::string_view text) {
  Scenario scenario;
  try {
    scenario = parse_scenario_text(text, "fuzz input");
  } catch (const InputError&) {
    return false;  // a located problem in the input: the expected answer to most inputs
  } catch (const Error&) {
    return false;  // a deliberate refusal not tied to one location
  }
  // A consistent fear of breakdown is solved by compile() with a pilot run of thousands of
  // trials (sim/model.cpp): more of the same dynamics, too slow for one input. The input's
  // trials run with the stated fear instead; the solve itself is tested in validation_cases_test.
  if (scenario.bargaining) scenario.bargaining->consistent_fear = false;
  TrialScratch scratch;
  const Model model = compile(scenario);
  for (std::uint64_t trial = 0; trial < kTrialsPerInput; ++trial) {
    simulate_trial(model, TrialKey{scenario.default_seed, trial}, scratch);
    const WarState& state = scratch.state;
    require(state.front_share >= 0.0 && state.front_share <= 1.0, "the front share lies in [0, 1]");
    require(state.month >= 0 && state.month <= scenario.horizon_months, "months completed lie within the horizon");
    require(state.end_month >= 0 && state.end_month <= scenario.horizon_months,
            "the end month lies within the horizon");
  }
  return true;
}

}  // namespace parley::fuzz
