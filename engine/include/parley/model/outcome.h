// How a trial's war ended (docs/model.md section 9). The names are part of Parley's output format.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace parley {

enum class Outcome : std::uint8_t {
  kSettlement = 0,      // a negotiated deal (bargaining layer)
  kUkraineVictory = 1,  // the front reached 1: the battlefield's holder won
  kRussiaVictory = 2,   // the front reached 0: the opponent won
  kFrozen = 3,          // a ceasefire without a deal (bargaining layer)
  kOngoing = 4,         // still fighting at the horizon
};
inline constexpr std::size_t kOutcomeCount = 5;

inline constexpr std::array<std::string_view, kOutcomeCount> kOutcomeNames = {"settlement", "ukraine_victory",
                                                                              "russia_victory", "frozen", "ongoing"};

[[nodiscard]] constexpr std::string_view outcome_name(Outcome outcome) noexcept {
  return kOutcomeNames[static_cast<std::size_t>(outcome)];
}

}  // namespace parley
