// Levers that act through a side's consent (docs/model.md sections 5 and 10): aid conditional on
// the recipient accepting talks its rival offers (001), and coercive demands whose compliance is
// a deal only when every owner of what it changes accepts (002). Each is compared with the run
// it should equal or differ from on common random numbers: the same seed, the same trials.
#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "parley/core/files.h"
#include "parley/model/outcome.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
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
