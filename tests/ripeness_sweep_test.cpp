// Ripeness without a knife-edge (docs/model.md section 10, issue 15 item 3): pain is the month's
// cost against the side's stakes with a threshold each trial draws, so no single value of a
// belligerent's cost weight flips every trial into (or out of) talks.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/core/files.h"
#include "parley/model/outcome.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "parley/sim/trial_records.h"

using namespace parley;

namespace {

// Monte Carlo standard error of a share at 4,000 trials is at most 0.008, small against 0.2;
// common random numbers (one seed) make neighbouring points' errors largely cancel.
constexpr std::int64_t kTrials = 4000;
constexpr int kPoints = 11;

nlohmann::json flagship_json() {
  return nlohmann::json::parse(read_text_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json"));
}

nlohmann::json& actor_named(nlohmann::json& doc, const std::string& id) {
  for (auto& actor : doc["actors"])
    if (actor["id"] == id) return actor;
  FAIL("no actor " << id);
  return doc;
}

// The mean of the flagship's cost weight for `id`: its value, or the middle of its uniform.
double central_cost_weight(const nlohmann::json& weight) {
  if (weight.contains("value")) return weight["value"].get<double>();
  REQUIRE(weight["dist"] == "uniform");
  return 0.5 * (weight["min"].get<double>() + weight["max"].get<double>());
}

double settlement_share(const nlohmann::json& doc) {
  RunOptions options;
  options.trials = kTrials;
  options.seed = 7;
  options.threads = 2;
  const TrialRecords records = record_trials(parse_scenario_json(doc, "ripeness sweep"), options);
  std::int64_t settled = 0;
  for (const std::uint8_t outcome : records.outcome)
    settled += outcome == static_cast<std::uint8_t>(Outcome::kSettlement);
  return static_cast<double>(settled) / static_cast<double>(kTrials);
}

// Settlement shares with `id`'s cost weight fixed at 11 values spaced evenly in the logarithm
// from half to twice the flagship's mean (fixed, so the weight's own spread smooths nothing).
std::vector<double> sweep_cost_weight(const std::string& id) {
  const nlohmann::json base = flagship_json();
  nlohmann::json probe = base;
  const double centre = central_cost_weight(actor_named(probe, id)["preferences"]["cost_weight"]);
  std::vector<double> shares;
  for (int k = 0; k < kPoints; ++k) {
    nlohmann::json doc = base;
    const double scale = std::pow(2.0, -1.0 + 2.0 * k / (kPoints - 1));
    actor_named(doc, id)["preferences"]["cost_weight"] = {{"value", centre * scale}};
    shares.push_back(settlement_share(doc));
  }
  return shares;
}

void check_no_knife_edge(const std::string& id) {
  const std::vector<double> shares = sweep_cost_weight(id);
  for (std::size_t k = 1; k < shares.size(); ++k) {
    INFO(id << " cost weight points " << k - 1 << " and " << k << ": settlement " << shares[k - 1] << " and "
            << shares[k]);
    CHECK(std::abs(shares[k] - shares[k - 1]) <= 0.2);
  }
  // The sweep must reach both a war that rarely ends in talks and one that often does, or a
  // flat curve would pass for the wrong reason.
  CHECK(shares.back() - shares.front() > 0.2);
}

}  // namespace

TEST_CASE("no value of Ukraine's cost weight flips the flagship's settlement share") {
  check_no_knife_edge("UKR");
}

TEST_CASE("no value of Russia's cost weight flips the flagship's settlement share") {
  check_no_knife_edge("RUS");
}
