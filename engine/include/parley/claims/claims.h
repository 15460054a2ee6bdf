// Claims from policy articles, tested by the engine (docs/model.md section 13): `parley claims`.
//
// Where it sits: a claims file names a baseline scenario, the policy variants an article argues
// about (each a list of changes to the baseline, every change with its source), and the claims
// themselves: the article, its words, a metric (metrics/metric.h), the expected direction
// and the two scenarios compared. evaluate_claims() runs each (baseline, variant) pair once on
// common random numbers (claims/compare.h) and gives each claim a verdict; io/claims_report.h
// writes the results. docs/claims-format.md describes the file; docs/claims.md is the report the
// shipped claims give.
//
// Verdicts, for a claim that the variant moves the metric by more than `by_at_least` (delta >= 0)
// in its direction, with the paired difference D and its interval [lo, hi] at the confidence
// level (95% by default):
//   higher: supported when lo > delta, contradicted when hi < delta;
//   lower:  supported when hi < -delta, contradicted when lo > -delta;
//   otherwise not distinguishable at this trial count. A level claim ("above"/"below" a
// threshold t) reads the same way off one scenario's own estimate and interval. "undefined"
// means the metric's condition (a settlement, a deal observed long enough) never occurred.
// A verdict holds under the scenario's assumptions only, and each interval is per claim: over
// many claims some intervals will miss (docs/claims-format.md, "Reading verdicts").
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/claims/compare.h"
#include "parley/scenario/scenario.h"

namespace parley::claims {

inline constexpr std::size_t kMaxClaimsBytes = 4U * 1024U * 1024U;
inline constexpr std::size_t kMaxClaimVariants = 100;
inline constexpr std::size_t kMaxClaimsPerFile = 1000;
inline constexpr std::size_t kMaxVariantChanges = 1000;

enum class Expectation { kHigher, kLower, kAbove, kBelow };
enum class Verdict { kSupported, kContradicted, kNotDistinguishable, kUndefined };

[[nodiscard]] const char* to_string(Expectation expectation) noexcept;
[[nodiscard]] const char* to_string(Verdict verdict) noexcept;

// One change a variant makes to the scenario it builds on.
struct VariantChange {
  std::string pointer;  // JSON pointer into the scenario
  nlohmann::json value;
  Provenance source;
};

struct ScenarioVariant {
  std::string id;  // "baseline" for the file's baseline
  std::string description;
  std::string builds_on;  // the variant whose scenario the changes apply to ("" for the baseline)
  std::vector<VariantChange> changes;
  Scenario scenario;
};

struct Claim {
  std::string id;
  std::string article;    // a policy article's file name (docs/articles.md)
  std::string quote;      // the article's words
  std::string statement;  // the claim in Parley's terms
  std::string metric;
  Expectation expectation = Expectation::kHigher;
  double by_at_least = 0.0;          // higher/lower: the smallest effect claimed
  double threshold = 0.0;            // above/below: the level
  std::string baseline;              // variant id (higher/lower)
  std::string variant;               // variant id; the one scenario of a level claim
  std::vector<std::string> opposes;  // ids of claims (check_opposed_claims) this one contradicts
};

struct ClaimsFile {
  std::string source_name;  // as the user named it
  std::string name;
  std::string title;
  std::string article;  // the file's default article
  std::string baseline_path;
  std::string directory;                  // the folder its references are relative to ("" in memory)
  std::uint64_t content_hash = 0;         // FNV-1a of the canonical JSON (sorted keys)
  std::vector<ScenarioVariant> variants;  // [0] is the baseline
  std::vector<Claim> claims;

  [[nodiscard]] const ScenarioVariant& variant(const std::string& id) const;
};

// Reads and validates a claims file and the scenario it names: every problem is reported with
// its JSON pointer; a change that makes the scenario invalid is reported at the change with
// the scenario loader's message. Throws Error when a file cannot be read.
[[nodiscard]] ClaimsFile load_claims_file(const std::string& path);
[[nodiscard]] ClaimsFile parse_claims_json(const nlohmann::json& doc, const std::string& source_name,
                                           const std::string& base_directory);

// Refuses an "opposes" id that names no claim: none of `files` and none of the claims files in
// the folder of the file that names it (read only when `files` lack the id, so the claims of
// one article can oppose another article's while tested alone). Throws InputError naming the
// file, the pointer of the claim's "opposes" and the id, with the closest id as a hint.
void check_opposed_claims(const std::vector<ClaimsFile>& files);

struct ClaimResult {
  std::string file;  // source_name of its claims file
  Claim claim;
  PairedComparison comparison;  // for a level claim, baseline and variant are the same scenario
  Verdict verdict = Verdict::kUndefined;
  // When not distinguishable: about how many trials would make the interval exclude the
  // claimed boundary if the estimate stayed where it is (n (z SE / |D - boundary|)^2); empty
  // when the estimate sits on the boundary or the verdict is already decided.
  std::optional<double> trials_to_resolve;
  std::int64_t trials = 0;  // 0 when an interruption came before its pair ran
  // Its pair was interrupted after some whole batches: the verdict is that of `trials` trials,
  // fewer than were asked for, and the reports say so.
  bool cut_short = false;
};

struct ClaimsOptions {
  std::optional<std::int64_t> trials;  // default: each file's baseline scenario's
  std::optional<std::uint64_t> seed;   // default: each file's baseline scenario's
  int threads = 0;
  double confidence = 0.95;
  const std::atomic<bool>* cancel = nullptr;
  // After each batch: pairs done, pairs in all, trials done in the current pair, its trials.
  std::function<void(std::size_t pair, std::size_t pairs, std::int64_t done, std::int64_t total)> progress;
};

struct ClaimsReport {
  std::vector<ClaimResult> results;  // in file order, then claim order
  std::vector<std::string> files;
  std::vector<std::uint64_t> file_hashes;
  std::optional<std::int64_t> trials;  // as asked (each file's default when empty)
  std::optional<std::uint64_t> seed;
  double confidence = 0.95;
  bool interrupted = false;
  std::string command;  // the command line that reproduces the report, for its provenance
};

// True for "above"/"below": one scenario against a threshold.
[[nodiscard]] bool is_level_claim(Expectation expectation) noexcept;

// The value the tested estimate must clear: +by_at_least ("higher"), -by_at_least ("lower"),
// or the threshold ("above"/"below").
[[nodiscard]] double claim_boundary(const Claim& claim) noexcept;

// Whether an estimate lies beyond the boundary in the claimed direction (what "the claim holds
// at this point" means in a sweep, where trials per point are few).
[[nodiscard]] bool estimate_holds(Expectation expectation, double boundary, double estimate) noexcept;

// The file with every variant rebuilt from `baseline_document` (for a sweep: the baseline with
// one point's values) by the same changes in the same order. Throws InputError when a rebuilt
// scenario is invalid.
[[nodiscard]] ClaimsFile rebase_claims_file(const ClaimsFile& file, const nlohmann::json& baseline_document);

// The verdict of the rules above for an estimate with interval `interval`.
[[nodiscard]] Verdict decide(Expectation expectation, double boundary, double estimate, const Interval& interval);

// Evaluates every claim of every file. Claim ids must be unique across files (InputError).
[[nodiscard]] ClaimsReport evaluate_claims(const std::vector<ClaimsFile>& files, const ClaimsOptions& options);

}  // namespace parley::claims
