// The scenario loader end to end: a valid file loads with the right values, invalid JSON is
// one clear problem, every problem is reported at once, and draw keys and the content hash
// depend on what a file says, not on how it is ordered or spaced.
#include <doctest/doctest.h>

#include <fstream>
#include <map>

#include "parley/core/files.h"
#include "parley/core/random.h"
#include "scenario_test_support.h"

using namespace parley;
using namespace parley::testing;

TEST_CASE("the minimal validation scenario loads with its values and the defaults") {
  const std::string path = source_path("scenarios/validation/minimal.json");
  const Scenario s = load_scenario_file(path);
  CHECK(s.name == "minimal");
  CHECK(s.source_path == path);
  CHECK(s.horizon_months == 24);
  CHECK(s.default_trials == 10000);
  CHECK(s.default_seed == 1);
  CHECK(s.mechanisms.strength);
  CHECK(s.mechanisms.events);
  REQUIRE(s.actors.size() == 2);
  CHECK(s.actors[0].id == "UKR");
  CHECK(s.actors[1].name == "Russia");
  CHECK(s.actors[0].role == Role::kBelligerent);
  CHECK(s.actors[0].preferences.discount_per_month.p1 == doctest::Approx(0.99));
  CHECK(s.actors[0].preferences.cost_weight.p1 == 1.0);  // default
  CHECK(s.actors[1].support.initial_share.p1 == doctest::Approx(0.7));
  CHECK(s.actors[1].support.fatigue_per_month.p1 == 0.0);  // default
  REQUIRE(s.actors[1].forces.has_value());
  CHECK(s.actors[1].forces->initial_strength.p1 == 150.0);
  REQUIRE(s.actors[0].belief.has_value());
  CHECK(s.actors[0].belief->prior_sd_drift_per_month.p1 == doctest::Approx(0.01));
  CHECK(s.issues.empty());
  CHECK(s.actors[0].positions.empty());
  CHECK(s.battlefield.holder == 0);
  CHECK(s.battlefield.opponent == 1);
  CHECK(s.battlefield.process == FrontProcess::kDiffusion);
  CHECK(s.battlefield.params.initial_front_share.p1 == doctest::Approx(0.8));
  CHECK(s.battlefield.params.walk_step_share.p1 == doctest::Approx(0.05));  // default
  CHECK(s.aid.empty());
  CHECK_FALSE(s.sanctions.has_value());
  CHECK(s.events.empty());
  CHECK(s.content_hash != 0);
}

TEST_CASE("the full scenario fills every section") {
  const Scenario s = parse_scenario_json(full_scenario(), "full");
  CHECK(s.source_path.empty());
  CHECK(s.default_trials == 20000);
  CHECK(s.default_seed == 20240601);
  CHECK_FALSE(s.mechanisms.events);
  CHECK(s.mechanisms.aid);

  REQUIRE(s.issues.size() == 2);
  CHECK(s.issues[0].name == "Territory returned to Ukraine");
  CHECK(s.issues[1].name == "sanctions_relief");  // defaults to the id
  CHECK(s.issues[0].owners == std::vector<int>{0, 1});
  CHECK(s.issues[1].owners == std::vector<int>{2, 3});
  CHECK(s.issues[1].status_quo == 0.25);

  REQUIRE(s.actors.size() == 4);
  const ActorSpec& ukr = s.actors[0];
  CHECK(ukr.support.initial_share.p1 == doctest::Approx(0.84));
  CHECK(ukr.support.initial_share.provenance.article == "004_9e880688ebb75433.txt");
  CHECK(ukr.support.initial_share.provenance.quote == "Some 84 percent of Ukrainians");
  REQUIRE(ukr.positions.size() == 2);
  CHECK(ukr.positions[0].ideal.p1 == 1.0);
  CHECK(ukr.positions[0].salience.p1 == doctest::Approx(0.6));
  // Not mentioned: at the status quo, with no weight.
  CHECK(ukr.positions[1].ideal.p1 == 0.25);
  CHECK(ukr.positions[1].salience.p1 == 0.0);

  const ActorSpec& rus = s.actors[1];
  CHECK(rus.preferences.discount_per_month.kind() == Uncertain::Kind::kBeta);
  CHECK(rus.preferences.discount_per_month.p3 == 0.5);
  CHECK(rus.preferences.discount_per_month.p4 == 1.0);  // beta max defaults to 1
  CHECK(rus.support.initial_share.kind() == Uncertain::Kind::kTriangular);
  CHECK(rus.forces->initial_strength.kind() == Uncertain::Kind::kLognormal);
  CHECK(rus.forces->initial_strength.provenance.reference == "IISS 2024");
  CHECK(rus.belief->prior_mean_drift_per_month.kind() == Uncertain::Kind::kNormal);
  CHECK(rus.positions[1].ideal.p1 == 1.0);

  const ActorSpec& usa = s.actors[2];
  CHECK(usa.role == Role::kThirdParty);
  CHECK_FALSE(usa.forces.has_value());
  CHECK_FALSE(usa.belief.has_value());
  CHECK(usa.support.initial_share.kind() == Uncertain::Kind::kUniform);
  CHECK(usa.support.initial_share.provenance.assumption == "polls split evenly");
  CHECK(s.actors[3].support.initial_share.support_lower() == 0.0);
  CHECK(s.actors[3].support.initial_share.support_upper() == 1.0);

  REQUIRE(s.aid.size() == 2);
  CHECK(s.aid[0].patron == 2);
  CHECK(s.aid[0].recipient == 0);
  CHECK(s.aid[0].policy.kind == AidPolicyKind::kAsLongAsItTakes);
  CHECK(s.aid[0].flow.support_floor_share.p1 == doctest::Approx(0.3));
  CHECK(s.aid[1].policy.kind == AidPolicyKind::kUntil);
  CHECK(s.aid[1].policy.end_month == 36);
  CHECK(s.aid[1].policy.stop_on_stalemate);
  CHECK(s.aid[1].policy.stalemate_window_months == 4);
  CHECK(s.aid[1].policy.stalemate_band_share == doctest::Approx(0.02));  // default
  CHECK(s.aid[1].flow.support_floor_share.p1 == 0.0);                    // default

  REQUIRE(s.sanctions.has_value());
  CHECK(s.sanctions->holders == std::vector<int>{2, 3});
  CHECK(s.sanctions->target == 1);
  CHECK(s.sanctions->params.initial_level_share.p1 == doctest::Approx(0.6));
  CHECK(s.sanctions->params.crisis_base_hazard_per_month.p1 == 0.0);

  REQUIRE(s.events.size() == 3);
  CHECK(s.events[0].kind == EventKind::kElection);
  CHECK(s.events[0].actor == 2);
  CHECK(s.events[0].month == 11);
  REQUIRE(s.events[0].new_aid_policy.has_value());
  CHECK(s.events[0].new_aid_policy->kind == AidPolicyKind::kNone);
  CHECK(s.events[0].params.probability.p1 == 0.5);
  CHECK(s.events[1].kind == EventKind::kSupportShock);
  CHECK(s.events[1].params.probability.p1 == 1.0);  // default
  CHECK(s.events[1].params.delta_share.p1 == doctest::Approx(0.12));
  CHECK(s.events[2].month == -1);  // any month
  CHECK(s.events[2].params.probability.p1 == doctest::Approx(0.01));
}

TEST_CASE("draw keys are the hashes of logical paths that name ids, not positions") {
  const Scenario s = parse_scenario_json(full_scenario(), "full");
  CHECK(s.actors[0].support.initial_share.key() == fnv1a64("/actors/UKR/support/initial_share"));
  CHECK(s.actors[1].positions[0].ideal.key() == fnv1a64("/actors/RUS/positions/territory/ideal"));
  CHECK(s.actors[0].positions[1].salience.key() == fnv1a64("/actors/UKR/positions/sanctions_relief/salience"));
  CHECK(s.battlefield.params.volatility_per_sqrt_month.key() == fnv1a64("/battlefield/volatility_per_sqrt_month"));
  CHECK(s.aid[0].flow.amount_per_month.key() == fnv1a64("/aid/USA->UKR/amount_per_month"));
  CHECK(s.aid[1].flow.effectiveness.key() == fnv1a64("/aid/EU->UKR/effectiveness"));
  CHECK(s.sanctions->params.economy_drag_per_month.key() == fnv1a64("/sanctions/economy_drag_per_month"));
  CHECK(s.events[0].params.probability.key() == fnv1a64("/events/us_election/probability"));
  CHECK(s.actors[2].preferences.cost_weight.key() == fnv1a64("/actors/USA/preferences/cost_weight"));  // a default
}

namespace {
// Every key of every parameter, by logical owner, so two loads can be compared whatever the order.
std::map<std::string, std::uint64_t> keys_by_owner(const Scenario& s) {
  std::map<std::string, std::uint64_t> keys;
  const auto add = [&](const std::string& owner, auto& group) {
    std::decay_t<decltype(group)>::for_each_field(
        [&](const FieldInfo& info, auto get) { keys[owner + "/" + info.key] = get(group).key(); });
  };
  for (const auto& actor : s.actors) {
    add(actor.id + "/preferences", actor.preferences);
    add(actor.id + "/support", actor.support);
    if (actor.forces) add(actor.id + "/forces", *actor.forces);
    if (actor.belief) add(actor.id + "/belief", *actor.belief);
    for (std::size_t k = 0; k < actor.positions.size(); ++k) add(actor.id + "/" + s.issues[k].id, actor.positions[k]);
  }
  for (const auto& aid : s.aid) add(s.actors[aid.patron].id + "->" + s.actors[aid.recipient].id, aid.flow);
  for (const auto& event : s.events) add(event.id, event.params);
  return keys;
}
}  // namespace

TEST_CASE("draw keys do not change when actors, issues, aid flows and events are reordered") {
  Json reordered = full_scenario();
  for (const char* list : {"actors", "issues", "aid", "events"}) {
    Json& array = reordered[list];
    std::reverse(array.begin(), array.end());
  }
  const Scenario original = parse_scenario_json(full_scenario(), "original");
  const Scenario shuffled = parse_scenario_json(reordered, "reordered");
  CHECK(shuffled.actors[0].id == "EU");
  const auto expected = keys_by_owner(original);
  CHECK(expected.size() >= 60);
  CHECK(keys_by_owner(shuffled) == expected);
}

TEST_CASE("the content hash ignores key order and spacing but not values") {
  const std::string compact = full_scenario().dump();
  const std::string pretty = full_scenario().dump(4);
  // minimal.json with its first keys moved to the front, the line breaks kept.
  std::string moved = read_text_file(source_path("scenarios/validation/minimal.json"));
  for (const std::string key : {"\"name\": \"minimal\",", "\"horizon_months\": 24,"}) {
    REQUIRE(moved.find(key) != std::string::npos);
    moved.erase(moved.find(key), key.size());
  }
  const std::string reordered = R"({"horizon_months": 24, "name": "minimal",)" + moved.substr(1);
  const auto hash_of = [](const std::string& text) { return parse_scenario_text(text, "text").content_hash; };
  CHECK(hash_of(compact) == hash_of(pretty));
  CHECK(hash_of(compact) == hash_of(kFullScenario));
  CHECK(hash_of(compact) == fnv1a64(full_scenario().dump()));
  CHECK(hash_of(reordered) == load_scenario_file(source_path("scenarios/validation/minimal.json")).content_hash);
  CHECK(hash_of(with("/horizon_months", 121).dump()) != hash_of(compact));
}

TEST_CASE("invalid JSON is one problem at the document with the byte position and the reason") {
  SUBCASE("a syntax error") {
    const auto issues = problems_of_text(R"({"name": "x", "horizon_months": 12,, "actors": []})");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer.empty());
    CHECK(issues[0].rule.rfind("must be valid JSON: at byte 36 (line 1, column 36): syntax error", 0) == 0);
  }
  SUBCASE("a truncated file") {
    const auto issues = problems_of_text(std::string(kFullScenario).substr(0, 200));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer.empty());
    CHECK(issues[0].rule.find("must be valid JSON: at byte") == 0);
    CHECK(issues[0].rule.find("unexpected end of input") != std::string::npos);
  }
  SUBCASE("bytes that are not UTF-8, quoted safely") {
    const auto issues = problems_of_text("{\"name\": \"caf\xE9\", \"horizon_months\": 12}");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].rule.find("must be valid JSON: at byte") == 0);
    CHECK(issues[0].rule.find("UTF-8") != std::string::npos);
    CHECK(issues[0].rule.find('\xE9') == std::string::npos);
    CHECK(issues[0].rule.find("<0xE9>") != std::string::npos);
  }
  SUBCASE("an empty or blank file") {
    for (const char* text : {"", "  \n\t "}) {
      const auto issues = problems_of_text(text);
      REQUIRE(issues.size() == 1);
      CHECK(issues[0].pointer.empty());
      CHECK(issues[0].rule == "must not be empty: the document holds no JSON value");
    }
  }
  SUBCASE("a document that is not an object") {
    const auto issues = problems_of_text("[1, 2]");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer.empty());
    CHECK(issues[0].rule == "must be an object");
    CHECK(issues[0].value == "[1,2]");
  }
}

TEST_CASE("nesting deeper than 64 levels is refused before anything recurses") {
  const auto nested = [](int levels) {
    return R"({"name": "deep", "horizon_months": 12, "description": )" +
           std::string(static_cast<std::size_t>(levels - 1), '[') +
           std::string(static_cast<std::size_t>(levels - 1), ']') + "}";
  };
  const auto too_deep = problems_of_text(nested(65));
  REQUIRE(too_deep.size() == 1);
  CHECK(too_deep[0].pointer.empty());
  CHECK(too_deep[0].rule.find("must not nest objects and arrays deeper than 64 levels") == 0);
  CHECK(too_deep[0].rule.find("kMaxJsonDepth") != std::string::npos);  // says how to raise the limit
  CHECK(too_deep[0].rule.find("(level 65 opens at byte") != std::string::npos);
  // 64 levels parse; the file then fails on its content, not on its depth.
  const auto deep_enough = problems_of_text(nested(64));
  CHECK(find_problem(deep_enough, "/description", "must be a string") != nullptr);
  CHECK(find_problem(deep_enough, "", "nest") == nullptr);
  // Brackets inside strings are text, not nesting.
  const auto in_string = problems_of_text(R"({"name": ")" + std::string(100, '[') + R"(\"", "horizon_months": 12})");
  CHECK(find_problem(in_string, "", "nest") == nullptr);
  // A hostile stream of brackets is refused without exhausting the stack.
  CHECK(problems_of_text(std::string(1'000'000, '[')).at(0).rule.find("deeper than 64") != std::string::npos);

  SUBCASE("a deep document built in memory is refused too") {
    Json doc = full_scenario();
    Json deep = Json::array();
    for (int i = 0; i < 70; ++i) deep = Json::array({deep});
    doc["description"] = deep;
    const auto issues = problems_of(doc);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].rule.find("must not nest objects and arrays deeper than 64 levels") == 0);
    CHECK(issues[0].rule.find("kMaxJsonDepth") != std::string::npos);
  }
}

TEST_CASE("every problem in a file is reported together") {
  Json doc = full_scenario();
  doc["horizon_months"] = 0;
  doc["actors"][0]["support"]["initial_share"] = 1.3;
  doc["battlefield"]["holder"] = "UKX";
  doc["aid"][0]["policy"]["kind"] = "forever";
  doc["events"][1]["delta_share"] = 2;
  doc["trails"] = 5;
  const auto issues = problems_of(doc);
  INFO(listing(issues));
  CHECK(issues.size() == 6);
  CHECK(find_problem(issues, "/horizon_months", "must be an integer in [1, 1200]"));
  CHECK(find_problem(issues, "/actors/0/support/initial_share", "must lie in [0, 1]"));
  CHECK(find_problem(issues, "/battlefield/holder", "must be the id of an actor"));
  CHECK(find_problem(issues, "/aid/0/policy/kind", "must be one of"));
  CHECK(find_problem(issues, "/events/1/delta_share", "must lie in [-1, 1]"));
  CHECK(find_problem(issues, "/trails", "is not a known key"));

  try {
    (void)parse_scenario_json(doc, "scenario.json");
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK(error.source() == "scenario.json");
    const std::string text = error.what();
    CHECK(text.rfind("scenario.json: 6 problems\n", 0) == 0);
    CHECK(text.find("At /actors/0/support/initial_share of 1.3 - must lie in [0, 1]") != std::string::npos);
    CHECK(text.find("At /trails of 5 - is not a known key (did you mean 'trials'?)") != std::string::npos);
  }
}

TEST_CASE("a file that cannot be read is an Error naming the path, not an InputError") {
  const std::string path = source_path("scenarios/validation/no_such_file.json");
  try {
    (void)load_scenario_file(path);
    FAIL("expected an Error");
  } catch (const InputError&) {
    FAIL("an unreadable file is not an input problem");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).find(path) != std::string::npos);
  }
}
