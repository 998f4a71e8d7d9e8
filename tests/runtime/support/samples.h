// Shared by the template, match and dialog tests: sample messages and corpus loading.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "msg/msg.h"

namespace scn_test {

inline std::string load_corpus(const std::string& relative) {
  std::ifstream in(std::string(SCN_CORPORA_DIR) + "/" + relative, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open corpus file " << relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline scn::sip::Message parse_ok(const std::string& text) {
  auto parsed = scn::sip::parse(text);
  REQUIRE_MESSAGE(parsed.ok(), "parse failed: " << parsed.reason() << "\n" << text);
  return parsed.value();
}

// CRLF line ends for readable raw-string samples written with '\n'.
inline std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// An MO INVITE as a UE sends it to the SS (two Vias, as if a P-CSCF had added one).
inline std::string ue_invite() {
  return crlf(R"(INVITE sip:mmtel@conf-factory.home1.net SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKue1;rport
Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKpx9
Max-Forwards: 70
Route: <sip:pcscf.home1.net:5060;lr>, <sip:scscf.3gpp.org;lr>
Record-Route: <sip:p1.home1.net;lr>, <sip:p2.home1.net;lr>
Record-Route: <sip:p3.home1.net;lr>
From: "Alice" <sip:alice@home1.net>;tag=ue-tag-1
To: <sip:mmtel@conf-factory.home1.net>
Call-ID: call-1@127.0.0.1
CSeq: 5 INVITE
Contact: <sip:alice@127.0.0.1:5061>;+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel"
Supported: 100rel, precondition
Require: sec-agree
Content-Type: application/sdp
Content-Length: 10

v=0
s=-
)");
}

}  // namespace scn_test
