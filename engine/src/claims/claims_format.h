// The keys and choices of the claims file format, listed once.
//
// Where it sits: private to the claims loader (claims_file.cpp) and its JSON Schema
// (claims_schema.cpp), so that a key or choice added to the loader is one the schema knows of.
// The limits are public (claims/claims.h); docs/claims-format.md describes the format.
#pragma once

#include <string>
#include <vector>

namespace parley::claims::claims_input {

inline const std::vector<std::string> kClaimsFileKeys{"name",     "title",    "description", "article",
                                                      "baseline", "variants", "claims"};
inline const std::vector<std::string> kVariantKeys{"id", "description", "builds_on", "changes"};
inline const std::vector<std::string> kChangeKeys{"pointer", "value", "source"};
inline const std::vector<std::string> kClaimKeys{"id",       "article", "quote",       "statement",
                                                 "metric",   "expect",  "by_at_least", "threshold",
                                                 "baseline", "variant", "opposes"};
// In the order of Expectation: the two comparisons, then the two levels.
inline const std::vector<std::string> kExpectationNames{"higher", "lower", "above", "below"};
// The id of the file's unchanged baseline scenario among its variants.
inline constexpr const char* kBaselineId = "baseline";

}  // namespace parley::claims::claims_input
