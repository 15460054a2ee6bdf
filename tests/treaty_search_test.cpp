// The draft search against independent checks: the presets' averages computed by hand from the
// data file, the counts against a plain brute force over all 2^20 subsets, the ranking against
// a full sort, and the phenomenon the average rule produces (one article beats every treaty).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include "parley/treaty/draft_search.h"
#include "treaty_test_support.h"

using namespace parley;
using namespace parley::treaty;
using namespace parley::treaty::testing;
using nlohmann::json;

TEST_CASE("the presets' per-actor averages equal the published rule's, to the last digit") {
  const json data = csis_data();
  const TreatyDocument document = csis_document();
  const AcceptanceTable table = nominal_table(document.spec);
  for (std::size_t p = 0; p < document.spec.presets.size(); ++p) {
    const json& ids = data["presets"][std::to_string(p + 1)];
    const DraftEvaluation e = evaluate_draft(document.spec, table, mask_of(document.spec.presets[p].articles));
    CHECK(e.size == static_cast<int>(ids.size()));
    for (std::size_t a = 0; a < document.spec.actors.size(); ++a) {
      const std::string& actor = document.spec.actors[a];
      // The published rule written out: sum the scores of the listed articles, divide by their number.
      double sum = 0.0;
      for (const auto& id : ids)
        for (const auto& article : data["articles"])
          if (article["id"] == id) sum += article["satisfaction"][actor].get<double>();
      const double average = sum / static_cast<double>(ids.size());
      CHECK(e.value[a] == average);
      CHECK(e.accepts[a] == (average >= data["min_acceptable_satisfaction"][actor].get<double>()));
    }
  }
  // Russia's threshold of 8 is out of reach for all three presets (55/9, 67/9, 53/8).
  const DraftEvaluation first = evaluate_draft(document.spec, table, mask_of(document.spec.presets[0].articles));
  CHECK(first.value[1] == 55.0 / 9.0);
  CHECK_FALSE(first.accepted_by_all);
}

TEST_CASE("counts equal a brute force over every subset of the 20 articles") {
  const json data = csis_data();
  const std::vector<std::string> actors = data["actors"].get<std::vector<std::string>>();
  const std::size_t n = data["articles"].size();
  REQUIRE(n == 20);
  // Independent of the library: scores and exclusions straight from the data file.
  std::vector<std::vector<double>> score(n, std::vector<double>(actors.size()));
  std::vector<int> id(n);
  for (std::size_t i = 0; i < n; ++i) {
    id[i] = data["articles"][i]["id"].get<int>();
    for (std::size_t a = 0; a < actors.size(); ++a)
      score[i][a] = data["articles"][i]["satisfaction"][actors[a]].get<double>();
  }
  std::uint64_t feasible = 0, accepted = 0;
  std::vector<std::uint64_t> per_article(n, 0);
  for (std::uint32_t subset = 1; subset < (1U << n); ++subset) {
    bool ok = true;
    for (const auto& pair : data["mutually_exclusive"]) {
      bool first = false, second = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (((subset >> i) & 1U) == 0) continue;
        if (id[i] == pair[0].get<int>()) first = true;
        if (id[i] == pair[1].get<int>()) second = true;
      }
      if (first && second) ok = false;
    }
    if (!ok) continue;
    ++feasible;
    bool all = true;
    for (std::size_t a = 0; a < actors.size(); ++a) {
      double sum = 0.0;
      int count = 0;
      for (std::size_t i = 0; i < n; ++i)
        if ((subset >> i) & 1U) {
          sum += score[i][a];
          ++count;
        }
      if (!(sum / count >= data["min_acceptable_satisfaction"][actors[a]].get<double>())) all = false;
    }
    if (!all) continue;
    ++accepted;
    for (std::size_t i = 0; i < n; ++i)
      if ((subset >> i) & 1U) ++per_article[i];
  }

  const TreatyDocument document = csis_document();
  for (const bool prune : {true, false}) {
    DraftSearchOptions options;
    options.prune = prune;
    const DraftSearchResult result = search_drafts_exact(document.spec, options);
    CHECK(*result.drafts_respecting_exclusions == feasible);
    CHECK(*result.drafts_accepted == accepted);
    CHECK(*result.article_accepted_counts == per_article);
    if (!prune)
      CHECK(result.drafts_evaluated == feasible);  // only independent sets are visited
    else
      CHECK(result.drafts_evaluated < feasible);
  }
  CHECK(feasible == 248831);  // 2^10 * 3^5 - 1: ten free articles, five exclusive pairs, no empty draft
  CHECK(count_drafts_respecting_exclusions(document.spec) == feasible);
}

TEST_CASE("under the average rule a one-article draft beats every full treaty") {
  const TreatyDocument document = csis_document();
  const TreatySpec& spec = document.spec;
  // Article 1 (return of the Kursk region) alone: every actor's mean is that article's score.
  const AcceptanceTable table = nominal_table(spec);
  const DraftEvaluation alone = evaluate_draft(spec, table, mask_of({spec.article_index("1")}));
  CHECK(alone.accepted_by_all);
  for (const auto solution : {SolutionConcept::kNash, SolutionConcept::kEgalitarian, SolutionConcept::kUtilitarian}) {
    DraftSearchOptions options;
    options.solution_concept = solution;
    const DraftSearchResult result = search_drafts_exact(spec, options);
    REQUIRE_FALSE(result.top.empty());
    CHECK(result.top.front().articles == alone.articles);
  }
  // A treaty that settles all four categories cannot do better for everyone: the largest
  // acceptable drafts are far below article 1's gains.
  DraftSearchOptions options;
  options.top_k = 1000000;
  const DraftSearchResult all = search_drafts_exact(spec, options);
  int largest = 0;
  for (const auto& e : all.top) largest = std::max(largest, e.size);
  CHECK(largest > 1);
  for (const auto& e : all.top)
    if (e.size == largest) CHECK(e.egalitarian < alone.egalitarian);
}

TEST_CASE("the bounded top-K equals a full sort, with deterministic tie-breaks") {
  const TreatyDocument document = csis_document();
  const TreatySpec& spec = document.spec;
  DraftSearchOptions every;
  every.top_k = 1000000;
  for (const auto solution : {SolutionConcept::kNash, SolutionConcept::kEgalitarian, SolutionConcept::kUtilitarian}) {
    every.solution_concept = solution;
    std::vector<DraftEvaluation> all = search_drafts_exact(spec, every).top;
    CHECK(all.size() == 8413);
    std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) { return ranks_before(solution, a, b); });
    DraftSearchOptions options;
    options.solution_concept = solution;
    options.top_k = 25;
    const DraftSearchResult top = search_drafts_exact(spec, options);
    REQUIRE(top.top.size() == 25);
    for (std::size_t i = 0; i < 25; ++i) CHECK(top.top[i].articles == all[i].articles);
  }
  // Egalitarian: {1, 3} and {1, 16} tie at a minimum gain of 1 with two articles each; the list
  // holding the earlier article (3 before 16) ranks first.
  DraftSearchOptions options;
  options.solution_concept = SolutionConcept::kEgalitarian;
  options.top_k = 3;
  const auto top = search_drafts_exact(spec, options).top;
  CHECK(top[1].articles == mask_of({spec.article_index("1"), spec.article_index("3")}));
  CHECK(top[2].articles == mask_of({spec.article_index("1"), spec.article_index("16")}));
  CHECK(top[1].egalitarian == top[2].egalitarian);
}

TEST_CASE("solution concepts are the log Nash product, the minimum and the sum of gains") {
  const std::vector<double> gains{2.0, 0.5, 3.0};
  const std::vector<int> required{0, 1};
  CHECK(nash_log_product(gains, required) == doctest::Approx(std::log(1.0)));
  CHECK(egalitarian_gain(gains, required) == 0.5);
  CHECK(utilitarian_gain(gains, required) == 2.5);
  CHECK(std::isinf(nash_log_product({0.0, 1.0}, {0, 1})));
}

TEST_CASE("the additive rule: pruning never loses an acceptable draft") {
  json articles = json::array();
  for (int i = 0; i < 12; ++i) {
    std::string id = "a";  // appended, not "a" + ...: GCC 12 warns falsely (-Wrestrict) on the latter
    id += std::to_string(i);
    articles.push_back(
        {{"id", id}, {"scores", {{"U", (i * 7) % 11}, {"R", (i * 5 + 3) % 11}}}, {"salience", {{"U", 1.0 + 0.1 * i}}}});
  }
  const json treaty = {{"rule", "additive"},
                       {"articles", articles},
                       {"exclusions", json::array({json::array({"a0", "a1"}), json::array({"a2", "a5"})})},
                       {"reservation", {{"U", 30.0}, {"R", 25.0}}}};
  const TreatyDocument document = parse_treaty_document(treaty_document({"U", "R"}, treaty), "test");
  DraftSearchOptions pruned, plain;
  plain.prune = false;
  pruned.top_k = plain.top_k = 5000;
  const auto a = search_drafts_exact(document.spec, pruned), b = search_drafts_exact(document.spec, plain);
  CHECK(*a.drafts_accepted == *b.drafts_accepted);
  CHECK(*a.drafts_accepted > 0);
  CHECK(*a.article_accepted_counts == *b.article_accepted_counts);
  REQUIRE(a.top.size() == b.top.size());
  for (std::size_t i = 0; i < a.top.size(); ++i) CHECK(a.top[i].articles == b.top[i].articles);
  // Utility is the salience-weighted sum: check one draft by hand.
  const DraftEvaluation e = evaluate_draft(document.spec, nominal_table(document.spec), mask_of({3, 4}));
  CHECK(e.value[0] == doctest::Approx(1.3 * 10 + 1.4 * 6));
  CHECK(e.value[1] == doctest::Approx(7 + 1));
}

TEST_CASE("the heuristic search finds the exact optimum on the CSIS articles") {
  TreatySpec spec = csis_document().spec;
  spec.search = SearchMethod::kHeuristic;
  for (const auto solution : {SolutionConcept::kNash, SolutionConcept::kEgalitarian, SolutionConcept::kUtilitarian}) {
    DraftSearchOptions options;
    options.solution_concept = solution;
    options.top_k = 3;
    const auto heuristic = search_drafts(spec, options);
    const auto exact = search_drafts_exact(spec, options);
    CHECK_FALSE(heuristic.drafts_accepted.has_value());
    REQUIRE(!heuristic.top.empty());
    CHECK(heuristic.top.front().articles == exact.top.front().articles);
    for (const auto& e : heuristic.top) CHECK(e.accepted_by_all);
  }
}

TEST_CASE("the exact search refuses more than the limit") {
  TreatySpec spec = csis_document().spec;
  spec.search = SearchMethod::kExact;
  while (spec.articles.size() <= kExactSearchLimit) spec.articles.push_back(spec.articles.front());
  CHECK_THROWS_AS((void)search_drafts_exact(spec, DraftSearchOptions{}), InputError);
}

TEST_CASE("a cancelled search stops within one check and returns what it found, marked interrupted") {
  const TreatySpec spec = csis_document().spec;
  const DraftSearchResult full = search_drafts_exact(spec, DraftSearchOptions{});
  CHECK_FALSE(full.interrupted);
  std::atomic<bool> cancel{false};
  std::uint64_t reports = 0;
  std::uint64_t last_total = 0;
  DraftSearchOptions options;
  options.watch.cancel = &cancel;
  options.watch.progress = [&](std::uint64_t done, std::uint64_t total) {
    ++reports;
    last_total = total;
    CHECK(done <= total);
    if (done > 0) cancel.store(true);  // stop at the second check
  };
  const DraftSearchResult cut = search_drafts_exact(spec, options);
  CHECK(cut.interrupted);
  CHECK(reports == 2);
  CHECK(last_total == *full.drafts_respecting_exclusions);
  CHECK(cut.drafts_evaluated == 65536);  // one check every 2^16 drafts
  CHECK(*cut.drafts_accepted < *full.drafts_accepted);
  CHECK(cut.drafts_respecting_exclusions == full.drafts_respecting_exclusions);

  // Watched but never cancelled, the search is the unwatched one to the last draft.
  cancel.store(false);
  options.watch.progress = {};
  const DraftSearchResult watched = search_drafts_exact(spec, options);
  CHECK_FALSE(watched.interrupted);
  CHECK(watched.drafts_accepted == full.drafts_accepted);
  REQUIRE(watched.top.size() == full.top.size());
  for (std::size_t i = 0; i < full.top.size(); ++i) CHECK(watched.top[i].articles == full.top[i].articles);

  TreatySpec heuristic_spec = spec;
  heuristic_spec.search = SearchMethod::kHeuristic;
  cancel.store(true);
  const DraftSearchResult heuristic = search_drafts(heuristic_spec, options);
  CHECK(heuristic.interrupted);
  CHECK(heuristic.drafts_evaluated == 0);
}
