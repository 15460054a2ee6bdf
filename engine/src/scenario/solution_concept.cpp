#include "parley/scenario/solution_concept.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace parley {

std::vector<std::string> solution_concept_names(ConceptUse use) {
  std::vector<std::string> names;
  for (const auto& row : kSolutionConcepts)
    if (applies(row.concept_id, use)) names.emplace_back(row.name);
  return names;
}

std::optional<SolutionConcept> solution_concept_named(std::string_view name, ConceptUse use) noexcept {
  for (const auto& row : kSolutionConcepts)
    if (row.name == name && applies(row.concept_id, use)) return row.concept_id;
  return std::nullopt;
}

double nash_log_product(const std::vector<double>& gains, const std::vector<int>& required) {
  double total = 0.0;
  for (const int r : required) {
    const double g = gains[static_cast<std::size_t>(r)];
    // The product is zero (or undefined) once a party gains nothing: the draft ranks last.
    if (!(g > 0.0)) return -std::numeric_limits<double>::infinity();
    total += std::log(g);
  }
  return total;
}

double egalitarian_gain(const std::vector<double>& gains, const std::vector<int>& required) {
  double worst = std::numeric_limits<double>::infinity();
  for (const int r : required) worst = std::min(worst, gains[static_cast<std::size_t>(r)]);
  return worst;
}

double utilitarian_gain(const std::vector<double>& gains, const std::vector<int>& required) {
  double total = 0.0;
  for (const int r : required) total += gains[static_cast<std::size_t>(r)];
  return total;
}

double concept_objective(SolutionConcept concept_id, const std::vector<double>& gains,
                         const std::vector<int>& required) {
  switch (traits_of(concept_id).objective) {
    case ConceptObjective::kNashProduct:
      return nash_log_product(gains, required);
    case ConceptObjective::kMinimumGain:
      return egalitarian_gain(gains, required);
    case ConceptObjective::kTotalGain:
      return utilitarian_gain(gains, required);
  }
  return nash_log_product(gains, required);
}

}  // namespace parley
