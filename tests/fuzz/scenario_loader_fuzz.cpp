// libFuzzer target for the scenario loader (docs/hardening.md says how to build and run it).
//
// Any bytes go through parley::fuzz::check_scenario_text (scenario_loader_check.h): parsing
// returns a Scenario or throws parley::InputError / parley::Error, and a loaded scenario
// simulates a few trials with the front inside [0, 1]. Any other exception, a crash, a
// sanitizer report (the target is built with AddressSanitizer and UndefinedBehaviorSanitizer)
// or an input slower than -timeout is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scenario_loader_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)parley::fuzz::check_scenario_text(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
