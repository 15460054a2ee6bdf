// parley._core.solve: the bargaining table at month 0 at the scenario's central parameter point
// (bargaining::solve_at_month_zero), with the document `parley solve --format json` prints and
// the table it prints by default (io/solve_report.h). One deterministic solve, well under a
// second: the GIL is released, and there is nothing to interrupt.
#include "bindings.h"
#include "parley/bargaining/table.h"
#include "parley/io/solve_report.h"
#include "parley/sim/model.h"

namespace parley::python {

namespace {

// What one call of solve() produced; Python's parley.SolveResult wraps it.
struct SolveOutput {
  std::shared_ptr<const Scenario> scenario;
  bargaining::SolveReport report;
};

SolveOutput solve(const ScenarioHandle& handle) {
  SolveOutput output{handle.scenario, {}};
  py::gil_scoped_release release;
  output.report = bargaining::solve_at_month_zero(with_solved_expectations(*handle.scenario));
  return output;
}

}  // namespace

void init_solve(py::module_& m) {
  py::class_<SolveOutput>(m, "SolveOutput",
                          "The bargaining table at month 0, as the engine holds it. parley.SolveResult wraps it.")
      .def(
          "report", [](const SolveOutput& o) { return to_python(solve_report_json(*o.scenario, o.report)); },
          "The answer as a dict: the same document `parley solve --format json` prints.")
      .def(
          "report_json",
          [](const SolveOutput& o, int indent) { return solve_report_json(*o.scenario, o.report).dump(indent) + "\n"; },
          py::arg("indent") = 2, "The answer as JSON text, byte for byte what `parley solve --format json` prints.")
      .def(
          "report_text", [](const SolveOutput& o) { return solve_report_text(*o.scenario, o.report); },
          "The answer as a table for people (`parley solve`).");

  m.def("solve", &solve, py::arg("scenario"),
        "Solves the table at month 0 with the GIL released. Use parley.solve, which returns a parley.SolveResult.");
}

}  // namespace parley::python
