// parley._core.draft: the treaty drafts every required party accepts, ranked by a solution
// concept (treaty/draft_report.h), with the JSON, CSV and markdown `parley draft` writes
// (io/draft_report.h).
//
// The document (a treaty document or a scenario with a "treaty" block) is read by the engine's
// loader (treaty/draft_input.h), from a file or a dict, so Python sees the CLI's validation,
// content hash and war-value reservations. The search and the acceptance Monte Carlo run with the GIL
// released, on a worker thread that Ctrl-C stops within milliseconds (KeyboardInterrupt), as
// run() and claims() do.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <filesystem>
#include <optional>

#include "bindings.h"
#include "parley/core/text.h"
#include "parley/io/draft_report.h"
#include "parley/treaty/draft_input.h"

namespace parley::python {

namespace {

// What one call of draft() produced; Python's parley.DraftResult wraps it.
struct DraftOutput {
  treaty::DraftReport report;
};

treaty::TreatyDocument read_document(const py::object& document) {
  if (py::isinstance<py::str>(document) || py::hasattr(document, "__fspath__")) {
    const auto path = document.cast<std::filesystem::path>();
    py::gil_scoped_release release;
    return treaty::load_draft_input(path.string());
  }
  if (py::isinstance(document, py::module_::import("collections.abc").attr("Mapping"))) {
    const nlohmann::json parsed = nlohmann::json::parse(dumps(py::dict(document)));
    py::gil_scoped_release release;
    return treaty::read_draft_input(parsed, "<dict>");
  }
  throw py::type_error("draft: expected a path or a dict, not " +
                       py::type::of(document).attr("__name__").cast<std::string>());
}

DraftOutput draft(const py::object& document, const std::string& concept_name, std::int64_t top,
                  std::optional<std::int64_t> trials, const py::object& seed_arg) {
  IssueCollector issues;
  const auto solution_concept = solution_concept_named(concept_name, ConceptUse::kDrafting);
  if (!solution_concept)
    issues.add("concept", "must be one of " + joined(solution_concept_names(ConceptUse::kDrafting)), concept_name);
  if (top < 1 || static_cast<std::uint64_t>(top) > treaty::kMaxDraftTop)
    issues.add("top", "must be an integer in [1, " + std::to_string(treaty::kMaxDraftTop) + "]", std::to_string(top));
  if (trials && (*trials < 0 || static_cast<std::uint64_t>(*trials) > treaty::kMaxDraftTrials))
    issues.add("trials", "must be None or an integer in [0, " + std::to_string(treaty::kMaxDraftTrials) + "]",
               std::to_string(*trials));
  // None keeps the drafting default, as None keeps a scenario's own seed elsewhere.
  const std::optional<std::uint64_t> seed = read_seed(seed_arg, issues);
  issues.throw_if_any("draft options");

  const treaty::TreatyDocument parsed = read_document(document);
  treaty::DraftReportOptions options;
  options.solution_concept = solution_concept.value_or(SolutionConcept::kNash);
  options.top_k = static_cast<std::size_t>(top);
  options.trials = trials ? static_cast<std::uint64_t>(*trials) : treaty::default_draft_trials(parsed.spec);
  if (seed) options.seed = *seed;
  DraftOutput output;
  WorkProgress work_progress;
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  options.search_progress = [&](std::uint64_t done, std::uint64_t total) {
    work_progress.report(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
  };
  options.trials_progress = options.search_progress;
  run_interruptibly([&] { output.report = treaty::make_draft_report(parsed, options); }, work_progress, cancel,
                    py::none());
  return output;
}

}  // namespace

void init_draft(py::module_& m) {
  py::class_<DraftOutput>(m, "DraftOutput",
                          "The ranked treaty drafts, as the engine holds them. parley.DraftResult wraps it.")
      .def_property_readonly(
          "actors", [](const DraftOutput& o) { return o.report.spec.actors; }, "actor ids in the document's order")
      .def_property_readonly(
          "value_name",
          [](const DraftOutput& o) {
            return o.report.spec.rule == treaty::AggregationRule::kAverage ? "satisfaction" : "utility";
          },
          "'satisfaction' (average rule, 0-10) or 'utility' (additive rule): what each actor's value is")
      .def(
          "report_json", [](const DraftOutput& o) { return treaty::draft_report_json(o.report); },
          "The report as JSON text, byte for byte what `parley draft` prints.")
      .def(
          "report_csv", [](const DraftOutput& o) { return treaty::draft_report_csv(o.report); },
          "The report as CSV (`parley draft --format csv`).")
      .def(
          "report_markdown", [](const DraftOutput& o) { return treaty::draft_report_markdown(o.report); },
          "The report as markdown (`parley draft --format markdown`).");

  m.def("draft", &draft, py::arg("document"), py::arg("concept") = "nash",
        py::arg("top") = treaty::DraftReportOptions{}.top_k, py::arg("trials") = py::none(),
        py::arg("seed") = treaty::DraftReportOptions{}.seed,
        "Ranks the acceptable drafts with the GIL released. Use parley.draft, which returns a parley.DraftResult.");
}

}  // namespace parley::python
