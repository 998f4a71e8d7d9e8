// Netstrings (LENGTH ":" BYTES ","), the framing of the ctrl_tcp protocol.
#include <string>

#include "tester/tester.h"

namespace scn::tester::ctrl {

std::string netstring(std::string_view payload) {
  std::string out = std::to_string(payload.size());
  out += ':';
  out += payload;
  out += ',';
  return out;
}

namespace {

Error frame_error(std::string what, std::size_t offset) {
  return make_error("netstring: " + std::move(what), offset);
}

// The length at the start of `buffer`, its digits counted in `digits`; 0 digits with
// no error means the length is not complete yet.
Result<std::size_t> frame_length(std::string_view buffer, std::size_t max_payload,
                                 std::size_t& digits) {
  const std::size_t max_digits = std::to_string(max_payload).size();
  std::size_t i = 0;
  while (i < buffer.size() && sip::is_digit(buffer[i])) ++i;
  digits = 0;
  if (i > max_digits)
    return frame_error("length longer than the limit of " + std::to_string(max_payload) +
                       " bytes", 0);
  if (i == buffer.size()) return std::size_t{0};  // the length goes on
  if (i == 0) return frame_error("no length at the start of a frame", 0);
  if (buffer[i] != ':') return frame_error("length not followed by ':'", i);
  if (i > 1 && buffer[0] == '0') return frame_error("length with a leading zero", 0);
  auto length = sip::parse_decimal(buffer.substr(0, i), max_payload);
  if (!length)
    return frame_error("frame of " + std::string(buffer.substr(0, i)) +
                       " bytes exceeds the limit of " + std::to_string(max_payload), 0);
  digits = i;
  return static_cast<std::size_t>(*length);
}

}  // namespace

Result<Frame> take_netstring(std::string_view buffer, std::size_t max_payload) {
  std::size_t digits = 0;
  auto length = frame_length(buffer, max_payload, digits);
  if (!length) return length.error();
  if (digits == 0) return Frame{};
  const std::size_t end = digits + 1 + *length;  // where the ',' belongs
  if (buffer.size() <= end) return Frame{};
  if (buffer[end] != ',')
    return frame_error("frame of " + std::to_string(*length) + " bytes not ended by ','", end);
  return Frame{buffer.substr(digits + 1, *length), end + 1};
}

}  // namespace scn::tester::ctrl
