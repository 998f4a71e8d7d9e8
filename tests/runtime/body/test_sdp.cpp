// SDP bodies: parsing and writing, paths, and the offer/answer model with the offers real
// UEs send (baresip, liblinphone, an MTSI UE with preconditions as in TS 34.229-5 A.15.1).
#include <doctest/doctest.h>

#include "body/body.h"

namespace {

using namespace scn::body;

// An MTSI UE's first offer (A.15.1 step 1): AMR-WB only, preconditions not met yet.
const char* kMtsiOffer =
    "v=0\r\n"
    "o=user1 1 1 IN IP4 10.0.0.1\r\n"
    "s=-\r\n"
    "c=IN IP4 10.0.0.1\r\n"
    "t=0 0\r\n"
    "m=audio 49152 RTP/AVP 97 100\r\n"
    "b=AS:41\r\n"
    "a=rtpmap:97 AMR-WB/16000/1\r\n"
    "a=fmtp:97 mode-change-capability=2;max-red=220\r\n"
    "a=rtpmap:100 telephone-event/16000\r\n"
    "a=fmtp:100 0-15\r\n"
    "a=ptime:20\r\n"
    "a=maxptime:240\r\n"
    "a=curr:qos local none\r\n"
    "a=curr:qos remote none\r\n"
    "a=des:qos mandatory local sendrecv\r\n"
    "a=des:qos optional remote sendrecv\r\n"
    "a=sendrecv\r\n";

// baresip 3.x, LF line ends as some stacks write them.
const char* kBaresipOffer =
    "v=0\n"
    "o=- 2349135637 1284532931 IN IP4 127.0.0.1\n"
    "s=-\n"
    "c=IN IP4 127.0.0.1\n"
    "t=0 0\n"
    "m=audio 10000 RTP/AVP 96 9 0 8 101\n"
    "b=AS:96\n"
    "a=rtpmap:96 opus/48000/2\n"
    "a=fmtp:96 stereo=1;sprop-stereo=1\n"
    "a=rtpmap:9 G722/8000\n"
    "a=rtpmap:0 PCMU/8000\n"
    "a=rtpmap:8 PCMA/8000\n"
    "a=rtpmap:101 telephone-event/8000\n"
    "a=fmtp:101 0-15\n"
    "a=sendrecv\n"
    "a=label:1\n"
    "a=rtcp-rsize\n"
    "a=ptime:20\n";

// liblinphone 5.x: static types without rtpmap, telephone-event at three rates, video.
const char* kLinphoneOffer =
    "v=0\r\n"
    "o=user1 3066 1806 IN IP4 192.168.1.10\r\n"
    "s=Talk\r\n"
    "c=IN IP4 192.168.1.10\r\n"
    "t=0 0\r\n"
    "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics\r\n"
    "a=record:off\r\n"
    "m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100\r\n"
    "a=rtpmap:96 opus/48000/2\r\n"
    "a=fmtp:96 useinbandfec=1\r\n"
    "a=rtpmap:97 speex/16000\r\n"
    "a=fmtp:97 vbr=on\r\n"
    "a=rtpmap:98 speex/8000\r\n"
    "a=fmtp:98 vbr=on\r\n"
    "a=fmtp:18 annexb=yes\r\n"
    "a=rtpmap:101 telephone-event/48000\r\n"
    "a=rtpmap:99 telephone-event/16000\r\n"
    "a=rtpmap:100 telephone-event/8000\r\n"
    "a=rtcp-fb:* trr-int 1000\r\n"
    "m=video 9078 RTP/AVP 96\r\n"
    "a=rtpmap:96 VP8/90000\r\n"
    "a=rtcp-fb:* trr-int 1000\r\n";

Sdp parsed(std::string_view text) {
  auto sdp = parse_sdp(text);
  REQUIRE_MESSAGE(sdp.ok(), sdp.reason());
  return *sdp;
}

std::optional<std::string> get(std::string_view doc, std::string_view path) {
  auto got = sdp_get(doc, path);
  REQUIRE_MESSAGE(got.ok(), got.reason());
  return *got;
}

std::string set(std::string_view doc, std::string_view path, std::optional<std::string_view> value,
                bool present = false) {
  auto edited = sdp_set(doc, path, value, present);
  REQUIRE_MESSAGE(edited.ok(), edited.reason());
  return *edited;
}

MediaEndpoint ss(std::string address = "192.0.2.1") {
  MediaEndpoint local;
  local.address = std::move(address);
  local.port = 49152;
  local.session_id = 1111111111;
  local.session_version = 1111111111;
  return local;
}

// The lines of a media section as text, CRLF-ended.
std::string section(const Sdp& sdp, std::size_t i) {
  Sdp one;
  one.media.push_back(sdp.media.at(i));
  return to_text(one);
}

}  // namespace

TEST_CASE("sdp: a body round-trips byte for byte, LF-only input comes back with CRLF") {
  CHECK(to_text(parsed(kMtsiOffer)) == kMtsiOffer);
  CHECK(to_text(parsed(kLinphoneOffer)) == kLinphoneOffer);
  const std::string baresip = to_text(parsed(kBaresipOffer));
  CHECK(baresip.find("\r\nm=audio 10000 RTP/AVP 96 9 0 8 101\r\n") != std::string::npos);
  CHECK(baresip.find("\n\n") == std::string::npos);
  // An unknown or malformed line stays where it was.
  const char* odd = "v=0\r\nX-odd line\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\n";
  CHECK(to_text(parsed(odd)) == odd);
  Sdp linphone = parsed(kLinphoneOffer);
  REQUIRE(linphone.media.size() == 2);
  CHECK(linphone.session.size() == 7);
  CHECK(linphone.media[0].media() == "audio");
  CHECK(linphone.media[0].port() == "7078");
  CHECK(linphone.media[1].formats() == std::vector<std::string_view>{"96"});
  CHECK_FALSE(parse_sdp("").ok());
  CHECK_FALSE(parse_sdp("<xml/>").ok());
}

TEST_CASE("sdp: paths read session and media fields") {
  CHECK(get(kMtsiOffer, "sdp.o.sess-version") == "1");
  CHECK(get(kMtsiOffer, "sdp.o.address") == "10.0.0.1");
  CHECK(get(kMtsiOffer, "sdp.o") == "user1 1 1 IN IP4 10.0.0.1");
  CHECK(get(kMtsiOffer, "sdp.c.address") == "10.0.0.1");
  CHECK(get(kMtsiOffer, "sdp.s") == "-");
  CHECK(get(kMtsiOffer, "sdp.m[audio].port") == "49152");
  CHECK(get(kMtsiOffer, "sdp.m[audio].proto") == "RTP/AVP");
  CHECK(get(kMtsiOffer, "sdp.m[audio].fmt") == "97 100");
  CHECK(get(kMtsiOffer, "sdp.m[audio]") == "audio 49152 RTP/AVP 97 100");
  CHECK(get(kMtsiOffer, "sdp.m[1].media") == "audio");
  CHECK(get(kMtsiOffer, "sdp.m[audio].c.address") == "10.0.0.1");  // the session's
  CHECK(get(kMtsiOffer, "sdp.m[audio].rtpmap[97]") == "AMR-WB/16000/1");
  CHECK(get(kMtsiOffer, "sdp.m[audio].fmtp[100]") == "0-15");
  CHECK(get(kMtsiOffer, "sdp.m[audio].b[AS]") == "41");
  CHECK(get(kMtsiOffer, "sdp.m[audio].b") == "AS:41");
  CHECK(get(kMtsiOffer, "sdp.m[audio].direction") == "sendrecv");
  CHECK(get(kMtsiOffer, "sdp.m[audio].a[ptime]") == "20");
  CHECK(get(kMtsiOffer, "sdp.m[audio].a[curr]") == "qos local none, qos remote none");
  CHECK(get(kMtsiOffer, "sdp.m[audio].a[conf]") == std::nullopt);
  CHECK(get(kMtsiOffer, "sdp.m[video].port") == std::nullopt);
  CHECK(get(kMtsiOffer, "sdp.m[2]") == std::nullopt);
  CHECK(get(kMtsiOffer, "sdp.direction") == "sendrecv");
  CHECK(get(kLinphoneOffer, "sdp.a[record]") == "off");
  CHECK(get(kLinphoneOffer, "sdp.m[2].rtpmap[96]") == "VP8/90000");
  CHECK(get(kLinphoneOffer, "sdp.m[video].port") == "9078");
  CHECK(get(kLinphoneOffer, "sdp.m[audio].rtpmap[0]") == std::nullopt);  // static, unmapped
  CHECK(get(kBaresipOffer, "sdp.m[audio].a[rtcp-rsize]") == "");  // a flag
  CHECK_FALSE(sdp_get(kMtsiOffer, "sdp.m[audio].colour").ok());
  CHECK_FALSE(sdp_get(kMtsiOffer, "sdp.x").ok());
  CHECK_FALSE(sdp_get("<conference-info/>", "sdp.s").ok());
  CHECK(is_sdp_path("sdp.m[audio].port"));
  CHECK_FALSE(is_sdp_path("sdpx.a"));
  CHECK_FALSE(is_sdp_path("conference-info.@state"));
}

TEST_CASE("sdp: paths edit the body in place") {
  std::string doc = set(kMtsiOffer, "sdp.o.sess-version", "2");
  CHECK(doc.find("o=user1 1 2 IN IP4 10.0.0.1\r\n") != std::string::npos);
  doc = set(doc, "sdp.m[audio].port", "50000");
  CHECK(doc.find("m=audio 50000 RTP/AVP 97 100\r\n") != std::string::npos);
  doc = set(doc, "sdp.m[audio].c.address", "2001:db8::1");  // created at media level
  CHECK(doc.find("m=audio 50000 RTP/AVP 97 100\r\nc=IN IP6 2001:db8::1\r\nb=AS:41\r\n") !=
        std::string::npos);
  CHECK(get(doc, "sdp.c.address") == "10.0.0.1");
  doc = set(doc, "sdp.m[audio].direction", "sendonly");
  CHECK(doc.find("a=sendonly\r\n") != std::string::npos);
  CHECK(doc.find("a=sendrecv") == std::string::npos);
  doc = set(doc, "sdp.m[audio].a[curr]", "qos local sendrecv, qos remote sendrecv");
  CHECK(doc.find("a=curr:qos local sendrecv\r\na=curr:qos remote sendrecv\r\na=des:") !=
        std::string::npos);
  doc = set(doc, "sdp.m[audio].a[des]", std::nullopt);
  CHECK(doc.find("a=des") == std::string::npos);
  doc = set(doc, "sdp.m[audio].rtpmap[97]", "AMR/8000/1");
  CHECK(doc.find("a=rtpmap:97 AMR/8000/1\r\n") != std::string::npos);
  doc = set(doc, "sdp.m[audio].fmtp[100]", std::nullopt);
  CHECK(doc.find("a=fmtp:100") == std::string::npos);
  doc = set(doc, "sdp.m[audio].a[rtcp-mux]", std::nullopt, true);
  CHECK(doc.find("a=rtcp-mux\r\n") != std::string::npos);
  doc = set(doc, "sdp.s", "session");
  CHECK(doc.find("\r\ns=session\r\n") != std::string::npos);
  doc = set(doc, "sdp.b[AS]", "64");  // session-level, in RFC 4566 order: after c=
  CHECK(doc.find("c=IN IP4 10.0.0.1\r\nb=AS:64\r\nt=0 0\r\n") != std::string::npos);
  std::string two = set(kLinphoneOffer, "sdp.m[video]", std::nullopt);
  CHECK(two.find("m=video") == std::string::npos);
  CHECK(two.find("VP8") == std::string::npos);
  CHECK(set(kLinphoneOffer, "sdp.m[2].port", "0").find("m=video 0 RTP/AVP 96\r\n") !=
        std::string::npos);
  CHECK_FALSE(sdp_set(kMtsiOffer, "sdp.m[video].port", "0").ok());
  CHECK_FALSE(sdp_set(kMtsiOffer, "sdp.m[audio].direction", "both").ok());
  CHECK_FALSE(sdp_set(kMtsiOffer, "sdp.m[audio].port", std::nullopt).ok());
}

TEST_CASE("sdp: the SS's offer, and on hold") {
  const Sdp offer = make_offer(ss());
  CHECK(to_text(offer) ==
        "v=0\r\no=- 1111111111 1111111111 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n"
        "t=0 0\r\nm=audio 49152 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\n"
        "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
        "a=ptime:20\r\na=sendrecv\r\n");
  const Sdp hold = make_offer(ss("2001:db8::5"), SdpDirection::sendonly);
  CHECK(to_text(hold).find("c=IN IP6 2001:db8::5\r\n") != std::string::npos);
  CHECK(sdp_direction(hold, hold.media[0]) == "sendonly");
}

TEST_CASE("sdp: the answer to an MTSI offer with preconditions is A.15.1's 183, then its UPDATE's") {
  auto answer = make_answer(parsed(kMtsiOffer), ss());
  REQUIRE_MESSAGE(answer.ok(), answer.reason());
  CHECK_FALSE(answer->decodable);  // AMR-WB: carried, not decoded
  CHECK(answer->note.find("AMR-WB/16000/1") != std::string::npos);
  // stdlib/ts34229/params.scn, sdp_answer_183, with the SS's port.
  CHECK(section(answer->sdp, 0) ==
        "m=audio 49152 RTP/AVP 97 100\r\nb=AS:41\r\na=rtpmap:97 AMR-WB/16000/1\r\n"
        "a=fmtp:97 mode-change-capability=2;max-red=220\r\na=rtpmap:100 telephone-event/16000\r\n"
        "a=fmtp:100 0-15\r\na=ptime:20\r\na=maxptime:240\r\na=curr:qos local sendrecv\r\n"
        "a=curr:qos remote none\r\na=des:qos mandatory local sendrecv\r\n"
        "a=des:qos mandatory remote sendrecv\r\na=conf:qos remote sendrecv\r\na=sendrecv\r\n");
  CHECK(to_text(answer->sdp).rfind(
            "v=0\r\no=- 1111111111 1111111111 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n"
            "t=0 0\r\nm=audio",
            0) == 0);
  // The UPDATE: the UE's resources are ready; sdp_answer_update has no conf.
  std::string update = set(kMtsiOffer, "sdp.m[audio].a[curr]", "qos local sendrecv, qos remote sendrecv");
  update = set(update, "sdp.m[audio].a[des]", "qos mandatory local sendrecv, qos mandatory remote sendrecv");
  auto second = make_answer(parsed(update), ss());
  REQUIRE(second.ok());
  const std::string text = section(second->sdp, 0);
  CHECK(text.find("a=curr:qos local sendrecv\r\na=curr:qos remote sendrecv\r\n"
                  "a=des:qos mandatory local sendrecv\r\na=des:qos mandatory remote sendrecv\r\n"
                  "a=sendrecv\r\n") != std::string::npos);
  CHECK(text.find("a=conf") == std::string::npos);
}

TEST_CASE("sdp: answers to baresip and liblinphone keep the offer's order and numbers") {
  auto answer = make_answer(parsed(kBaresipOffer), ss());
  REQUIRE(answer.ok());
  CHECK(answer->decodable);
  CHECK(section(answer->sdp, 0) ==
        "m=audio 49152 RTP/AVP 0 8 101\r\nb=AS:96\r\na=rtpmap:0 PCMU/8000\r\n"
        "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
        "a=ptime:20\r\na=sendrecv\r\n");
  auto linphone = make_answer(parsed(kLinphoneOffer), ss("2001:db8::1"));
  REQUIRE(linphone.ok());
  REQUIRE(linphone->sdp.media.size() == 2);
  // Static types without rtpmap, telephone-event at the codec's 8000 Hz (100, not 101).
  CHECK(section(linphone->sdp, 0) ==
        "m=audio 49152 RTP/AVP 0 8 100\r\na=rtpmap:100 telephone-event/8000\r\na=sendrecv\r\n");
  CHECK(section(linphone->sdp, 1) == "m=video 0 RTP/AVP 96\r\n");  // rejected
  CHECK(to_text(linphone->sdp).find("o=- 1111111111 1111111111 IN IP6 2001:db8::1\r\n") !=
        std::string::npos);
}

TEST_CASE("sdp: answers mirror the offered direction (RFC 3264 6.1)") {
  const std::pair<const char*, const char*> cases[] = {
      {"sendonly", "recvonly"}, {"recvonly", "sendonly"}, {"inactive", "inactive"},
      {"sendrecv", "sendrecv"}};
  for (const auto& [offered, answered] : cases) {
    const std::string offer = set(kBaresipOffer, "sdp.m[audio].direction", offered);
    auto answer = make_answer(parsed(offer), ss());
    REQUIRE(answer.ok());
    CHECK(sdp_direction(answer->sdp, answer->sdp.media[0]) == answered);
  }
  // A session-level direction counts for the media without one.
  std::string session_hold = set(kBaresipOffer, "sdp.m[audio].direction", std::nullopt);
  session_hold = set(session_hold, "sdp.direction", "sendonly");
  auto answer = make_answer(parsed(session_hold), ss());
  REQUIRE(answer.ok());
  CHECK(sdp_direction(answer->sdp, answer->sdp.media[0]) == "recvonly");
  CHECK_FALSE(make_answer(parsed("v=0\r\nm=video 1 RTP/AVP 96\r\n"), ss()).ok());
}

TEST_CASE("sdp: what both sides agreed on") {
  // The SS answered baresip's offer.
  const Sdp offer = parsed(kBaresipOffer);
  auto answer = make_answer(offer, ss());
  REQUIRE(answer.ok());
  auto n = negotiated(answer->sdp, offer, false);
  REQUIRE_MESSAGE(n.ok(), n.reason());
  CHECK(n->remote_address == "127.0.0.1");
  CHECK(n->remote_port == 10000);
  CHECK(n->payload_type == 0);
  CHECK(n->encoding == "PCMU/8000");
  CHECK(n->telephone_event == 101);
  CHECK(n->ptime == 20);
  CHECK(n->send);
  CHECK(n->receive);
  CHECK_FALSE(n->rejected);

  // The SS offered; liblinphone answered with PCMA first and its own numbers.
  const Sdp ours = make_offer(ss());
  const Sdp theirs = parsed(
      "v=0\r\no=user1 1 1 IN IP4 192.168.1.10\r\ns=Talk\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
      "m=audio 7078 RTP/AVP 8 0 100\r\nc=IN IP4 192.168.1.11\r\n"
      "a=rtpmap:100 telephone-event/8000\r\na=ptime:30\r\na=recvonly\r\n");
  n = negotiated(ours, theirs, true);
  REQUIRE(n.ok());
  CHECK(n->remote_address == "192.168.1.11");  // media-level c=
  CHECK(n->payload_type == 8);
  CHECK(n->encoding == "PCMA/8000");
  CHECK(n->telephone_event == 100);
  CHECK(n->ptime == 30);
  CHECK(n->send);
  CHECK_FALSE(n->receive);  // the UE only receives

  // The MTSI offer answered: AMR-WB at 16000 Hz and its telephone-event.
  const Sdp mtsi = parsed(kMtsiOffer);
  auto mtsi_answer = make_answer(mtsi, ss());
  REQUIRE(mtsi_answer.ok());
  n = negotiated(mtsi_answer->sdp, mtsi, false);
  REQUIRE(n.ok());
  CHECK(n->payload_type == 97);
  CHECK(n->encoding == "AMR-WB/16000/1");
  CHECK(n->telephone_event == 100);

  // Held with c=0.0.0.0 (RFC 2543), and rejected with port 0.
  const Sdp held = parsed(set(kBaresipOffer, "sdp.c.address", "0.0.0.0"));
  n = negotiated(answer->sdp, held, false);
  REQUIRE(n.ok());
  CHECK(n->held);
  CHECK_FALSE(n->send);
  CHECK(n->receive);
  const Sdp rejected = parsed(set(to_text(ours), "sdp.m[audio].port", "0"));
  n = negotiated(ours, rejected, true);
  REQUIRE(n.ok());
  CHECK(n->rejected);
  CHECK_FALSE(n->send);
  CHECK_FALSE(n->receive);
  // Video only on one side: no audio stream.
  CHECK_FALSE(negotiated(ours, parsed("v=0\r\nm=video 1 RTP/AVP 96\r\n"), true).ok());
}
