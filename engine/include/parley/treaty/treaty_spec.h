// A treaty made of discrete articles: which articles exist, how each actor scores them, which
// pairs exclude each other, and the rule that turns a draft (a set of articles) into each
// actor's yes or no.
//
// Where it sits: the "treaty" block of a scenario (read by treaty/draft_input.h from the
// scenario's document; the scenario loader leaves it alone) or of a stand-alone treaty document
// -> parse_treaty_block() -> TreatySpec -> draft search (treaty/draft_search.h) and acceptance
// under uncertainty (treaty/draft_robustness.h) -> writers (treaty/draft_report.h). It reads
// with the shared input toolkit (input/json_reader.h) and the scenario's uncertain-value reader
// (scenario/uncertain_input.h), so scores and reservations take the forms scenario parameters do.
//
// Two aggregation rules (docs/treaty-drafting.md compares them):
//   average  - the published rule of the CSIS Futures Lab "Peace Agreement Negotiation
//              Simulator" (Ukraine-Russia): an actor's satisfaction with a draft is the mean of
//              its 0-10 scores over the draft's articles; it accepts when that mean reaches its
//              minimum acceptable satisfaction ("thresholds").
//   additive - Parley's rule: utility = sum over included articles of salience * score; the
//              actor accepts when utility reaches its reservation value (its value of war),
//              "reservation". Additive separable utility over issues is the standard
//              multi-issue bargaining form (Raiffa 1982, "The Art and Science of Negotiation",
//              ch. 10; Keeney & Raiffa 1976, ch. 3). The reservation values are given per actor,
//              or, with "reservation": "war_values" in a scenario with a bargaining block, come
//              from the bargaining layer (treaty/draft_input.h maps them onto this scale).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "parley/core/domain.h"
#include "parley/core/error.h"
#include "parley/scenario/uncertain.h"

namespace parley::treaty {

// The exact search enumerates independent sets of the exclusion graph; beyond this many
// articles the count can reach 2^30 drafts and the user must ask for the heuristic search.
inline constexpr std::size_t kExactSearchLimit = 30;
// Drafts are bit masks over the articles; the heuristic search works up to this many.
inline constexpr std::size_t kMaxArticles = 64;
// Scores and the average rule's thresholds live on the published 0-10 scale.
inline constexpr Domain kScoreDomain{0.0, 10.0};

enum class AggregationRule {
  kAverage,   // CSIS: mean score over the draft's articles vs the actor's threshold
  kAdditive,  // Parley: sum of salience * score vs the actor's reservation value
};

// Where the additive rule's reservation values come from.
enum class ReservationSource {
  kGiven,      // "reservation": {ACTOR: value}
  kWarValues,  // "reservation": "war_values": each actor's disagreement value at month 0 (draft_input.h)
};

// What the bargaining layer gave one actor when the reservation values come from war values.
struct WarValueReservation {
  double disagreement_value = 0.0;  // on the bargaining scale: 0 the worst terms, 1 the actor's ideal
  double best_draft_utility = 0.0;  // the most any draft respecting the exclusions gives the actor
  double reservation = 0.0;         // disagreement_value * best_draft_utility
};

enum class SearchMethod {
  kExact,      // every draft that respects the exclusions is evaluated (at most kExactSearchLimit articles)
  kHeuristic,  // multi-start local search; counts of acceptable drafts are not available
};

// The "reservation" value that takes the reservation values from the bargaining layer.
inline constexpr const char* kWarValuesReservation = "war_values";

[[nodiscard]] const char* rule_name(AggregationRule rule) noexcept;
[[nodiscard]] const char* search_method_name(SearchMethod method) noexcept;

struct Article {
  std::string id;
  std::string title;
  std::string category;
  std::vector<Uncertain> scores;                     // one per actor, in the document's actor order
  std::vector<double> salience;                      // one per actor; additive rule only (default 1)
  std::optional<std::vector<double>> negotiability;  // one per actor when given; reported, not used for acceptance
};

struct Preset {
  std::string name;
  std::vector<int> articles;  // positions in TreatySpec::articles, as the user listed them
};

struct TreatySpec {
  std::vector<std::string> actors;  // actor ids, in the document's order
  std::vector<Article> articles;
  std::vector<std::pair<int, int>> exclusions;  // positions of article pairs that cannot both be in a draft
  AggregationRule rule = AggregationRule::kAverage;
  std::vector<double> thresholds;      // average rule: one per actor, on the 0-10 scale
  std::vector<Uncertain> reservation;  // additive rule: one per actor (empty until war values are resolved)
  ReservationSource reservation_source = ReservationSource::kGiven;
  std::vector<WarValueReservation> war_value_reservations;  // one per actor once resolved from war values
  std::vector<int> required;                                // actors whose acceptance a draft needs (default: all)
  std::vector<Preset> presets;
  SearchMethod search = SearchMethod::kExact;

  // Position of the article with this id, or -1.
  [[nodiscard]] int article_index(const std::string& id) const;
  // True when any score or reservation value is a distribution rather than a number.
  [[nodiscard]] bool has_uncertainty() const;
};

// Reads a "treaty" block. `pointer` is the block's JSON pointer (e.g. "/treaty"), used to locate
// every problem; `actor_ids` are the scenario's actors. Every problem is added to `issues` (the
// caller throws); the returned spec is only meaningful when no issue was added. Uncertain
// values get the key fnv1a64("treaty/articles/<id>/scores/<actor>") or
// fnv1a64("treaty/reservation/<actor>"), so draws follow the article, not its position.
[[nodiscard]] TreatySpec parse_treaty_block(const nlohmann::json& block, const std::string& pointer,
                                            const std::vector<std::string>& actor_ids, IssueCollector& issues);

// A stand-alone treaty document, the input of `parley draft`: exactly the keys "name",
// "description" (optional), "actors" (array of actor id strings) and "treaty". It has no
// bargaining block, so its reservation values must be given ("war_values" is an InputError).
struct TreatyDocument {
  std::string name;
  std::string description;
  std::string source_path;
  std::uint64_t content_hash = 0;  // fnv1a64 of the parsed document's dump()
  TreatySpec spec;
};

// True for a stand-alone treaty document (a "treaty" block and no battlefield) rather than a
// war scenario, which may also carry a "treaty" block.
[[nodiscard]] bool is_treaty_document(const nlohmann::json& document);

// Throws InputError listing every problem, located by JSON pointer.
[[nodiscard]] TreatyDocument parse_treaty_document(const nlohmann::json& document, const std::string& source);
// Reads and parses a file; a syntax error is an InputError too.
[[nodiscard]] TreatyDocument load_treaty_document(const std::string& path);

}  // namespace parley::treaty
