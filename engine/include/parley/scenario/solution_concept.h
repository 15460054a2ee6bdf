// The solution concepts, one row each, shared by the bargaining table (scenario "solution") and
// treaty drafting (`parley draft --concept`): how each is spelled, the objective it maximises over
// the parties' gains g_i = value_i - disagreement_i, how the parties' weights are set, and where
// it applies. One vocabulary: a name means the same concept wherever it is accepted.
//
// At the table every concept is solved as an asymmetric Nash problem (bargaining/nash.h) over the
// continuous issue space, with the weights its row names: alternating offers and the random
// proposer reduce to Nash with weights from patience (Binmore, Rubinstein & Wolinsky 1986) and
// from recognition probabilities (Baron & Ferejohn 1989 under unanimity). Drafting ranks discrete
// drafts by the objective itself. A concept whose objective has no solver over the issue space
// (egalitarian, utilitarian) is drafting-only; the loader and `parley draft` name the concepts each
// accepts. A new concept: an enum value, a row here, its objective in solution_concept.cpp, and,
// for the table, its weights or its solver (docs/architecture.md, "Recipes").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

enum class SolutionConcept { kNash, kAlternatingOffers, kRandomProposer, kEgalitarian, kUtilitarian };

// What a concept maximises over the required parties' gains.
enum class ConceptObjective {
  kNashProduct,  // sum of w_i log g_i (weights 1 in drafting); a party gaining nothing: -inf
  kMinimumGain,  // min g_i
  kTotalGain,    // sum g_i
};

// How the table sets the parties' weights in the Nash problem.
enum class ConceptWeights {
  kBargainingPower,  // the drawn bargaining weight w_i
  kPatience,         // w_i / (-ln delta_i); exact one-offer-per-review shares with first_proposer
  kNotAtTable,
};

struct SolutionConceptTraits {
  SolutionConcept concept_id;
  std::string_view name;
  ConceptObjective objective;
  ConceptWeights table_weights;
  bool in_drafting;
  std::string_view description;
  std::string_view source;
};

inline constexpr std::array<SolutionConceptTraits, 5> kSolutionConcepts{{
    {SolutionConcept::kNash, "nash", ConceptObjective::kNashProduct, ConceptWeights::kBargainingPower, true,
     "asymmetric Nash bargaining with participation constraints", "Nash 1950; Kalai 1977"},
    {SolutionConcept::kAlternatingOffers, "alternating_offers", ConceptObjective::kNashProduct,
     ConceptWeights::kPatience, false, "Rubinstein bargaining: Nash weights from discount rates",
     "Rubinstein 1982; Binmore, Rubinstein & Wolinsky 1986"},
    {SolutionConcept::kRandomProposer, "random_proposer", ConceptObjective::kNashProduct,
     ConceptWeights::kBargainingPower, false, "Baron-Ferejohn: Nash weights from recognition probabilities",
     "Baron & Ferejohn 1989 (unanimity rule)"},
    {SolutionConcept::kEgalitarian, "egalitarian", ConceptObjective::kMinimumGain, ConceptWeights::kNotAtTable, true,
     "the largest smallest gain", "Rawls 1971; Kalai 1977 (proportional solutions, equal weights)"},
    {SolutionConcept::kUtilitarian, "utilitarian", ConceptObjective::kTotalGain, ConceptWeights::kNotAtTable, true,
     "the largest total gain", "Harsanyi 1955"},
}};

[[nodiscard]] constexpr const SolutionConceptTraits& traits_of(SolutionConcept concept_id) noexcept {
  for (const auto& row : kSolutionConcepts)
    if (row.concept_id == concept_id) return row;
  return kSolutionConcepts[0];
}

// Where a concept is used: at the bargaining table (a scenario's "solution") or in drafting.
enum class ConceptUse { kTable, kDrafting };

[[nodiscard]] constexpr bool applies(SolutionConcept concept_id, ConceptUse use) noexcept {
  const SolutionConceptTraits& row = traits_of(concept_id);
  return use == ConceptUse::kTable ? row.table_weights != ConceptWeights::kNotAtTable : row.in_drafting;
}

// The names of the concepts that apply to `use`, in row order.
[[nodiscard]] std::vector<std::string> solution_concept_names(ConceptUse use);

// The concept spelled `name` if it applies to `use`.
[[nodiscard]] std::optional<SolutionConcept> solution_concept_named(std::string_view name, ConceptUse use) noexcept;

// The concept's objective over the gains of the parties in `required` (indices into `gains`),
// each with weight 1: the score by which drafting ranks drafts.
[[nodiscard]] double concept_objective(SolutionConcept concept_id, const std::vector<double>& gains,
                                       const std::vector<int>& required);

// The three objectives, one function each.
[[nodiscard]] double nash_log_product(const std::vector<double>& gains, const std::vector<int>& required);
[[nodiscard]] double egalitarian_gain(const std::vector<double>& gains, const std::vector<int>& required);
[[nodiscard]] double utilitarian_gain(const std::vector<double>& gains, const std::vector<int>& required);

}  // namespace parley
