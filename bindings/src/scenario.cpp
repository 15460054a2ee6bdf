// parley.Scenario: load a scenario from a file, a JSON string or a Python dict; read its
// header, actors, issues and uncertain parameters; derive variants by JSON-pointer edits.
//
// Every way in goes through the engine's loader (scenario/load.h), so Python sees exactly the
// validation, errors and content hash that `parley validate` and `parley run` do.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include "bindings.h"
#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/input/json_reader.h"
#include "parley/io/run_report.h"
#include "parley/scenario/load.h"

namespace parley::python {

py::object to_python(const nlohmann::json& value) {
  return py::module_::import("json").attr("loads")(
      value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string dumps(py::handle value) {
  // numpy scalars (np.float64 excepted, which is a float) are not JSON serialisable as such.
  const py::cpp_function numpy_scalar([](py::handle item) -> py::object {
    if (py::hasattr(item, "item")) return item.attr("item")();
    throw py::type_error("Object of type " + py::type::of(item).attr("__name__").cast<std::string>() +
                         " is not JSON serializable");
  });
  return py::module_::import("json").attr("dumps")(value, py::arg("default") = numpy_scalar).cast<std::string>();
}

namespace {

ScenarioHandle make_handle(Scenario scenario, nlohmann::json source) {
  return {std::make_shared<const Scenario>(std::move(scenario)),
          std::make_shared<const nlohmann::json>(std::move(source))};
}

ScenarioHandle from_text(const std::string& text, const std::string& source_name) {
  Scenario scenario;
  {
    py::gil_scoped_release release;
    scenario = parse_scenario_text(text, source_name);
  }
  // The loader accepted the text, so it is JSON that nlohmann reads.
  return make_handle(std::move(scenario), nlohmann::json::parse(text));
}

// The file is read once, within the scenario's size limit, so that the document the handle keeps
// is the one that was loaded, and a device or a pipe cannot fill memory.
ScenarioHandle from_file(const std::filesystem::path& path) {
  Scenario scenario;
  std::string text;
  {
    py::gil_scoped_release release;
    text = read_text_file(path.string(), input::read_limit(kScenarioSizeLimit));
    scenario = parse_scenario_text(text, path.string());
    scenario.source_path = path.string();
  }
  return make_handle(std::move(scenario), nlohmann::json::parse(text));
}

// Any mapping is accepted at the top level (json.dumps itself takes only dicts there).
ScenarioHandle from_dict(const py::object& document, const std::string& source_name) {
  return from_text(dumps(py::dict(document)), source_name);
}

// Sets one value at an RFC 6901 pointer. The parent must exist; an object's member may be new
// (an optional field), an array's element must exist or be "-" (append).
void apply_edit(nlohmann::json& doc, const std::string& pointer_text, nlohmann::json value, IssueCollector& issues) {
  const std::string value_text = value.dump();
  nlohmann::json::json_pointer pointer;
  try {
    pointer = nlohmann::json::json_pointer(pointer_text);
  } catch (const nlohmann::json::exception&) {
    issues.add(pointer_text, "must be a JSON pointer (RFC 6901): '' or '/'-separated keys, '~0' for '~', '~1' for '/'",
               value_text);
    return;
  }
  if (pointer.empty()) {
    doc = std::move(value);
    return;
  }
  const auto parent_pointer = pointer.parent_pointer();
  const std::string key = pointer.back();
  nlohmann::json* parent = nullptr;
  try {
    parent = &doc.at(parent_pointer);
  } catch (const nlohmann::json::exception&) {
    issues.add(pointer_text, "must name a place in the scenario, but " + parent_pointer.to_string() + " does not exist",
               value_text);
    return;
  }
  if (parent->is_object()) {
    // A new member is allowed (an optional field); the loader rejects unknown keys with a hint.
    (*parent)[key] = std::move(value);
  } else if (parent->is_array()) {
    if (key == "-") {
      parent->push_back(std::move(value));
      return;
    }
    const bool digits = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos &&
                        (key.size() == 1 || key[0] != '0') && key.size() < 10;
    const std::size_t index = digits ? std::stoul(key) : 0;
    if (!digits || index >= parent->size()) {
      issues.add(pointer_text,
                 "must name an element of the array at " + parent_pointer.to_string() + ": an index in [0, " +
                     std::to_string(parent->size()) + ") or '-' to append",
                 value_text);
      return;
    }
    (*parent)[index] = std::move(value);
  } else {
    issues.add(pointer_text,
               "must name a member of an object or an element of an array, but " + parent_pointer.to_string() +
                   " is a " + parent->type_name(),
               value_text);
  }
}

ScenarioHandle with_changes(const ScenarioHandle& base, const py::object& edits) {
  nlohmann::json doc = *base.source;
  IssueCollector issues;
  for (const auto& [pointer, value] : py::dict(edits)) {
    if (!py::isinstance<py::str>(pointer)) throw py::type_error("with_changes: keys must be JSON pointers (str)");
    apply_edit(doc, pointer.cast<std::string>(), nlohmann::json::parse(dumps(value)), issues);
  }
  const std::string source_name =
      (base.scenario->name.empty() ? std::string("scenario") : base.scenario->name) + " with changes";
  issues.throw_if_any(source_name);
  Scenario scenario;
  {
    py::gil_scoped_release release;
    scenario = parse_scenario_json(doc, source_name);
  }
  return make_handle(std::move(scenario), std::move(doc));
}

py::object optional_text(const std::string& text) {
  return text.empty() ? py::object(py::none()) : py::str(text);
}

py::list parameters(const ScenarioHandle& handle) {
  py::list rows;
  for_each_parameter(*handle.scenario, [&](const ParameterSite& site, const Uncertain& parameter) {
    py::dict provenance;
    provenance["article"] = optional_text(parameter.provenance.article);
    provenance["quote"] = optional_text(parameter.provenance.quote);
    provenance["reference"] = optional_text(parameter.provenance.reference);
    provenance["assumption"] = optional_text(parameter.provenance.assumption);
    py::dict row;
    row["pointer"] = site.pointer;
    row["name"] = site.name;
    row["kind"] = parameter.kind_name();
    row["mean"] = parameter.mean();
    row["lower"] = parameter.support_lower();
    row["upper"] = parameter.support_upper();
    row["provenance"] = provenance;
    rows.append(row);
  });
  return rows;
}

py::list actors(const ScenarioHandle& handle) {
  py::list rows;
  for (const ActorSpec& actor : handle.scenario->actors) {
    py::dict row;
    row["id"] = actor.id;
    row["name"] = actor.name;
    row["role"] = actor.role == Role::kBelligerent ? "belligerent" : "third_party";
    rows.append(row);
  }
  return rows;
}

py::list issues(const ScenarioHandle& handle) {
  const Scenario& scenario = *handle.scenario;
  py::list rows;
  for (const IssueSpec& issue : scenario.issues) {
    py::list owners;
    for (const int owner : issue.owners) owners.append(scenario.actors[static_cast<std::size_t>(owner)].id);
    py::dict row;
    row["id"] = issue.id;
    row["name"] = issue.name;
    row["owners"] = owners;
    row["status_quo"] = issue.status_quo;
    row["line_of_control"] = issue.line_of_control;
    rows.append(row);
  }
  return rows;
}

}  // namespace

void init_scenario(py::module_& m) {
  py::class_<ScenarioHandle>(m, "Scenario", R"doc(A validated Parley scenario (docs/scenario-format.md).

Create one with Scenario.from_file(path), Scenario.from_json(text) or Scenario.from_dict(d)
(or parley.load_scenario). Every way in runs the engine's validator: problems raise
parley.ScenarioError listing each one with its JSON pointer. A Scenario is immutable; derive
variants with with_changes({pointer: value}) or by editing to_dict() and calling from_dict.)doc")
      .def_static("from_file", &from_file, py::arg("path"),
                  "Reads and validates a scenario file (str or os.PathLike). Raises ScenarioError or ParleyError.")
      .def_static("from_json", &from_text, py::arg("text"), py::arg("source_name") = "<string>",
                  "Parses and validates a scenario from JSON text; source_name names it in error messages.")
      .def_static("from_dict", &from_dict, py::arg("document"), py::arg("source_name") = "<dict>",
                  "Validates a scenario given as a dict (as json.load returns it). numpy scalars are accepted.")
      .def_property_readonly(
          "name", [](const ScenarioHandle& h) { return h.scenario->name; }, "the scenario's name")
      .def_property_readonly(
          "description", [](const ScenarioHandle& h) { return h.scenario->description; }, "its description")
      .def_property_readonly(
          "horizon_months", [](const ScenarioHandle& h) { return h.scenario->horizon_months; },
          "months simulated; wars still on at the horizon are 'ongoing'")
      .def_property_readonly(
          "default_trials", [](const ScenarioHandle& h) { return h.scenario->default_trials; },
          "trials a run uses when none are given (the file's \"trials\")")
      .def_property_readonly(
          "default_seed", [](const ScenarioHandle& h) { return h.scenario->default_seed; },
          "seed a run uses when none is given (the file's \"seed\")")
      .def_property_readonly(
          "content_hash", [](const ScenarioHandle& h) { return hash_hex(h.scenario->content_hash); },
          "'0x' + 16 hex digits: FNV-1a of the canonical JSON; key order and spacing do not change it")
      .def_property_readonly(
          "source_path", [](const ScenarioHandle& h) { return optional_text(h.scenario->source_path); },
          "the file it was read from, or None")
      .def_property_readonly("actors", &actors, "list of dicts: id, name, role ('belligerent' or 'third_party')")
      .def_property_readonly("issues", &issues,
                             "list of dicts: id, name, owners (actor ids), status_quo, line_of_control")
      .def_property_readonly(
          "outcomes",
          [](const ScenarioHandle& h) {
            const auto names = outcome_names(*h.scenario);
            return py::tuple(py::cast(std::vector<std::string>(names.begin(), names.end())));
          },
          "the outcome names, in the order of the outcome codes: settlement, <holder id>_victory, "
          "<opponent id>_victory, armistice, frozen, ongoing (a war of UKR and RUS: ukraine_victory, russia_victory)")
      .def_property_readonly(
          "source_json", [](const ScenarioHandle& h) { return h.source->dump(2); },
          "the JSON document the scenario was read from (after any with_changes edits), indented")
      .def(
          "to_dict", [](const ScenarioHandle& h) { return to_python(*h.source); },
          "A fresh dict of the source document: edit it and pass it to Scenario.from_dict.")
      .def("parameters", &parameters,
           R"doc(Every uncertain parameter, in the engine's fixed order: a list of dicts with
name (naming actors and aid flows by id, e.g. '/aid/USA->UKR/amount_per_month'), pointer (its
JSON pointer in the document, e.g. '/aid/0/amount_per_month', which with_changes takes),
kind ('fixed', 'normal', 'lognormal', 'uniform', 'beta', 'triangular'), mean, lower and
upper (the support of a draw) and provenance (article, quote, reference, assumption; None
when absent). pandas.DataFrame(s.parameters()) makes a table of it.)doc")
      .def("with_changes", &with_changes, py::arg("edits"),
           R"doc(A new Scenario with values replaced at RFC 6901 JSON pointers into the source document.

    s.with_changes({"/battlefield/defence_bias_per_month": 0.001,
                    "/aid/0/amount_per_month": {"value": 0.5}})

Pointers index arrays by position ('/aid/0', '/actors/1'); an object's member may be added,
an array element replaced or appended with '-'. The edited document is validated again:
a pointer to nowhere or an invalid value raises ScenarioError naming it.)doc")
      .def("__repr__", [](const ScenarioHandle& h) {
        return "<parley.Scenario '" + h.scenario->name + "' " + hash_hex(h.scenario->content_hash) + ", " +
               std::to_string(h.scenario->actors.size()) + " actors, " + std::to_string(h.scenario->horizon_months) +
               " months>";
      });
}

}  // namespace parley::python
