// The result of `parley draft`: the ranked acceptable drafts, the counts, the articles most
// often found in acceptable drafts, the presets, and (with uncertain scores) each draft's
// probability of acceptance by all.
//
// Where it sits: TreatyDocument (treaty/treaty_spec.h) -> make_draft_report() runs the search
// (treaty/draft_search.h) and the Monte Carlo (treaty/draft_robustness.h) -> the JSON, CSV and
// markdown writers (io/draft_report.h) -> the CLI's emit(). The report keeps what its provenance
// needs: source file, content hash (fnv1a64 of the document's dump()), options and search method.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parley/treaty/draft_robustness.h"
#include "parley/treaty/draft_search.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::treaty {

// Limits on the options, shared by the CLI and the Python bindings.
inline constexpr std::size_t kMaxDraftTop = 100000;
inline constexpr std::uint64_t kMaxDraftTrials = 100000000;

// Trials for P(accepted by all) when none are asked for: with uncertain scores, enough for a
// Wilson half-width of about 0.02 at p = 0.5 in well under a second; with numbers only, none.
inline constexpr std::uint64_t kDefaultUncertainDraftTrials = 2000;
[[nodiscard]] inline std::uint64_t default_draft_trials(const TreatySpec& spec) {
  return spec.has_uncertainty() ? kDefaultUncertainDraftTrials : 0;
}

struct DraftReportOptions {
  SolutionConcept solution_concept = SolutionConcept::kNash;
  std::size_t top_k = 10;
  std::uint64_t trials = 0;  // 0: no Monte Carlo (the right choice when every score is a number)
  std::uint64_t seed = 1;
  // Set: the search or the Monte Carlo stops and the report holds what finished (interrupted).
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(std::uint64_t, std::uint64_t)> search_progress;  // DraftSearchOptions::watch
  std::function<void(std::uint64_t, std::uint64_t)> trials_progress;  // acceptance trials done
};

// A draft the report lists: a ranked one or a preset.
struct ReportedDraft {
  std::string label;                             // "rank 3" or the preset's name
  DraftEvaluation evaluation;                    // on nominal values (means)
  std::optional<AcceptanceEstimate> acceptance;  // with trials > 0
};

struct ArticleFrequency {
  int article = 0;  // position in the spec
  std::uint64_t accepted_drafts = 0;
  double share = 0.0;  // of all acceptable drafts
};

struct DraftReport {
  std::string name;
  std::string source_path;
  std::uint64_t content_hash = 0;
  TreatySpec spec;
  DraftReportOptions options;
  DraftSearchResult search;
  std::vector<ReportedDraft> ranked;        // best first
  std::vector<ReportedDraft> presets;       // in the document's order
  std::vector<ArticleFrequency> frequency;  // exact search: most frequent first
  std::vector<ReportedDraft> robust;        // trials > 0: ranked drafts and presets by P(accepted by all)
  // Stopped by options.cancel: the search's counts and ranks cover the drafts it evaluated, the
  // acceptance estimates the trials that finished (none when the search itself was stopped).
  bool interrupted = false;
};

[[nodiscard]] DraftReport make_draft_report(const TreatyDocument& document, const DraftReportOptions& options);

}  // namespace parley::treaty
