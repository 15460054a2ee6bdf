// Every rule of the scenario format, one change to a valid scenario at a time: each problem
// must come back with its JSON pointer, its rule and, for names, a did-you-mean hint.
#include <doctest/doctest.h>

#include "scenario_test_support.h"

using namespace parley;
using namespace parley::testing;

TEST_CASE("top level") {
  expect_only_problem(without("/name"), "/name", "is required");
  expect_only_problem(with("/name", ""), "/name", "must be a non-empty string");
  expect_only_problem(with("/description", 3), "/description", "must be a string");
  expect_only_problem(without("/horizon_months"), "/horizon_months", "is required");
  expect_only_problem(with("/horizon_months", 1201), "/horizon_months", "must be an integer in [1, 1200]");
  expect_only_problem(with("/horizon_months", 12.5), "/horizon_months", "must be an integer in [1, 1200]");
  CHECK(parse_scenario_json(with("/horizon_months", 120.0), "t").horizon_months == 120);
  expect_only_problem(with("/trials", 0), "/trials", "must be an integer in [1, 1000000000]");
  expect_only_problem(with("/trials", 1000000001), "/trials", "must be an integer in [1, 1000000000]");
  expect_only_problem(with("/seed", -1), "/seed", "must be an integer in [0, 18446744073709551615]");
  expect_only_problem(with("/seed", "7"), "/seed", "must be an integer in [0, 18446744073709551615]");
  CHECK(parse_scenario_json(with("/seed", 18446744073709551615ULL), "t").default_seed == 18446744073709551615ULL);
  expect_only_problem(without("/actors"), "/actors", "is required");
  expect_only_problem(without("/battlefield"), "/battlefield", "is required");
  expect_only_problem(with("/issues", Json::object()), "/issues", "must be an array");

  const auto unknown = expect_only_problem(with("/horizon", 12), "/horizon", "is not a known key");
  CHECK(unknown.hint == "did you mean 'horizon_months'?");
  CHECK(unknown.value == "12");
  const auto far = expect_only_problem(with("/colour", "red"), "/colour", "is not a known key");
  CHECK(far.hint.rfind("valid keys: name, description, horizon_months", 0) == 0);
}

TEST_CASE("pointers escape '~' and '/' as RFC 6901 says") {
  Json doc = full_scenario();
  doc["a/b~c"] = 1;
  expect_only_problem(doc, "/a~1b~0c", "is not a known key");
}

TEST_CASE("mechanisms") {
  CHECK_FALSE(parse_scenario_json(with("/mechanisms/aid", false), "t").mechanisms.aid);
  expect_only_problem(with("/mechanisms/aid", "no"), "/mechanisms/aid", "must be true or false");
  const auto typo = expect_only_problem(with("/mechanisms/belief", true), "/mechanisms/belief", "is not a known key");
  CHECK(typo.hint == "did you mean 'beliefs'?");
  expect_only_problem(with("/mechanisms", true), "/mechanisms", "must be an object");
}

TEST_CASE("limits on list lengths name the limit") {
  Json doc = full_scenario();
  doc["actors"] = Json::array();
  for (int i = 0; i < 65; ++i) doc["actors"].push_back(full_scenario()["actors"][2]);
  const auto actors = expect_problem(doc, "/actors", "must have at most 64 entries (it has 65");
  CHECK(actors.value.size() <= 80);

  doc = full_scenario();
  doc["issues"] = Json::array();
  for (int i = 0; i < 65; ++i) {
    std::string id = "issue";  // appended, not `"issue" + to_string`: GCC 12 warns falsely (-Wrestrict) there
    id += std::to_string(i);
    doc["issues"].push_back({{"id", id}, {"owners", {"UKR"}}});
  }
  expect_problem(doc, "/issues", "must have at most 64 entries");

  doc = full_scenario();
  for (int i = 0; i < 1001; ++i) doc["events"].push_back(doc["events"][1]);
  expect_only_problem(doc, "/events", "must have at most 1000 entries");

  doc = full_scenario();
  for (int i = 0; i < 1001; ++i) doc["aid"].push_back(doc["aid"][0]);
  expect_problem(doc, "/aid", "must have at most 1000 entries");
}

TEST_CASE("issues") {
  const auto owner =
      expect_only_problem(with("/issues/0/owners/1", "RUSS"), "/issues/0/owners/1", "must be the id of an actor");
  CHECK(owner.hint == "did you mean 'RUS'?");
  const auto list =
      expect_only_problem(with("/issues/0/owners/1", "China"), "/issues/0/owners/1", "must be the id of an actor");
  CHECK(list.hint == "valid ids: UKR, RUS, USA, EU");
  expect_only_problem(with("/issues/0/owners", Json::array()), "/issues/0/owners", "must name at least one owner");
  expect_only_problem(with("/issues/0/owners/1", "UKR"), "/issues/0/owners/1", "must not repeat an owner");
  expect_only_problem(without("/issues/0/owners"), "/issues/0/owners", "is required");
  expect_only_problem(with("/issues/1/status_quo", 1.5), "/issues/1/status_quo", "must lie in [0, 1]");
  expect_only_problem(with("/issues/1/weight", 1), "/issues/1/weight", "is not a known key");
  expect_problem(with("/issues/1/id", "territory"), "/issues/1/id", "must be unique: /issues/0 has the same id");
  expect_problem(with("/issues/1/id", "sanctions relief"), "/issues/1/id",
                 "must be an id: a non-empty string of letters, digits and underscores");
  expect_only_problem(with("/issues/1", 5), "/issues/1", "must be an object");
}

TEST_CASE("actors") {
  expect_problem(with("/actors/2/id", "UKR"), "/actors/2/id", "must be unique: /actors/0 has the same id");
  expect_problem(with("/actors/2/id", "U-S"), "/actors/2/id", "must be an id");
  expect_problem(with("/actors/2/id", ""), "/actors/2/id", "must be an id");
  expect_only_problem(with("/actors", Json::array()), "/actors", "must list at least one actor");
  const auto role = expect_only_problem(with("/actors/2/role", "thirdparty"), "/actors/2/role",
                                        "must be one of \"belligerent\", \"third_party\"");
  CHECK(role.hint == "did you mean 'third_party'?");
  expect_only_problem(without("/actors/0/forces"), "/actors/0/forces", "is required: a belligerent needs");
  expect_only_problem(without("/actors/1/belief"), "/actors/1/belief", "is required: a belligerent needs");
  expect_only_problem(with("/actors/2/forces", {{"initial_strength", 10}}), "/actors/2/forces",
                      "must be absent for a third party: only belligerents have forces");
  expect_only_problem(with("/actors/3/belief", Json::object()), "/actors/3/belief", "must be absent for a third party");
  expect_only_problem(without("/actors/0/preferences"), "/actors/0/preferences", "is required");
  expect_only_problem(without("/actors/0/preferences/discount_per_month"), "/actors/0/preferences/discount_per_month",
                      "is required: monthly discount factor");
  const auto field =
      expect_only_problem(with("/actors/0/support/fatigue", 0.1), "/actors/0/support/fatigue", "is not a known key");
  CHECK(field.hint == "did you mean 'fatigue_per_month'?");
  expect_only_problem(with("/actors/0/nickname", "x"), "/actors/0/nickname", "is not a known key");
  expect_only_problem(with("/actors/0/support", 0.8), "/actors/0/support", "must be an object");
}

TEST_CASE("positions") {
  const auto issue = expect_only_problem(with("/actors/0/positions/teritory", {{"ideal", 1}, {"salience", 1}}),
                                         "/actors/0/positions/teritory", "must be the id of an issue");
  CHECK(issue.hint == "did you mean 'territory'?");
  expect_only_problem(without("/actors/0/positions/territory/salience"), "/actors/0/positions/territory/salience",
                      "is required");
  expect_only_problem(with("/actors/0/positions/territory/ideal", -0.1), "/actors/0/positions/territory/ideal",
                      "must lie in [0, 1]");
  expect_only_problem(with("/actors/0/positions/territory/weight", 1), "/actors/0/positions/territory/weight",
                      "is not a known key");
  expect_only_problem(with("/actors/0/positions", Json::array()), "/actors/0/positions", "must be an object");
  Json no_issues = full_scenario();
  no_issues.erase("issues");
  const auto none = expect_problem(no_issues, "/actors/0/positions/territory", "must be the id of an issue");
  CHECK(none.hint == "none is defined");
}

TEST_CASE("battlefield") {
  const auto third =
      expect_only_problem(with("/battlefield/holder", "USA"), "/battlefield/holder", "must be a belligerent");
  CHECK(third.rule == "must be a belligerent: 'USA' is a third party");
  expect_only_problem(with("/battlefield/opponent", "UKR"), "/battlefield/opponent", "must differ from the holder");
  const auto typo =
      expect_only_problem(with("/battlefield/opponent", "RUs"), "/battlefield/opponent", "must be the id of an actor");
  CHECK(typo.hint == "did you mean 'RUS'?");
  expect_only_problem(without("/battlefield/holder"), "/battlefield/holder", "is required");
  expect_only_problem(with("/battlefield/process", "brownian"), "/battlefield/process",
                      "must be one of \"diffusion\", \"random_walk\"");
  expect_only_problem(with("/battlefield/walk_step_share", 0.1), "/battlefield/walk_step_share",
                      "applies only to \"process\": \"random_walk\"");
  Json walk = with("/battlefield/process", "random_walk");
  walk["battlefield"]["walk_step_share"] = 0.1;
  CHECK(parse_scenario_json(walk, "t").battlefield.process == FrontProcess::kRandomWalk);
  walk["battlefield"]["walk_step_share"] = 0.6;
  expect_only_problem(walk, "/battlefield/walk_step_share", "must lie in (0, 0.5]");
  expect_only_problem(with("/battlefield/initial_front_share", 1.0), "/battlefield/initial_front_share",
                      "must lie in (0, 1)");
  expect_only_problem(with("/battlefield/volatility", 0.1), "/battlefield/volatility", "is not a known key");
}

TEST_CASE("aid") {
  expect_only_problem(with("/aid/0/patron", "UK"), "/aid/0/patron", "must be the id of an actor");
  // USA then gives no aid, so its election has nothing to switch: reported too.
  const auto self = problems_of(with("/aid/0/patron", "UKR"));
  CHECK(find_problem(self, "/aid/0/recipient", "must differ from the patron"));
  CHECK(find_problem(self, "/events/0/actor", "must be the patron of an aid flow"));
  expect_only_problem(with("/aid/0/recipient", "EU"), "/aid/0/recipient",
                      "must be a belligerent: 'EU' is a third party");
  expect_only_problem(without("/aid/0/amount_per_month"), "/aid/0/amount_per_month", "is required");
  expect_only_problem(with("/aid/1/patron", "USA"), "/aid/1",
                      "must not repeat the flow USA->UKR already given at /aid/0");
  CHECK(parse_scenario_json(without("/aid/0/policy"), "t").aid[0].policy.kind == AidPolicyKind::kAsLongAsItTakes);

  const auto kind =
      expect_only_problem(with("/aid/0/policy/kind", "as_long_as_it_take"), "/aid/0/policy/kind", "must be one of");
  CHECK(kind.hint == "did you mean 'as_long_as_it_takes'?");
  expect_only_problem(without("/aid/0/policy/kind"), "/aid/0/policy/kind", "is required");
  expect_only_problem(with("/aid/0/policy/end_month", 12), "/aid/0/policy/end_month",
                      "applies only to policy kind \"until\"");
  expect_only_problem(with("/aid/1/policy/end_month", 121), "/aid/1/policy/end_month",
                      "must be an integer in [1, 120]");
  expect_only_problem(with("/aid/1/policy/end_month", 0), "/aid/1/policy/end_month", "must be an integer in [1, 120]");
  expect_only_problem(with("/aid/1/policy/stalemate_window_months", 0), "/aid/1/policy/stalemate_window_months",
                      "must be an integer in [1, 1200]");
  expect_only_problem(with("/aid/1/policy/stalemate_band_share", 2), "/aid/1/policy/stalemate_band_share",
                      "must lie in [0, 1]");
  expect_only_problem(with("/aid/1/policy/stop_on_stalemate", 1), "/aid/1/policy/stop_on_stalemate",
                      "must be true or false");
  Json until = with("/aid/1/policy", {{"kind", "until"}, {"stop_on_stalemate", false}});
  expect_only_problem(until, "/aid/1/policy", "kind \"until\" needs \"end_month\" or \"stop_on_stalemate\": true");
  CHECK(parse_scenario_json(with("/aid/1/policy", {{"kind", "until"}, {"stop_on_stalemate", true}}), "t")
            .aid[1]
            .policy.end_month == -1);
  expect_only_problem(with("/aid/1/policy/until", 3), "/aid/1/policy/until", "is not a known key");
}

TEST_CASE("sanctions") {
  expect_only_problem(with("/sanctions/target", "USA"), "/sanctions/target",
                      "must be a belligerent: 'USA' is a third party");
  const auto holder =
      expect_only_problem(with("/sanctions/holders/1", "EUU"), "/sanctions/holders/1", "must be the id of an actor");
  CHECK(holder.hint == "did you mean 'EU'?");
  expect_only_problem(with("/sanctions/holders/1", "RUS"), "/sanctions/holders/1", "must not include the target");
  expect_only_problem(with("/sanctions/holders/1", "USA"), "/sanctions/holders/1", "must not repeat a");
  expect_only_problem(with("/sanctions/holders", Json::array()), "/sanctions/holders", "must name at least one actor");
  expect_only_problem(without("/sanctions/initial_level_share"), "/sanctions/initial_level_share", "is required");
  expect_only_problem(with("/sanctions/economy_recovery_per_month", 1.5), "/sanctions/economy_recovery_per_month",
                      "must lie in [0, 1]");
  expect_only_problem(with("/sanctions/level", 1), "/sanctions/level", "is not a known key");
}

TEST_CASE("events") {
  expect_problem(with("/events/1/id", "us_election"), "/events/1/id", "must be unique: /events/0 has the same id");
  expect_only_problem(with("/events/1/id", "us election"), "/events/1/id", "must be an id");
  const auto kind = expect_only_problem(with("/events/1/kind", "suport_shock"), "/events/1/kind",
                                        "must be one of \"election\", \"support_shock\"");
  CHECK(kind.hint == "did you mean 'support_shock'?");
  expect_only_problem(with("/events/1/actor", "UAS"), "/events/1/actor", "must be the id of an actor");
  expect_only_problem(without("/events/0/month"), "/events/0/month", "is required");
  expect_only_problem(with("/events/0/month", 121), "/events/0/month", "must be an integer in [1, 120]");
  expect_only_problem(with("/events/1/month", 0), "/events/1/month", "must be an integer in [1, 120]");
  expect_only_problem(without("/events/0/new_aid_policy"), "/events/0/new_aid_policy", "is required");
  expect_only_problem(with("/events/0/new_aid_policy/kind", "until"), "/events/0/new_aid_policy",
                      "kind \"until\" needs \"end_month\"");
  expect_only_problem(with("/events/0/actor", "RUS"), "/events/0/actor", "must be the patron of an aid flow");
  expect_only_problem(with("/events/0/delta_share", 0.1), "/events/0/delta_share",
                      "applies only to kind \"support_shock\"");
  expect_only_problem(with("/events/1/new_aid_policy", {{"kind", "none"}}), "/events/1/new_aid_policy",
                      "applies only to kind \"election\"");
  expect_only_problem(with("/events/1/delta_share", -1.5), "/events/1/delta_share", "must lie in [-1, 1]");
  expect_only_problem(with("/events/0/probability", 1.5), "/events/0/probability", "must lie in [0, 1]");
  expect_only_problem(with("/events/0/when", 3), "/events/0/when", "is not a known key");
}
