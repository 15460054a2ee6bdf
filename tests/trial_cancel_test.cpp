// Cancellation inside one trial: the cancel flag is read while a trial draws its parameters and
// before each of its months (sim/trial.h), and while a draft-robustness trial draws and scores
// (treaty/draft_robustness.h), so that Ctrl-C stops within milliseconds even where a single
// trial of the largest input the limits allow takes most of a second.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cancel_support.h"
#include "parley/core/files.h"
#include "parley/core/random.h"
#include "parley/scenario/draw.h"
#include "parley/scenario/load.h"
#include "parley/scenario/uncertain_input.h"
#include "parley/sim/run.h"
#include "parley/sim/trial.h"
#include "parley/treaty/draft_report.h"
#include "parley/treaty/draft_robustness.h"
#include "scenario_builders.h"

using namespace parley;
using Json = nlohmann::json;

namespace {

// The flagship grown to the actor and issue limits (64 each), every actor's ideal point and
// salience on every issue a beta of the largest shape the loader allows: over 8,000 of the
// slowest draws, tens of milliseconds of a trial spent drawing before its first month.
Scenario largest_draws_scenario() {
  Json s = Json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
  const Json usa =
      *std::find_if(s["actors"].begin(), s["actors"].end(), [](const Json& a) { return a["id"] == "USA"; });
  const Json model_issue = s["issues"].back();
  const std::string model_id = model_issue["id"];
  while (s["issues"].size() < 64) {
    Json issue = model_issue;
    const std::string id = "extra_issue_" + std::to_string(s["issues"].size());
    issue["id"] = id;
    s["issues"].push_back(issue);
    for (Json& actor : s["actors"])
      if (actor["positions"].contains(model_id)) actor["positions"][id] = actor["positions"][model_id];
  }
  while (s["actors"].size() < 64) {
    Json actor = usa;
    const std::string id = "extra_actor_" + std::to_string(s["actors"].size());
    actor["id"] = id;
    actor["name"] = id;
    s["bargaining"]["actors"][id] = s["bargaining"]["actors"]["USA"];
    s["actors"].push_back(actor);
  }
  const auto slowest = [](double lower, double upper) {
    return Json{{"dist", "beta"},
                {"alpha", scenario_input::kMaxBetaShape},
                {"beta", scenario_input::kMaxBetaShape},
                {"min", lower},
                {"max", upper},
                {"source", {{"assumption", "the slowest draw the loader allows"}}}};
  };
  for (Json& actor : s["actors"])
    for (auto& [issue, position] : actor["positions"].items()) {
      position["ideal"] = slowest(0.4, 0.6);
      position["salience"] = slowest(0.1, 0.3);
    }
  return parse_scenario_json(s, "largest_draws_scenario");
}

double seconds_to_draw(const Scenario& scenario, const std::atomic<bool>* cancel, TrialParameters& params,
                       bool& drawn) {
  const auto start = testing::Clock::now();
  drawn = draw_trial_parameters(scenario, 1, 0, params, cancel);
  return std::chrono::duration<double>(testing::Clock::now() - start).count();
}

// `work(cancel)` is one unit (a trial) that takes `whole` seconds uncancelled; cancelled a tenth
// of the way in, it must stop in under half of it, in one of three tries (a preempted canceller
// thread can make one try late, not all three). `stopped()` says the try reported a stop.
template <class Work, class Stopped>
void check_stops_within(double whole, Work work, Stopped stopped) {
  const auto after = std::chrono::milliseconds(static_cast<int>(100.0 * whole));
  double fastest = whole;
  for (int attempt = 0; attempt < 3 && fastest >= 0.5 * whole; ++attempt) {
    std::atomic<bool> cancel{false};
    const double took = testing::seconds_cancelled_after(cancel, after, [&] { work(&cancel); });
    CHECK(stopped());
    fastest = std::min(fastest, took);
  }
  CHECK(fastest < 0.5 * whole);
}

}  // namespace

TEST_CASE("a cancel found before a month stops the trial there, and an unset flag changes nothing") {
  // The front barely moves: the war runs to the 1200-month horizon.
  const Model model = compile(testing::battlefield_only(0.5, 0.0, 0.001, 1200));
  TrialScratch scratch;
  std::atomic<bool> cancel{false};
  int last_seen = -1;
  const bool finished = simulate_trial(
      model, TrialKey{3, 0}, scratch,
      [&](const TrialState& state) {
        last_seen = state.month;
        if (state.month == 5) cancel = true;
      },
      &cancel);
  CHECK_FALSE(finished);
  CHECK(last_seen == 5);
  CHECK(scratch.state.month == 5);

  cancel = false;
  REQUIRE(simulate_trial(model, TrialKey{3, 0}, scratch, &cancel));
  const TrialState uncancelled = scratch.state;
  simulate_trial(model, TrialKey{3, 0}, scratch);
  CHECK(uncancelled.month == 1200);
  CHECK(uncancelled.front_share == scratch.state.front_share);
  CHECK(uncancelled.outcome == scratch.state.outcome);
}

TEST_CASE("a cancel while one trial draws its parameters stops the draws") {
  const Scenario scenario = largest_draws_scenario();
  TrialParameters params;
  bool drawn = false;
  const double whole = seconds_to_draw(scenario, nullptr, params, drawn);
  REQUIRE(drawn);
  REQUIRE(whole > 0.01);  // the cancel a tenth of the way in lands inside the draws
  check_stops_within(
      whole, [&](const std::atomic<bool>* cancel) { seconds_to_draw(scenario, cancel, params, drawn); },
      [&] { return !drawn; });
  // The runners drop such a trial: one cancelled there keeps none of its batch.
  std::atomic<bool> cancel{true};
  RunOptions options;
  options.trials = 1;
  options.cancel = &cancel;
  const RunResult result = run_monte_carlo(compile(scenario), options);
  CHECK(result.interrupted);
  CHECK(result.summary.trials() == 0);
}

namespace {

// 64 parties and 64 articles, every article in every draft: the largest table a draft trial
// draws and the most a draft can sum.
treaty::TreatySpec largest_treaty(const Uncertain& score) {
  treaty::TreatySpec spec;
  spec.rule = treaty::AggregationRule::kAverage;
  for (int a = 0; a < 64; ++a) {
    spec.actors.push_back("party_" + std::to_string(a));
    spec.thresholds.push_back(5.0);
    spec.required.push_back(a);
  }
  for (int i = 0; i < 64; ++i) {
    treaty::Article article;
    article.id = "article_" + std::to_string(i);
    for (int a = 0; a < 64; ++a) {
      Uncertain keyed = score;
      keyed.set_key(fnv1a64(article.id + "/" + std::to_string(a)));
      article.scores.push_back(keyed);
    }
    article.salience.assign(64, 1.0);
    spec.articles.push_back(article);
  }
  return spec;
}

double seconds_for_draft_trial(const treaty::TreatySpec& spec, const std::vector<treaty::DraftMask>& drafts,
                               const std::atomic<bool>* cancel, std::vector<treaty::AcceptanceEstimate>& out) {
  treaty::DraftWatch watch;
  watch.cancel = cancel;
  const auto start = testing::Clock::now();
  out = treaty::acceptance_probabilities(spec, drafts, 1, 7, watch);
  return std::chrono::duration<double>(testing::Clock::now() - start).count();
}

void check_draft_trial_stops(const treaty::TreatySpec& spec, const std::vector<treaty::DraftMask>& drafts) {
  std::vector<treaty::AcceptanceEstimate> out;
  const double whole = seconds_for_draft_trial(spec, drafts, nullptr, out);
  REQUIRE(out.size() == drafts.size());
  REQUIRE(whole > 0.02);
  check_stops_within(
      whole, [&](const std::atomic<bool>* cancel) { seconds_for_draft_trial(spec, drafts, cancel, out); },
      [&] { return out.empty(); });  // no trial finished, so no estimate and no partial count
}

}  // namespace

TEST_CASE("a cancel while a draft trial draws its table stops inside that trial") {
  const Uncertain slowest = Uncertain::beta(scenario_input::kMaxBetaShape, scenario_input::kMaxBetaShape, 0.0, 10.0);
  check_draft_trial_stops(largest_treaty(slowest), {~treaty::DraftMask{0}});
}

TEST_CASE("a cancel while a draft trial scores the most drafts a report re-scores stops inside that trial") {
  check_draft_trial_stops(largest_treaty(Uncertain::fixed(6.0)),
                          std::vector<treaty::DraftMask>(treaty::kMaxDraftTop, ~treaty::DraftMask{0}));
}
