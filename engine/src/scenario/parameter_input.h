// Reading a scenario's parameter groups: each field of a group in any form the uncertain-value
// reader accepts (scenario/uncertain_input.h), with its default or a report when missing.
//
// Where it sits: private to the scenario loader and the schema generator. The parameter groups
// of scenario.h list their fields once (for_each_field); read_fields() walks that list, so a new
// field needs no change here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/random.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/scenario.h"
#include "parley/scenario/uncertain_input.h"

namespace parley::scenario_input {

using input::ObjectReader;

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
      if (auto parsed = read_uncertain(*value, reader->pointer_of(info.key), info.domain, reader->issues()))
        slot = std::move(*parsed);
    } else if (info.default_value) {
      slot = Uncertain::fixed(*info.default_value);
      // Every parameter cites its source, so a value the user did not write says it is the default.
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
