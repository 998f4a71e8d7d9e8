// Random bits for identifiers (tags, branches, Call-IDs, SSRCs, SDP session ids): a small
// engine per owner, seeded from the kernel. std::mt19937_64 holds 2.5 KB of state and
// std::random_device opens a device each time it is made: both per call instance cost
// more than the call's identifiers need (load mode makes thousands a second).
#pragma once

#include <cstdint>
#include <limits>

namespace scn {

// 64 random bits for seeding an owner's engine: drawn from a SplitMix64 of the calling
// thread, itself seeded once from the kernel's random source (getrandom, or
// std::random_device where that fails). A load call seeds several engines (transactions,
// identifiers, RTP): a system call each was measurable.
std::uint64_t random_seed();

// SplitMix64 (Steele, Lea, Flood 2014): 8 bytes of state, every 64-bit output once per
// period; a UniformRandomBitGenerator. Not for secrets: identifiers need uniqueness only.
class SplitMix64 {
 public:
  using result_type = std::uint64_t;
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

}  // namespace scn
