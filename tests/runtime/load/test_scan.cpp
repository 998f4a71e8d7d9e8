// The dispatcher's scan of raw messages: Call-ID (long and compact form) and whether a
// request may begin a call.
#include <doctest/doctest.h>

#include "load/load.h"

using scn::load::call_id_of;
using scn::load::starts_dialog;

namespace {

const char* const invite =
    "INVITE sip:callee@3gpp.org SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
    "From: <sip:ue@home1.net>;tag=1\r\n"
    "To: <sip:callee@3gpp.org>\r\n"
    "Call-ID:  abc@127.0.0.1 \r\n"
    "CSeq: 1 INVITE\r\n"
    "Content-Length: 0\r\n\r\n";

}  // namespace

TEST_CASE("load scan: the Call-ID, trimmed, in long and compact form, any case") {
  CHECK(call_id_of(invite) == "abc@127.0.0.1");
  CHECK(call_id_of("BYE sip:x SIP/2.0\r\ni:\tshort-1\r\nt: <sip:y>;tag=2\r\n\r\n") == "short-1");
  CHECK(call_id_of("SIP/2.0 200 OK\r\nCALL-ID: up\r\n\r\n") == "up");
  CHECK(call_id_of("SIP/2.0 200 OK\nCall-Id: bare-lf\n\n") == "bare-lf");
}

TEST_CASE("load scan: no Call-ID in the header section, none in the body") {
  CHECK(call_id_of("INVITE sip:x SIP/2.0\r\nTo: <sip:y>\r\n\r\nCall-ID: in-body\r\n") == "");
  CHECK(call_id_of("") == "");
  CHECK(call_id_of("garbage without lines") == "");
  CHECK(call_id_of("INVITE sip:x SIP/2.0\r\nVia: i: not-a-header\r\n\r\n") == "");
}

TEST_CASE("load scan: a request without a To tag begins a call, ACK, CANCEL and responses not") {
  CHECK(starts_dialog(invite));
  CHECK(starts_dialog("OPTIONS sip:x SIP/2.0\r\nt: <sip:y>\r\ni: 1\r\n\r\n"));
  CHECK_FALSE(starts_dialog("BYE sip:x SIP/2.0\r\nTo: <sip:y>;tag=9\r\ni: 1\r\n\r\n"));
  CHECK_FALSE(starts_dialog("BYE sip:x SIP/2.0\r\nTo: <sip:y> ; TAG = 9\r\ni: 1\r\n\r\n"));
  CHECK_FALSE(starts_dialog("ACK sip:x SIP/2.0\r\nTo: <sip:y>\r\ni: 1\r\n\r\n"));
  CHECK_FALSE(starts_dialog("CANCEL sip:x SIP/2.0\r\nTo: <sip:y>\r\ni: 1\r\n\r\n"));
  CHECK_FALSE(starts_dialog("SIP/2.0 180 Ringing\r\nTo: <sip:y>\r\ni: 1\r\n\r\n"));
  CHECK_FALSE(starts_dialog("INVITE sip:x SIP/2.0\r\ni: 1\r\n\r\n"));  // no To at all
  // A URI parameter named tag is not the header's tag.
  CHECK(starts_dialog("INVITE sip:x SIP/2.0\r\nTo: <sip:y;tag=u>\r\ni: 1\r\n\r\n"));
}
