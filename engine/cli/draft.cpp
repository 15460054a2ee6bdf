// `parley draft FILE`: the treaty drafts every required party accepts, ranked by a solution
// concept, with counts, article frequencies and (for uncertain scores) acceptance probabilities.
// FILE is a treaty document or a scenario with a "treaty" block (treaty/draft_input.h). A thin
// front over treaty/draft_report.h and io/draft_report.h.
#include <string>

#include "command.h"
#include "parley/io/draft_report.h"
#include "parley/treaty/draft_input.h"

namespace parley::cli {
namespace {

int run_draft(const Arguments& args) {
  const treaty::TreatyDocument document = treaty::load_draft_input(args.positional.at(0));
  treaty::DraftReportOptions options;
  const std::string concept_text = args.get_choice("--concept", {"nash", "egalitarian", "utilitarian"}, "nash");
  options.solution_concept = treaty::parse_concept(concept_text).value_or(treaty::SolutionConcept::kNash);
  if (const auto top = args.get_integer("--top", 1, static_cast<long long>(treaty::kMaxDraftTop)))
    options.top_k = static_cast<std::size_t>(*top);
  const auto trials = args.get_integer("--trials", 0, static_cast<long long>(treaty::kMaxDraftTrials));
  options.trials = trials ? static_cast<std::uint64_t>(*trials) : treaty::default_draft_trials(document.spec);
  if (const auto seed = args.get_seed("--seed")) options.seed = *seed;
  const ReportFormat format = args.get_format(treaty::kDraftReportFormats, ReportFormat::kJson);
  const OutputTarget out = output_target(args, "draft");

  const treaty::DraftReport report = treaty::make_draft_report(document, options);
  emit(treaty::render_draft_report(report, format), out);
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
