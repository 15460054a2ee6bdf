// parley._core.trace: one trial month by month (sim/trace.h), as the CSV and the JSON
// `parley trace` prints (io/trace_report.h). One trial, well under a second: the GIL is released
// and there is nothing to interrupt.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.h"
#include "parley/io/trace_report.h"
#include "parley/sim/trace.h"

namespace parley::python {

namespace {

py::tuple trace(const ScenarioHandle& handle, std::int64_t trial, std::optional<std::int64_t> seed) {
  IssueCollector issues;
  if (trial < 0) issues.add("trial", "must be a non-negative integer", std::to_string(trial));
  if (seed && *seed < 0) issues.add("seed", "must be a non-negative integer", std::to_string(*seed));
  issues.throw_if_any("trace options");
  const Scenario& scenario = *handle.scenario;
  std::string csv, json;
  {
    py::gil_scoped_release release;
    const TrialTrace traced = trace_trial(scenario, seed ? static_cast<std::uint64_t>(*seed) : scenario.default_seed,
                                          static_cast<std::uint64_t>(trial));
    csv = render_trace_report(scenario, traced, ReportFormat::kCsv);
    json = render_trace_report(scenario, traced, ReportFormat::kJson);
  }
  return py::make_tuple(csv, json);
}

}  // namespace

void init_trace(py::module_& m) {
  m.def("trace", &trace, py::arg("scenario"), py::arg("trial") = 0, py::arg("seed") = py::none(),
        "One trial month by month: (CSV text, JSON text), byte for byte what `parley trace` prints. Use parley.trace.");
}

}  // namespace parley::python
