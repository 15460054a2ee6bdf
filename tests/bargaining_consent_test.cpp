// Levers that act through a side's consent (docs/model.md sections 5 and 10): aid conditional on
// the recipient accepting talks its rival offers (001), and coercive demands whose compliance is
// a deal only when every owner of what it changes accepts (002). Each is compared with the run
// it should equal or differ from on common random numbers: the same seed, the same trials.
#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "parley/core/files.h"
#include "parley/model/outcome.h"
#include "parley/scenario/load.h"
#include "parley/sim/model.h"
#include "parley/sim/run.h"
#include "parley/sim/trial.h"
#include "parley/sim/trial_records.h"

using namespace parley;

namespace {

nlohmann::json flagship_json() {
  return nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
}

// The flagship with every aid flow under `policy`.
nlohmann::json with_aid_policy(nlohmann::json doc, const char* policy) {
  for (auto& flow : doc["aid"]) flow["policy"] = {{"kind", policy}};
  return doc;
}

TrialRecords records_of(const nlohmann::json& doc, std::int64_t trials = 2000) {
  RunOptions options;
  options.trials = trials;
  options.seed = 7;
  options.threads = 2;
  return record_trials(parse_scenario_json(doc, "consent test"), options);
}

// Trials whose ending (outcome or month) differs between two runs of the same trials.
std::int64_t endings_differing(const TrialRecords& a, const TrialRecords& b) {
  REQUIRE(a.trials == b.trials);
  std::int64_t differing = 0;
  for (std::size_t t = 0; t < a.outcome.size(); ++t)
    differing += a.outcome[t] != b.outcome[t] || a.end_month[t] != b.end_month[t];
  return differing;
}

bool same_trials(const TrialRecords& a, const TrialRecords& b) {
  return a.outcome == b.outcome && a.end_month == b.end_month && a.cost == b.cost;
}

// 002's demand on Russia with its threats (1.5 more aid units a month, sanctions up 0.2) and its
// carrot (half the sanctions lifted), each at the credibility given, on `issue` at `demand`.
nlohmann::json with_demand(nlohmann::json doc, const char* issue, double demand, double threat_credibility,
                           double inducement_credibility) {
  doc["bargaining"]["coercion"] = nlohmann::json::array({{{"id", "west_demand"},
                                                          {"by", "USA"},
                                                          {"target", "RUS"},
                                                          {"issue", issue},
                                                          {"deadline_month", 6},
                                                          {"demand", demand},
                                                          {"threat_aid_per_month", 1.5},
                                                          {"threat_sanctions_share", 0.2},
                                                          {"threat_credibility", threat_credibility},
                                                          {"inducement_relief_share", 0.5},
                                                          {"inducement_credibility", inducement_credibility}}});
  return doc;
}

}  // namespace

TEST_CASE("aid conditional on talks is withheld while the recipient refuses talks, and changes how wars end") {
  const TrialRecords always = records_of(with_aid_policy(flagship_json(), "as_long_as_it_takes"));
  const TrialRecords conditional = records_of(with_aid_policy(flagship_json(), "conditional_on_talks"));
  // Russia offers talks (it is in a hurting stalemate) in months Ukraine is not: the West's aid
  // stops then, Ukraine fights weaker, and the same trials end otherwise.
  CHECK(endings_differing(always, conditional) > 20);
  std::int64_t ukraine_wins[2] = {0, 0};
  for (std::size_t t = 0; t < always.outcome.size(); ++t) {
    ukraine_wins[0] += always.outcome[t] == static_cast<std::uint8_t>(Outcome::kHolderVictory);
    ukraine_wins[1] += conditional.outcome[t] == static_cast<std::uint8_t>(Outcome::kHolderVictory);
  }
  CHECK(ukraine_wins[1] < ukraine_wins[0]);
}

TEST_CASE("aid conditional on talks equals aid as long as it takes when no talks are ever offered or refused") {
  SUBCASE("no side ever in pain: no talks offered") {
    nlohmann::json doc = flagship_json();
    doc["bargaining"]["talks"]["pain_threshold"] = 1e9;
    CHECK(same_trials(records_of(with_aid_policy(doc, "as_long_as_it_takes"), 1000),
                      records_of(with_aid_policy(doc, "conditional_on_talks"), 1000)));
  }
  SUBCASE("talks forced from month 1: the recipient sits at every table") {
    nlohmann::json doc = flagship_json();
    doc["bargaining"]["forced_talks_month"] = 1;
    CHECK(same_trials(records_of(with_aid_policy(doc, "as_long_as_it_takes"), 1000),
                      records_of(with_aid_policy(doc, "conditional_on_talks"), 1000)));
  }
  SUBCASE("no bargaining layer: nobody offers talks") {
    nlohmann::json doc = flagship_json();
    doc.erase("bargaining");
    CHECK(same_trials(records_of(with_aid_policy(doc, "as_long_as_it_takes"), 1000),
                      records_of(with_aid_policy(doc, "conditional_on_talks"), 1000)));
  }
}

TEST_CASE("a demand backed by no credible threat and no inducement changes nothing") {
  const nlohmann::json doc = flagship_json();
  // Russia returns 30% of what it holds: on the line of control, 0.83 + 0.3 x 0.17.
  constexpr double kReturnThirtyPercent = 0.881;
  const TrialRecords without_demand = records_of(doc, 1000);
  // 002's demand, its threats and its carrot all written, none of them credible.
  CHECK(same_trials(without_demand, records_of(with_demand(doc, "territory", kReturnThirtyPercent, 0.0, 0.0), 1000)));
  // A credible carrot of nothing (relief the sanctions already give) is no inducement either.
  nlohmann::json no_relief = with_demand(doc, "territory", kReturnThirtyPercent, 0.0, 1.0);
  no_relief["bargaining"]["coercion"][0]["inducement_relief_share"] = 0.0;
  CHECK(same_trials(without_demand, records_of(no_relief, 1000)));
  // A credible threat is coercion: the same trials end otherwise.
  CHECK(endings_differing(without_demand,
                          records_of(with_demand(doc, "territory", kReturnThirtyPercent, 1.0, 0.0), 1000)) > 0);
}

TEST_CASE("compliance is a deal only if every owner of what it changes accepts it") {
  // The USA demands that Russia accept a security guarantee for Ukraine at 0.5 by month 6, under a
  // certain threat. The EU co-owns the guarantee: where it wants none (ideal 0, its only issue),
  // no compliance becomes a deal; with the flagship's EU (ideal 0.6) some do.
  const auto month_six = [](const nlohmann::json& doc) {
    const Model model = compile(parse_scenario_json(doc, "consent"));
    TrialScratch scratch;
    int complied = 0, guarantee_deals = 0;
    for (std::uint64_t t = 0; t < 400; ++t) {
      simulate_trial(model, TrialKey{11, t}, scratch, [&](const TrialState& state) {
        if (state.month != 6) return;
        complied += state.table.demands_met;
        const bool signed_now = !state.table.deals.empty() && state.table.deals.back().month == 6;
        guarantee_deals += signed_now && state.table.terms[1] == 0.5;
      });
    }
    return std::pair{complied, guarantee_deals};
  };
  REQUIRE(flagship_json()["issues"][1]["id"] == "security_guarantee");
  const nlohmann::json demand = with_demand(flagship_json(), "security_guarantee", 0.5, 1.0, 0.0);
  const auto [complied_with_eu, deals_with_eu] = month_six(demand);
  CHECK(complied_with_eu > 0);
  CHECK(deals_with_eu > 0);

  nlohmann::json eu_against = demand;
  eu_against["actors"][3]["positions"] = {{"security_guarantee", {{"ideal", 0.0}, {"salience", 1.0}}}};
  REQUIRE(eu_against["actors"][3]["id"] == "EU");
  const auto [complied_against_eu, deals_against_eu] = month_six(eu_against);
  CHECK(complied_against_eu > 0);
  CHECK(deals_against_eu == 0);
}
