// C++ errors -> Python exceptions.
//
//   parley::InputError -> parley.ScenarioError, a ValueError carrying `.issues` (one Issue per
//                         problem: pointer, rule, value, hint) and `.source`
//   parley::FileError  -> parley.MissingFileError (a FileNotFoundError) for a file that does not
//                         exist, parley.FileError (an OSError) for any other file that cannot be
//                         read or written; both carry `.errno`, `.strerror` and `.filename`
//   parley::Error      -> parley.ParleyError, a RuntimeError
//
// Every one of them derives from ParleyError, so `except parley.ParleyError` catches all; the
// file errors are also what Python's own open() would raise, so `except FileNotFoundError` and
// `except OSError` work as a Python user expects.
#include <pybind11/stl.h>

#include <cerrno>
#include <cstring>

#include "bindings.h"
#include "parley/core/error.h"

namespace parley::python {

namespace {

PyObject* parley_error_type = nullptr;
PyObject* scenario_error_type = nullptr;
PyObject* file_error_type = nullptr;
PyObject* missing_file_error_type = nullptr;

py::object make_exception_type(const char* name, const char* doc, py::handle bases) {
  PyObject* type = PyErr_NewExceptionWithDoc(name, doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(type);
}

}  // namespace

void init_errors(py::module_& m) {
  py::class_<InputIssue>(m, "Issue", "One problem in a user's input, located by a JSON pointer (RFC 6901).")
      .def(py::init([](std::string pointer, std::string rule, std::string value, std::string hint) {
             return InputIssue{std::move(pointer), std::move(rule), std::move(value), std::move(hint)};
           }),
           py::arg("pointer"), py::arg("rule"), py::arg("value") = "", py::arg("hint") = "")
      .def_readonly("pointer", &InputIssue::pointer,
                    "JSON pointer to the offending value, e.g. '/battlefield/initial_front_share'; '' is the document")
      .def_readonly("rule", &InputIssue::rule, "what the value must satisfy, e.g. 'must lie in [0, 1]'")
      .def_readonly("value", &InputIssue::value, "the offending value as compact JSON; may be empty")
      .def_readonly("hint", &InputIssue::hint, "a did-you-mean hint for unknown keys and names; may be empty")
      .def_property_readonly("message", &InputIssue::message, "'At /path of value - rule (hint)'")
      .def("__eq__",
           [](const InputIssue& a, const InputIssue& b) {
             return a.pointer == b.pointer && a.rule == b.rule && a.value == b.value && a.hint == b.hint;
           })
      .def("__hash__", [](const InputIssue& issue) { return py::hash(py::str(issue.message())); })
      .def("__repr__", [](const InputIssue& issue) {
        return "Issue(pointer=" + py::repr(py::str(issue.pointer)).cast<std::string>() +
               ", rule=" + py::repr(py::str(issue.rule)).cast<std::string>() +
               ", value=" + py::repr(py::str(issue.value)).cast<std::string>() +
               ", hint=" + py::repr(py::str(issue.hint)).cast<std::string>() + ")";
      });

  const py::object parley_error =
      make_exception_type("parley.ParleyError", "An error Parley raises on purpose (a C++ parley::Error).",
                          py::make_tuple(py::handle(PyExc_RuntimeError)));
  const py::object scenario_error = make_exception_type(
      "parley.ScenarioError",
      "Invalid input: a scenario, an edit or a run option. `.issues` lists every problem (Issue objects with "
      "pointer, rule, value, hint); `.source` names the input.",
      py::make_tuple(parley_error, py::handle(PyExc_ValueError)));
  // OSError comes first among the bases, so that (errno, strerror, filename) fill its fields.
  const py::object file_error = make_exception_type(
      "parley.FileError", "A file could not be read or written: `.errno`, `.strerror` and `.filename` say why.",
      py::make_tuple(py::handle(PyExc_OSError), parley_error));
  const py::object missing_file_error =
      make_exception_type("parley.MissingFileError", "A file Parley was asked to read does not exist.",
                          py::make_tuple(py::handle(PyExc_FileNotFoundError), file_error));
  m.attr("ParleyError") = parley_error;
  m.attr("ScenarioError") = scenario_error;
  m.attr("FileError") = file_error;
  m.attr("MissingFileError") = missing_file_error;

  // The translator is a plain function; it reads the types from these, which hold a reference
  // for the life of the process (exception types are never unloaded).
  parley_error_type = parley_error.inc_ref().ptr();
  scenario_error_type = scenario_error.inc_ref().ptr();
  file_error_type = file_error.inc_ref().ptr();
  missing_file_error_type = missing_file_error.inc_ref().ptr();
  py::register_exception_translator([](std::exception_ptr error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const InputError& input) {
      py::object exception = py::reinterpret_borrow<py::object>(scenario_error_type)(input.what());
      exception.attr("issues") = py::cast(input.issues());
      exception.attr("source") = input.source();
      PyErr_SetObject(scenario_error_type, exception.ptr());
    } catch (const FileError& file) {
      PyObject* type = file.error_number() == ENOENT ? missing_file_error_type : file_error_type;
      const py::object exception = py::reinterpret_borrow<py::object>(type)(
          file.error_number(), std::string(std::strerror(file.error_number())), file.path());
      PyErr_SetObject(type, exception.ptr());
    } catch (const Error& other) {
      PyErr_SetString(parley_error_type, other.what());
    }
  });
}

}  // namespace parley::python
