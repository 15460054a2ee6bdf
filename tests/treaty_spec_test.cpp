// The treaty block's parser: the shipped CSIS scenario reads back the data file, and every kind
// of mistake is reported with its JSON pointer, all at once.
#include <doctest/doctest.h>

#include <algorithm>

#include "parley/core/error.h"
#include "parley/core/random.h"
#include "parley/scenario/load.h"
#include "treaty_test_support.h"

using namespace parley;
using namespace parley::treaty;
using namespace parley::treaty::testing;
using nlohmann::json;

namespace {

json small_treaty() {
  return {{"articles",
           {{{"id", "a"}, {"title", "A"}, {"category", "x"}, {"scores", {{"U", 6}, {"R", 4}}}},
            {{"id", "b"}, {"scores", {{"U", 2}, {"R", 9}}}}}},
          {"exclusions", json::array()},
          {"thresholds", {{"U", 5}, {"R", 5}}}};
}

// Collects the problems parse_treaty_document reports.
std::vector<InputIssue> problems(const json& document) {
  return issues_of([&] { (void)parse_treaty_document(document, "test"); });
}

}  // namespace

TEST_CASE("the shipped CSIS scenario holds the data file's numbers") {
  const TreatyDocument document = csis_document();
  const json data = csis_data();
  const TreatySpec& spec = document.spec;
  REQUIRE(spec.actors == data["actors"].get<std::vector<std::string>>());
  REQUIRE(spec.articles.size() == data["articles"].size());
  CHECK(spec.rule == AggregationRule::kAverage);
  CHECK(spec.required.size() == 4);
  for (std::size_t i = 0; i < spec.articles.size(); ++i) {
    const json& raw = data["articles"][i];
    CHECK(spec.articles[i].id == std::to_string(raw["id"].get<int>()));
    CHECK(spec.articles[i].category == raw["category"].get<std::string>());
    for (std::size_t a = 0; a < spec.actors.size(); ++a) {
      CHECK(spec.articles[i].scores[a].is_fixed());
      CHECK(spec.articles[i].scores[a].mean() == raw["satisfaction"][spec.actors[a]].get<double>());
      CHECK((*spec.articles[i].negotiability)[a] == raw["negotiability"][spec.actors[a]].get<double>());
    }
  }
  for (std::size_t a = 0; a < spec.actors.size(); ++a)
    CHECK(spec.thresholds[a] == data["min_acceptable_satisfaction"][spec.actors[a]].get<double>());
  CHECK(spec.exclusions.size() == data["mutually_exclusive"].size());
  CHECK(spec.presets.size() == 3);
  CHECK_FALSE(spec.has_uncertainty());
  CHECK(document.content_hash != 0);
  CHECK(document.description.find("CSIS Futures Lab") != std::string::npos);
}

TEST_CASE("a valid small document parses, with distributions keyed by article id") {
  json treaty = small_treaty();
  treaty["articles"][0]["scores"]["U"] = {{"dist", "uniform"}, {"min", 3}, {"max", 9}};
  treaty["presets"] = {{{"name", "both"}, {"articles", {"a", "b"}}}};
  treaty["required"] = {"R"};
  const TreatyDocument document = parse_treaty_document(treaty_document({"U", "R"}, treaty), "test");
  CHECK(document.spec.has_uncertainty());
  CHECK(document.spec.required == std::vector<int>{1});
  CHECK(document.spec.articles[0].scores[0].key() == fnv1a64("treaty/articles/a/scores/U"));
  CHECK(document.spec.presets[0].articles == std::vector<int>{0, 1});
}

TEST_CASE("every problem is reported with its pointer") {
  json treaty = small_treaty();
  treaty["thresold"] = 1;                      // unknown key, near "thresholds"
  treaty["articles"][0]["scores"]["Ukr"] = 5;  // unknown actor
  treaty["articles"][1]["scores"]["R"] = 11;   // score out of range
  treaty["articles"][1]["title"] = 3;          // wrong type
  treaty["exclusions"] = json::array({json::array({"a", "zz"}), json::array({"a", "a"})});  // missing, same twice
  treaty["thresholds"]["U"] = -1;                                                           // threshold out of range
  treaty["presets"] = {{{"name", "p"}, {"articles", {"b", "c"}}}};                          // "c" is not an article
  treaty["required"] = {"X"};
  json document = treaty_document({"U", "R"}, treaty);
  document["extra"] = true;
  const auto issues = problems(document);
  CHECK(has_issue(issues, "/treaty/thresold", "is not a known key", "did you mean 'thresholds'?"));
  CHECK(has_issue(issues, "/treaty/articles/0/scores/Ukr", "is not an actor"));
  treaty["articles"][0]["scores"].erase("U");
  CHECK(has_issue(problems(treaty_document({"U", "R"}, treaty)), "/treaty/articles/0/scores",
                  "needs a value for actor 'U'"));
  CHECK(has_issue(issues, "/treaty/articles/1/scores/R", "must lie in [0, 10]"));
  CHECK(has_issue(issues, "/treaty/articles/1/title", "must be a string"));
  CHECK(has_issue(issues, "/treaty/exclusions/0/1", "is not an article"));
  CHECK(has_issue(issues, "/treaty/exclusions/1", "names the same article twice"));
  CHECK(has_issue(issues, "/treaty/thresholds/U", "must lie in [0, 10]"));
  CHECK(has_issue(issues, "/treaty/presets/0/articles/1", "is not an article"));
  CHECK(has_issue(issues, "/treaty/required/0", "is not an actor"));
  CHECK(has_issue(issues, "/extra", "is not a known key"));
  CHECK(issues.size() == 10);  // each mistake once, none hidden by another
}

TEST_CASE("distributions must stay on the 0-10 scale and be well formed") {
  json treaty = small_treaty();
  treaty["articles"][0]["scores"]["U"] = {{"dist", "normal"}, {"mean", 5}, {"sd", 1}};  // unbounded
  treaty["articles"][0]["scores"]["R"] = {{"dist", "uniform"}, {"min", 2}, {"max", 12}};
  treaty["articles"][1]["scores"]["U"] = {{"dist", "normall"}, {"mean", 5}};
  treaty["articles"][1]["scores"]["R"] = {{"dist", "triangular"}, {"min", 2}, {"mode", 1}, {"max", 4}};
  const auto issues = problems(treaty_document({"U", "R"}, treaty));
  // The scenario's own distribution reader (scenario/uncertain_input.h) reads them: its rules name
  // the support and the scale.
  CHECK(has_issue(issues, "/treaty/articles/0/scores/U",
                  "support (-inf, inf) must lie within [0, 10] (truncate the normal with \"min\" and \"max\")"));
  CHECK(has_issue(issues, "/treaty/articles/0/scores/R", "support [2, 12] must lie within [0, 10]"));
  CHECK(has_issue(issues, "/treaty/articles/1/scores/U/dist", "must be one of", "did you mean 'normal'?"));
  CHECK(has_issue(issues, "/treaty/articles/1/scores/R/mode", "must lie in [min, max] = [2, 4]"));
}

TEST_CASE("rule-specific keys: thresholds for average, reservation for additive") {
  json treaty = small_treaty();
  treaty["rule"] = "additive";
  treaty["articles"][0]["salience"] = {{"U", 2.0}};
  auto issues = problems(treaty_document({"U", "R"}, treaty));
  CHECK(has_issue(issues, "/treaty/thresholds", "only by the \"average\" rule"));
  CHECK(has_issue(issues, "/treaty", "needs \"reservation\""));
  treaty.erase("thresholds");
  treaty["reservation"] = {{"U", 3}, {"R", {{"dist", "normal"}, {"mean", 4}, {"sd", 1}}}};
  const TreatyDocument document = parse_treaty_document(treaty_document({"U", "R"}, treaty), "test");
  CHECK(document.spec.articles[0].salience[0] == 2.0);
  CHECK(document.spec.articles[0].salience[1] == 1.0);
  CHECK(document.spec.reservation[1].key() == fnv1a64("treaty/reservation/R"));
  treaty["rule"] = "additiv";
  issues = problems(treaty_document({"U", "R"}, treaty));
  CHECK(has_issue(issues, "/treaty/rule", "must be", "did you mean 'additive'?"));
}

TEST_CASE("beyond the exact-search limit the heuristic must be asked for") {
  json treaty = small_treaty();
  treaty["articles"] = json::array();
  for (int i = 0; i < 31; ++i) treaty["articles"].push_back({{"id", i}, {"scores", {{"U", 5}, {"R", 5}}}});
  auto issues = problems(treaty_document({"U", "R"}, treaty));
  CHECK(has_issue(issues, "/treaty/articles", "exact search handles at most 30", "heuristic"));
  treaty["search"] = "heuristic";
  CHECK(problems(treaty_document({"U", "R"}, treaty)).empty());
}

TEST_CASE("the scenario schema spells the war-values reservation as the treaty reader does") {
  // scenario/ may not include treaty/, so the schema writes the word itself.
  const json reservation = scenario_json_schema()["properties"]["treaty"]["properties"]["reservation"];
  CHECK(reservation["oneOf"][1]["const"] == kWarValuesReservation);
}

TEST_CASE("a document that is not JSON is an input error at the root") {
  CHECK_THROWS_AS((void)load_treaty_document(std::string(PARLEY_SOURCE_DIR) + "/CMakeLists.txt"), InputError);
}
