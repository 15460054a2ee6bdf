// The sweep library: sweep-file validation with located errors, design points, results that do
// not depend on threads or schedule, checkpoints that resume exactly and discard damaged
// lines, refusal to resume a different sweep, and Sobol' indices from a Saltelli sweep. The
// command line's contract (files, exit codes, kill and resume, MPI) is in tests/cli/ and
// tests/mpi/. Points use the two-barrier Brownian scenario, whose trials are cheap.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/core/random.h"
#include "parley/io/run_report.h"
#include "parley/io/sweep_report.h"
#include "parley/metrics/metric.h"
#include "parley/scenario/load.h"
#include "parley/sim/run.h"
#include "parley/sweep/checkpoint.h"
#include "parley/sweep/sweep_file.h"
#include "parley/sweep/sweep_run.h"

using namespace parley;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kScenario = std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/brownian_two_barriers.json";

json base_sweep() {
  return {{"name", "test"},
          {"scenario", kScenario},
          {"parameters",
           {{{"pointer", "/battlefield/defence_bias_per_month"}, {"range", {0.0, 0.01}}},
            {{"pointer", "/battlefield/initial_front_share"}, {"values", {0.2, 0.4}}}}},
          {"design", {{"kind", "grid"}, {"levels", 3}}},
          {"trials_per_point", 150},
          {"seed", 11},
          {"metrics", {"share_ukraine_victory", "duration_mean", "p_over_by_12"}}};
}

SweepSpec spec_of(const json& doc) {
  return parse_sweep_json(doc, "test sweep", "");
}

std::vector<InputIssue> issues_of(const json& doc) {
  try {
    (void)spec_of(doc);
  } catch (const InputError& error) {
    return error.issues();
  }
  return {};
}

const InputIssue* find_issue(const std::vector<InputIssue>& issues, const std::string& pointer) {
  for (const auto& issue : issues)
    if (issue.pointer == pointer) return &issue;
  return nullptr;
}

std::string run_to_csv(const SweepSpec& spec, int threads, SweepSchedule schedule) {
  const SweepPlan plan = make_sweep_plan(spec);
  SweepResults results;
  SweepOptions options;
  options.threads = threads;
  options.schedule = schedule;
  REQUIRE(run_sweep_points(spec, plan, options, results, {}));
  return sweep_points_csv(spec, plan, results) + sweep_summary_json(spec, plan, results).dump();
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("parley_sweep_test_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("every problem in a sweep file is reported with its JSON pointer") {
  json doc = base_sweep();
  doc.erase("trials_per_point");
  doc["trails_per_point"] = 10;
  doc["parameters"] = {
      {{"pointer", "/battlefield/no_such_parameter"}, {"range", {0.0, 1.0}}},
      {{"pointer", "/battlefield/volatility_per_sqrt_month"}, {"range", {0.2, 0.1}}},
      {{"pointer", "/battlefield/volatility_per_sqrt_month2"}, {"values", {1, "x"}}},
      {{"pointer", "/battlefield/initial_front_share"}, {"range", {0.5, 2.0}}},
      {{"pointer", "/battlefield/holder"}, {"range", {0.0, 1.0}}},
      {{"pointer", "/battlefield/power_elasticity_per_month"}, {"range", {0.0, 1.0}}, {"scale", "log"}}};
  doc["metrics"] = {"share_ukraine_victry"};
  const auto issues = issues_of(doc);

  const auto* unknown = find_issue(issues, "/trails_per_point");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->hint.find("trials_per_point") != std::string::npos);
  CHECK(find_issue(issues, "/trials_per_point") != nullptr);  // required, and missing
  const auto* missing = find_issue(issues, "/parameters/0/pointer");
  REQUIRE(missing != nullptr);
  CHECK(missing->rule.find("exists in the scenario") != std::string::npos);
  CHECK(missing->value == "\"/battlefield/no_such_parameter\"");
  CHECK(find_issue(issues, "/parameters/1/range") != nullptr);     // lower > upper
  CHECK(find_issue(issues, "/parameters/2/values/1") != nullptr);  // not a number
  // Each end of a range must give a valid scenario: the front share must lie in [0, 1].
  const auto* invalid = find_issue(issues, "/parameters/3/range/1");
  REQUIRE(invalid != nullptr);
  CHECK(invalid->rule.find("/battlefield/initial_front_share") != std::string::npos);
  CHECK(invalid->value == "2");
  CHECK(find_issue(issues, "/parameters/3/range/0") == nullptr);
  CHECK(find_issue(issues, "/parameters/4/pointer") != nullptr);  // a string, not a parameter
  CHECK(find_issue(issues, "/parameters/5/range") != nullptr);    // log scale from 0
  const auto* metric = find_issue(issues, "/metrics/0");
  REQUIRE(metric != nullptr);
  CHECK(metric->hint == "did you mean 'share_ukraine_victory'?");
}

TEST_CASE("design errors are located too") {
  json doc = base_sweep();
  doc["design"] = {{"kind", "latin_hypercub"}, {"points", 0}};
  CHECK(find_issue(issues_of(doc), "/design/kind") != nullptr);
  doc["design"] = {{"kind", "latin_hypercube"}, {"points", 0}, {"levels", 2}};
  auto issues = issues_of(doc);
  CHECK(find_issue(issues, "/design/points") != nullptr);
  CHECK(find_issue(issues, "/design/levels") != nullptr);
  doc["design"] = {{"kind", "grid"}, {"levels", {3, 5}}};  // the values list has 2 values
  CHECK(find_issue(issues_of(doc), "/design/levels/1") != nullptr);
  doc["design"] = {{"kind", "grid"}};
  CHECK(find_issue(issues_of(doc), "/design/levels") != nullptr);
}

TEST_CASE("a grid of values lists is held to kMaxSweepPoints by the product of all its axes") {
  json doc = base_sweep();
  json values = json::array();
  for (int k = 0; k < 57; ++k) values.push_back(0.2 + 0.01 * k);
  doc["parameters"] = json::array();
  for (const char* pointer : {"/battlefield/initial_front_share", "/actors/0/support/initial_share",
                              "/actors/1/support/initial_share", "/actors/0/preferences/discount_per_month"})
    doc["parameters"].push_back({{"pointer", pointer}, {"values", values}});
  doc["design"] = {{"kind", "grid"}};  // no "levels": the lists alone give 57^4 points
  const auto issues = issues_of(doc);
  const auto* over = find_issue(issues, "/design");
  REQUIRE(over != nullptr);
  CHECK(over->rule ==
        "must give at most 10000000 grid points (the values of the parameters give 57 x 57 x 57 x 57 = 10556001; the "
        "limit is kMaxSweepPoints in engine/include/parley/sweep/sweep_file.h; raise it there and rebuild)");
  doc["design"]["levels"] = {57, 57, 57, 57};
  const auto with_levels = issues_of(doc);
  const auto* levels = find_issue(with_levels, "/design/levels");
  REQUIRE(levels != nullptr);
  CHECK(levels->rule.find("the levels per parameter give 57 x 57 x 57 x 57 = 10556001") != std::string::npos);
  doc["parameters"].erase(3);  // 57^3 points are within the limit
  doc["design"] = {{"kind", "grid"}};
  CHECK(issues_of(doc).empty());
}

TEST_CASE("a parameter's source is checked like a scenario's and copied into summary.json") {
  json doc = base_sweep();
  doc["parameters"][0]["source"] = {{"assumption", "the validation case's own range"}};
  const SweepSpec spec = spec_of(doc);
  const SweepPlan plan = make_sweep_plan(spec);
  SweepResults results;
  REQUIRE(run_sweep_points(spec, plan, SweepOptions{}, results, {}));
  const json parameters = sweep_summary_json(spec, plan, results)["parameters"];
  CHECK(parameters[0]["source"] == json{{"assumption", "the validation case's own range"}});
  CHECK_FALSE(parameters[1].contains("source"));  // none given, none reported

  doc["parameters"][0]["source"] = {{"article", "004_9e880688ebb75433.txt"}};  // an article needs its quote
  CHECK(find_issue(issues_of(doc), "/parameters/0/source/quote") != nullptr);
  doc["parameters"][0]["source"] = json::object();  // names nothing
  CHECK(find_issue(issues_of(doc), "/parameters/0/source") != nullptr);
}

TEST_CASE("a design is held to kMaxSweepValues by its points times its parameters") {
  json doc = base_sweep();
  doc["scenario"] = std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine_war.json";
  doc["parameters"] = json::array();
  for (int actor = 0; actor < 4; ++actor)
    for (const char* field : {"preferences/discount_per_month", "preferences/cost_weight", "support/initial_share"})
      doc["parameters"].push_back(
          {{"pointer", "/actors/" + std::to_string(actor) + "/" + field}, {"range", {0.5, 0.9}}});
  // Each bound alone holds (10^7 points, 12 parameters); their product, 1.2 x 10^8 values, does not.
  doc["design"] = {{"kind", "latin_hypercube"}, {"points", 10'000'000}};
  const auto issues = issues_of(doc);
  const auto* over = find_issue(issues, "/design/points");
  REQUIRE(over != nullptr);
  CHECK(over->rule ==
        "must give at most 100000000 parameter values in all (10000000 points x 12 parameters = 120000000; the "
        "limit is kMaxSweepValues in engine/include/parley/sweep/sweep_file.h; raise it there and rebuild)");
  CHECK(over->value == "10000000");
  doc["design"] = {{"kind", "saltelli"}, {"points", 700'000}};  // 700,000 x 14 points run
  CHECK(find_issue(issues_of(doc), "/design/points") != nullptr);
  doc["design"] = {{"kind", "grid"}, {"levels", 4}};  // 4^12 = 16,777,216 points: the points limit first
  CHECK(find_issue(issues_of(doc), "/design/levels") != nullptr);
  doc["design"] = {{"kind", "latin_hypercube"}, {"points", 8'000'000}};  // 9.6 x 10^7 values
  CHECK(issues_of(doc).empty());
}

TEST_CASE("a scenario given as a document sweeps like the file it came from") {
  const json file_doc = base_sweep();
  const SweepSpec from_file = spec_of(file_doc);
  json doc = base_sweep();
  doc.erase("scenario");
  const json scenario = json::parse(read_text_file(kScenario));
  const SweepSpec given = parse_sweep_json(doc, "test sweep", scenario, "in memory");
  CHECK(given.scenario_path == "in memory");
  CHECK(given.scenario_hash == from_file.scenario_hash);
  CHECK(given.metrics == from_file.metrics);
  CHECK(given.sweep_hash != from_file.sweep_hash);  // the hash of the document as given
  const auto points_csv = [](const SweepSpec& spec) {
    const SweepPlan plan = make_sweep_plan(spec);
    SweepResults results;
    REQUIRE(run_sweep_points(spec, plan, SweepOptions{}, results, {}));
    return sweep_points_csv(spec, plan, results);
  };
  CHECK(points_csv(given) == points_csv(from_file));

  // Pointers are checked against the given scenario; a sweep that also names one is refused.
  doc["parameters"][0]["pointer"] = "/battlefield/nope";
  try {
    (void)parse_sweep_json(doc, "test sweep", scenario, "in memory");
    FAIL("a pointer to nowhere must be refused");
  } catch (const InputError& error) {
    CHECK(find_issue(error.issues(), "/parameters/0/pointer") != nullptr);
  }
  try {
    (void)parse_sweep_json(file_doc, "test sweep", scenario, "in memory");
    FAIL("a sweep naming a scenario and given one must be refused");
  } catch (const InputError& error) {
    REQUIRE(error.issues().size() == 1);
    CHECK(error.issues()[0].pointer == "/scenario");
  }
}

TEST_CASE("grid, latin hypercube and sobol designs give their points") {
  json doc = base_sweep();
  SweepSpec spec = spec_of(doc);
  CHECK(spec.metrics.size() == 3);
  SweepPlan plan = make_sweep_plan(spec);
  REQUIRE(plan.points() == 6);  // 3 levels x 2 values, the last parameter fastest
  const double expected[6][2] = {{0.0, 0.2}, {0.0, 0.4}, {0.005, 0.2}, {0.005, 0.4}, {0.01, 0.2}, {0.01, 0.4}};
  for (int i = 0; i < 6; ++i) {
    CHECK(plan.values(i, 0) == doctest::Approx(expected[i][0]));
    CHECK(plan.values(i, 1) == expected[i][1]);
  }

  doc["design"] = {{"kind", "latin_hypercube"}, {"points", 5}, {"seed", 3}};
  plan = make_sweep_plan(spec_of(doc));
  REQUIRE(plan.points() == 5);
  std::set<int> strata;
  for (int i = 0; i < 5; ++i) strata.insert(static_cast<int>(plan.values(i, 0) / 0.01 * 5));
  CHECK(strata.size() == 5);  // one point in each fifth of the range

  doc["design"] = {{"kind", "sobol"}, {"points", 4}};
  plan = make_sweep_plan(spec_of(doc));
  REQUIRE(plan.points() == 4);
  CHECK(plan.values(0, 0) == doctest::Approx(0.005));  // the first Sobol' point is the centre

  doc["design"] = {{"kind", "saltelli"}, {"points", 4}};
  CHECK(make_sweep_plan(spec_of(doc)).points() == 4 * (2 + 2));
}

TEST_CASE("points.csv is tidy: one row per point, values by pointer, metrics with intervals") {
  const SweepSpec spec = spec_of(base_sweep());
  const SweepPlan plan = make_sweep_plan(spec);
  SweepResults results;
  REQUIRE(run_sweep_points(spec, plan, {}, results, {}));
  const std::string csv = sweep_points_csv(spec, plan, results);
  std::istringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  CHECK(header ==
        "point,/battlefield/defence_bias_per_month,/battlefield/initial_front_share,share_ukraine_victory,"
        "share_ukraine_victory_ci_lower,share_ukraine_victory_ci_upper,duration_mean,duration_mean_ci_lower,"
        "duration_mean_ci_upper,p_over_by_12,p_over_by_12_ci_lower,p_over_by_12_ci_upper");
  std::string row;
  int rows = 0;
  while (std::getline(lines, row)) {
    CHECK(std::count(row.begin(), row.end(), ',') == std::count(header.begin(), header.end(), ','));
    ++rows;
  }
  CHECK(rows == 6);
  CHECK(csv.find("\n3,0.005,0.4,") != std::string::npos);
  // Common random numbers: a larger drift towards the upper barrier never lowers its share much.
  CHECK(results[4]->metrics[0] >= results[0]->metrics[0]);
}

// Sweeps once read their metrics back out of run_report_json; this is that reading, kept to
// pin estimate_from_run to the same doubles.
std::vector<double> metrics_read_from_report(const std::string& name, const json& report) {
  const auto number_or_nan = [](const json& value) {
    return value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
  };
  if (name.rfind("share_", 0) == 0) {
    const json& outcome = report.at("outcomes").at(name.substr(6));
    return {outcome.at("share").get<double>(), outcome.at("ci95")[0].get<double>(),
            outcome.at("ci95")[1].get<double>()};
  }
  if (name == "duration_mean") {
    const json& duration = report.at("duration_months");
    const json& ci = duration.at("mean_ci95");
    return {number_or_nan(duration.at("mean")), ci.is_array() ? number_or_nan(ci[0]) : number_or_nan(ci),
            ci.is_array() ? number_or_nan(ci[1]) : number_or_nan(ci)};
  }
  if (name.rfind("p_over_by_", 0) == 0) {
    const auto month = static_cast<std::size_t>(std::stoi(name.substr(10)));
    const double over = 1.0 - report.at("survival").at("war_ongoing_share").at(month).get<double>();
    const std::int64_t trials = report.at("trials").get<std::int64_t>();
    const std::int64_t ended = std::llround(over * static_cast<double>(trials));
    const Interval ci = wilson_interval(ended, trials);
    return {static_cast<double>(ended) / static_cast<double>(trials), ci.lower, ci.upper};
  }
  const json& cost = report.at("costs").at("by_actor").at(name.substr(10));
  return {cost.at("mean").get<double>(), cost.at("mean_ci95")[0].get<double>(), cost.at("mean_ci95")[1].get<double>()};
}

bool same_doubles(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
  return true;
}

TEST_CASE("a point's metrics are the doubles its run report gives, read off the run's aggregates") {
  for (const std::string file : {"brownian_two_barriers.json", "fearon_range.json", "minimal.json"}) {
    const Scenario scenario = load_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/" + file);
    for (const std::int64_t trials : {1, 2, 137}) {
      RunOptions options;
      options.trials = trials;
      options.seed = 5;
      const RunResult result = run_monte_carlo(scenario, options);
      const json report = run_report_json(scenario, result);
      for (const std::string& name : example_metric_names(scenario, MetricUse::kPerRun)) {
        CAPTURE(file);
        CAPTURE(trials);
        CAPTURE(name);
        const auto metric = parse_metric(name, scenario, MetricUse::kPerRun);
        REQUIRE(metric.has_value());
        const MetricEstimate estimate = estimate_from_run(*metric, result.summary);
        CHECK(same_doubles({estimate.value, estimate.interval.lower, estimate.interval.upper},
                           metrics_read_from_report(name, report)));
      }
    }
  }
}

TEST_CASE("a share of wars ended read off the survival curve was always the exact count") {
  // The report's survival curve is (n - e) / n; the old reading rounded n (1 - curve) back to e.
  const auto read_back = [](std::int64_t ended, std::int64_t trials) {
    const double curve = static_cast<double>(trials - ended) / static_cast<double>(trials);
    return std::llround((1.0 - curve) * static_cast<double>(trials));
  };
  for (std::int64_t trials = 1; trials <= 600; ++trials)
    for (std::int64_t ended = 0; ended <= trials; ++ended) REQUIRE(read_back(ended, trials) == ended);
  for (std::uint64_t k = 0; k < 100000; ++k) {
    const auto trials =
        static_cast<std::int64_t>(1.0 + open_unit_interval(mix64(2 * k)) * static_cast<double>(kMaxTrials - 1));
    const auto ended = static_cast<std::int64_t>(open_unit_interval(mix64(2 * k + 1)) * static_cast<double>(trials));
    REQUIRE(read_back(ended, trials) == ended);
  }
}

TEST_CASE("results are the same for any thread count and schedule") {
  const SweepSpec spec = spec_of(base_sweep());
  const std::string one = run_to_csv(spec, 1, SweepSchedule::kTrialsInParallel);
  CHECK(one == run_to_csv(spec, 2, SweepSchedule::kPointsInParallel));
  CHECK(one == run_to_csv(spec, 2, SweepSchedule::kTrialsInParallel));
  CHECK(one == run_to_csv(spec, 3, SweepSchedule::kAuto));
}

TEST_CASE("a checkpoint resumes exactly and discards torn or corrupted lines") {
  const TempDir dir;
  const std::string path = (dir.path / "checkpoint.jsonl").string();
  const SweepSpec spec = spec_of(base_sweep());
  const SweepPlan plan = make_sweep_plan(spec);
  SweepResults full;
  {
    SweepCheckpoint checkpoint = SweepCheckpoint::create(path, spec, plan.points());
    REQUIRE(run_sweep_points(spec, plan, {}, full, [&](const PointResult& point) { checkpoint.append(point); }));
  }
  const std::string expected = sweep_points_csv(spec, plan, full) + sweep_summary_json(spec, plan, full).dump();

  // Keep the header and three points; damage one of them and leave a torn line at the end.
  std::istringstream lines(read_text_file(path));
  std::string line;
  std::vector<std::string> kept;
  while (std::getline(lines, line) && kept.size() < 4) kept.push_back(line);
  const auto digit = kept[2].find_first_of("123456789", kept[2].find("values"));
  kept[2][digit] = kept[2][digit] == '9' ? '8' : '9';
  write_file_atomically(
      path, kept[0] + "\n" + kept[1] + "\n" + kept[2] + "\n" + kept[3] + "\n" + kept[1].substr(0, kept[1].size() / 2));

  SweepResults results;
  std::int64_t discarded = 0;
  {
    SweepCheckpoint checkpoint = SweepCheckpoint::resume(path, spec, plan.points(), results, discarded);
    CHECK(discarded == 2);
    CHECK(std::count_if(results.begin(), results.end(), [](const auto& p) { return p.has_value(); }) == 2);
    REQUIRE(run_sweep_points(spec, plan, {}, results, [&](const PointResult& point) { checkpoint.append(point); }));
  }
  CHECK(sweep_points_csv(spec, plan, results) + sweep_summary_json(spec, plan, results).dump() == expected);

  // The rewritten checkpoint is whole again: resuming it finds every point and drops nothing.
  SweepResults again;
  (void)SweepCheckpoint::resume(path, spec, plan.points(), again, discarded);
  CHECK(discarded == 0);
  CHECK(std::all_of(again.begin(), again.end(), [](const auto& p) { return p.has_value(); }));
}

TEST_CASE("a checkpoint of a different sweep is refused") {
  const TempDir dir;
  const std::string path = (dir.path / "checkpoint.jsonl").string();
  const SweepSpec spec = spec_of(base_sweep());
  (void)SweepCheckpoint::create(path, spec, make_sweep_plan(spec).points());
  json other = base_sweep();
  other["trials_per_point"] = 151;
  const SweepSpec different = spec_of(other);
  SweepResults results;
  std::int64_t discarded = 0;
  CHECK_THROWS_WITH_AS(
      (void)SweepCheckpoint::resume(path, different, make_sweep_plan(different).points(), results, discarded),
      doctest::Contains("different sweep"), InputError);
  write_file_atomically(path, "not a checkpoint\n");
  CHECK_THROWS_AS((void)SweepCheckpoint::resume(path, spec, 6, results, discarded), InputError);
}

namespace {

// A checkpoint line for `content` whose check holds, as a damaged or hand-made file could carry.
std::string line_with_check(const json& content) {
  const std::string text = content.dump();
  return text.substr(0, text.size() - 1) + ",\"check\":\"" + hash_hex(fnv1a64(text)) + "\"}\n";
}

// The header line of a fresh checkpoint of `spec`, without its check.
json fresh_header(const std::string& path, const SweepSpec& spec) {
  (void)SweepCheckpoint::create(path, spec, make_sweep_plan(spec).points());
  const std::string text = read_text_file(path);
  json header = json::parse(text.substr(0, text.find('\n')));
  header.erase("check");
  return header;
}

}  // namespace

TEST_CASE("checkpoint point lines whose check holds but whose keys are missing or mistyped are discarded") {
  const TempDir dir;
  const std::string path = (dir.path / "checkpoint.jsonl").string();
  const SweepSpec spec = spec_of(base_sweep());
  const std::int64_t points = make_sweep_plan(spec).points();
  const json values = json::array({0.5, 0.4, 0.6, 10.0, 9.0, 11.0, 0.1, 0.0, 0.2});
  REQUIRE(values.size() == spec.values_per_point());
  const std::vector<json> damaged = {
      json::object(),
      {{"values", values}},
      {{"point", 0}},
      {{"point", "0"}, {"values", values}},
      {{"point", -1}, {"values", values}},
      {{"point", points}, {"values", values}},
      {{"point", 1e30}, {"values", values}},
      {{"point", 0}, {"values", "0.5"}},
      {{"point", 0}, {"values", json::array({0.5})}},
      {{"point", 0}, {"values", json::array({"x", 0.4, 0.6, 10.0, 9.0, 11.0, 0.1, 0.0, 0.2})}},
      json::array({0, values}),
  };
  std::string text = line_with_check(fresh_header(path, spec));
  for (const auto& content : damaged) text += line_with_check(content);
  text += line_with_check({{"point", 1}, {"values", values}});
  text += line_with_check({{"point", 1}, {"values", values}});  // a second record of one point
  write_file_atomically(path, text);
  SweepResults results;
  std::int64_t discarded = 0;
  (void)SweepCheckpoint::resume(path, spec, points, results, discarded);
  CHECK(discarded == static_cast<std::int64_t>(damaged.size()) + 1);
  CHECK(std::count_if(results.begin(), results.end(), [](const auto& p) { return p.has_value(); }) == 1);
  REQUIRE(results[1].has_value());
  CHECK(results[1]->metrics[3] == 10.0);
}

TEST_CASE("a checkpoint header that lacks a field or holds other types says what is wrong") {
  const TempDir dir;
  const std::string path = (dir.path / "checkpoint.jsonl").string();
  const SweepSpec spec = spec_of(base_sweep());
  const std::int64_t points = make_sweep_plan(spec).points();
  const json header = fresh_header(path, spec);
  const auto resume_with = [&](const json& content) {
    write_file_atomically(path, line_with_check(content));
    SweepResults results;
    std::int64_t discarded = 0;
    try {
      (void)SweepCheckpoint::resume(path, spec, points, results, discarded);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("resumed");
  };
  for (const char* key : {"points", "metrics", "sweep_hash", "scenario_hash", "version"}) {
    json missing = header;
    missing.erase(key);
    const std::string message = resume_with(missing);
    CHECK(message.find(std::string("At /") + key + " - must be present in the checkpoint's header line") !=
          std::string::npos);
    CHECK(message.find("different sweep") == std::string::npos);
  }
  json edited = header;
  edited["points"] = points + 1;
  CHECK(resume_with(edited).find("At /points of " + std::to_string(points + 1) + " - must be " +
                                 std::to_string(points)) != std::string::npos);
  json wrong_type = header;
  wrong_type["sweep_hash"] = 7;
  CHECK(resume_with(wrong_type).find("different sweep file or scenario (sweep 7,") != std::string::npos);
  json not_ours = header;
  not_ours["format"] = 1;
  CHECK(resume_with(not_ours).find("must be a parley sweep checkpoint") != std::string::npos);
  CHECK(resume_with(json::array({header})).find("must be a parley sweep checkpoint") != std::string::npos);
}

TEST_CASE("a checkpoint that repeats a key: a header is refused with both places, a point line discarded") {
  const TempDir dir;
  const std::string path = (dir.path / "checkpoint.jsonl").string();
  const SweepSpec spec = spec_of(base_sweep());
  const std::int64_t points = make_sweep_plan(spec).points();
  const std::string header = line_with_check(fresh_header(path, spec));
  const json values = json::array({0.5, 0.4, 0.6, 10.0, 9.0, 11.0, 0.1, 0.0, 0.2});
  // Its check holds for what nlohmann keeps (the last "point"), so only the repeat betrays it.
  const std::string repeated_point = "{\"point\":1," + line_with_check({{"point", 0}, {"values", values}}).substr(1);
  write_file_atomically(path, header + repeated_point);
  SweepResults results;
  std::int64_t discarded = 0;
  (void)SweepCheckpoint::resume(path, spec, points, results, discarded);
  CHECK(discarded == 1);
  CHECK_FALSE(results[0].has_value());
  CHECK_FALSE(results[1].has_value());

  write_file_atomically(path, "{\"points\":3," + header.substr(1));
  try {
    (void)SweepCheckpoint::resume(path, spec, points, results, discarded);
    FAIL("a header that repeats a key resumed");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("At /points - must appear once in its object: the key \"points\" is at line 1, column 2 and "
                       "again at line 1, column ") != std::string::npos);
  }
}

TEST_CASE("a checkpoint longer than any this sweep writes is refused before it is read whole") {
  const TempDir dir;
  const std::string path = (dir.path / "checkpoint.jsonl").string();
  const SweepSpec spec = spec_of(base_sweep());
  const std::int64_t points = make_sweep_plan(spec).points();
  write_file_atomically(path, line_with_check(fresh_header(path, spec)) + std::string(kMaxInputFileBytes, ' ') + "\n");
  SweepResults results;
  std::int64_t discarded = 0;
  const std::string rule = "a checkpoint of this sweep's " + std::to_string(points) + " points holds";
  CHECK_THROWS_WITH_AS((void)SweepCheckpoint::resume(path, spec, points, results, discarded),
                       doctest::Contains(rule.c_str()), InputError);
}

TEST_CASE("a saltelli sweep reports first-order and total indices with intervals") {
  json doc = base_sweep();
  doc["parameters"] = {{{"pointer", "/battlefield/defence_bias_per_month"}, {"range", {-0.01, 0.01}}},
                       {{"pointer", "/battlefield/power_elasticity_per_month"}, {"range", {0.0, 0.02}}}};
  doc["design"] = {{"kind", "saltelli"}, {"points", 8}, {"seed", 5}};
  doc["trials_per_point"] = 100;
  const SweepSpec spec = spec_of(doc);
  const SweepPlan plan = make_sweep_plan(spec);
  SweepResults results;
  REQUIRE(run_sweep_points(spec, plan, {}, results, {}));
  const json summary = sweep_summary_json(spec, plan, results);
  CHECK(summary["design"]["points"] == 32);
  const json& share = summary["sensitivity"]["by_metric"]["share_ukraine_victory"];
  const json& drift = share["first_order"]["/battlefield/defence_bias_per_month"];
  REQUIRE(drift["value"].is_number());
  CHECK(drift["ci95"].size() == 2);
  // Both sides are equally strong, so the power elasticity does nothing: the drift drives it all.
  CHECK(share["total"]["/battlefield/defence_bias_per_month"]["value"].get<double>() >
        share["total"]["/battlefield/power_elasticity_per_month"]["value"].get<double>());
  CHECK(summary["metrics"]["share_ukraine_victory"]["min"].get<double>() <=
        summary["metrics"]["share_ukraine_victory"]["max"].get<double>());
}

TEST_CASE("the shipped sweep files are valid") {
  int found = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(PARLEY_SOURCE_DIR) / "scenarios" / "sweeps")) {
    if (entry.path().extension() != ".json") continue;
    CAPTURE(entry.path().string());
    const SweepSpec spec = load_sweep_file(entry.path().string());
    CHECK(make_sweep_plan(spec).points() > 0);
    ++found;
  }
  CHECK(found >= 1);
}

namespace {

// A claims file on the two-barrier scenario: with no drift, P(upper barrier first) = x0 (Cox &
// Miller 1965, 5.7), so "above 0.5" holds exactly where the start lies above 0.5.
void write_drift_free_claims(const fs::path& path) {
  const json claims = {{"name", "drift_free"},
                       {"article", "000_1c430494338ec1cd.txt"},
                       {"baseline", kScenario},
                       {"variants",
                        {{{"id", "no_drift"},
                          {"description", "no defence bias"},
                          {"changes",
                           {{{"pointer", "/battlefield/defence_bias_per_month"},
                             {"value", 0.0},
                             {"source", {{"assumption", "test"}}}}}}},
                         {{"id", "drift"},
                          {"description", "a defence bias"},
                          {"changes",
                           {{{"pointer", "/battlefield/defence_bias_per_month"},
                             {"value", 0.01},
                             {"source", {{"assumption", "test"}}}}}}}}},
                       {"claims",
                        {{{"id", "holder_favoured"},
                          {"quote", "q"},
                          {"metric", "share_ukraine_victory"},
                          {"expect", "above"},
                          {"threshold", 0.5},
                          {"variant", "no_drift"}},
                         {{"id", "drift_helps"},
                          {"quote", "q"},
                          {"metric", "share_ukraine_victory"},
                          {"expect", "higher"},
                          {"baseline", "no_drift"},
                          {"variant", "drift"}}}}};
  write_file_atomically(path.string(), claims.dump(2));
}

json claims_sweep(const fs::path& claims_path) {
  json doc = base_sweep();
  doc["parameters"] = {{{"pointer", "/battlefield/initial_front_share"}, {"range", {0.1, 0.9}}},
                       {{"pointer", "/battlefield/volatility_per_sqrt_month"}, {"values", {0.04, 0.08}}}};
  doc["design"] = {{"kind", "grid"}, {"levels", {8, 2}}};  // starts 0.1, 0.214, ..., 0.9: none at 0.5
  doc["trials_per_point"] = 2000;
  doc["metrics"] = {"share_ukraine_victory"};
  doc["claims"] = {{"file", claims_path.string()}};
  return doc;
}

}  // namespace

TEST_CASE("a sweep tests claims at every point and finds where they fail") {
  const TempDir dir;
  write_drift_free_claims(dir.path / "claims.json");
  const SweepSpec spec = spec_of(claims_sweep(dir.path / "claims.json"));
  REQUIRE(spec.claims.has_value());
  CHECK(spec.values_per_point() == 9);
  const SweepPlan plan = make_sweep_plan(spec);
  SweepResults results;
  REQUIRE(run_sweep_points(spec, plan, {}, results, {}));
  const json summary = sweep_summary_json(spec, plan, results);
  const json& level = summary.at("claims").at("holder_favoured");
  // The nearest starts are 0.057 from 0.5, over 5 standard errors at 2000 trials.
  CHECK(level.at("holds").at("count") == 8);
  CHECK(level.at("holds").at("of") == 16);
  const json& split = level.at("splits")[0];
  CHECK(split.at("parameter") == "/battlefield/initial_front_share");
  CHECK(split.at("threshold").get<double>() == doctest::Approx(0.5));
  CHECK(split.at("failure_share_below") == 1.0);
  CHECK(split.at("failure_share_above") == 0.0);
  const json& bounds = level.at("failure_box").at("bounds");
  CHECK(bounds.at("/battlefield/initial_front_share")[1].get<double>() == doctest::Approx(0.5));
  CHECK(!bounds.contains("/battlefield/volatility_per_sqrt_month"));
  // A defence bias helps the holder at every start: the paired difference is positive throughout.
  CHECK(summary.at("claims").at("drift_helps").at("holds").at("count") == 16);
  const std::string csv = sweep_points_csv(spec, plan, results);
  CHECK(csv.find("claim_holder_favoured_verdict") != std::string::npos);
  CHECK(csv.find(",contradicted,") != std::string::npos);
}

TEST_CASE("a claims sweep resumes from its checkpoint, and a changed claims file voids the checkpoint") {
  const TempDir dir;
  write_drift_free_claims(dir.path / "claims.json");
  const std::string path = (dir.path / "checkpoint.jsonl").string();
  json doc = claims_sweep(dir.path / "claims.json");
  doc["trials_per_point"] = 200;
  const SweepSpec spec = spec_of(doc);
  const SweepPlan plan = make_sweep_plan(spec);
  SweepResults full;
  {
    SweepCheckpoint checkpoint = SweepCheckpoint::create(path, spec, plan.points());
    REQUIRE(run_sweep_points(spec, plan, {}, full, [&](const PointResult& point) { checkpoint.append(point); }));
  }
  SweepResults resumed;
  std::int64_t discarded = 0;
  (void)SweepCheckpoint::resume(path, spec, plan.points(), resumed, discarded);
  CHECK(discarded == 0);
  CHECK(sweep_points_csv(spec, plan, resumed) == sweep_points_csv(spec, plan, full));

  json claims = json::parse(read_text_file((dir.path / "claims.json").string()));
  claims["claims"][0]["threshold"] = 0.6;
  write_file_atomically((dir.path / "claims.json").string(), claims.dump());
  const SweepSpec changed = spec_of(doc);
  CHECK_THROWS_WITH_AS((void)SweepCheckpoint::resume(path, changed, plan.points(), resumed, discarded),
                       doctest::Contains("different sweep"), InputError);
}

TEST_CASE("a sweep's claims must be about the sweep's scenario") {
  const TempDir dir;
  write_drift_free_claims(dir.path / "claims.json");
  json claims = json::parse(read_text_file((dir.path / "claims.json").string()));
  claims["baseline"] = std::string(PARLEY_SOURCE_DIR) + "/scenarios/validation/gamblers_ruin.json";
  write_file_atomically((dir.path / "other.json").string(), claims.dump());
  CHECK(find_issue(issues_of(claims_sweep(dir.path / "other.json")), "/claims/file") != nullptr);
  json doc = claims_sweep(dir.path / "claims.json");
  doc["claims"]["ids"] = {"holder_favoured", "holder_favourd"};
  const auto issues = issues_of(doc);
  REQUIRE(find_issue(issues, "/claims/ids/1") != nullptr);
  CHECK(find_issue(issues, "/claims/ids/1")->hint == "did you mean 'holder_favoured'?");
}
