// parley._core.run: a Monte Carlo run (sim/run.h) and, on request, every trial's record
// (sim/trial_records.h), with the report the CLI prints (io/run_report.h).
//
// The engine runs on a worker thread with the GIL released (run_interruptibly, bindings.h), so
// other Python threads (a ThreadPoolExecutor of runs, a Jupyter UI) keep going; the calling
// thread wakes at least every 50 ms to handle signals and after each batch to call the user's
// progress function. Ctrl-C or an exception there sets the engine's cancel flag, read inside
// every trial (sim/trial.h), so the run stops within milliseconds: Ctrl-C keeps the whole
// batches finished before it, any other exception is raised once the engine has stopped. Arrays
// handed to numpy are views of engine-owned buffers kept alive by a capsule: nothing is copied.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <atomic>
#include <optional>

#include "bindings.h"
#include "parley/core/error.h"
#include "parley/io/run_report.h"
#include "parley/sim/run.h"
#include "parley/sim/trial_records.h"

namespace parley::python {

namespace {

// What one call of run() produced; Python's parley.RunResult wraps it.
struct RunOutput {
  std::shared_ptr<const Scenario> scenario;
  RunResult result;
  std::shared_ptr<TrialRecords> records;  // null unless trial records were asked for
  bool stopped_by_keyboard = false;       // Ctrl-C: `result` holds the trials finished before it
};

// A read-only numpy view of `size` elements at `data`, kept alive by `owner`.
template <class T>
py::array read_only_view(const T* data, std::vector<py::ssize_t> shape, const py::capsule& owner) {
  py::array_t<T> view(shape, data, owner);
  view.attr("setflags")(py::arg("write") = false);
  return view;
}

RunOutput run(const ScenarioHandle& handle, std::optional<std::int64_t> trials, const py::object& seed_arg, int threads,
              bool trial_records, py::object progress) {
  const Scenario& scenario = *handle.scenario;
  IssueCollector issues;
  if (trials && (*trials < 1 || *trials > kMaxTrials))
    issues.add("trials", "must be an integer in [1, " + std::to_string(kMaxTrials) + "]", std::to_string(*trials));
  const std::optional<std::uint64_t> seed = read_seed(seed_arg, issues);
  check_threads(threads, issues);
  check_progress_callable(progress, issues);
  issues.throw_if_any("run options");

  RunOptions options;
  options.trials = trials;
  if (seed) options.seed = *seed;
  options.threads = threads;
  const std::int64_t run_trials = options.trials.value_or(scenario.default_trials);
  // Trial records rerun the trials: progress counts both passes.
  const std::int64_t total = trial_records ? 2 * run_trials : run_trials;
  WorkProgress work_progress;
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  std::int64_t offset = 0;  // trials done by the first pass, while the records are drawn
  options.progress = [&](std::int64_t done, std::int64_t) { work_progress.report(offset + done, total); };

  RunOutput output{handle.scenario, {}, nullptr};
  // Ctrl-C keeps what was finished, as the CLI does: the finished trials come back marked
  // interrupted, and parley.run raises parley.RunInterrupted (a KeyboardInterrupt) carrying them.
  output.stopped_by_keyboard = run_interruptibly(
      [&] {
        output.result = run_monte_carlo(scenario, options);
        if (trial_records && !cancel.load()) {
          offset = run_trials;
          output.records = std::make_shared<TrialRecords>(record_trials(scenario, options));
        }
      },
      work_progress, cancel, progress, OnCtrlC::kKeepFinished);
  return output;
}

py::object records_arrays(const RunOutput& output) {
  if (!output.records) return py::none();
  // The capsule holds a reference to the records; the arrays are views into its vectors.
  auto* owner = new std::shared_ptr<TrialRecords>(output.records);
  const py::capsule capsule(owner, [](void* pointer) { delete static_cast<std::shared_ptr<TrialRecords>*>(pointer); });
  const TrialRecords& records = *output.records;
  const auto trials = static_cast<py::ssize_t>(records.trials);
  const auto actors = static_cast<py::ssize_t>(records.actor_count);
  py::dict arrays;
  arrays["outcome"] = read_only_view(records.outcome.data(), {trials}, capsule);
  arrays["end_month"] = read_only_view(records.end_month.data(), {trials}, capsule);
  arrays["cost"] = read_only_view(records.cost.data(), {trials, actors}, capsule);
  return arrays;
}

py::array survival(const RunOutput& output) {
  auto* curve = new std::vector<double>(output.result.summary.survival_curve());
  const py::capsule capsule(curve, [](void* pointer) { delete static_cast<std::vector<double>*>(pointer); });
  return read_only_view(curve->data(), {static_cast<py::ssize_t>(curve->size())}, capsule);
}

}  // namespace

void init_run(py::module_& m) {
  // The shipped scenarios' names, kept for code written before Scenario.outcomes.
  py::list ukraine_war_outcomes;
  for (const auto name : kUkraineWarOutcomeNames) ukraine_war_outcomes.append(std::string(name));
  m.attr("OUTCOMES") = py::tuple(ukraine_war_outcomes);

  py::class_<RunOutput>(m, "RunOutput",
                        "What one Monte Carlo run produced, as the engine holds it. parley.RunResult wraps it.")
      .def_property_readonly(
          "trials", [](const RunOutput& o) { return o.result.summary.trials(); }, "trials finished")
      .def_property_readonly(
          "trials_requested", [](const RunOutput& o) { return o.result.trials_requested; }, "trials asked for")
      .def_property_readonly(
          "seed", [](const RunOutput& o) { return o.result.seed; }, "the master seed used")
      .def_property_readonly(
          "interrupted", [](const RunOutput& o) { return o.result.interrupted; }, "whether the run was cut short")
      .def_property_readonly(
          "stopped_by_keyboard", [](const RunOutput& o) { return o.stopped_by_keyboard; },
          "whether Ctrl-C stopped the run (its finished trials are kept)")
      .def_property_readonly(
          "actor_ids",
          [](const RunOutput& o) {
            std::vector<std::string> ids;
            for (const auto& actor : o.scenario->actors) ids.push_back(actor.id);
            return ids;
          },
          "actor ids in the scenario's order (the columns of the cost records)")
      .def(
          "report", [](const RunOutput& o) { return to_python(run_report_json(*o.scenario, o.result)); },
          "The report as a dict: the same document `parley run` prints as JSON.")
      .def(
          "report_json",
          [](const RunOutput& o, int indent) { return run_report_json(*o.scenario, o.result).dump(indent) + "\n"; },
          py::arg("indent") = 2, "The report as JSON text, byte for byte what `parley run` prints.")
      .def(
          "report_csv", [](const RunOutput& o) { return run_report_csv(*o.scenario, o.result); },
          "The report as CSV (`parley run --format csv`).")
      .def(
          "report_text", [](const RunOutput& o) { return run_report_text(*o.scenario, o.result); },
          "The report as a table for people (`parley run --format summary`).")
      .def("survival", &survival, "Share of trials whose war was still on after each month 0..horizon (numpy).")
      .def("records", &records_arrays,
           "None, or a dict of read-only numpy views: outcome (uint8 codes indexing the scenario's outcomes), "
           "end_month (int32), "
           "cost (float64, trials x actors).");

  m.def("run", &run, py::arg("scenario"), py::arg("trials") = py::none(), py::arg("seed") = py::none(),
        py::arg("threads") = 0, py::arg("trial_records") = false, py::arg("progress") = py::none(),
        "Runs the Monte Carlo with the GIL released. Use parley.run, which returns a parley.RunResult.");
}

}  // namespace parley::python
