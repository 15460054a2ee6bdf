// Random streams: every random number in Parley comes from a stream derived from
// (master seed, trial index, purpose), never from a global generator.
//
// Where it sits: the trial loop (sim/) makes the streams; model and bargaining code take an
// `Rng&` they are handed. Because a trial's numbers depend only on (seed, trial, purpose), the
// results are bit-identical for any thread or MPI rank count (the OpenMC rule, random_lcg.h),
// and adding a mechanism that draws from a new purpose does not reshuffle the others.
//
// Engine: xoshiro256++ (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
// generators", ACM TOMS 47(4)), seeded through SplitMix64 (Steele, Lea & Flood 2014). Boost 1.74
// has no small-state engine with cheap seeding (mt19937 carries 2.5 KB of state, far more than
// a trial's few hundred draws justify); distributions still come from Boost.Random, which is
// platform-independent, unlike the std:: distributions.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace parley {

// SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

// FNV-1a, 64 bit: names (parameter paths, stream purposes) to keys. Stable across platforms.
// `hash` continues a hash already begun, so fnv1a64(b, fnv1a64(a)) == fnv1a64(a + b) without
// building the joined string.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view text,
                                              std::uint64_t hash = 0xCBF29CE484222325ULL) noexcept {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// What a sequential stream is for. The numeric values are part of the reproducibility
// contract: never renumber, only append. (3 and 5 named streams for events and the peace window
// that were never drawn from: those draws are keyed uniforms, below.)
enum class Stream : std::uint64_t {
  kParameters = 1,  // per-trial draws of uncertain scenario parameters
  kBattle = 2,      // front noise and the Brownian-bridge crossing tests
  kBargaining = 4,  // treaty drafting's heuristic search; solver tests
};

// The names of every keyed uniform the model draws (TrialKey::uniform), in one list, so that no
// two mechanisms share a name. A name is part of the reproducibility contract: never change
// one, only add. Names ending in '/' are followed by an id (keyed_name).
namespace keyed {
inline constexpr std::string_view kCrisis = "/sanctions/crisis";                          // by month
inline constexpr std::string_view kEvent = "/events/";                                    // + event id, by month
inline constexpr std::string_view kViolationDetected = "/bargaining/violation_detected";  // by month
inline constexpr std::string_view kAttrition = "/bargaining/attrition/";                  // + actor id, by month
// + demand id; the key ^ 1 draws whether the inducement is delivered, ^ 2 whether the threat is
// carried out (index 0).
inline constexpr std::string_view kCoercion = "/bargaining/coercion/";
}  // namespace keyed

// The key of a keyed uniform: a name of `keyed`, followed by an id where it ends in '/'.
[[nodiscard]] constexpr std::uint64_t keyed_name(std::string_view name, std::string_view id = {}) noexcept {
  return fnv1a64(id, fnv1a64(name));
}

// The key of one stream: (seed, trial, purpose) mixed so that neighbouring trials and seeds
// give unrelated streams.
[[nodiscard]] constexpr std::uint64_t trial_part_of_stream_key(std::uint64_t seed, std::uint64_t trial) noexcept {
  return mix64(mix64(seed) ^ trial);
}
[[nodiscard]] constexpr std::uint64_t stream_key_of_trial_part(std::uint64_t trial_part,
                                                               std::uint64_t purpose) noexcept {
  return mix64(trial_part ^ (purpose * 0xD1B54A32D192ED03ULL));
}
[[nodiscard]] constexpr std::uint64_t stream_key(std::uint64_t seed, std::uint64_t trial,
                                                 std::uint64_t purpose) noexcept {
  return stream_key_of_trial_part(trial_part_of_stream_key(seed, trial), purpose);
}

// A uniform in the open interval (0, 1) from a 64-bit key: 53 random bits, offset by half a
// unit so neither 0 nor 1 can occur (quantile functions are infinite there).
[[nodiscard]] constexpr double open_unit_interval(std::uint64_t key) noexcept {
  return (static_cast<double>(key >> 11U) + 0.5) * 0x1.0p-53;
}

// Identifies one trial. Draws that must stay aligned between policy variants even when the
// variants differ in structure (an event added, a mechanism switched off) use keyed uniforms —
// one uniform per (trial, named thing, month) — rather than a position in a sequential stream.
struct TrialKey {
  std::uint64_t seed = 0;
  std::uint64_t trial = 0;
  // The stream key's part that is the same for every keyed uniform of the trial, mixed once: a
  // trial draws several a month. Set from the two above (TrialKey{seed, trial}); never assign
  // them afterwards.
  std::uint64_t trial_part = trial_part_of_stream_key(seed, trial);
  [[nodiscard]] constexpr double uniform(std::uint64_t name_key, std::uint64_t index) const noexcept {
    return open_unit_interval(stream_key_of_trial_part(trial_part, mix64(name_key) ^ index));
  }
};

// xoshiro256++ as a UniformRandomBitGenerator, so Boost.Random distributions accept it.
class Rng {
 public:
  using result_type = std::uint64_t;

  explicit constexpr Rng(std::uint64_t key) noexcept {
    // The SplitMix64 sequence from `key`: never all-zero, as xoshiro requires.
    for (auto& word : state_) {
      word = mix64(key);
      key += 0x9E3779B97F4A7C15ULL;
    }
  }
  Rng(std::uint64_t seed, std::uint64_t trial, Stream purpose) noexcept
      : Rng(stream_key(seed, trial, static_cast<std::uint64_t>(purpose))) {}

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  constexpr result_type operator()() noexcept {
    const result_type result = peek();
    advance();
    return result;
  }

  // A draw in two halves, for a caller that decides on the next output before taking it
  // (engine/src/model/standard_normal.h): the output operator() would return, and the step past it.
  [[nodiscard]] constexpr result_type peek() const noexcept { return rotl(state_[0] + state_[3], 23) + state_[0]; }
  constexpr void advance() noexcept {
    const std::uint64_t shifted = state_[1] << 17U;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = rotl(state_[3], 45);
  }

  // A uniform in (0, 1); used where a probability is compared, so the cost of Boost's
  // uniform_01 adaptor is not needed.
  constexpr double uniform() noexcept { return open_unit_interval((*this)()); }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << static_cast<unsigned>(k)) | (x >> static_cast<unsigned>(64 - k));
  }
  std::uint64_t state_[4]{};
};

}  // namespace parley
