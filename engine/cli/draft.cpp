// `parley draft FILE`: the treaty drafts every required party accepts, ranked by a solution
// concept, with counts, article frequencies and (for uncertain scores) acceptance probabilities.
// FILE is a treaty document or a scenario with a "treaty" block (treaty/draft_input.h). A thin
// front over treaty/draft_report.h and io/draft_report.h.
#include <cstdint>
#include <iostream>
#include <string>

#include "command.h"
#include "interrupt.h"
#include "parley/io/draft_report.h"
#include "parley/treaty/draft_input.h"

namespace parley::cli {
namespace {

// "1234 drafts evaluated, 800 of 2000 acceptance trials".
std::string finished_part(const treaty::DraftReport& report) {
  std::string text = std::to_string(report.search.drafts_evaluated) + " drafts evaluated";
  if (!report.ranked.empty() && report.ranked.front().acceptance)
    text += ", " + std::to_string(report.ranked.front().acceptance->trials) + " of " +
            std::to_string(report.options.trials) + " acceptance trials";
  return text;
}

int run_draft(const Arguments& args) {
  const treaty::TreatyDocument document = treaty::load_draft_input(args.positional.at(0));
  treaty::DraftReportOptions options;
  const std::string concept_text = args.get_choice("--concept", solution_concept_names(ConceptUse::kDrafting), "nash");
  options.solution_concept =
      solution_concept_named(concept_text, ConceptUse::kDrafting).value_or(SolutionConcept::kNash);
  if (const auto top = args.get_integer("--top", 1, static_cast<long long>(treaty::kMaxDraftTop)))
    options.top_k = static_cast<std::size_t>(*top);
  const auto trials = args.get_integer("--trials", 0, static_cast<long long>(treaty::kMaxDraftTrials));
  options.trials = trials ? static_cast<std::uint64_t>(*trials) : treaty::default_draft_trials(document.spec);
  if (const auto seed = args.get_seed("--seed")) options.seed = *seed;
  const ReportFormat format = args.get_format(treaty::kDraftReportFormats, ReportFormat::kJson);
  const OutputTarget out = output_target(args, "draft");

  // Like run, sweep and claims: progress on a terminal, and Ctrl-C reports what finished.
  const InterruptGuard interrupt;
  options.cancel = &interrupt.flag();
  ProgressLine searched("drafts");
  ProgressLine trials_done("acceptance trials");
  options.search_progress = [&](std::uint64_t done, std::uint64_t total) {
    searched.update(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
  };
  options.trials_progress = [&](std::uint64_t done, std::uint64_t total) {
    searched.finish();
    trials_done.update(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
  };
  const treaty::DraftReport report = treaty::make_draft_report(document, options);
  searched.finish();
  trials_done.finish();

  emit(treaty::render_draft_report(report, format), out);
  if (report.interrupted) {
    std::cerr << "parley draft: interrupted; the report holds what finished: " << finished_part(report) << "\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

const bool registered = register_command(Command{
    "draft", "rank the treaty drafts (sets of articles) that every required party accepts",
    "FILE [--format json|csv|markdown] [--top K] [--trials N] [--seed S] [--concept C] [--out PATH [--force]]",
    with_output_options({{"--format", true, "F  json (default), csv, or markdown"},
                         {"--top", true, "K  number of ranked drafts to report (default 10)"},
                         {"--trials", true,
                          "N  Monte Carlo trials for P(accepted by all) (default 2000 with uncertain scores, else 0)"},
                         {"--seed", true, "S  master seed of the Monte Carlo and the heuristic search (default 1)"},
                         {"--concept", true, "C  the ranking: nash (default), egalitarian, or utilitarian"}},
                        OutputAlias::kDeprecatedOutput),
    1, 1, run_draft});

}  // namespace
}  // namespace parley::cli
