#include "parley/treaty/draft_report.h"

#include <algorithm>

namespace parley::treaty {

namespace {

// P(accepted by all) for the ranked drafts and the presets, and the robust list they give.
void add_acceptance(DraftReport& report, const DraftReportOptions& options) {
  const TreatySpec& spec = report.spec;
  std::vector<DraftMask> drafts;
  for (const auto& d : report.ranked) drafts.push_back(d.evaluation.articles);
  for (const auto& d : report.presets) drafts.push_back(d.evaluation.articles);
  const auto estimates =
      acceptance_probabilities(spec, drafts, options.trials, options.seed, {options.cancel, options.trials_progress});
  if (drafts.empty()) return;
  report.interrupted = estimates.empty() || estimates.front().trials < options.trials;
  if (estimates.empty()) return;
  for (std::size_t i = 0; i < report.ranked.size(); ++i) report.ranked[i].acceptance = estimates[i];
  for (std::size_t i = 0; i < report.presets.size(); ++i)
    report.presets[i].acceptance = estimates[report.ranked.size() + i];
  // The robust list: every listed draft once, most likely to be accepted first.
  for (const auto* group : {&report.ranked, &report.presets})
    for (const auto& d : *group) {
      const bool listed = std::any_of(report.robust.begin(), report.robust.end(), [&](const ReportedDraft& r) {
        return r.evaluation.articles == d.evaluation.articles;
      });
      if (!listed) report.robust.push_back(d);
    }
  std::stable_sort(report.robust.begin(), report.robust.end(), [&](const ReportedDraft& a, const ReportedDraft& b) {
    if (a.acceptance->accepted != b.acceptance->accepted) return a.acceptance->accepted > b.acceptance->accepted;
    return ranks_before(options.solution_concept, a.evaluation, b.evaluation);
  });
}

}  // namespace

DraftReport make_draft_report(const TreatyDocument& document, const DraftReportOptions& options) {
  DraftReport report;
  report.name = document.name;
  report.source_path = document.source_path;
  report.content_hash = document.content_hash;
  report.spec = document.spec;
  report.options = options;
  // The report outlives the run: it keeps what it says, not the run's flag and callbacks.
  report.options.cancel = nullptr;
  report.options.search_progress = {};
  report.options.trials_progress = {};
  const TreatySpec& spec = report.spec;

  DraftSearchOptions search_options;
  search_options.solution_concept = options.solution_concept;
  search_options.top_k = options.top_k;
  search_options.seed = options.seed;
  search_options.watch = {options.cancel, options.search_progress};
  report.search = search_drafts(spec, search_options);
  report.interrupted = report.search.interrupted;

  for (std::size_t i = 0; i < report.search.top.size(); ++i)
    report.ranked.push_back({"rank " + std::to_string(i + 1), report.search.top[i], std::nullopt});
  const AcceptanceTable nominal = nominal_table(spec);
  for (const auto& preset : spec.presets)
    report.presets.push_back({preset.name, evaluate_draft(spec, nominal, mask_of(preset.articles)), std::nullopt});

  if (report.search.article_accepted_counts) {
    const auto& counts = *report.search.article_accepted_counts;
    const double total = static_cast<double>(report.search.drafts_accepted.value_or(0));
    for (std::size_t i = 0; i < counts.size(); ++i)
      report.frequency.push_back(
          {static_cast<int>(i), counts[i], total > 0 ? static_cast<double>(counts[i]) / total : 0.0});
    std::stable_sort(
        report.frequency.begin(), report.frequency.end(),
        [](const ArticleFrequency& a, const ArticleFrequency& b) { return a.accepted_drafts > b.accepted_drafts; });
  }

  if (options.trials > 0 && !report.interrupted) add_acceptance(report, options);
  return report;
}

}  // namespace parley::treaty
