// The compile-time limits of the input formats, as the rules that enforce them name them.
//
// Where it sits: input/, beside the JSON toolkit (input/json_reader.h), which writes the note;
// each format's header defines its own limits (scenario/load.h, sweep/sweep_file.h, ...) and
// names them with these, so a message says where to raise a limit.
#pragma once

#include <cstddef>

namespace parley::input {

// A limit's constant and the header that defines it. An empty Limit names none.
struct Limit {
  const char* name = nullptr;    // "kMaxEvents"
  const char* header = nullptr;  // "engine/include/parley/scenario/load.h"
};

// The largest document a format accepts: `max_bytes`, the constant `limit`.
struct SizeLimit {
  std::size_t max_bytes = 0;
  Limit limit;
};

}  // namespace parley::input
