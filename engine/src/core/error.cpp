#include "parley/core/error.h"

#include <algorithm>
#include <numeric>

namespace parley {

std::string InputIssue::message() const {
  std::string text = "At " + (pointer.empty() ? std::string("/") : pointer);
  if (!value.empty()) text += " of " + value;
  text += " - " + rule;
  if (!hint.empty()) text += " (" + hint + ")";
  return text;
}

namespace {
std::string join_issues(const std::string& source, const std::vector<InputIssue>& issues) {
  std::string text = source + ": " + std::to_string(issues.size()) + (issues.size() == 1 ? " problem" : " problems");
  for (const auto& issue : issues) text += "\n  " + issue.message();
  return text;
}
}  // namespace

InputError::InputError(std::string source, std::vector<InputIssue> issues)
    : Error(join_issues(source, issues)), source_(std::move(source)), issues_(std::move(issues)) {}

void IssueCollector::add(std::string pointer, std::string rule, std::string value, std::string hint) {
  issues_.push_back({std::move(pointer), std::move(rule), std::move(value), std::move(hint)});
}

void IssueCollector::throw_if_any(const std::string& source) const {
  if (!issues_.empty()) throw InputError(source, issues_);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  // A third of the word's length (at least 2) separates a typo from a different word.
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace parley
