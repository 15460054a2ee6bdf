// libFuzzer target for the sweep reader (docs/hardening.md): any bytes go through
// parley::fuzz::check_sweep_text (reader_checks.h), which returns or throws a parley error;
// anything else, a crash, a sanitizer report or a slow input is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "reader_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)parley::fuzz::check_sweep_text(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
