// The kinds of input file (scenario, sweep, claims, treaty document): how `parley validate`
// recognises each, how it checks one, and the JSON Schema that `parley schema --kind` prints.
// A new kind is one row of the table in schema_kinds.cpp.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::cli {

struct FileKind {
  const char* name;  // as --kind spells it
  // Whether a parsed document is of this kind, by its top-level keys; null for the scenario, the
  // kind of every document no other kind recognises.
  bool (*recognises)(const nlohmann::json& document);
  // Loads the file with the kind's loader, which throws what is wrong; returns a few words on it.
  std::string (*check)(const std::string& path);
  nlohmann::json (*schema)();
};

// Every kind; the first is the default of --kind and the kind of unrecognised documents.
[[nodiscard]] const std::vector<FileKind>& file_kinds();
[[nodiscard]] std::vector<std::string> file_kind_names();
// The kind of the file at `path`; a file that cannot be read or is not JSON is left to the
// default kind's loader, which reports what is wrong.
[[nodiscard]] const FileKind& file_kind_of(const std::string& path);

}  // namespace parley::cli
