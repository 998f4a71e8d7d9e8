// Fresh identifiers for outgoing messages: tags, Via branches, Call-IDs.
// Seedable so tests and replayed runs produce the same messages; unique per generator
// because a counter is mixed into every identifier.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace scn::sip {

class IdGenerator {
 public:
  IdGenerator();  // seeded from std::random_device
  explicit IdGenerator(std::uint64_t seed);

  std::string tag();                              // 10 hex digits + counter
  std::string branch();                           // "z9hG4bK" + 16 hex digits + counter
  std::string call_id(std::string_view host);     // hex "@" host

 private:
  std::string hex(unsigned digits);

  std::mt19937_64 rng_;
  std::uint64_t counter_ = 0;
};

}  // namespace scn::sip
