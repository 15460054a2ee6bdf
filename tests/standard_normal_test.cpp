// The split standard normal draw (engine/src/model/standard_normal.h) against Boost's draw:
// the same values and the same stream, bit for bit, and the first try taken and refused.
#include <doctest/doctest.h>

#include <bit>
#include <boost/random/normal_distribution.hpp>
#include <cstdint>

#include "model/standard_normal.h"
#include "parley/core/random.h"

using namespace parley;

namespace {

// The first try where it accepts, else Boost's draw from the untouched stream: how the front
// alone's kernel draws.
double split_draw(Rng& rng, std::int64_t& first_layer) {
  double z = 0.0;
  if (try_standard_normal_first_layer(rng, z)) {
    ++first_layer;
    return z;
  }
  boost::random::normal_distribution<double> standard_normal;
  return standard_normal(rng);
}

}  // namespace

TEST_CASE("standard normal: the split draw is Boost's, value and stream, bit for bit") {
  constexpr std::int64_t kDraws = 400'000;
  std::int64_t first_layer = 0, mismatches = 0, zeros = 0;
  for (const std::uint64_t seed : {1ULL, 2024ULL, 0xFFFFFFFFFFFFFFFFULL}) {
    Rng boost_stream(seed, 7, Stream::kBattle);
    Rng split_stream = boost_stream;
    boost::random::normal_distribution<double> standard_normal;
    for (std::int64_t n = 0; n < kDraws; ++n) {
      const double expected = standard_normal(boost_stream);
      const double got = split_draw(split_stream, first_layer);
      mismatches += std::bit_cast<std::uint64_t>(expected) != std::bit_cast<std::uint64_t>(got) ? 1 : 0;
      zeros += expected == 0.0 ? 1 : 0;
      // Interleaved like the kernel's uniforms, so that a stream out of step shows at once.
      mismatches += boost_stream() != split_stream() ? 1 : 0;
    }
  }
  CHECK(mismatches == 0);
  // Both paths taken: the ziggurat's first try settles about 97% of draws.
  const double share = static_cast<double>(first_layer) / (3.0 * kDraws);
  CHECK(share > 0.96);
  CHECK(share < 0.98);
}

TEST_CASE("standard normal: a refused first try leaves the stream where it was") {
  Rng rng(3, 0, Stream::kBattle);
  int refused = 0;
  for (int n = 0; n < 100'000 && refused < 50; ++n) {
    const Rng before = rng;
    double z = 0.0;
    if (try_standard_normal_first_layer(rng, z)) continue;
    ++refused;
    Rng untouched = before;
    CHECK(rng() == untouched());
    rng = before;
    (void)rng();  // past the refused output, to find the next refusal
  }
  CHECK(refused == 50);
}
