#include "parley/treaty/draft_search.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "parley/core/random.h"

namespace parley::treaty {

namespace {

// Nothing when `cancel` was found set before an article.
std::optional<AcceptanceTable> make_table(const TreatySpec& spec, bool draw, std::uint64_t seed, std::uint64_t trial,
                                          const std::atomic<bool>* cancel) {
  AcceptanceTable table;
  table.rule = spec.rule;
  table.articles = spec.articles.size();
  table.actors = spec.actors.size();
  table.contribution.resize(table.articles * table.actors);
  const bool additive = spec.rule == AggregationRule::kAdditive;
  for (std::size_t i = 0; i < table.articles; ++i) {
    if (cancel_requested(cancel)) return std::nullopt;
    for (std::size_t a = 0; a < table.actors; ++a) {
      const Uncertain& score = spec.articles[i].scores[a];
      const double x = draw ? score.draw(seed, trial) : score.mean();
      table.contribution[i * table.actors + a] = additive ? spec.articles[i].salience[a] * x : x;
    }
  }
  if (additive) {
    if (spec.reservation.size() != table.actors)
      throw Error(
          "treaty: the reservation values come from war values and have not been resolved "
          "(resolve_war_value_reservations in treaty/draft_input.h)");
    table.bar.resize(table.actors);
    for (std::size_t a = 0; a < table.actors; ++a)
      table.bar[a] = draw ? spec.reservation[a].draw(seed, trial) : spec.reservation[a].mean();
  } else {
    table.bar = spec.thresholds;
  }
  return table;
}

// A kept draft during the search: enough to rank it; the full evaluation is made at the end.
struct Candidate {
  double score;
  int size;
  DraftMask draft;
};

// Fewer articles first, then the article lists in document order: with equal sizes, the lowest
// article in one draft and not the other decides, and the draft holding it comes first.
bool tie_before(int size_a, DraftMask a, int size_b, DraftMask b) noexcept {
  if (size_a != size_b) return size_a < size_b;
  const DraftMask differ = a ^ b;
  if (differ == 0) return false;
  return (a & (differ & (~differ + 1))) != 0;
}

bool candidate_before(const Candidate& a, const Candidate& b) noexcept {
  if (a.score != b.score) return a.score > b.score;
  return tie_before(a.size, a.draft, b.size, b.draft);
}

// The best `capacity` candidates seen so far; memory stays at `capacity` entries. The heap's
// front is the worst kept candidate, the one a better newcomer replaces.
class TopK {
 public:
  explicit TopK(std::size_t capacity) : capacity_(capacity) { kept_.reserve(capacity); }
  void offer(const Candidate& candidate) {
    if (capacity_ == 0) return;
    if (kept_.size() < capacity_) {
      kept_.push_back(candidate);
      std::push_heap(kept_.begin(), kept_.end(), candidate_before);
      return;
    }
    if (!candidate_before(candidate, kept_.front())) return;
    std::pop_heap(kept_.begin(), kept_.end(), candidate_before);
    kept_.back() = candidate;
    std::push_heap(kept_.begin(), kept_.end(), candidate_before);
  }
  [[nodiscard]] bool contains(DraftMask draft) const {
    return std::any_of(kept_.begin(), kept_.end(), [&](const Candidate& c) { return c.draft == draft; });
  }
  [[nodiscard]] std::vector<Candidate> sorted() const {
    std::vector<Candidate> out = kept_;
    std::sort(out.begin(), out.end(), candidate_before);
    return out;
  }

 private:
  std::size_t capacity_;
  std::vector<Candidate> kept_;
};

// Rounding in a mean or a sum could put a draft exactly on its bar where the bound, computed
// differently, says just below; the margin keeps every prune sound.
double prune_margin(double bar) noexcept {
  return 1e-9 * std::max(1.0, std::abs(bar));
}

// A draft costs O(actors) nanoseconds in the exact search, so 2^16 of them take a few
// milliseconds: how often it reports progress and reads the cancel flag.
constexpr std::uint64_t kDraftsPerCheck = std::uint64_t{1} << 16;

class ExactSearch {
 public:
  ExactSearch(const TreatySpec& spec, const DraftSearchOptions& options)
      : spec_(spec),
        options_(options),
        table_(nominal_table(spec)),
        conflicts_(conflict_masks(spec)),
        n_(spec.articles.size()),
        actors_(spec.actors.size()),
        average_(spec.rule == AggregationRule::kAverage),
        top_(options.top_k),
        article_counts_(n_, 0),
        sums_((n_ + 1) * actors_, 0.0),
        gains_(actors_, 0.0) {
    // suffix_[j * actors + a]: the largest (average) or total (additive) contribution of
    // articles j..n-1 to actor a; row n is the empty suffix.
    suffix_.assign((n_ + 1) * actors_, average_ ? -std::numeric_limits<double>::infinity() : 0.0);
    for (std::size_t j = n_; j-- > 0;)
      for (std::size_t a = 0; a < actors_; ++a) {
        const double x = table_.at(j, a);
        const double rest = suffix_[(j + 1) * actors_ + a];
        suffix_[j * actors_ + a] = average_ ? std::max(x, rest) : rest + std::max(0.0, x);
      }
  }

  DraftSearchResult run() {
    DraftSearchResult result;
    result.drafts_respecting_exclusions = count_drafts_respecting_exclusions(spec_);
    feasible_ = *result.drafts_respecting_exclusions;
    visit(0, 0, 0, 0);
    result.interrupted = stopped_;
    result.method = SearchMethod::kExact;
    result.solution_concept = options_.solution_concept;
    result.drafts_accepted = accepted_;
    result.article_accepted_counts = article_counts_;
    result.drafts_evaluated = evaluated_;
    for (const auto& candidate : top_.sorted()) result.top.push_back(evaluate_draft(spec_, table_, candidate.draft));
    return result;
  }

 private:
  // Extends `draft` (of `size` articles, sums in row `size`) by each allowed article j >= start.
  void visit(std::size_t start, DraftMask draft, DraftMask blocked, int size) {
    const double* parent = &sums_[static_cast<std::size_t>(size) * actors_];
    double* sums = &sums_[static_cast<std::size_t>(size + 1) * actors_];
    const double count = static_cast<double>(size + 1);
    for (std::size_t j = start; j < n_; ++j) {
      if ((blocked >> j) & 1U) continue;
      if (stopped_ || (evaluated_ % kDraftsPerCheck == 0 && check_in())) return;
      for (std::size_t a = 0; a < actors_; ++a) sums[a] = parent[a] + table_.at(j, a);
      const DraftMask next = draft | (DraftMask{1} << j);
      ++evaluated_;
      bool accepted = true;
      for (const int r : spec_.required) {
        const double value = average_ ? sums[r] / count : sums[r];
        if (!(value >= table_.bar[static_cast<std::size_t>(r)])) {
          accepted = false;
          break;
        }
      }
      if (accepted) record(next, size + 1, sums);
      if (j + 1 < n_ && !(options_.prune && ruled_out(sums, count, j + 1)))
        visit(j + 1, next, blocked | conflicts_[j], size + 1);
    }
  }

  // Reports progress and reads the cancel flag; true (and stopped_) once it is set.
  bool check_in() {
    options_.watch.report(std::min(evaluated_, feasible_), feasible_);
    stopped_ = options_.watch.stop_requested();
    return stopped_;
  }

  // True when no superset built from articles j.. can satisfy some required actor.
  bool ruled_out(const double* sums, double count, std::size_t from) const {
    for (const int r : spec_.required) {
      const auto a = static_cast<std::size_t>(r);
      const double bar = table_.bar[a] - prune_margin(table_.bar[a]);
      const double best =
          average_ ? std::max(sums[a] / count, suffix_[from * actors_ + a]) : sums[a] + suffix_[from * actors_ + a];
      if (best < bar) return true;
    }
    return false;
  }

  void record(DraftMask draft, int size, const double* sums) {
    ++accepted_;
    for (DraftMask rest = draft; rest != 0; rest &= rest - 1)
      ++article_counts_[static_cast<std::size_t>(std::countr_zero(rest))];
    for (std::size_t a = 0; a < actors_; ++a)
      gains_[a] = (average_ ? sums[a] / static_cast<double>(size) : sums[a]) - table_.bar[a];
    top_.offer({concept_objective(options_.solution_concept, gains_, spec_.required), size, draft});
  }

  const TreatySpec& spec_;
  const DraftSearchOptions& options_;
  AcceptanceTable table_;
  std::vector<DraftMask> conflicts_;
  std::size_t n_;
  std::size_t actors_;
  bool average_;
  TopK top_;
  std::vector<std::uint64_t> article_counts_;
  std::vector<double> sums_;    // row k: running sums of a draft with k articles
  std::vector<double> suffix_;  // see the constructor
  std::vector<double> gains_;   // scratch
  std::uint64_t accepted_ = 0;
  std::uint64_t evaluated_ = 0;
  std::uint64_t feasible_ = 0;  // drafts respecting the exclusions: the progress total
  bool stopped_ = false;
};

// Independent sets (the empty one included) of the subgraph induced by `available`.
std::uint64_t count_independent(DraftMask available, const std::vector<DraftMask>& conflicts,
                                std::unordered_map<DraftMask, std::uint64_t>& memo) {
  if (available == 0) return 1;
  // An article with no conflict left doubles the count; peel those off without branching.
  std::uint64_t factor = 1;
  DraftMask rest = available;
  for (DraftMask scan = available; scan != 0; scan &= scan - 1) {
    const auto v = static_cast<std::size_t>(std::countr_zero(scan));
    if ((conflicts[v] & available) == 0) {
      factor *= 2;
      rest &= ~(DraftMask{1} << v);
    }
  }
  if (rest == 0) return factor;
  if (const auto found = memo.find(rest); found != memo.end()) return factor * found->second;
  const auto v = static_cast<std::size_t>(std::countr_zero(rest));
  const DraftMask without = rest & ~(DraftMask{1} << v);
  const std::uint64_t count =
      count_independent(without, conflicts, memo) + count_independent(without & ~conflicts[v], conflicts, memo);
  memo.emplace(rest, count);
  return factor * count;
}

// The largest sum of `weight` (non-negative) over an independent set of the subgraph induced by
// `available`: the same branching as count_independent, maximising instead of counting.
double best_independent_weight(DraftMask available, const std::vector<DraftMask>& conflicts,
                               const std::vector<double>& weight, std::unordered_map<DraftMask, double>& memo) {
  // An article with no conflict left belongs to some best set (its weight is not negative).
  double free_weight = 0.0;
  DraftMask rest = available;
  for (DraftMask scan = available; scan != 0; scan &= scan - 1) {
    const auto v = static_cast<std::size_t>(std::countr_zero(scan));
    if ((conflicts[v] & available) == 0) {
      free_weight += weight[v];
      rest &= ~(DraftMask{1} << v);
    }
  }
  if (rest == 0) return free_weight;
  if (const auto found = memo.find(rest); found != memo.end()) return free_weight + found->second;
  const auto v = static_cast<std::size_t>(std::countr_zero(rest));
  const DraftMask without = rest & ~(DraftMask{1} << v);
  const double best = std::max(best_independent_weight(without, conflicts, weight, memo),
                               weight[v] + best_independent_weight(without & ~conflicts[v], conflicts, weight, memo));
  memo.emplace(rest, best);
  return free_weight + best;
}

// Local search state: acceptable drafts outrank unacceptable ones; among acceptable ones the
// concept decides, among unacceptable ones the total shortfall below the bars.
struct LocalValue {
  bool accepted = false;
  double value = -std::numeric_limits<double>::infinity();
};

bool local_better(const LocalValue& a, int size_a, DraftMask draft_a, const LocalValue& b, int size_b,
                  DraftMask draft_b) noexcept {
  if (a.accepted != b.accepted) return a.accepted;
  if (a.value != b.value) return a.value > b.value;
  return tie_before(size_a, draft_a, size_b, draft_b);
}

}  // namespace

AcceptanceTable nominal_table(const TreatySpec& spec) {
  return *make_table(spec, false, 0, 0, nullptr);
}

std::optional<AcceptanceTable> drawn_table(const TreatySpec& spec, std::uint64_t seed, std::uint64_t trial,
                                           const std::atomic<bool>* cancel) {
  return make_table(spec, true, seed, trial, cancel);
}

std::vector<DraftMask> conflict_masks(const TreatySpec& spec) {
  std::vector<DraftMask> conflicts(spec.articles.size(), 0);
  for (const auto& [i, j] : spec.exclusions) {
    conflicts[static_cast<std::size_t>(i)] |= DraftMask{1} << j;
    conflicts[static_cast<std::size_t>(j)] |= DraftMask{1} << i;
  }
  return conflicts;
}

bool respects_exclusions(const std::vector<DraftMask>& conflicts, DraftMask draft) noexcept {
  for (DraftMask rest = draft; rest != 0; rest &= rest - 1)
    if ((conflicts[static_cast<std::size_t>(std::countr_zero(rest))] & draft) != 0) return false;
  return true;
}

DraftMask mask_of(const std::vector<int>& articles) noexcept {
  DraftMask draft = 0;
  for (const int i : articles) draft |= DraftMask{1} << i;
  return draft;
}

std::vector<int> articles_of(DraftMask draft) {
  std::vector<int> out;
  for (DraftMask rest = draft; rest != 0; rest &= rest - 1) out.push_back(std::countr_zero(rest));
  return out;
}

double DraftEvaluation::score(SolutionConcept solution_concept) const {
  switch (traits_of(solution_concept).objective) {
    case ConceptObjective::kNashProduct:
      return nash_log;
    case ConceptObjective::kMinimumGain:
      return egalitarian;
    case ConceptObjective::kTotalGain:
      return utilitarian;
  }
  return nash_log;
}

DraftEvaluation evaluate_draft(const TreatySpec& spec, const AcceptanceTable& table, DraftMask draft) {
  DraftEvaluation out;
  out.articles = draft;
  out.size = std::popcount(draft);
  out.value.assign(table.actors, 0.0);
  // Summed in document order, as the search's running sums are.
  for (DraftMask rest = draft; rest != 0; rest &= rest - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(rest));
    for (std::size_t a = 0; a < table.actors; ++a) out.value[a] += table.at(i, a);
  }
  if (table.rule == AggregationRule::kAverage && out.size > 0)
    for (double& v : out.value) v /= static_cast<double>(out.size);
  out.gain.resize(table.actors);
  out.accepts.resize(table.actors);
  for (std::size_t a = 0; a < table.actors; ++a) {
    out.gain[a] = out.value[a] - table.bar[a];
    out.accepts[a] = out.size > 0 && out.value[a] >= table.bar[a];
  }
  out.respects_exclusions = respects_exclusions(conflict_masks(spec), draft);
  out.accepted_by_all = out.size > 0 && out.respects_exclusions &&
                        std::all_of(spec.required.begin(), spec.required.end(),
                                    [&](int r) { return static_cast<bool>(out.accepts[static_cast<std::size_t>(r)]); });
  out.nash_log = nash_log_product(out.gain, spec.required);
  out.egalitarian = egalitarian_gain(out.gain, spec.required);
  out.utilitarian = utilitarian_gain(out.gain, spec.required);
  return out;
}

bool ranks_before(SolutionConcept solution_concept, const DraftEvaluation& a, const DraftEvaluation& b) {
  const double sa = a.score(solution_concept), sb = b.score(solution_concept);
  if (sa != sb) return sa > sb;
  return tie_before(a.size, a.articles, b.size, b.articles);
}

std::uint64_t count_drafts_respecting_exclusions(const TreatySpec& spec) {
  const std::size_t n = spec.articles.size();
  const DraftMask all = n >= 64 ? ~DraftMask{0} : (DraftMask{1} << n) - 1;
  std::unordered_map<DraftMask, std::uint64_t> memo;
  return count_independent(all, conflict_masks(spec), memo) - 1;  // the empty draft is not a treaty
}

double best_draft_utility(const TreatySpec& spec, const AcceptanceTable& table, std::size_t actor) {
  const std::size_t n = spec.articles.size();
  const DraftMask all = n >= 64 ? ~DraftMask{0} : (DraftMask{1} << n) - 1;
  std::vector<double> weight(n);
  for (std::size_t a = 0; a < n; ++a) weight[a] = table.at(a, actor);
  std::unordered_map<DraftMask, double> memo;
  return best_independent_weight(all, conflict_masks(spec), weight, memo);
}

DraftSearchResult search_drafts_exact(const TreatySpec& spec, const DraftSearchOptions& options) {
  if (spec.articles.size() > kExactSearchLimit)
    throw InputError("draft search",
                     {{"/treaty/articles",
                       "has " + std::to_string(spec.articles.size()) + " articles; the exact search handles at most " +
                           std::to_string(kExactSearchLimit),
                       "", "use the heuristic search"}});
  return ExactSearch(spec, options).run();
}

namespace {

// A random feasible start for one restart of the local search: articles in random order, each
// kept with probability 1/2 unless it conflicts with one already kept; never empty.
DraftMask random_feasible_start(std::uint64_t seed, std::size_t restart, const std::vector<DraftMask>& conflicts) {
  const std::size_t n = conflicts.size();
  Rng rng(seed, restart, Stream::kBargaining);
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[static_cast<std::size_t>(rng() % i)]);
  DraftMask draft = 0;
  for (const std::size_t i : order)
    if ((conflicts[i] & draft) == 0 && rng.uniform() < 0.5) draft |= DraftMask{1} << i;
  if (draft == 0) draft = DraftMask{1} << order.front();
  return draft;
}

}  // namespace

DraftSearchResult search_drafts_heuristic(const TreatySpec& spec, const DraftSearchOptions& options) {
  const AcceptanceTable table = nominal_table(spec);
  const std::vector<DraftMask> conflicts = conflict_masks(spec);
  const std::size_t n = spec.articles.size();
  DraftSearchResult result;
  result.method = SearchMethod::kHeuristic;
  result.solution_concept = options.solution_concept;
  TopK top(options.top_k);

  auto assess = [&](DraftMask draft) {
    ++result.drafts_evaluated;
    const DraftEvaluation e = evaluate_draft(spec, table, draft);
    LocalValue v;
    v.accepted = e.accepted_by_all;
    if (v.accepted) {
      v.value = e.score(options.solution_concept);
      if (!top.contains(draft)) top.offer({v.value, e.size, draft});
    } else {
      double shortfall = 0.0;
      for (const int r : spec.required) shortfall += std::max(0.0, -e.gain[static_cast<std::size_t>(r)]);
      v.value = -shortfall;
    }
    return v;
  };

  // A restart is a short climb of n drafts a step, well under a millisecond: one check each.
  for (std::size_t restart = 0; restart < options.heuristic_restarts; ++restart) {
    options.watch.report(restart, options.heuristic_restarts);
    if (options.watch.stop_requested()) {
      result.interrupted = true;
      break;
    }
    DraftMask draft = random_feasible_start(options.seed, restart, conflicts);
    LocalValue value = assess(draft);
    for (;;) {
      DraftMask best_draft = draft;
      LocalValue best = value;
      for (std::size_t i = 0; i < n; ++i) {
        const DraftMask bit = DraftMask{1} << i;
        DraftMask move = 0;
        if ((draft & bit) != 0) {
          if (std::popcount(draft) == 1) continue;
          move = draft & ~bit;  // drop
        } else {
          move = (draft & ~conflicts[i]) | bit;  // add, dropping whatever excludes it (a swap)
        }
        const LocalValue v = assess(move);
        if (local_better(v, std::popcount(move), move, best, std::popcount(best_draft), best_draft)) {
          best = v;
          best_draft = move;
        }
      }
      if (best_draft == draft) break;
      draft = best_draft;
      value = best;
    }
  }
  for (const auto& candidate : top.sorted()) result.top.push_back(evaluate_draft(spec, table, candidate.draft));
  return result;
}

DraftSearchResult search_drafts(const TreatySpec& spec, const DraftSearchOptions& options) {
  return spec.search == SearchMethod::kExact ? search_drafts_exact(spec, options)
                                             : search_drafts_heuristic(spec, options);
}

}  // namespace parley::treaty
