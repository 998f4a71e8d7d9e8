// Media steps at run time (docs/media.md): the SS answers the UE's SDP offer from its own
// RTP endpoint (sdp_answer()), sends a tone to the UE and judges the UE's RTP. The test
// case is checked, lowered, JIT'd and run in-process on the real runtime against UDP
// sockets this test drives as the UE: one for SIP, one for RTP. The UE's RTP is made and
// heard with the runtime's own media module (Sender, Receiver), so each variation differs
// from a conformant UE in exactly one fact.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <thread>
#include <vector>

#include "jit_support.h"
#include "media/media.h"
#include "support.h"
#include "udp_peer.h"

namespace scn::test {

namespace {

const char* kMedia = R"(
testcase ue_calls "the UE calls, both sides send audio" {
  1  UE -> SS  INVITE
  2  SS -> UE  200 OK  except { body = sdp_answer() }
  3  UE -> SS  ACK
  4  media SS -> UE  tone 1000 Hz
  5  media UE -> SS  check for 1500ms { tone 440 Hz  loss < 5% }
  6  media SS -> UE  stop
}
)";

// The frequencies come from parameters, which --set may spoil.
const char* kMediaParams = R"(
param send_hz = "1000" "the tone the SS sends"
param hear_hz = "440" "the tone the UE must send"
testcase ue_calls "the UE calls, both sides send audio" {
  1  UE -> SS  INVITE
  2  SS -> UE  200 OK  except { body = sdp_answer() }
  3  UE -> SS  ACK
  4  media SS -> UE  tone send_hz Hz
  5  media UE -> SS  check for 1500ms { tone hear_hz Hz }
  6  media SS -> UE  stop
}
)";

using Clock = std::chrono::steady_clock;

media::Micros micros_now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
      .count();
}

// What the UE does differently from a conformant one.
struct Variation {
  std::string what;
  bool send_rtp = true;
  std::uint8_t payload_type = 0;  // of the audio the UE sends (PCMU-encoded either way)
  double tone_hz = 440;
  bool ssrc_change = false;       // a new SSRC after change_after packets
  // Substrings of the verdict; "PASS" alone means the verdict is exactly PASS.
  std::vector<std::string> verdict;
};

// How long the UE sends RTP at most: the run normally ends (and stops it) well before.
constexpr auto kSendCap = std::chrono::seconds(8);
// The SSRC change: 0.8 s into the UE's stream, inside the SS's 1.5 s window, which
// opens just after the SS takes the ACK (the UE starts sending once it has sent it).
constexpr int kChangeAfter = 40;

// The port of the first m=audio line of an SDP body, 0 when none.
int audio_port(const std::string& message) {
  const std::size_t at = message.find("m=audio ");
  if (at == std::string::npos) return 0;
  try {
    return std::stoi(message.substr(at + 8));
  } catch (...) {
    return 0;
  }
}

// The URI inside <...> of a header value ("" when none).
std::string uri_of(const std::string& value) {
  const std::size_t open = value.find('<');
  const std::size_t close = value.find('>', open);
  if (open == std::string::npos || close == std::string::npos) return value;
  return value.substr(open + 1, close - open - 1);
}

// The UE: SIP on one socket, RTP on another. It sends the INVITE with its offer; a thread
// of its own takes the 200 OK, sends the ACK and then RTP every 20 ms until the run is
// over; another hears the SS's RTP with a Receiver listening for 1000 Hz.
class Ue {
 public:
  explicit Ue(Variation v) : v_(std::move(v)) {}
  ~Ue() { finish(); }

  const std::string& address() const { return sip_.address(); }
  bool bound() const { return !sip_.address().empty() && !rtp_.address().empty(); }
  int rtp_port() const { return std::stoi(rtp_.address().substr(rtp_.address().find(':') + 1)); }

  void send_invite(const std::string& ss) {
    const std::string body =
        "v=0\r\no=- 2890844526 2890844526 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
        "t=0 0\r\nm=audio " + std::to_string(rtp_port()) + " RTP/AVP 0 8 101\r\n"
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";
    sip_.send_to(ss, "INVITE sip:ss@" + ss + " SIP/2.0\r\n"
                     "Via: SIP/2.0/UDP " + address() + ";branch=z9hG4bKmedia1\r\n"
                     "Max-Forwards: 70\r\n"
                     "From: <sip:alice@example.org>;tag=a1\r\n"
                     "To: <sip:ss@example.org>\r\n"
                     "Call-ID: media1@test\r\n"
                     "CSeq: 1 INVITE\r\n"
                     "Contact: <sip:alice@" + address() + ">\r\n"
                     "Content-Type: application/sdp\r\n"
                     "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }

  // Starts the UE's threads: the SIP side (200 OK, ACK, then RTP) and the RTP listener.
  void start(const std::string& ss) {
    listener_ = std::thread([this] { listen(); });
    caller_ = std::thread([this, ss] { call(ss); });
  }

  // Stops both threads (the run is over).
  void finish() {
    stop_ = true;
    if (caller_.joinable()) caller_.join();
    if (listener_.joinable()) listener_.join();
  }

  // Read once finish() has returned.
  const std::string& ok() const { return ok_; }
  int ss_port() const { return ss_port_; }
  int sent() const { return sent_; }
  const media::ReceiveStats& heard() const { return receiver_.stats(); }

 private:
  void call(const std::string& ss) {
    const auto give_up = Clock::now() + std::chrono::seconds(10);
    while (!stop_ && Clock::now() < give_up) {
      std::string response = sip_.receive(100);
      if (response.rfind("SIP/2.0 200 ", 0) != 0) continue;
      ok_ = response;
      break;
    }
    if (ok_.empty()) return;
    ss_port_ = audio_port(ok_);
    std::string request_uri = uri_of(header_value(ok_, "Contact"));
    if (request_uri.empty()) request_uri = "sip:ss@" + ss;
    sip_.send_to(ss, "ACK " + request_uri + " SIP/2.0\r\n"
                     "Via: SIP/2.0/UDP " + address() + ";branch=z9hG4bKmedia2\r\n"
                     "Max-Forwards: 70\r\n"
                     "From: " + header_value(ok_, "From") + "\r\n"
                     "To: " + header_value(ok_, "To") + "\r\n"
                     "Call-ID: media1@test\r\n"
                     "CSeq: 1 ACK\r\n"
                     "Content-Length: 0\r\n\r\n");
    if (!v_.send_rtp || ss_port_ <= 0) return;
    const std::string to = "127.0.0.1:" + std::to_string(ss_port_);
    media::Format format;
    format.codec = media::Codec::pcmu;
    format.payload_type = v_.payload_type;
    format.event_payload_type = 101;
    media::Sender sender(format);
    sender.set_source(media::tone_source(v_.tone_hz));
    const auto started = Clock::now();
    auto next = started;
    while (!stop_ && Clock::now() - started < kSendCap) {
      if (v_.ssrc_change && sent_ == kChangeAfter) {
        // The same sequence and timestamp space, only a new SSRC.
        sender = media::Sender(format, sender.ssrc() ^ 0x5a5a0001u, sender.next_seq(),
                               sender.next_timestamp());
        sender.set_source(media::tone_source(v_.tone_hz));
      }
      const std::vector<std::uint8_t> packet = sender.tick();
      rtp_.send_to(to, std::string(packet.begin(), packet.end()));
      ++sent_;
      next += std::chrono::milliseconds(20);
      std::this_thread::sleep_until(next);
    }
  }

  void listen() {
    media::Format format;  // PCMU on 0, as the SS's answer must select
    format.event_payload_type = 101;
    receiver_.set_format(format);
    receiver_.reset(micros_now(), {1000.0});
    while (!stop_) {
      const std::string datagram = rtp_.receive(50);
      if (datagram.empty()) continue;
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(datagram.data());
      auto packet = media::parse(std::span(bytes, datagram.size()));
      if (!packet) {
        receiver_.receive_malformed(packet.reason());
        continue;
      }
      receiver_.receive(packet.value(), micros_now());
    }
  }

  Variation v_;
  UdpPeer sip_;
  UdpPeer rtp_;
  std::atomic<bool> stop_{false};
  std::thread caller_;
  std::thread listener_;
  std::string ok_;
  int ss_port_ = 0;
  int sent_ = 0;
  media::Receiver receiver_;
};

std::string verdict_of_run(const scn_program& program, Ue& ue,
                           const std::vector<scn_setting>& settings = {}) {
  scn_run_config config = loopback_config(ue.address(), 5000);
  config.settings = settings.data();
  config.setting_count = settings.size();
  scn_rt* rt = open_run(config, program);
  const std::string ss = text(scn_ss_address(rt));
  ue.send_invite(ss);  // queued at the SS's socket until the run reads it
  ue.start(ss);
  scn_rt_call(rt, program.testcases[0].entry, 0);
  std::string verdict = text(scn_verdict_text(rt));
  scn_rt_close(rt);
  ue.finish();
  return verdict;
}

// The SS's answer selects PCMU: its m=audio line lists payload type 0 first.
void check_answer(const Ue& ue) {
  INFO("the SS's 200 OK: " << ue.ok());
  REQUIRE_FALSE(ue.ok().empty());
  CHECK(contains(ue.ok(), "Content-Type: application/sdp"));
  REQUIRE(ue.ss_port() > 0);
  const std::string m = "m=audio " + std::to_string(ue.ss_port()) + " RTP/AVP 0";
  CHECK((contains(ue.ok(), m + " ") || contains(ue.ok(), m + "\r\n")));
  CHECK(contains(ue.ok(), "c=IN IP4 127.0.0.1"));
}

}  // namespace

TEST_CASE("media: a conformant UE passes the check and hears the SS's 1000 Hz tone") {
  ir::LowerResult lowered = lower_text(kMedia);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);

  Variation conformant;
  conformant.what = "conformant";
  Ue ue(conformant);
  REQUIRE(ue.bound());
  const std::string verdict = verdict_of_run(*program, ue);
  CAPTURE(verdict);
  check_answer(ue);
  CHECK(verdict == "PASS");
  CHECK(ue.sent() > 50);  // the UE's stream covered the 1.5 s window

  const media::ReceiveStats& heard = ue.heard();
  CHECK(heard.packets >= 40);  // 1.5 s of tone at 50 packets/s, with room to spare
  CHECK(heard.malformed == 0);
  CHECK(heard.payload_types.size() == 1);
  CHECK(heard.payload_types.count(0) == 1);
  CHECK(heard.ssrc_changes.empty());
  REQUIRE(heard.tones.size() == 1);
  CHECK(heard.tones[0].hz == 1000.0);
  CHECK(heard.tones[0].detected);
}

TEST_CASE("media: each fault of the UE's RTP fails the check step, naming the stream") {
  ir::LowerResult lowered = lower_text(kMedia);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);

  std::vector<Variation> cases(4);
  cases[0].what = "payload type 18 instead of 0";
  cases[0].payload_type = 18;
  cases[0].verdict = {"payload type 18 is not one negotiated"};
  cases[1].what = "no RTP at all";
  cases[1].send_rtp = false;
  cases[1].verdict = {"no packet within 1.5 s"};
  cases[2].what = "a 600 Hz tone instead of 440 Hz";
  cases[2].tone_hz = 600;
  cases[2].verdict = {"no 440 Hz tone"};
  cases[3].what = "the SSRC changes midway";
  cases[3].ssrc_change = true;
  cases[3].verdict = {"SSRC changed from 0x"};

  for (const Variation& v : cases) {
    CAPTURE(v.what);
    Ue ue(v);
    REQUIRE(ue.bound());
    const std::string verdict = verdict_of_run(*program, ue);
    CAPTURE(verdict);
    check_answer(ue);
    CHECK(verdict.rfind("FAIL step 5: RTP UE -> SS: ", 0) == 0);
    for (const std::string& part : v.verdict) CHECK(contains(verdict, part));
    // The SS's tone went out whatever the UE sent.
    CHECK(ue.heard().packets > 0);
  }
}

// An integer parameter takes only integers from --set ("loud" stops the run before it
// starts), so what reaches the step is a number out of range.
TEST_CASE("media: a frequency parameter set to no frequency is an error naming the stream") {
  ir::LowerResult lowered = lower_text(kMediaParams);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);
  const std::pair<scn_setting, std::string> cases[] = {
      {{"send_hz", "4000"},
       "ERROR step 4: RTP SS -> UE: a tone is from 50 to 3950 Hz (8 kHz sampling), not 4000 Hz"},
      {{"hear_hz", "20"},
       "ERROR step 5: RTP UE -> SS: a tone is from 50 to 3950 Hz (8 kHz sampling), not 20 Hz"}};
  for (const auto& [setting, expected] : cases) {
    CAPTURE(setting.name);
    Variation v;
    v.what = "conformant";
    Ue ue(v);
    REQUIRE(ue.bound());
    CHECK(verdict_of_run(*program, ue, {setting}) == expected);
  }
}

}  // namespace scn::test
