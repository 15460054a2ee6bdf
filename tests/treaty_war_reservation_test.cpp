// The additive rule's reservation values from the bargaining layer ("reservation": "war_values",
// treaty/draft_input.h): on Fearon's special case, where the war values have a closed form, the
// reservations are d_i x U_i* exactly and the drafts each side accepts are exactly those worth
// at least that; the disagreement value, not the bare war value, sets the bar under the fear of
// reneging; the best draft is a maximum-weight independent set; every misuse is located.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "parley/bargaining/table.h"
#include "parley/bargaining/war_value.h"
#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/io/draft_report.h"
#include "parley/scenario/load.h"
#include "parley/treaty/draft_input.h"
#include "parley/treaty/draft_search.h"
#include "treaty_test_support.h"

using namespace parley;
using namespace parley::treaty;
using nlohmann::json;
using treaty::testing::has_issue;

namespace {

const std::string kScenario = std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/treaty_war_values.json";

json scenario_json() {
  return json::parse(read_text_file(kScenario));
}

std::vector<InputIssue> problems(const json& document) {
  return treaty::testing::issues_of([&] { (void)read_draft_input(document, "test"); });
}

// Brute force: the largest utility over every draft that respects the exclusions.
double best_by_enumeration(const TreatySpec& spec, const AcceptanceTable& table, std::size_t actor) {
  const auto conflicts = conflict_masks(spec);
  const DraftMask end = DraftMask{1} << spec.articles.size();
  double best = 0.0;
  for (DraftMask draft = 1; draft < end; ++draft) {
    if (!respects_exclusions(conflicts, draft)) continue;
    double value = 0.0;
    for (const int article : articles_of(draft)) value += table.at(static_cast<std::size_t>(article), actor);
    best = std::max(best, value);
  }
  return best;
}

}  // namespace

TEST_CASE("war-value reservations on Fearon's case: d x best draft, and the acceptance set, exactly") {
  const TreatyDocument document = load_draft_input(kScenario);
  const TreatySpec& spec = document.spec;
  REQUIRE(spec.reservation_source == ReservationSource::kWarValues);
  REQUIRE(spec.actors == std::vector<std::string>{"UKR", "RUS"});

  // The war values in closed form (tests/bargaining_table_test.cpp, Fearon 1995): constant
  // strengths give each side a monthly cost of 1 unit; no mistrust, so disagreement = war value.
  const auto exit = bargaining::discounted_exit(0.6, 0.004, 0.05, 0.98);
  const double alive = 1.0 - exit.at_one - exit.at_zero;
  const double p = exit.at_one;  // status quo 0
  const double w_ukr = p - alive * 0.04;
  const double w_rus = 1.0 - p - alive * 0.02;
  // Best drafts by hand: Ukraine a + c + d = 10 + 4 + 6 (d beats e, which it excludes);
  // Russia b + c + e = 10 + 2 x 4 + 6 (its salience on c is 2).
  const double best_ukr = 20.0, best_rus = 24.0;
  REQUIRE(spec.war_value_reservations.size() == 2);
  CHECK(spec.war_value_reservations[0].disagreement_value == doctest::Approx(w_ukr).epsilon(1e-12));
  CHECK(spec.war_value_reservations[1].disagreement_value == doctest::Approx(w_rus).epsilon(1e-12));
  CHECK(spec.war_value_reservations[0].best_draft_utility == best_ukr);
  CHECK(spec.war_value_reservations[1].best_draft_utility == best_rus);
  const double r_ukr = w_ukr * best_ukr, r_rus = w_rus * best_rus;
  CHECK(spec.reservation[0].mean() == doctest::Approx(r_ukr).epsilon(1e-12));
  CHECK(spec.reservation[1].mean() == doctest::Approx(r_rus).epsilon(1e-12));

  // Every draft by hand from the article scores: Ukraine accepts when its utility reaches
  // r_ukr, Russia when its reaches r_rus. No draft's utility lies within 0.1 of either bar, so
  // the sets do not hang on rounding.
  const double ukr[] = {10, 0, 4, 6, 2};
  const double rus[] = {0, 10, 8, 2, 6};
  const AcceptanceTable table = nominal_table(spec);
  int accepted_by_all = 0, accepted_by_ukr = 0, accepted_by_rus = 0;
  std::vector<DraftMask> accepted;
  for (DraftMask draft = 1; draft < 32; ++draft) {
    if ((draft & 0b11000) == 0b11000) continue;  // d and e exclude each other
    double u = 0.0, v = 0.0;
    for (int a = 0; a < 5; ++a)
      if ((draft >> a) & 1U) u += ukr[a], v += rus[a];
    CHECK(std::abs(u - r_ukr) > 0.1);
    CHECK(std::abs(v - r_rus) > 0.1);
    const DraftEvaluation e = evaluate_draft(spec, table, draft);
    CHECK(e.value[0] == u);
    CHECK(e.value[1] == v);
    CHECK(e.accepts[0] == (u >= r_ukr));
    CHECK(e.accepts[1] == (v >= r_rus));
    accepted_by_ukr += u >= r_ukr ? 1 : 0;
    accepted_by_rus += v >= r_rus ? 1 : 0;
    if (u >= r_ukr && v >= r_rus) {
      ++accepted_by_all;
      accepted.push_back(draft);
    }
  }
  // r_ukr = 6.17 and r_rus = 15.67: Russia needs b with c or e and more; both sides together
  // accept {a,b,c}, {a,b,e}, {a,b,c,d}, {a,b,c,e}, {b,c,d}.
  CHECK(accepted == std::vector<DraftMask>{0b00111, 0b01110, 0b01111, 0b10011, 0b10111});
  CHECK(accepted_by_ukr > accepted_by_all);
  CHECK(accepted_by_rus > accepted_by_all);
  const DraftSearchResult search = search_drafts(spec, {});
  CHECK(search.drafts_accepted == static_cast<std::uint64_t>(accepted_by_all));
  CHECK(search.drafts_respecting_exclusions == 23);

  // The report names where its bars came from; the scenario's own hash identifies it.
  const DraftReport report = make_draft_report(document, {});
  const json out = json::parse(draft_report_json(report));
  CHECK(out["reservations_from_war_values"]["RUS"]["reservation"].get<double>() == spec.reservation[1].mean());
  CHECK(document.content_hash == load_scenario_file(kScenario).content_hash);
}

TEST_CASE("under the fear of reneging the declining side's bar is its disagreement value") {
  // Powell (2006): Russia regroups during a peace window, so Ukraine fears it reneges; Ukraine's
  // disagreement value exceeds its war value, and its reservation follows the disagreement.
  json doc = scenario_json();
  doc["bargaining"]["commitment"]["mistrust_prob"] = 0.5;
  doc["bargaining"]["actors"] = {{"RUS", {{"regroup_share_per_month", 0.0005}}}};
  const TreatyDocument document = read_draft_input(doc, "fear");
  const auto solved = bargaining::solve_at_month_zero(parse_scenario_json(doc, "fear"));
  const auto& ukr = document.spec.war_value_reservations[0];
  REQUIRE(solved.view.disagreement[0] > solved.view.war_value[0]);
  CHECK(ukr.disagreement_value == solved.view.disagreement[0]);
  CHECK(ukr.reservation == solved.view.disagreement[0] * 20.0);
  CHECK(document.spec.war_value_reservations[1].disagreement_value == solved.view.war_value[1]);
}

TEST_CASE("the best draft is a maximum-weight independent set of the exclusion graph") {
  // The CSIS articles (20 articles, 5 exclusions) under the additive rule: against every one of
  // the 2^20 drafts, for each actor, with and without uneven saliences.
  json doc = json::parse(read_text_file(treaty::testing::csis_scenario_path()));
  doc["treaty"]["rule"] = "additive";
  doc["treaty"].erase("thresholds");
  doc["treaty"].erase("presets");
  doc["treaty"]["reservation"] = {{"Ukraine", 0}, {"Russia", 0}, {"USA", 0}, {"EU", 0}};
  for (const bool uneven : {false, true}) {
    if (uneven)
      for (std::size_t i = 0; i < doc["treaty"]["articles"].size(); ++i)
        doc["treaty"]["articles"][i]["salience"] = {{"Russia", static_cast<double>(i % 3)}, {"EU", 0.5}};
    const TreatySpec spec = parse_treaty_document(doc, "csis additive").spec;
    const AcceptanceTable table = nominal_table(spec);
    for (std::size_t a = 0; a < spec.actors.size(); ++a) {
      CAPTURE(spec.actors[a]);
      CHECK(best_draft_utility(spec, table, a) == doctest::Approx(best_by_enumeration(spec, table, a)).epsilon(1e-12));
    }
  }
}

TEST_CASE("war values need the additive rule and a bargaining block; every misuse is located") {
  json doc = scenario_json();
  doc["treaty"]["reservation"] = "war_value";
  CHECK(has_issue(problems(doc), "/treaty/reservation", "must be {ACTOR: value} or \"war_values\"",
                  "did you mean 'war_values'?"));

  doc = scenario_json();
  doc.erase("bargaining");
  CHECK(has_issue(problems(doc), "/treaty/reservation", "needs a \"bargaining\" block"));

  doc = scenario_json();
  doc["treaty"]["rule"] = "average";
  doc["treaty"]["thresholds"] = {{"UKR", 5}, {"RUS", 5}};
  CHECK(has_issue(problems(doc), "/treaty/reservation", "only by the \"additive\" rule"));

  doc = scenario_json();
  for (auto& article : doc["treaty"]["articles"]) article["scores"]["UKR"] = 0;
  CHECK(has_issue(problems(doc), "/treaty/reservation", "'UKR' values none"));

  // A stand-alone treaty document has no bargaining layer to take war values from.
  const json treaty_only = {{"name", "t"}, {"actors", {"UKR", "RUS"}}, {"treaty", scenario_json()["treaty"]}};
  CHECK(has_issue(problems(treaty_only), "/treaty/reservation", "needs a scenario with a \"bargaining\" block"));

  // A scenario without a treaty block is not something to draft from.
  doc = scenario_json();
  doc.erase("treaty");
  CHECK(has_issue(problems(doc), "", "needs \"treaty\""));
}

TEST_CASE("given reservations keep their behaviour, in a scenario as in a treaty document") {
  json doc = scenario_json();
  doc["treaty"]["reservation"] = {{"UKR", 6.5}, {"RUS", 15.0}};
  const TreatyDocument from_scenario = read_draft_input(doc, "given");
  CHECK(from_scenario.spec.reservation_source == ReservationSource::kGiven);
  CHECK(from_scenario.spec.war_value_reservations.empty());
  const json treaty_only = {{"name", doc["name"]}, {"actors", {"UKR", "RUS"}}, {"treaty", doc["treaty"]}};
  const TreatyDocument from_document = read_draft_input(treaty_only, "given");
  const DraftReport a = make_draft_report(from_scenario, {});
  const DraftReport b = make_draft_report(from_document, {});
  CHECK(a.search.drafts_accepted == b.search.drafts_accepted);
  CHECK(json::parse(draft_report_json(a))["ranked"] == json::parse(draft_report_json(b))["ranked"]);
  CHECK_FALSE(json::parse(draft_report_json(a)).contains("reservations_from_war_values"));
}
