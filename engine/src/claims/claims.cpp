#include "parley/claims/claims.h"

#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "parley/core/error.h"
#include "parley/scenario/load.h"

namespace parley::claims {

const char* to_string(Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::kSupported:
      return "supported";
    case Verdict::kContradicted:
      return "contradicted";
    case Verdict::kNotDistinguishable:
      return "not distinguishable";
    case Verdict::kUndefined:
      return "undefined";
  }
  return "?";
}

bool is_level_claim(Expectation expectation) noexcept {
  return expectation == Expectation::kAbove || expectation == Expectation::kBelow;
}

double claim_boundary(const Claim& claim) noexcept {
  switch (claim.expectation) {
    case Expectation::kHigher:
      return claim.by_at_least;
    case Expectation::kLower:
      return -claim.by_at_least;
    case Expectation::kAbove:
    case Expectation::kBelow:
      return claim.threshold;
  }
  return 0.0;
}

bool estimate_holds(Expectation expectation, double boundary, double estimate) noexcept {
  const bool up = expectation == Expectation::kHigher || expectation == Expectation::kAbove;
  return up ? estimate > boundary : estimate < boundary;
}

ClaimsFile rebase_claims_file(const ClaimsFile& file, const nlohmann::json& baseline_document) {
  ClaimsFile rebased = file;
  std::map<std::string, nlohmann::json> documents;
  for (ScenarioVariant& variant : rebased.variants) {
    nlohmann::json document = variant.builds_on.empty() ? baseline_document : documents.at(variant.builds_on);
    for (const VariantChange& change : variant.changes)
      document[nlohmann::json::json_pointer(change.pointer)] = change.value;
    variant.scenario = parse_scenario_json(document, file.source_name + " variant " + variant.id);
    documents.emplace(variant.id, std::move(document));
  }
  return rebased;
}

Verdict decide(Expectation expectation, double boundary, double estimate, const Interval& interval) {
  if (std::isnan(estimate) || std::isnan(interval.lower) || std::isnan(interval.upper)) return Verdict::kUndefined;
  const bool up = expectation == Expectation::kHigher || expectation == Expectation::kAbove;
  if (interval.lower > boundary) return up ? Verdict::kSupported : Verdict::kContradicted;
  if (interval.upper < boundary) return up ? Verdict::kContradicted : Verdict::kSupported;
  return Verdict::kNotDistinguishable;
}

namespace {

// One run of a (baseline, variant) pair serves every claim that compares them.
struct PairKey {
  std::size_t file = 0;
  std::string baseline;
  std::string variant;
  auto operator<=>(const PairKey&) const = default;
};

// The pair a claim compares: a level claim's is its one scenario with itself.
PairKey pair_of(std::size_t file, const Claim& claim) {
  return {file, is_level_claim(claim.expectation) ? claim.variant : claim.baseline, claim.variant};
}

// Claim ids are how claims oppose one another, so they name one claim across the whole run.
void check_unique_claim_ids(const std::vector<ClaimsFile>& files, ClaimsReport& report) {
  IssueCollector issues;
  std::map<std::string, std::string> seen;
  for (const ClaimsFile& file : files) {
    report.files.push_back(file.source_name);
    report.file_hashes.push_back(file.content_hash);
    for (std::size_t c = 0; c < file.claims.size(); ++c) {
      const auto [where, fresh] = seen.emplace(file.claims[c].id, file.source_name);
      if (!fresh)
        issues.add("/claims/" + std::to_string(c) + "/id",
                   "must differ from every claim id in the files evaluated together (also in " + where->second + ")",
                   "\"" + file.claims[c].id + "\"");
    }
    issues.throw_if_any(file.source_name);
  }
}

// The pairs in order of first appearance, each with the metrics its claims need.
struct PairsToCompare {
  std::vector<PairKey> order;
  std::map<PairKey, std::vector<std::string>> metrics;
};

PairsToCompare pairs_to_compare(const std::vector<ClaimsFile>& files) {
  PairsToCompare pairs;
  for (std::size_t f = 0; f < files.size(); ++f)
    for (const Claim& claim : files[f].claims) {
      const PairKey key = pair_of(f, claim);
      auto [entry, fresh] = pairs.metrics.try_emplace(key);
      if (fresh) pairs.order.push_back(key);
      if (std::find(entry->second.begin(), entry->second.end(), claim.metric) == entry->second.end())
        entry->second.push_back(claim.metric);
    }
  return pairs;
}

// Runs pair `p` of `pairs` on common random numbers.
CompareResult compare_pair(const ClaimsFile& file, const PairKey& key, const std::vector<std::string>& metrics,
                           const ClaimsOptions& options, std::size_t p, std::size_t pairs) {
  CompareOptions compare;
  compare.run.trials = options.trials;
  compare.run.seed = options.seed;
  compare.run.threads = options.threads;
  compare.run.cancel = options.cancel;
  if (options.progress)
    compare.run.progress = [&options, p, pairs](std::int64_t done, std::int64_t total) {
      options.progress(p, pairs, done, total);
    };
  compare.confidence = options.confidence;
  // A level claim's pair is one scenario with itself: the same object, so its trials run once.
  const ScenarioVariant& variant = file.variant(key.variant);
  const ScenarioVariant& baseline = key.baseline == key.variant ? variant : file.variant(key.baseline);
  return compare_scenarios(baseline.scenario, variant.scenario, metrics, compare);
}

// The claim's verdict from its pair's comparison; undefined when the pair did not run (an
// interruption came first) or ran no trial.
ClaimResult claim_result(const std::string& file, const Claim& claim, const CompareResult* compared, double z) {
  ClaimResult out;
  out.file = file;
  out.claim = claim;
  if (compared == nullptr || compared->trials == 0) {
    out.comparison.metric = claim.metric;
    out.verdict = Verdict::kUndefined;
    return out;
  }
  out.trials = compared->trials;
  out.cut_short = compared->interrupted;
  for (const PairedComparison& comparison : compared->metrics)
    if (comparison.metric == claim.metric) out.comparison = comparison;
  const Estimate& tested = is_level_claim(claim.expectation) ? out.comparison.variant : out.comparison.difference;
  const double boundary = claim_boundary(claim);
  out.verdict = decide(claim.expectation, boundary, tested.value, tested.interval);
  const double gap = std::fabs(tested.value - boundary);
  if (out.verdict == Verdict::kNotDistinguishable && gap > 0.0 && tested.standard_error > 0.0) {
    const double ratio = z * tested.standard_error / gap;
    out.trials_to_resolve = std::ceil(static_cast<double>(compared->trials) * ratio * ratio);
  }
  return out;
}

}  // namespace

ClaimsReport evaluate_claims(const std::vector<ClaimsFile>& files, const ClaimsOptions& options) {
  ClaimsReport report;
  report.trials = options.trials;
  report.seed = options.seed;
  report.confidence = options.confidence;
  const double z = two_sided_normal_quantile(options.confidence);
  check_unique_claim_ids(files, report);
  const PairsToCompare pairs = pairs_to_compare(files);
  std::map<PairKey, CompareResult> compared;
  for (std::size_t p = 0; p < pairs.order.size() && !report.interrupted; ++p) {
    const PairKey& key = pairs.order[p];
    CompareResult result = compare_pair(files[key.file], key, pairs.metrics.at(key), options, p, pairs.order.size());
    report.interrupted = result.interrupted;
    compared.emplace(key, std::move(result));
  }
  for (std::size_t f = 0; f < files.size(); ++f)
    for (const Claim& claim : files[f].claims) {
      const auto found = compared.find(pair_of(f, claim));
      report.results.push_back(
          claim_result(files[f].source_name, claim, found == compared.end() ? nullptr : &found->second, z));
    }
  return report;
}

}  // namespace parley::claims
