// The standard normal draw of Boost.Random (normal_distribution<double>(0, 1), Boost 1.74: a
// 128-layer ziggurat with Doornik's wedge tests), split so that a month kernel can take the
// common case without a call: a function call clobbers every floating-point register, and a
// loop that may make one keeps its constants in memory. The split is exact: the first try takes
// one 64-bit output and a compare, and settles about 97% of draws; for the rest the stream is
// left where it was and Boost's own draw starts over from there, redoing that try.
// tests/standard_normal_test.cpp holds it to Boost's draw, value and stream, bit for bit.
#pragma once

#include <boost/random/normal_distribution.hpp>
#include <cstdint>

#include "parley/core/random.h"

namespace parley {

// The draw when the ziggurat's first try accepts (a point inside its layer's rectangle), the
// stream moved past it; false and the stream untouched otherwise.
[[gnu::always_inline]] inline bool try_standard_normal_first_layer(Rng& rng, double& z) noexcept {
  // Boost's generate_int_float_pair<double, 8> for a 64-bit engine: the low 8 bits are the layer
  // and the sign; bits 8-63, with bit 11 cleared (Boost's mask for a 53-bit mantissa), scaled
  // by 2^-56, the position along the layer.
  const std::uint64_t bits = rng.peek();
  const int layer_and_sign = static_cast<int>(bits & 0xFFU);
  const int sign = (layer_and_sign & 1) * 2 - 1;
  const int layer = layer_and_sign >> 1;
  constexpr double kPositionScale = 1.0 / static_cast<double>(std::uint64_t{1} << 56U);
  const double position = static_cast<double>((bits & ~(std::uint64_t{1} << 11U)) >> 8U) * kPositionScale;
  const double* const table_x = boost::random::detail::normal_table<double>::table_x;
  const double x = position * table_x[layer];
  if (!(x < table_x[layer + 1])) return false;
  rng.advance();
  // unit_normal_distribution returns x * sign; normal_distribution that times sigma = 1 plus
  // mean = 0, and the + 0 turns a -0 into +0.
  z = x * sign + 0.0;
  return true;
}

}  // namespace parley
