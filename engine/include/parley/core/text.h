// How Parley spells a content hash, a number and a list in the text it writes, so that a report,
// a checkpoint, a sweep's point label and an error message all spell them the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// "0x" followed by 16 hex digits.
[[nodiscard]] std::string hash_hex(std::uint64_t hash);

// The shortest decimal that reads back as `value` (std::to_chars); "" for NaN (an empty CSV cell).
[[nodiscard]] std::string shortest_decimal(double value);

// The words joined by `separator` ("a, b, c" by default).
[[nodiscard]] std::string joined(const std::vector<std::string>& words, std::string_view separator = ", ");

}  // namespace parley
