// parley._core.sweep: a sweep run in-process (sweep/sweep_run.h): every point of the design, the
// tidy points table and the summary with Sobol' indices that `parley sweep` writes to
// points.csv and summary.json. Nothing is checkpointed: a Python sweep is one call.
//
// The sweep comes from a file (load_sweep_file, its scenario path relative to the file) or from
// a dict, whose scenario is either named in it (relative to the working directory) or given as
// a parley.Scenario (parse_sweep_json with the scenario's document). The engine runs on a worker
// thread (run_interruptibly): progress is reported per finished point; Ctrl-C and an exception
// from the progress function set the engine's cancel flag, read inside every trial, and the
// exception is raised once the engine has stopped.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>

#include "bindings.h"
#include "parley/io/sweep_report.h"
#include "parley/sweep/sweep_file.h"
#include "parley/sweep/sweep_run.h"

namespace parley::python {

namespace {

// What one call of sweep() produced, every point finished; Python's parley.SweepResult wraps it.
struct SweepOutput {
  SweepSpec spec;
  SweepPlan plan;
  SweepResults results;
};

SweepOptions sweep_options(int threads, const std::string& schedule, const py::object& progress) {
  IssueCollector issues;
  check_threads(threads, issues);
  if (schedule != "auto" && schedule != "points" && schedule != "trials")
    issues.add("schedule", "must be one of auto, points, trials", schedule);
  check_progress_callable(progress, issues);
  issues.throw_if_any("sweep options");
  SweepOptions options;
  options.threads = threads;
  options.schedule = schedule == "points"   ? SweepSchedule::kPointsInParallel
                     : schedule == "trials" ? SweepSchedule::kTrialsInParallel
                                            : SweepSchedule::kAuto;
  return options;
}

SweepOutput run_sweep(SweepSpec spec, SweepOptions options, const py::object& progress) {
  SweepOutput output{std::move(spec), {}, {}};
  WorkProgress work_progress;
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  options.progress = [&work_progress](std::int64_t done, std::int64_t total) { work_progress.report(done, total); };
  bool complete = false;
  run_interruptibly(
      [&] {
        output.plan = make_sweep_plan(output.spec);
        complete = run_sweep_points(output.spec, output.plan, options, output.results, {});
      },
      work_progress, cancel, progress);
  // Only a cancel leaves points unrun, and a cancel always comes with the Python exception
  // run_interruptibly raised above.
  if (!complete) throw Error("sweep stopped before every point had run");
  return output;
}

SweepOutput sweep_file(const std::filesystem::path& path, int threads, const std::string& schedule,
                       const py::object& progress) {
  SweepOptions options = sweep_options(threads, schedule, progress);
  SweepSpec spec;
  {
    py::gil_scoped_release release;
    spec = load_sweep_file(path.string());
  }
  return run_sweep(std::move(spec), std::move(options), progress);
}

SweepSpec parse_document(const py::object& document, const std::optional<ScenarioHandle>& scenario,
                         const std::string& source_name) {
  const nlohmann::json doc = nlohmann::json::parse(dumps(py::dict(document)));
  py::gil_scoped_release release;
  if (!scenario) return parse_sweep_json(doc, source_name, std::string());
  const Scenario& given = *scenario->scenario;
  const std::string scenario_name = given.source_path.empty() ? given.name : given.source_path;
  return parse_sweep_json(doc, source_name, *scenario->source, scenario_name);
}

SweepOutput sweep_document(const py::object& document, const std::optional<ScenarioHandle>& scenario,
                           const std::string& source_name, int threads, const std::string& schedule,
                           const py::object& progress) {
  SweepOptions options = sweep_options(threads, schedule, progress);
  return run_sweep(parse_document(document, scenario, source_name), std::move(options), progress);
}

py::array_t<double> point_values(const SweepOutput& o) {
  const auto rows = static_cast<py::ssize_t>(o.plan.values.rows());
  const auto cols = static_cast<py::ssize_t>(o.plan.values.cols());
  py::array_t<double> values({rows, cols});
  auto out = values.mutable_unchecked<2>();
  for (py::ssize_t i = 0; i < rows; ++i)
    for (py::ssize_t j = 0; j < cols; ++j) out(i, j) = o.plan.values(i, j);
  return values;
}

py::array_t<double> point_metrics(const SweepOutput& o) {
  const auto rows = static_cast<py::ssize_t>(o.results.size());
  const auto cols = static_cast<py::ssize_t>(o.spec.metrics.size() * kValuesPerMetric);
  py::array_t<double> metrics({rows, cols});
  auto out = metrics.mutable_unchecked<2>();
  for (py::ssize_t i = 0; i < rows; ++i)
    for (py::ssize_t j = 0; j < cols; ++j)
      out(i, j) = o.results[static_cast<std::size_t>(i)]->metrics[static_cast<std::size_t>(j)];
  return metrics;
}

}  // namespace

void init_sweep(py::module_& m) {
  py::class_<SweepOutput>(m, "SweepOutput", "A finished sweep, as the engine holds it. parley.SweepResult wraps it.")
      .def_property_readonly(
          "pointers",
          [](const SweepOutput& o) {
            std::vector<std::string> pointers;
            for (const auto& parameter : o.spec.parameters) pointers.push_back(parameter.pointer);
            return pointers;
          },
          "the swept scenario pointers, in the order of the value columns")
      .def_property_readonly(
          "metrics", [](const SweepOutput& o) { return o.spec.metrics; }, "the metric names, in output order")
      .def("values", &point_values, "The swept values: a points x parameters float64 array (a copy).")
      .def("metric_values", &point_metrics,
           "Each point's metrics: a points x (3 x metrics) float64 array, each metric's estimate then its 95% "
           "interval, NaN where undefined (a copy).")
      .def(
          "summary", [](const SweepOutput& o) { return to_python(sweep_summary_json(o.spec, o.plan, o.results)); },
          "The summary as a dict: the same document `parley sweep` writes to summary.json.")
      .def(
          "summary_json",
          [](const SweepOutput& o, int indent) {
            return sweep_summary_json(o.spec, o.plan, o.results).dump(indent) + "\n";
          },
          py::arg("indent") = 2, "The summary as JSON text, byte for byte what `parley sweep` writes to summary.json.")
      .def(
          "points_csv", [](const SweepOutput& o) { return sweep_points_csv(o.spec, o.plan, o.results); },
          "The tidy table as CSV, byte for byte what `parley sweep` writes to points.csv.");

  m.def("sweep_file", &sweep_file, py::arg("path"), py::arg("threads") = 0, py::arg("schedule") = "auto",
        py::arg("progress") = py::none(),
        "Runs a sweep file on a worker thread. Use parley.sweep, which returns a parley.SweepResult.");
  m.def("sweep_document", &sweep_document, py::arg("document"), py::arg("scenario") = py::none(),
        py::arg("source_name") = "<dict>", py::arg("threads") = 0, py::arg("schedule") = "auto",
        py::arg("progress") = py::none(),
        "Runs a sweep given as a dict, its scenario named in it or given, on a worker thread. Use parley.sweep.");
}

}  // namespace parley::python
