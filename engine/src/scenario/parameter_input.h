// Reading uncertain parameters: a number, {"value": x, "source": ...}, or a distribution.
//
// Where it sits: private to the scenario loader and the schema generator. The parameter groups
// of scenario.h list their fields once (for_each_field); read_fields() walks that list, so a new
// field needs no change here. The distribution and source tables below are likewise the one
// list that both the loader and scenario_json_schema() read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/random.h"
#include "parley/scenario/scenario.h"
#include "scenario/json_input.h"

namespace parley::scenario_input {

// One keyword of a distribution object.
struct DistributionKey {
  const char* key;
  bool required;
  const char* description;
};

// One distribution family as the format spells it.
struct DistributionShape {
  const char* name;  // the value of "dist"
  Uncertain::Kind kind;
  std::vector<DistributionKey> keys;  // besides "dist" and "source"
  const char* description;
};

[[nodiscard]] const std::vector<DistributionShape>& distribution_shapes();

// The keys of a source object, with what each holds.
struct SourceKey {
  const char* key;
  const char* description;
};
[[nodiscard]] const std::vector<SourceKey>& source_keys();

// A source object into a Provenance; problems are reported under `pointer`.
[[nodiscard]] Provenance read_source(const Json& value, const std::string& pointer, IssueCollector& issues);

// One parameter in any of its forms, checked against the field's domain (for a distribution,
// its whole support). Empty after reporting when it breaks a rule.
[[nodiscard]] std::optional<Uncertain> read_uncertain(const Json& value, const std::string& pointer,
                                                      const FieldInfo& field, IssueCollector& issues);

template <class Group>
[[nodiscard]] std::vector<std::string> field_keys() {
  std::vector<std::string> keys;
  Group::for_each_field([&](const FieldInfo& info, auto) { keys.emplace_back(info.key); });
  return keys;
}

template <class Group>
[[nodiscard]] bool has_required_field() {
  bool any = false;
  Group::for_each_field([&](const FieldInfo& info, auto) { any = any || !info.default_value; });
  return any;
}

// Reads a group's fields from `reader`; absent fields take their defaults and a missing
// required one is reported. With no reader (the group was left out, which the caller has
// reported if that matters) every field takes its default. Each parameter's draw key is the
// hash of logical_path + "/" + key.
template <class Group>
[[nodiscard]] Group read_fields(const ObjectReader* reader, const std::string& logical_path) {
  Group group;
  Group::for_each_field([&](const FieldInfo& info, auto get) {
    Uncertain& slot = get(group);
    const Json* value = reader != nullptr ? reader->find(info.key) : nullptr;
    if (value != nullptr) {
      if (auto parsed = read_uncertain(*value, reader->pointer_of(info.key), info, reader->issues()))
        slot = std::move(*parsed);
    } else if (info.default_value) {
      slot = Uncertain::fixed(*info.default_value);
      // A value the user did not write still says where it came from (DEVELOPERS.md).
      slot.provenance.assumption = "Parley's default for an omitted field (docs/scenario-format.md)";
    } else if (reader != nullptr) {
      reader->require(info.key, info.description);
    }
    slot.set_key(fnv1a64(logical_path + "/" + info.key));
  });
  return group;
}

// A group that is an object of its own ("preferences": {...}) under `key` of `parent`. When it
// is absent, it is reported as required if any of its fields is.
template <class Group>
[[nodiscard]] Group read_group(const ObjectReader& parent, const char* key, const std::string& logical_path) {
  const Json* node = parent.find(key);
  if (node == nullptr) {
    if (has_required_field<Group>()) parent.require(key);
    return read_fields<Group>(nullptr, logical_path);
  }
  const ObjectReader reader(*node, parent.pointer_of(key), parent.issues());
  reader.reject_unknown_keys(field_keys<Group>());
  return read_fields<Group>(reader.is_object() ? &reader : nullptr, logical_path);
}

}  // namespace parley::scenario_input
