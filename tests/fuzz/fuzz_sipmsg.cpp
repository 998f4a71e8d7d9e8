// scn-fuzz-links: scn_runtime_internal
// libFuzzer target for the SIP message layer: frames and parses the input in both modes,
// runs every structured parser on every header value, and checks two invariants:
// a parsed message serialises to text that parses back to the same message, and a
// parsed URI serialises to text that parses back to an equal URI.
#include <cstddef>
#include <cstdint>
#include <string>

#include "msg/msg.h"

namespace {

using namespace scn::sip;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void check_uri(std::string_view text) {
  const auto uri = parse_uri(text);
  if (!uri) return;
  const auto again = parse_uri(serialize(*uri));
  require(again.ok());
  require(uri_equal(*uri, *again));
}

void exercise_value(std::string_view value) {
  check_uri(value);
  if (auto a = parse_name_addr(value)) {
    (void)a->display();
    check_uri(a->uri_text);
  }
  (void)parse_contact(value);
  if (auto v = parse_via(value)) {
    (void)v->sent_by();
    (void)v->rport();
  }
  (void)parse_cseq(value);
  (void)parse_rack(value);
  (void)parse_content_length(value);
  (void)parse_max_forwards(value);
  (void)parse_expires(value);
  (void)parse_rseq(value);
  (void)parse_event(value);
  (void)parse_subscription_state(value);
  (void)parse_token_list(value);
  (void)parse_media_type(value);
  if (auto p = parse_params(value)) (void)serialize(*p);
}

void exercise_message(const Message& m) {
  if (m.is_request()) check_uri(m.request_uri());
  for (const Header& h : m.headers()) {
    exercise_value(h.value);
    for (std::string_view element : m.values(h.name)) exercise_value(element);
    (void)m.first(h.name);
  }
  (void)check_required_headers(m);
  (void)MessageBuilder::from(m).build();
  if (m.is_request()) (void)make_response(m, 200, {}, "fuzz").message();

  // Serialised text may exceed the original limits (unfolding joins lines, ": " adds a
  // space), so it is parsed back without them.
  Limits relaxed;
  relaxed.max_message = 1 << 24;
  relaxed.max_line = 1 << 24;
  relaxed.max_header_value = 1 << 24;
  relaxed.max_headers = 1 << 20;
  const auto again = parse(serialize(m), ParseMode::Datagram, relaxed);
  require(again.ok());
  require(again->headers().size() == m.headers().size());
  for (std::size_t i = 0; i < m.headers().size(); ++i) {
    require(again->headers()[i].value == m.headers()[i].value);
  }
  require(again->body() == m.body());
  require(again->start_line() == m.start_line());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto f = frame(in);
  if (f.status == FrameStatus::Complete) {
    require(f.skip + f.length <= in.size());
    if (auto m = parse(in.substr(f.skip, f.length), ParseMode::Stream)) exercise_message(*m);
  }
  Limits small;
  small.max_message = 512;
  small.max_line = 64;
  small.max_headers = 8;
  (void)frame(in, small);
  (void)parse(in, ParseMode::Datagram, small);
  if (auto m = parse(in, ParseMode::Datagram)) exercise_message(*m);
  for (std::string_view element : split_list(in)) exercise_value(element);
  return 0;
}
