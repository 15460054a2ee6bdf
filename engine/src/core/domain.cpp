#include "parley/core/domain.h"

#include <cmath>
#include <sstream>

namespace parley {

bool Domain::contains(double value) const noexcept {
  if (!std::isfinite(value)) return false;
  if (lower_open ? !(value > lower) : !(value >= lower)) return false;
  if (upper_open ? !(value < upper) : !(value <= upper)) return false;
  return !integer || std::floor(value) == value;
}

std::string Domain::describe() const {
  std::ostringstream text;
  const char* what = integer ? "must be an integer" : "must be a finite number";
  const bool has_lower = std::isfinite(lower);
  const bool has_upper = std::isfinite(upper);
  if (has_lower && has_upper) {
    text << (integer ? "must be an integer in " : "must lie in ") << (lower_open ? '(' : '[') << lower << ", " << upper
         << (upper_open ? ')' : ']');
  } else if (has_lower) {
    text << what << (lower_open ? " > " : " >= ") << lower;
  } else if (has_upper) {
    text << what << (upper_open ? " < " : " <= ") << upper;
  } else {
    text << what;
  }
  return text.str();
}

}  // namespace parley
