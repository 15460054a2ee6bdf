// The compiled module `parley._core`. Users import `parley`, which re-exports what is here.
#include <pybind11/pybind11.h>

#include "bindings.h"

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "Parley's compiled core: scenarios, runs, solves, drafts, sweeps, claims, traces and errors. Import `parley` "
      "instead.";
  m.attr("__version__") = PARLEY_VERSION;
  parley::python::init_errors(m);
  parley::python::init_scenario(m);
  parley::python::init_run(m);
  parley::python::init_solve(m);
  parley::python::init_draft(m);
  parley::python::init_sweep(m);
  parley::python::init_claims(m);
  parley::python::init_trace(m);
}
