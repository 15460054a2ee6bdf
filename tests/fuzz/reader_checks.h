// What the fuzz targets of the sweep, claims, treaty and checkpoint readers check for one input,
// shared with the doctest that replays their seed corpora (tests/fuzz_readers_test.cpp), so the
// harnesses run in the normal GCC build too.
//
// The contract is the scenario loader's (scenario_loader_check.h): for any bytes a reader
// returns its result or throws parley::InputError / parley::Error; any other exception escapes,
// and libFuzzer, the sanitizers and CTest report it. The readers that name other files get a
// fixed one instead, so that mutations exercise the format rather than the file system: a sweep
// is read with the scenario given as a document (its "scenario" and "claims" keys dropped), a
// claims file's "baseline" names the minimal scenario written once to a temporary file, and a
// checkpoint is resumed against one fixed two-point sweep of that scenario.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "parley/claims/claims.h"
#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/load.h"
#include "parley/sweep/checkpoint.h"
#include "parley/sweep/sweep_file.h"
#include "parley/treaty/draft_input.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::fuzz {

// scenarios/validation/minimal.json, inline so that a fuzz binary needs no source tree.
inline constexpr const char* kMinimalScenario = R"({
  "name": "minimal", "horizon_months": 24,
  "actors": [
    {"id": "UKR", "name": "Ukraine", "role": "belligerent", "preferences": {"discount_per_month": 0.99},
     "support": {"initial_share": 0.8}, "forces": {"initial_strength": 100},
     "belief": {"prior_mean_drift_per_month": 0.0, "prior_sd_drift_per_month": 0.01}},
    {"id": "RUS", "name": "Russia", "role": "belligerent", "preferences": {"discount_per_month": 0.98},
     "support": {"initial_share": 0.7}, "forces": {"initial_strength": 150},
     "belief": {"prior_mean_drift_per_month": 0.0, "prior_sd_drift_per_month": 0.01}}
  ],
  "battlefield": {"holder": "UKR", "opponent": "RUS", "initial_front_share": 0.8, "volatility_per_sqrt_month": 0.01}
})";

inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "reader check: broken invariant: %s\n", what);
  std::abort();
}

// A file of this process's own in the temporary directory, removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& name)
      : path_((std::filesystem::temp_directory_path() / ("parley_fuzz_" + std::to_string(::getpid()) + "_" + name))
                  .string()) {}
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// The input as JSON within `size`, or nothing when the parser refuses it (as it should).
inline std::optional<nlohmann::json> parse_input(std::string_view text, const input::SizeLimit& size) {
  IssueCollector issues;
  auto doc = input::parse_json_text(text, size, issues);
  require(doc.has_value() == issues.empty(), "a parsed document comes without issues, a refused one with some");
  return doc;
}

inline constexpr input::SizeLimit kFuzzSizeLimit{kMaxSweepBytes, {"kMaxSweepBytes", "fuzz"}};

// Runs `read`; true when it returned, false when it refused the input with a parley error.
template <typename Read>
bool refused_cleanly_or_read(Read&& read) {
  try {
    read();
    return true;
  } catch (const InputError&) {
    return false;
  } catch (const Error&) {
    return false;
  }
}

inline bool check_sweep_text(std::string_view text) {
  auto doc = parse_input(text, kFuzzSizeLimit);
  if (!doc) return false;
  if (doc->is_object()) {
    doc->erase("scenario");
    doc->erase("claims");
  }
  static const nlohmann::json scenario = nlohmann::json::parse(kMinimalScenario);
  return refused_cleanly_or_read([&] {
    const SweepSpec spec = parse_sweep_json(*doc, "fuzz sweep", scenario, "minimal");
    require(!spec.parameters.empty(), "a sweep that loads sweeps a parameter");
  });
}

inline bool check_claims_text(std::string_view text) {
  auto doc = parse_input(text, kFuzzSizeLimit);
  if (!doc) return false;
  static const ScratchFile baseline("minimal.json");
  static const bool written = (write_file_atomically(baseline.path(), kMinimalScenario), true);
  (void)written;
  if (doc->is_object() && doc->contains("baseline")) (*doc)["baseline"] = baseline.path();
  return refused_cleanly_or_read([&] {
    const claims::ClaimsFile file = claims::parse_claims_json(*doc, "fuzz claims", "");
    claims::check_opposed_claims({file});
    require(!file.variants.empty(), "a claims file that loads has its baseline");
  });
}

inline bool check_treaty_text(std::string_view text) {
  const auto doc = parse_input(text, kScenarioSizeLimit);
  if (!doc) return false;
  return refused_cleanly_or_read([&] {
    if (treaty::is_treaty_document(*doc)) {
      const treaty::TreatyDocument document = treaty::parse_treaty_document(*doc, "fuzz treaty");
      require(!document.spec.articles.empty(), "a treaty that loads has articles");
      return;
    }
    const Scenario scenario = parse_scenario_json(*doc, "fuzz scenario");
    (void)treaty::read_scenario_treaty(*doc, scenario, "fuzz scenario");
  });
}

// The fixed sweep a checkpoint is resumed against: one parameter of the minimal scenario on a
// grid of two levels.
inline const SweepSpec& checkpoint_sweep() {
  static const SweepSpec spec =
      parse_sweep_json(nlohmann::json::parse(R"({"name": "fuzz", "trials_per_point": 10, "metrics": ["share_ongoing"],
        "parameters": [{"pointer": "/battlefield/initial_front_share", "range": [0.5, 0.9]}],
        "design": {"kind": "grid", "levels": 2}})"),
                       "fuzz sweep", nlohmann::json::parse(kMinimalScenario), "minimal");
  return spec;
}

inline constexpr std::int64_t kCheckpointPoints = 2;

inline bool check_checkpoint_text(std::string_view text) {
  static const ScratchFile file("checkpoint.jsonl");
  write_file_atomically(file.path(), std::string(text));
  SweepResults results;
  std::int64_t discarded = 0;
  return refused_cleanly_or_read([&] {
    (void)SweepCheckpoint::resume(file.path(), checkpoint_sweep(), kCheckpointPoints, results, discarded);
    require(results.size() == static_cast<std::size_t>(kCheckpointPoints), "results hold one slot per point");
    for (std::size_t i = 0; i < results.size(); ++i)
      require(!results[i] || results[i]->index == static_cast<std::int64_t>(i), "a point sits at its own index");
    require(discarded >= 0, "the discarded count is a count");
  });
}

}  // namespace parley::fuzz
