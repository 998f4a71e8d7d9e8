// Text primitives of the SIP grammar the parsers share (runtime/base).
#include <doctest/doctest.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "base/base.h"

using namespace scn::sip;

namespace {

// parse_decimal's contract read plainly: digits only, any number of leading zeros, the
// value at most max.
std::optional<std::uint64_t> plain_decimal(const std::string& digits, std::uint64_t max) {
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value > max) return std::nullopt;
  return value;
}

}  // namespace

TEST_CASE("base: parse_decimal reads digits up to max, short or long, with leading zeros") {
  const std::uint64_t maxes[] = {0, 9, 255, 65535, 4294967295u, 9999999999999999999u, UINT64_MAX};
  const std::string inputs[] = {"", "0", "7", "10", "255", "256", "65535", "65536", "4294967295", "4294967296",
                                "00000000000000000000000000001", "0000000000000000000065535", "1a", "-1", "+1",
                                " 1", "1 ", "9999999999999999999", "10000000000000000000", "18446744073709551615",
                                "18446744073709551616", "99999999999999999999", "000018446744073709551615",
                                "123456789012345678901234567890"};
  for (const std::uint64_t max : maxes) {
    for (const std::string& in : inputs) {
      CAPTURE(in);
      CAPTURE(max);
      CHECK(parse_decimal(in, max) == plain_decimal(in, max));
    }
  }
}
