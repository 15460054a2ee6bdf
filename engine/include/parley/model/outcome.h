// How a trial's war ended (docs/model.md section 9). The names are part of Parley's output format;
// the two victories are named after the scenario's belligerents.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "parley/scenario/scenario.h"

namespace parley {

enum class Outcome : std::uint8_t {
  kSettlement = 0,       // a negotiated deal (bargaining layer)
  kHolderVictory = 1,    // the front reached 1: the battlefield's holder won
  kOpponentVictory = 2,  // the front reached 0: the opponent won
  kArmistice = 3,        // a ceasefire without a deal that held armistice_after_months (bargaining layer)
  kFrozen = 4,           // a ceasefire without a deal, in force at the horizon but not yet that long
  kOngoing = 5,          // still fighting at the horizon
};
inline constexpr std::size_t kOutcomeCount = 6;

// The names Parley 0.1 wrote in every scenario, with `armistice` added on 2026-12-07, which a war
// of UKR (holder) and RUS (opponent) keeps: the flagship's reports, claims and sweeps read as before.
inline constexpr std::array<std::string_view, kOutcomeCount> kUkraineWarOutcomeNames = {
    "settlement", "ukraine_victory", "russia_victory", "armistice", "frozen", "ongoing"};

// The outcomes' names in `scenario`, indexed by Outcome: settlement, <holder id>_victory,
// <opponent id>_victory, armistice, frozen, ongoing; kUkraineWarOutcomeNames for a war of UKR and RUS.
[[nodiscard]] std::array<std::string, kOutcomeCount> outcome_names(const Scenario& scenario);

[[nodiscard]] std::string outcome_name(Outcome outcome, const Scenario& scenario);

}  // namespace parley
