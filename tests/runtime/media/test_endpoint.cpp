#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "media/media.h"
#include "support.h"

using namespace scn;
using namespace scn::media;
using scn::testing::media_wait;
using scn::testing::open_endpoint;
using scn::testing::pcmu_with_events;

namespace {

bool heard(const Endpoint& e, std::size_t tone = 0) {
  const auto& tones = e.stats().tones;
  return tones.size() > tone && tones[tone].detected;
}

void tone_over(net::Family family) {
  Loop loop;
  auto a = open_endpoint(loop, family);
  auto b = open_endpoint(loop, family);
  CHECK(a->port() % 2 == 0);
  CHECK(a->port() != b->port());
  b->reset_window({440, 1000});
  REQUIRE(a->set_remote(b->local(), pcmu_with_events()).ok());
  a->send_tone(440);
  CHECK(a->sending());
  REQUIRE(loop.run_until([&] { return heard(*b) && b->stats().packets >= 25; }, media_wait));
  const ReceiveStats& s = b->stats();
  CHECK_FALSE(s.tones[1].detected);
  CHECK(s.first_ssrc == a->ssrc());
  CHECK(s.ssrc_changes.empty());
  CHECK(s.timestamp_jumps.empty());
  CHECK(s.seq_jumps.empty());
  CHECK(s.payload_types.size() == 1);
  CHECK(s.timestamp_step == 160);
  CHECK(b->stream_source() == a->local());
  Expectation e;
  e.negotiated = {0, 101};
  e.tones = {440};
  CHECK(evaluate(s, e).empty());
  a->stop_sending();
  CHECK_FALSE(a->sending());
  CHECK(a->send_error().empty());
}

}  // namespace

// The kernel hands out odd ports as often as even ones; both must end in an even RTP
// port with its RTCP socket on the next (RFC 3550 11), whichever the kernel gave first.
TEST_CASE("media: Endpoint: RTP on an even port, RTCP bound on the next, for many endpoints") {
  Loop loop;
  std::vector<std::unique_ptr<Endpoint>> endpoints;
  for (int i = 0; i < 40; ++i) {
    endpoints.push_back(open_endpoint(loop));
    const std::uint16_t port = endpoints.back()->port();
    CHECK(port % 2 == 0);
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in rtcp{};
    rtcp.sin_family = AF_INET;
    rtcp.sin_port = htons(static_cast<std::uint16_t>(port + 1));
    rtcp.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int bound = ::bind(fd, reinterpret_cast<sockaddr*>(&rtcp), sizeof rtcp);
    const int error = errno;
    ::close(fd);
    CHECK(bound != 0);
    CHECK(error == EADDRINUSE);
  }
}

TEST_CASE("media: Endpoint: a tone sent over IPv4 loopback is detected by the other endpoint") {
  tone_over(net::Family::v4);
}

TEST_CASE("media: Endpoint: a tone sent over IPv6 loopback is detected by the other endpoint") {
  tone_over(net::Family::v6);
}

TEST_CASE("media: Endpoint: RFC 4733 digits over loopback, then the clock stops by itself") {
  Loop loop;
  auto a = open_endpoint(loop);
  auto b = open_endpoint(loop);
  Format f = pcmu_with_events();
  REQUIRE(b->set_remote(a->local(), f).ok());  // b knows the event payload type
  CHECK(a->send_dtmf("1").reason() == "no remote to send DTMF to");
  REQUIRE(a->set_remote(b->local(), f).ok());
  CHECK_FALSE(a->sending());  // nothing to send yet
  REQUIRE(a->send_dtmf("12#").ok());
  auto done = [&] {
    return b->stats().events.size() == 3 && b->stats().events.back().ended && !a->sending();
  };
  REQUIRE(loop.run_until(done, media_wait));
  CHECK(b->stats().event_digits() == "12#");
  CHECK_FALSE(a->dtmf_pending());
  Expectation e;
  e.dtmf = "12#";
  e.negotiated = {0, 101};
  CHECK(evaluate(b->stats(), e).empty());
  CHECK(summary(b->stats(), e).find("DTMF \"12#\"") != std::string::npos);
}

TEST_CASE("media: Endpoint: in-band DTMF from a caller's source is heard in the audio") {
  Loop loop;
  auto a = open_endpoint(loop);
  auto b = open_endpoint(loop);
  REQUIRE(a->set_remote(b->local(), Format{Codec::pcma, 8, 8000, std::nullopt, 20}).ok());
  a->send_source(dtmf_source("47"));
  REQUIRE(loop.run_until([&] { return b->stats().inband_digits == "47"; }, media_wait));
  CHECK(b->stats().decoded_samples.count(Codec::pcma) == 1);
}

TEST_CASE("media: Endpoint: the window restarts on reset and the latest frame ages out") {
  Loop loop;
  auto a = open_endpoint(loop);
  auto b = open_endpoint(loop);
  REQUIRE(a->set_remote(b->local(), Format{}).ok());
  a->send_tone(1000);
  REQUIRE(loop.run_until([&] { return b->stats().packets >= 5; }, media_wait));
  CHECK(b->latest_frame() != Frame{});
  a->stop_sending();
  b->reset_window();
  CHECK(b->stats().packets == 0);
  // Nothing arrives any more: after 60 ms the latest frame is silence.
  Millis until = loop.now() + 200;
  loop.schedule(200, [] {});  // wakes the loop then
  loop.run_until([&] { return loop.now() >= until; }, 1000);
  CHECK(b->latest_frame() == Frame{});
}

TEST_CASE("media: mix_source: each participant hears the others, not itself") {
  Loop loop;
  // UEs a, b, c; the played MRFP has one endpoint per UE: ma, mb, mc.
  auto a = open_endpoint(loop);
  auto b = open_endpoint(loop);
  auto c = open_endpoint(loop);
  auto ma = open_endpoint(loop);
  auto mb = open_endpoint(loop);
  auto mc = open_endpoint(loop);
  Format f;
  REQUIRE(a->set_remote(ma->local(), f).ok());
  REQUIRE(b->set_remote(mb->local(), f).ok());
  REQUIRE(c->set_remote(mc->local(), f).ok());
  REQUIRE(ma->set_remote(a->local(), f).ok());
  REQUIRE(mb->set_remote(b->local(), f).ok());
  REQUIRE(mc->set_remote(c->local(), f).ok());
  for (auto* e : {a.get(), b.get(), c.get()}) e->reset_window({440, 1000});
  const std::vector<const Endpoint*> mrfp = {ma.get(), mb.get(), mc.get()};
  auto others = [&](const Endpoint* self) {
    return mix_source([&mrfp, self] {
      std::vector<const Endpoint*> out;
      for (const Endpoint* e : mrfp)
        if (e != self) out.push_back(e);
      return out;
    });
  };
  for (Endpoint* m : {ma.get(), mb.get(), mc.get()}) m->send_source(others(m));
  a->send_tone(440);
  b->send_tone(1000);
  c->send_silence();
  auto all_heard = [&] { return heard(*b, 0) && heard(*c, 0) && heard(*c, 1) && heard(*a, 1); };
  REQUIRE(loop.run_until(all_heard, media_wait));
  CHECK_FALSE(heard(*a, 0));  // a's own tone does not come back
  CHECK_FALSE(heard(*b, 1));
  CHECK(ma->sending());
}

TEST_CASE("media: PortPairs: a closed endpoint's sockets serve a later one, drained") {
  Loop loop;
  PortPairs pairs(8, 0);
  const net::Address host = net::Address::loopback(net::Family::v4);
  auto first = Endpoint::open(loop, host, &pairs);
  REQUIRE(first.ok());
  const net::Address used = first.value()->local();
  first.value().reset();
  CHECK(pairs.size() == 1);
  // What reaches the resting sockets is not the next call's.
  const int stray = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(stray >= 0);
  const char octet = 'x';
  REQUIRE(sendto(stray, &octet, 1, 0, used.sockaddr_ptr(), used.sockaddr_len()) == 1);
  auto second = Endpoint::open(loop, host, &pairs);
  REQUIRE(second.ok());
  CHECK(second.value()->local() == used);
  CHECK(pairs.size() == 0);
  loop.run_once(50);
  CHECK(second.value()->stats().packets == 0);
  CHECK(second.value()->stats().malformed == 0);
  close(stray);
}

TEST_CASE("media: PortPairs: a pair rests before it serves again, and no more than `most` wait") {
  Loop loop;
  const net::Address host = net::Address::loopback(net::Family::v4);
  PortPairs resting(8, 60000);
  auto first = Endpoint::open(loop, host, &resting);
  REQUIRE(first.ok());
  const net::Address used = first.value()->local();
  first.value().reset();
  auto second = Endpoint::open(loop, host, &resting);
  REQUIRE(second.ok());
  CHECK_FALSE(second.value()->local() == used);  // the first pair still rests
  CHECK(resting.size() == 1);
  PortPairs none(0, 0);
  auto kept = Endpoint::open(loop, host, &none);
  REQUIRE(kept.ok());
  kept.value().reset();
  CHECK(none.size() == 0);  // closed
}
