// The keys and choices of a treaty block and of a stand-alone treaty document, listed once.
//
// Where it sits: private to the treaty reader (treaty_spec.cpp) and its JSON Schema
// (treaty_schema.cpp), so that a key or choice added to the reader is one the schema knows of.
// The limits are public (treaty/treaty_spec.h); docs/treaty-drafting.md describes the format.
#pragma once

#include <string>
#include <vector>

#include "parley/treaty/treaty_spec.h"

namespace parley::treaty::treaty_input {

inline const std::vector<std::string> kDocumentKeys{"name", "description", "actors", "treaty"};
inline const std::vector<std::string> kBlockKeys{"articles",    "exclusions", "thresholds", "rule",
                                                 "reservation", "required",   "presets",    "search"};
inline const std::vector<std::string> kArticleKeys{"id", "title", "category", "scores", "negotiability", "salience"};
inline const std::vector<std::string> kPresetKeys{"name", "articles"};
inline const std::vector<std::string> kRuleNames{rule_name(AggregationRule::kAverage),
                                                 rule_name(AggregationRule::kAdditive)};
inline const std::vector<std::string> kSearchNames{search_method_name(SearchMethod::kExact),
                                                   search_method_name(SearchMethod::kHeuristic)};

}  // namespace parley::treaty::treaty_input
