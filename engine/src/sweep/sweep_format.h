// The keys, choices and limits of the sweep file format, listed once.
//
// Where it sits: private to the sweep loader (sweep_file.cpp) and its JSON Schema
// (sweep_schema.cpp), so that a key or choice added to the loader is one the schema knows of.
// docs/sweeps.md describes the format.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "parley/sweep/sweep_file.h"

namespace parley::sweep_input {

inline const std::vector<std::string> kSweepKeys{
    "name", "description", "scenario", "parameters", "design", "trials_per_point", "seed", "metrics", "claims"};
inline const std::vector<std::string> kParameterKeys{"pointer", "range", "scale", "values", "source"};
inline const std::vector<std::string> kScaleNames{"linear", "log"};
inline const std::vector<std::string> kDesignKeys{"kind", "points", "levels", "seed"};
inline const std::vector<std::string> kDesignNames = [] {
  std::vector<std::string> names;
  for (const SweepDesignKind kind :
       {SweepDesignKind::kGrid, SweepDesignKind::kLatinHypercube, SweepDesignKind::kSobol, SweepDesignKind::kSaltelli})
    names.emplace_back(sweep_design_name(kind));
  return names;
}();
inline const std::vector<std::string> kClaimsKeys{"file", "ids"};

inline constexpr int kMaxGridLevels = 100'000;
inline constexpr std::size_t kMaxSweepParameters = 1000;
inline constexpr long long kMaxSeed = std::numeric_limits<long long>::max();
// The saltelli design runs N (d + 2) points from N base rows, so it needs at least two.
inline constexpr long long kMinSaltelliRows = 2;

}  // namespace parley::sweep_input
