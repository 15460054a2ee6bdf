// How Parley spells a content hash and a number in the text it writes, so that a report, a
// checkpoint and a sweep's point label all spell them the same way.
#pragma once

#include <cstdint>
#include <string>

namespace parley {

// "0x" followed by 16 hex digits.
[[nodiscard]] std::string hash_hex(std::uint64_t hash);

// The shortest decimal that reads back as `value` (std::to_chars); "" for NaN (an empty CSV cell).
[[nodiscard]] std::string shortest_decimal(double value);

}  // namespace parley
