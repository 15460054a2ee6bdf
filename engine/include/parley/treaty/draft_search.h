// Draft search: every draft (a non-empty set of articles that respects the exclusions) that all
// required actors accept, ranked by a solution concept, with counts of the feasible and the
// acceptable drafts and how often each article appears among the acceptable ones.
//
// Where it sits: TreatySpec (treaty/treaty_spec.h) -> AcceptanceTable (nominal values: the
// means of uncertain scores) -> search_drafts_exact / search_drafts_heuristic -> top drafts ->
// acceptance under uncertainty (treaty/draft_robustness.h) -> the report (treaty/draft_report.h),
// written by io/draft_report.h.
//
// Exact search: a depth-first walk over the independent sets of the exclusion graph only (an
// article is offered only when no included article excludes it), adding articles in document
// order with running per-actor sums, so each draft costs O(actors) and its sums are the
// left-to-right sums of its articles' scores. Subtrees are pruned only with a bound that is
// exact for the rule: under the average rule the mean of a superset cannot exceed
// max(current mean, largest score still available); under the additive rule (non-negative
// scores and saliences) the utility of a superset cannot exceed the current utility plus the
// sum of what is still available. Pruned subtrees hold no acceptable draft, so the acceptable
// count is exact; the feasible count comes from count_drafts_respecting_exclusions.
//
// Drafts are ranked by a solution concept's objective (scenario/solution_concept.h, the
// vocabulary the bargaining table shares) over the required actors' gains g_i = value_i - bar_i
// (bar: threshold or reservation value): nash, egalitarian or utilitarian.
// Ties are broken by fewer articles, then by the article lists compared lexicographically in
// document order, so rankings are deterministic.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parley/core/cancel.h"
#include "parley/scenario/solution_concept.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::treaty {

// Bit i set: article i (document order) is in the draft.
using DraftMask = std::uint64_t;

// The numbers one evaluation uses: each article's contribution per actor (its score under the
// average rule, salience * score under the additive rule) and each actor's bar.
struct AcceptanceTable {
  AggregationRule rule = AggregationRule::kAverage;
  std::size_t articles = 0;
  std::size_t actors = 0;
  std::vector<double> contribution;  // [article * actors + actor]
  std::vector<double> bar;           // per actor: threshold (average) or reservation (additive)

  [[nodiscard]] double at(std::size_t article, std::size_t actor) const {
    return contribution[article * actors + actor];
  }
};

// Means of uncertain scores and reservation values; the presets and the search use these.
[[nodiscard]] AcceptanceTable nominal_table(const TreatySpec& spec);
// One Monte Carlo trial: every score and reservation value drawn once, keyed by its path. Nothing
// when `cancel` (may be null) was found set before an article's draws: 64 articles of 64
// parties' beta scores of the largest shape take tens of milliseconds.
[[nodiscard]] std::optional<AcceptanceTable> drawn_table(const TreatySpec& spec, std::uint64_t seed,
                                                         std::uint64_t trial, const std::atomic<bool>* cancel);

// Per-actor exclusion masks: bit j of conflicts[i] set when articles i and j exclude each other.
[[nodiscard]] std::vector<DraftMask> conflict_masks(const TreatySpec& spec);
[[nodiscard]] bool respects_exclusions(const std::vector<DraftMask>& conflicts, DraftMask draft) noexcept;
[[nodiscard]] DraftMask mask_of(const std::vector<int>& articles) noexcept;
[[nodiscard]] std::vector<int> articles_of(DraftMask draft);

struct DraftEvaluation {
  DraftMask articles = 0;
  int size = 0;
  std::vector<double> value;  // per actor: mean score (average rule) or utility (additive rule)
  std::vector<double> gain;   // per actor: value - bar
  std::vector<bool> accepts;  // per actor: value >= bar
  bool respects_exclusions = true;
  bool accepted_by_all = false;  // every required actor accepts
  double nash_log = 0.0;
  double egalitarian = 0.0;
  double utilitarian = 0.0;

  [[nodiscard]] double score(SolutionConcept solution_concept) const;
};

// Evaluates a non-empty draft with the given table (the exclusion flag uses `spec`).
[[nodiscard]] DraftEvaluation evaluate_draft(const TreatySpec& spec, const AcceptanceTable& table, DraftMask draft);
// Whether `a` ranks before `b` under `solution_concept`, ties broken as the header says.
[[nodiscard]] bool ranks_before(SolutionConcept solution_concept, const DraftEvaluation& a, const DraftEvaluation& b);

// How long draft work reports and stops. `progress(done, total)` is called and `cancel` read
// every few milliseconds of work; once `cancel` is set the work stops and returns what it had
// finished, marked interrupted. Neither changes what an uninterrupted run computes.
struct DraftWatch {
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;

  [[nodiscard]] bool stop_requested() const noexcept { return cancel_requested(cancel); }
  void report(std::uint64_t done, std::uint64_t total) const {
    if (progress) progress(done, total);
  }
};

struct DraftSearchOptions {
  SolutionConcept solution_concept = SolutionConcept::kNash;
  std::size_t top_k = 10;
  bool prune = true;       // exact search: skip subtrees the bound rules out
  std::uint64_t seed = 1;  // heuristic search: restarts' random starting drafts
  std::size_t heuristic_restarts = 400;
  // Exact search: drafts evaluated of those respecting the exclusions (pruning skips some, so
  // it may end short of the total); heuristic: restarts done.
  DraftWatch watch;
};

struct DraftSearchResult {
  SearchMethod method = SearchMethod::kExact;
  SolutionConcept solution_concept = SolutionConcept::kNash;
  // Exact search only (std::nullopt for the heuristic): non-empty drafts that respect the
  // exclusions, and those that every required actor accepts.
  std::optional<std::uint64_t> drafts_respecting_exclusions;
  std::optional<std::uint64_t> drafts_accepted;
  // Exact search only: per article, the number of acceptable drafts that contain it.
  std::optional<std::vector<std::uint64_t>> article_accepted_counts;
  std::uint64_t drafts_evaluated = 0;  // drafts whose acceptance was computed
  std::vector<DraftEvaluation> top;    // at most top_k acceptable drafts, best first
  // Stopped by options.watch.cancel: the counts and the top cover the drafts evaluated so far.
  bool interrupted = false;
};

// The number of non-empty drafts that respect the exclusions (independent sets of the
// exclusion graph minus the empty set), by the branching recurrence
// I(G) = I(G - v) + I(G - N[v]) with memoisation; needs no enumeration of the drafts.
[[nodiscard]] std::uint64_t count_drafts_respecting_exclusions(const TreatySpec& spec);

// Additive rule: the largest utility any draft respecting the exclusions gives `actor` under
// `table` (a maximum-weight independent set of the exclusion graph, by the same branching with
// memoisation). Scores and saliences are non-negative, so a best draft is a maximal one.
[[nodiscard]] double best_draft_utility(const TreatySpec& spec, const AcceptanceTable& table, std::size_t actor);

// Exact search; throws InputError when the spec has more than kExactSearchLimit articles.
[[nodiscard]] DraftSearchResult search_drafts_exact(const TreatySpec& spec, const DraftSearchOptions& options);
// Multi-start steepest-ascent local search (add, drop, or swap one article) from random
// feasible drafts; finds acceptable drafts without counting them. Deterministic for a seed.
[[nodiscard]] DraftSearchResult search_drafts_heuristic(const TreatySpec& spec, const DraftSearchOptions& options);
// The method the spec asks for.
[[nodiscard]] DraftSearchResult search_drafts(const TreatySpec& spec, const DraftSearchOptions& options);

}  // namespace parley::treaty
