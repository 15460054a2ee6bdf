// Replays what the fuzzer found (tests/fuzz/regressions/) and the seed corpus
// (tests/fuzz/corpus/) through the fuzz target's own check, in the normal build, so a fixed
// finding stays fixed without Clang or libFuzzer.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz/scenario_loader_check.h"

namespace {

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::filesystem::path fuzz_dir() {
  return std::filesystem::path(PARLEY_SOURCE_DIR) / "tests" / "fuzz";
}

}  // namespace

TEST_CASE("every fuzzer finding and every seed input is loaded or refused cleanly") {
  int files = 0;
  for (const char* folder : {"regressions", "corpus"}) {
    for (const auto& entry : std::filesystem::directory_iterator(fuzz_dir() / folder)) {
      CAPTURE(entry.path().string());
      (void)parley::fuzz::check_scenario_text(read_bytes(entry.path()));
      ++files;
    }
  }
  CHECK(files > 10);
}

TEST_CASE("a random-walk step of 1e-300 starts the front at x_0 and never ends the war") {
  // The fuzzer's first finding: the lattice index x_0 / h overflowed a long.
  const std::string text = read_bytes(fuzz_dir() / "regressions" / "random_walk_step_1e-300.json");
  REQUIRE(parley::fuzz::check_scenario_text(text));
  const parley::Scenario scenario = parley::parse_scenario_text(text, "regression");
  parley::TrialScratch scratch;
  parley::simulate_trial(parley::compile(scenario), parley::TrialKey{1, 0}, scratch);
  CHECK(scratch.state.outcome == parley::Outcome::kOngoing);
  CHECK(scratch.state.front_share == doctest::Approx(0.8));
  CHECK(scratch.state.front_history.front() == doctest::Approx(0.8));
}
