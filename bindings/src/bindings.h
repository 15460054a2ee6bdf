// Shared pieces of the Python module `parley._core`: the objects that cross module files and
// the JSON bridge between nlohmann::json and Python.
//
// Where it sits: a thin front over the engine library, like the CLI. Each file in bindings/src
// binds one engine module with an init_<module>(m) function called from module.cpp; the pure
// Python package bindings/python/parley re-exports them. Nothing here computes anything the
// engine does not: results come from the same functions the CLI calls (io/run_report.h), so a
// Python run and `parley run` give the same report for the same (scenario, seed, trials).
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "parley/scenario/scenario.h"

namespace parley::python {

namespace py = pybind11;

// A validated scenario with the JSON document it was read from, so that Python can show it,
// edit it (Scenario.with_changes) and read it again. Both parts are immutable and shared.
struct ScenarioHandle {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const nlohmann::json> source;
};

// nlohmann::json -> Python objects (dict, list, str, int, float, bool, None) through the json module,
// whose float parsing round-trips nlohmann's shortest representation exactly.
[[nodiscard]] py::object to_python(const nlohmann::json& value);

// Python object -> JSON text with json.dumps; numpy scalars are converted with .item().
[[nodiscard]] std::string dumps(py::handle value);

void init_errors(py::module_& m);
void init_scenario(py::module_& m);
void init_run(py::module_& m);

}  // namespace parley::python
