#include "parley/claims/claims.h"

#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "parley/core/error.h"
#include "parley/scenario/load.h"

namespace parley::claims {

namespace {

// One run of a (baseline, variant) pair serves every claim that compares them.
struct PairKey {
  std::size_t file = 0;
  std::string baseline;
  std::string variant;
  auto operator<=>(const PairKey&) const = default;
};

}  // namespace

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

ClaimsReport evaluate_claims(const std::vector<ClaimsFile>& files, const ClaimsOptions& options) {
  ClaimsReport report;
  report.trials = options.trials;
  report.seed = options.seed;
  report.confidence = options.confidence;
  const double z = two_sided_normal_quantile(options.confidence);

  // Claim ids are how claims oppose one another, so they name one claim across the whole run.
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

  // The pairs in order of first appearance, each with the metrics its claims need.
  std::vector<PairKey> pairs;
  std::map<PairKey, std::vector<std::string>> pair_metrics;
  for (std::size_t f = 0; f < files.size(); ++f)
    for (const Claim& claim : files[f].claims) {
      const PairKey key{f, is_level_claim(claim.expectation) ? claim.variant : claim.baseline, claim.variant};
      auto [entry, fresh] = pair_metrics.try_emplace(key);
      if (fresh) pairs.push_back(key);
      if (std::find(entry->second.begin(), entry->second.end(), claim.metric) == entry->second.end())
        entry->second.push_back(claim.metric);
    }

  std::map<PairKey, CompareResult> compared;
  for (std::size_t p = 0; p < pairs.size() && !report.interrupted; ++p) {
    const PairKey& key = pairs[p];
    const ClaimsFile& file = files[key.file];
    CompareOptions compare;
    compare.run.trials = options.trials;
    compare.run.seed = options.seed;
    compare.run.threads = options.threads;
    compare.run.cancel = options.cancel;
    if (options.progress)
      compare.run.progress = [&, p](std::int64_t done, std::int64_t total) {
        options.progress(p, pairs.size(), done, total);
      };
    compare.confidence = options.confidence;
    // A level claim's pair is one scenario with itself: the same object, so its trials run once.
    const ScenarioVariant& variant = file.variant(key.variant);
    const ScenarioVariant& baseline = key.baseline == key.variant ? variant : file.variant(key.baseline);
    CompareResult result = compare_scenarios(baseline.scenario, variant.scenario, pair_metrics[key], compare);
    report.interrupted = result.interrupted;
    compared.emplace(key, std::move(result));
  }

  for (std::size_t f = 0; f < files.size(); ++f)
    for (const Claim& claim : files[f].claims) {
      ClaimResult out;
      out.file = files[f].source_name;
      out.claim = claim;
      const PairKey key{f, is_level_claim(claim.expectation) ? claim.variant : claim.baseline, claim.variant};
      const auto found = compared.find(key);
      if (found == compared.end() || found->second.trials == 0) {
        out.comparison.metric = claim.metric;
        out.verdict = Verdict::kUndefined;
        report.results.push_back(std::move(out));
        continue;
      }
      const CompareResult& result = found->second;
      out.trials = result.trials;
      for (const PairedComparison& comparison : result.metrics)
        if (comparison.metric == claim.metric) out.comparison = comparison;
      const Estimate& tested = is_level_claim(claim.expectation) ? out.comparison.variant : out.comparison.difference;
      const double boundary = claim_boundary(claim);
      out.verdict = decide(claim.expectation, boundary, tested.value, tested.interval);
      const double gap = std::fabs(tested.value - boundary);
      if (out.verdict == Verdict::kNotDistinguishable && gap > 0.0 && tested.standard_error > 0.0) {
        const double ratio = z * tested.standard_error / gap;
        out.trials_to_resolve = std::ceil(static_cast<double>(result.trials) * ratio * ratio);
      }
      report.results.push_back(std::move(out));
    }
  return report;
}

}  // namespace parley::claims
