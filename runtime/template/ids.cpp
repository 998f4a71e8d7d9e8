// Tags, branches and Call-IDs: random hex from a seedable engine plus a counter, so two
// identifiers from one generator never collide even if the random parts did.
#include "template/ids.h"

namespace scn::sip {

IdGenerator::IdGenerator() : rng_(std::random_device{}()) {}

IdGenerator::IdGenerator(std::uint64_t seed) : rng_(seed) {}

std::string IdGenerator::hex(unsigned digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(digits);
  std::uint64_t bits = rng_();
  for (unsigned i = 0; i < digits; ++i) {
    if (i == 16) bits = rng_();
    out.push_back(kDigits[bits & 0xF]);
    bits >>= 4;
  }
  return out;
}

std::string IdGenerator::tag() { return hex(10) + std::to_string(++counter_); }

std::string IdGenerator::branch() { return "z9hG4bK" + hex(16) + std::to_string(++counter_); }

std::string IdGenerator::call_id(std::string_view host) {
  std::string out = hex(20) + std::to_string(++counter_);
  if (!host.empty()) {
    out += '@';
    out += host;
  }
  return out;
}

}  // namespace scn::sip
