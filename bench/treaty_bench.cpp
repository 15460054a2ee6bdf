// The exact draft search over the 20 CSIS articles, single-threaded: the whole walk over the
// exclusion graph's independent sets (with and without pruning) and the feasible-draft count;
// each actor's best draft (the scale of war-value reservations), and the whole reading of a
// scenario whose reservations are war values (parse, solve at month 0, best drafts).
// Prints one JSON line; the figure of record is the median over repetitions.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "parley/treaty/draft_input.h"
#include "parley/treaty/draft_search.h"

namespace {

template <class Fn>
double median_ms(int repetitions, Fn&& fn) {
  std::vector<double> times;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  using namespace parley::treaty;
  const TreatyDocument document = load_treaty_document(std::string(PARLEY_SOURCE_DIR) + "/scenarios/csis_treaty.json");
  constexpr int kRepetitions = 21;
  DraftSearchResult result;
  DraftSearchOptions pruned;
  DraftSearchOptions full;
  full.prune = false;
  const double pruned_ms = median_ms(kRepetitions, [&] { result = search_drafts_exact(document.spec, pruned); });
  const double full_ms = median_ms(kRepetitions, [&] { result = search_drafts_exact(document.spec, full); });
  std::uint64_t feasible = 0;
  const double count_ms =
      median_ms(kRepetitions, [&] { feasible = count_drafts_respecting_exclusions(document.spec); });
  const AcceptanceTable table = nominal_table(document.spec);
  double best = 0.0;
  const double best_ms = median_ms(kRepetitions, [&] {
    for (std::size_t a = 0; a < document.spec.actors.size(); ++a) best += best_draft_utility(document.spec, table, a);
  });
  const std::string war_values = std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/treaty_war_values.json";
  const double war_values_ms = median_ms(kRepetitions, [&] { (void)load_draft_input(war_values); });
  std::printf(
      "{\"bench\":\"treaty_exact_search\",\"articles\":%zu,\"threads\":1,\"repetitions\":%d,"
      "\"drafts_respecting_exclusions\":%llu,\"drafts_accepted_by_all\":%llu,"
      "\"full_walk_ms\":%.3f,\"pruned_ms\":%.3f,\"count_only_ms\":%.4f,"
      "\"best_draft_all_actors_ms\":%.4f,\"war_value_scenario_read_ms\":%.3f}\n",
      document.spec.articles.size(), kRepetitions, static_cast<unsigned long long>(feasible),
      static_cast<unsigned long long>(result.drafts_accepted.value_or(0)), full_ms, pruned_ms, count_ms, best_ms,
      war_values_ms);
  return best > 0.0 ? 0 : 1;
}
