// parley._core.claims: the claims of claims files tested on common random numbers
// (claims/claims.h), with the JSON, CSV and markdown `parley claims` writes (io/claims_report.h).
//
// Each claims file comes from a path (load_claims_file: its "baseline" relative to the file) or
// from a dict (parse_claims_json: its "baseline" relative to the working directory, as a sweep
// given as a dict reads its "scenario"). The engine runs on a worker thread (run_interruptibly):
// progress is reported per batch of trial pairs; Ctrl-C or an exception from the progress
// function sets the engine's cancel flag, read inside every trial, and is raised once the engine
// has stopped.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>

#include "bindings.h"
#include "parley/claims/claims.h"
#include "parley/io/claims_report.h"
#include "parley/sim/run.h"

namespace parley::python {

namespace {

// What one call of claims() produced, every claim evaluated; Python's parley.ClaimsResult wraps it.
struct ClaimsOutput {
  std::vector<claims::ClaimsFile> files;
  claims::ClaimsReport report;
};

claims::ClaimsOptions claims_options(std::size_t sources, std::optional<std::int64_t> trials,
                                     const py::object& seed_arg, double confidence, int threads,
                                     const py::object& progress) {
  IssueCollector issues;
  if (sources == 0) issues.add("files", "must name at least one claims file (a path or a dict)");
  if (trials && (*trials < 1 || *trials > kMaxTrials))
    issues.add("trials", "must be None or an integer in [1, " + std::to_string(kMaxTrials) + "]",
               std::to_string(*trials));
  const std::optional<std::uint64_t> seed = read_seed(seed_arg, issues);
  if (!(confidence > 0.0 && confidence < 1.0))
    issues.add("confidence", "must be a number in (0, 1), e.g. 0.95",
               py::repr(py::float_(confidence)).cast<std::string>());
  check_threads(threads, issues);
  check_progress_callable(progress, issues);
  issues.throw_if_any("claims options");
  claims::ClaimsOptions options;
  options.trials = trials;
  if (seed) options.seed = *seed;
  options.confidence = confidence;
  options.threads = threads;
  return options;
}

// A dict is named "<dict>" when it is the only file, else "<dict N>" by its place in the list,
// so that the report's "file" fields tell dicts apart.
claims::ClaimsFile read_claims_file(const py::handle& source, std::size_t index, std::size_t count) {
  if (py::isinstance<py::str>(source) || py::hasattr(source, "__fspath__")) {
    const auto path = source.cast<std::filesystem::path>();
    py::gil_scoped_release release;
    return claims::load_claims_file(path.string());
  }
  if (py::isinstance(source, py::module_::import("collections.abc").attr("Mapping"))) {
    const nlohmann::json parsed = nlohmann::json::parse(dumps(py::dict(py::reinterpret_borrow<py::object>(source))));
    const std::string name = count == 1 ? "<dict>" : "<dict " + std::to_string(index) + ">";
    py::gil_scoped_release release;
    return claims::parse_claims_json(parsed, name, std::string());
  }
  throw py::type_error("claims: expected paths or dicts, not " +
                       py::type::of(source).attr("__name__").cast<std::string>());
}

ClaimsOutput evaluate(const py::list& sources, std::optional<std::int64_t> trials, const py::object& seed,
                      double confidence, int threads, const py::object& progress, const std::string& command) {
  claims::ClaimsOptions options = claims_options(sources.size(), trials, seed, confidence, threads, progress);
  ClaimsOutput output;
  for (std::size_t i = 0; i < sources.size(); ++i)
    output.files.push_back(read_claims_file(sources[i], i, sources.size()));
  {
    py::gil_scoped_release release;
    claims::check_opposed_claims(output.files);
  }

  WorkProgress work_progress;
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  // Trials done over every pair: the pairs before the current one as they ran, the current one
  // and those after it at the current pair's count (pairs of different files may differ).
  std::int64_t finished_trials = 0;
  std::size_t current_pair = 0;
  std::int64_t current_total = 0;
  options.progress = [&](std::size_t pair, std::size_t pairs, std::int64_t done, std::int64_t total) {
    if (pair != current_pair) {
      finished_trials += current_total;
      current_pair = pair;
    }
    current_total = total;
    work_progress.report(finished_trials + done, finished_trials + static_cast<std::int64_t>(pairs - pair) * total);
  };
  run_interruptibly([&] { output.report = claims::evaluate_claims(output.files, options); }, work_progress, cancel,
                    progress);
  // Only a cancel leaves claims unevaluated, and a cancel always comes with the Python
  // exception run_interruptibly raised above.
  if (output.report.interrupted) throw Error("claims stopped before every claim had been evaluated");
  output.report.command = command;
  return output;
}

}  // namespace

void init_claims(py::module_& m) {
  py::class_<ClaimsOutput>(m, "ClaimsOutput",
                           "Every claim tested, as the engine holds the report. parley.ClaimsResult wraps it.")
      .def(
          "report", [](const ClaimsOutput& o) { return to_python(claims::claims_report_json(o.report)); },
          "The report as a dict: the same document `parley claims` prints as JSON.")
      .def(
          "report_json",
          [](const ClaimsOutput& o, int indent) { return claims::claims_report_json(o.report).dump(indent) + "\n"; },
          py::arg("indent") = 2, "The report as JSON text, as `parley claims` prints it.")
      .def(
          "report_csv", [](const ClaimsOutput& o) { return claims::claims_report_csv(o.report); },
          "The report as CSV (`parley claims --format csv`): one row per claim.")
      .def(
          "report_markdown", [](const ClaimsOutput& o) { return claims::claims_report_markdown(o.report, o.files); },
          "The report as markdown (`parley claims --format markdown`).");

  m.def("claims", &evaluate, py::arg("files"), py::arg("trials") = py::none(), py::arg("seed") = py::none(),
        py::arg("confidence") = claims::ClaimsOptions{}.confidence, py::arg("threads") = 0,
        py::arg("progress") = py::none(), py::arg("command") = "",
        "Tests the claims of claims files (paths or dicts) on a worker thread. Use parley.claims, which returns a "
        "parley.ClaimsResult.");
}

}  // namespace parley::python
