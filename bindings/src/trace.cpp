// parley._core.trace: one trial month by month (sim/trace.h), as the CSV and the JSON
// `parley trace` prints (io/trace_report.h). One trial, well under a second: the GIL is released
// and there is nothing to interrupt. parley._core.traces: many trials of one compiled model (a
// fan of fronts), interruptible, with progress.
#include <pybind11/stl.h>

#include <atomic>
#include <optional>
#include <utility>
#include <vector>

#include "bindings.h"
#include "parley/io/trace_report.h"
#include "parley/sim/model.h"
#include "parley/sim/trace.h"

namespace parley::python {

namespace {

// Every month of every trial is held as text until Python reads it: a flagship trial is about
// 35 kB of CSV, so 2,000 of them about 70 MB. Endings and costs of more trials belong in a run's
// trial records (parley.run(...).trials).
constexpr std::int64_t kMaxTraces = 2'000;

py::tuple trace(const ScenarioHandle& handle, std::int64_t trial, const py::object& seed_arg) {
  IssueCollector issues;
  if (trial < 0) issues.add("trial", "must be a non-negative integer", std::to_string(trial));
  const std::optional<std::uint64_t> seed = read_seed(seed_arg, issues);
  issues.throw_if_any("trace options");
  const Scenario& scenario = *handle.scenario;
  std::string csv, json;
  {
    py::gil_scoped_release release;
    const TrialTrace traced =
        trace_trial(scenario, seed.value_or(scenario.default_seed), static_cast<std::uint64_t>(trial));
    csv = render_trace_report(scenario, traced, ReportFormat::kCsv);
    json = render_trace_report(scenario, traced, ReportFormat::kJson);
  }
  return py::make_tuple(csv, json);
}

// Trials [first, first + count) as (CSV, JSON) pairs; Ctrl-C stops between two trials.
py::list traces(const ScenarioHandle& handle, std::int64_t first, std::int64_t count, const py::object& seed_arg,
                const py::object& progress) {
  IssueCollector issues;
  if (first < 0) issues.add("first", "must be a non-negative integer", std::to_string(first));
  if (count < 1 || count > kMaxTraces)
    issues.add("trials", "must be an integer in [1, " + std::to_string(kMaxTraces) + "]", std::to_string(count));
  const std::optional<std::uint64_t> seed = read_seed(seed_arg, issues);
  check_progress_callable(progress, issues);
  issues.throw_if_any("trace options");
  const Scenario& scenario = *handle.scenario;
  const std::uint64_t used_seed = seed.value_or(scenario.default_seed);
  std::vector<std::pair<std::string, std::string>> rendered(static_cast<std::size_t>(count));
  WorkProgress work_progress;
  std::atomic<bool> cancel{false};
  run_interruptibly(
      [&] {
        const Model model = compile(scenario);
        for (std::int64_t i = 0; i < count && !cancel.load(); ++i) {
          const TrialTrace traced = trace_trial(model, used_seed, static_cast<std::uint64_t>(first + i));
          rendered[static_cast<std::size_t>(i)] = {render_trace_report(scenario, traced, ReportFormat::kCsv),
                                                   render_trace_report(scenario, traced, ReportFormat::kJson)};
          work_progress.report(i + 1, count);
        }
      },
      work_progress, cancel, progress);
  py::list out;
  for (auto& [csv, json] : rendered) out.append(py::make_tuple(std::move(csv), std::move(json)));
  return out;
}

}  // namespace

void init_trace(py::module_& m) {
  m.def("trace", &trace, py::arg("scenario"), py::arg("trial") = 0, py::arg("seed") = py::none(),
        "One trial month by month: (CSV text, JSON text), byte for byte what `parley trace` prints. Use parley.trace.");
  m.def("traces", &traces, py::arg("scenario"), py::arg("first") = 0, py::arg("trials") = 100,
        py::arg("seed") = py::none(), py::arg("progress") = py::none(),
        "Trials first .. first + trials - 1, each as trace's (CSV, JSON) pair, on one compiled model. Use "
        "parley.traces.");
}

}  // namespace parley::python
