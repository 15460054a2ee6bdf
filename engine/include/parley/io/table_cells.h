// Cells of the tables Parley writes: CSV fields (RFC 4180 quoting), numbers as the shortest
// decimal that reads back as the same double (core/text.h), and JSON numbers that are null when
// undefined.
//
// Where it sits: the report writers (sweeps, claims) share these so every table spells a
// number, an empty value and a quoted text the same way.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "parley/core/text.h"

namespace parley {

// `text` as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or newline.
[[nodiscard]] std::string csv_field(const std::string& text);

// `value` as JSON, or null when it is not finite (JSON has no NaN or infinity).
[[nodiscard]] nlohmann::json number_or_null(double value);

}  // namespace parley
