// Acceptance under uncertainty: the Monte Carlo probability matches a closed form, the Wilson
// interval matches its formula, and the draws are common random numbers across drafts.
#include <doctest/doctest.h>

#include <cmath>

#include "parley/io/draft_report.h"
#include "parley/treaty/draft_robustness.h"
#include "treaty_test_support.h"

using namespace parley;
using namespace parley::treaty;
using namespace parley::treaty::testing;
using nlohmann::json;

namespace {

// Article "u": U's score ~ uniform(0, 10), R's fixed at 8; article "f": fixed scores.
TreatyDocument toy() {
  const json treaty = {{"articles",
                        {{{"id", "u"}, {"scores", {{"U", {{"dist", "uniform"}, {"min", 0}, {"max", 10}}}, {"R", 8}}}},
                         {{"id", "f"}, {"scores", {{"U", 6}, {"R", 8}}}}}},
                       {"thresholds", {{"U", 7}, {"R", 5}}}};
  return parse_treaty_document(treaty_document({"U", "R"}, treaty), "toy");
}

}  // namespace

TEST_CASE("P(accepted) of one uncertain score against a threshold equals the closed form") {
  const TreatyDocument document = toy();
  constexpr std::uint64_t kTrials = 200000;
  const auto estimates =
      acceptance_probabilities(document.spec, {mask_of({0}), mask_of({0, 1}), mask_of({1})}, kTrials, 42);
  // Alone: P(X >= 7) = 0.3 for X ~ U(0, 10). With "f": (X + 6) / 2 >= 7 iff X >= 8, P = 0.2.
  const double exact[] = {0.3, 0.2, 0.0};
  for (int d = 0; d < 3; ++d) {
    const double se = std::sqrt(exact[d] * (1.0 - exact[d]) / static_cast<double>(kTrials));
    CHECK(std::abs(estimates[static_cast<std::size_t>(d)].probability - exact[d]) <= 4.0 * se);
    CHECK(estimates[static_cast<std::size_t>(d)].lower <= estimates[static_cast<std::size_t>(d)].probability);
    CHECK(estimates[static_cast<std::size_t>(d)].upper >= estimates[static_cast<std::size_t>(d)].probability);
  }
  // Common random numbers: the same draw decides both drafts, so every trial that accepts the
  // pair (X >= 8) also accepts the article alone (X >= 7).
  CHECK(estimates[1].accepted <= estimates[0].accepted);
}

TEST_CASE("a draft's estimate does not depend on the other drafts judged with it") {
  const TreatyDocument document = toy();
  const auto alone = acceptance_probabilities(document.spec, {mask_of({0, 1})}, 5000, 7);
  const auto together = acceptance_probabilities(document.spec, {mask_of({0}), mask_of({0, 1})}, 5000, 7);
  CHECK(alone[0].accepted == together[1].accepted);
  const auto other_seed = acceptance_probabilities(document.spec, {mask_of({0, 1})}, 5000, 8);
  CHECK(other_seed[0].accepted != alone[0].accepted);
}

TEST_CASE("acceptance estimates carry the Wilson interval") {
  const AcceptanceEstimate e = acceptance_estimate(30, 100);
  CHECK(e.probability == doctest::Approx(0.3));
  // By hand for 30 of 100 at z = 1.96: centre (0.3 + z^2/200) / (1 + z^2/100) = 0.30740,
  // half-width z / (1 + z^2/100) * sqrt(0.0021 + z^2/40000) = 0.08845.
  CHECK(e.lower == doctest::Approx(0.21895).epsilon(1e-4));
  CHECK(e.upper == doctest::Approx(0.39585).epsilon(1e-4));
  const AcceptanceEstimate none = acceptance_estimate(0, 50);
  CHECK(none.lower == 0.0);
  CHECK(none.upper > 0.0);
}

TEST_CASE("the report carries provenance and probabilities for the top drafts and the presets") {
  TreatyDocument document = toy();
  document.spec.presets.push_back({"both", {0, 1}});
  DraftReportOptions options;
  options.trials = 4000;
  options.seed = 3;
  const DraftReport report = make_draft_report(document, options);
  // Nominal values are the means: U's mean score 5 < 7 for "u" alone; no draft is acceptable.
  CHECK(*report.search.drafts_accepted == 0);
  REQUIRE(report.presets.size() == 1);
  REQUIRE(report.presets[0].acceptance.has_value());
  CHECK(report.presets[0].acceptance->probability == doctest::Approx(0.2).epsilon(0.15));
  CHECK(report.robust.size() == 1);
  const json out = json::parse(draft_report_json(report));
  CHECK(out["provenance"]["trials"] == 4000);
  CHECK(out["provenance"]["seed"] == 3);
  CHECK(out["provenance"]["rule"] == "average");
  CHECK(out["provenance"]["content_hash"].get<std::string>().rfind("fnv1a64:", 0) == 0);
  CHECK(out["counts"]["drafts_respecting_exclusions"] == 3);
  const std::string csv = draft_report_csv(report);
  CHECK(csv.find("kind,label,rank,articles") == 0);
  CHECK(csv.find("preset,\"both\",,u f,2") != std::string::npos);
  CHECK(draft_report_markdown(report).find("## Presets") != std::string::npos);
}

TEST_CASE("cancelled acceptance trials give estimates over the trials that finished") {
  const TreatyDocument document = toy();
  std::atomic<bool> cancel{false};
  const DraftWatch watch{&cancel, [&](std::uint64_t done, std::uint64_t) {
                           if (done == 100) cancel.store(true);
                         }};
  const auto cut = acceptance_probabilities(document.spec, {mask_of({0})}, 1000, 42, watch);
  REQUIRE(cut.size() == 1);
  CHECK(cut[0].trials == 100);
  // The first 100 trials are those an uncancelled run of 100 trials draws.
  CHECK(cut[0].accepted == acceptance_probabilities(document.spec, {mask_of({0})}, 100, 42)[0].accepted);
  cancel.store(true);
  CHECK(acceptance_probabilities(document.spec, {mask_of({0})}, 1000, 42, {&cancel, {}}).empty());

  DraftReportOptions options;
  options.trials = 1000;
  options.cancel = &cancel;
  const DraftReport report = make_draft_report(document, options);
  CHECK(report.interrupted);
  CHECK(draft_report_json(report).find("\"interrupted\"") != std::string::npos);
  options.cancel = nullptr;
  CHECK(draft_report_json(make_draft_report(document, options)).find("\"interrupted\"") == std::string::npos);
}
