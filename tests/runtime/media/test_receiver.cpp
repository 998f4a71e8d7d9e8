#include <doctest/doctest.h>

#include "media/media.h"
#include "support.h"

using namespace scn;
using namespace scn::media;
using scn::testing::audio_bytes;
using scn::testing::feed;

TEST_CASE("media: Receiver: RFC 3550 A.3 loss across the sequence number wrap") {
  Receiver rx;
  rx.reset(0);
  std::uint32_t ts = 1000;
  Micros at = 0;
  for (std::uint32_t ext = 65530; ext <= 65536 + 5; ++ext, ts += 160, at += 20000)
    if (ext != 65536 + 2) feed(rx, audio_bytes(static_cast<std::uint16_t>(ext), ts), at);
  const ReceiveStats& s = rx.stats();
  CHECK(s.packets == 11);
  CHECK(s.expected == 12);
  CHECK(s.lost == 1);
  CHECK(s.loss_percent() == doctest::Approx(100.0 / 12));
  REQUIRE(s.seq_jumps.size() == 1);
  CHECK(s.seq_jumps[0].from == 1);
  CHECK(s.seq_jumps[0].to == 3);
  CHECK_FALSE(s.seq_jumps[0].restart);
  CHECK(s.timestamp_jumps.empty());
  CHECK(s.timestamp_step == 160);
  CHECK(s.duplicates == 0);
  CHECK(s.out_of_order == 0);
  CHECK(s.octets == 11 * 160);
  CHECK(s.payload_types.at(0) == 11);
}

TEST_CASE("media: Receiver: a late packet is out of order, a repeated one a duplicate") {
  Receiver rx;
  feed(rx, audio_bytes(10, 0), 0);
  feed(rx, audio_bytes(12, 320), 40000);
  feed(rx, audio_bytes(11, 160), 41000);
  feed(rx, audio_bytes(12, 320), 42000);
  const ReceiveStats& s = rx.stats();
  CHECK(s.out_of_order == 1);
  CHECK(s.duplicates == 1);
  CHECK(s.expected == 3);
  CHECK(s.lost == -1);  // A.3 counts the duplicate as received
  CHECK(s.loss_percent() == 0);
  CHECK(s.timestamp_jumps.empty());
}

TEST_CASE("media: Receiver: a large jump restarts the sequence after two packets in a row") {
  Receiver rx;
  feed(rx, audio_bytes(100, 0), 0);
  feed(rx, audio_bytes(101, 160), 20000);
  feed(rx, audio_bytes(5000, 320), 40000);
  feed(rx, audio_bytes(5001, 480), 60000);
  feed(rx, audio_bytes(5002, 640), 80000);
  const ReceiveStats& s = rx.stats();
  REQUIRE(s.seq_jumps.size() == 1);
  CHECK(s.seq_jumps[0].restart);
  CHECK(s.seq_jumps[0].from == 101);
  CHECK(s.seq_jumps[0].to == 5000);
  CHECK(s.expected == 4);  // 100-101, then 5001-5002: the first packet of the jump is left out
  CHECK(s.lost == 0);
  CHECK(s.packets == 5);
}

TEST_CASE("media: Receiver: RFC 3550 A.8 jitter against a hand-computed case") {
  // Transit times 0, 0, 40, 0 timestamp units: D = 0, 40, 40, so
  // J = 0, 40/16 = 2.5, 2.5 + (40 - 2.5)/16 = 4.84375.
  Receiver rx;
  feed(rx, audio_bytes(1, 0), 0);
  feed(rx, audio_bytes(2, 160), 20000);
  feed(rx, audio_bytes(3, 320), 45000);
  feed(rx, audio_bytes(4, 480), 60000);
  CHECK(rx.stats().jitter == doctest::Approx(4.84375));
  CHECK(rx.stats().jitter_ms() == doctest::Approx(4.84375 / 8));
  CHECK(*rx.stats().packet_rate() == doctest::Approx(50.0));
}

TEST_CASE("media: Receiver: an SSRC change is recorded with the packets before it") {
  Receiver rx;
  Micros at = 0;
  for (std::uint16_t i = 0; i < 50; ++i, at += 20000) feed(rx, audio_bytes(i, i * 160u), at);
  for (std::uint16_t i = 0; i < 10; ++i, at += 20000)
    feed(rx, audio_bytes(static_cast<std::uint16_t>(7000 + i), 90000 + i * 160u, 0x99aa0011),
         at);
  const ReceiveStats& s = rx.stats();
  CHECK(s.first_ssrc == 0x1234abcdu);
  REQUIRE(s.ssrc_changes.size() == 1);
  CHECK(s.ssrc_changes[0].from == 0x1234abcdu);
  CHECK(s.ssrc_changes[0].to == 0x99aa0011u);
  CHECK(s.ssrc_changes[0].after_packets == 50);
  CHECK(s.expected == 60);  // each source's sequence counts on its own
  CHECK(s.lost == 0);
  CHECK(s.seq_jumps.empty());
  CHECK(s.timestamp_jumps.empty());
  CHECK(evaluate(s, Expectation{}) ==
        std::vector<std::string>{"SSRC changed from 0x1234abcd to 0x99aa0011 after 50 packets"});
}

TEST_CASE("media: Receiver: a timestamp step that does not match the sequence step") {
  Receiver rx;
  for (std::uint16_t i = 1; i <= 5; ++i) feed(rx, audio_bytes(i, i * 160u), i * 20000);
  feed(rx, audio_bytes(6, 16000), 120000);
  feed(rx, audio_bytes(8, 16320), 160000);  // a lost packet in between is no jump
  // A marker starts a new talkspurt: its jump is expected.
  auto marked = audio_bytes(9, 90000);
  marked[1] |= 0x80;
  feed(rx, marked, 180000);
  const ReceiveStats& s = rx.stats();
  REQUIRE(s.timestamp_jumps.size() == 1);
  CHECK(s.timestamp_jumps[0].seq == 6);
  CHECK(s.timestamp_jumps[0].from == 800);
  CHECK(s.timestamp_jumps[0].to == 16000);
  CHECK(s.timestamp_jumps[0].expected == 960);
  Expectation e;
  CHECK(evaluate(s, e) == std::vector<std::string>{
                              "timestamp jumped from 800 to 16000 at sequence 6 (expected 960)"});
  e.allow_timestamp_jumps = true;
  CHECK(evaluate(s, e).empty());
}

TEST_CASE("media: Receiver: payload types are counted and judged against those negotiated") {
  Receiver rx(scn::testing::pcmu_with_events());
  feed(rx, audio_bytes(1, 0), 0);
  feed(rx, audio_bytes(2, 160, 0x1234abcd, 18), 20000);
  CHECK(rx.stats().payload_types == std::map<int, std::uint64_t>{{0, 1}, {18, 1}});
  Expectation e;
  e.negotiated = {0, 101};
  e.audio_payload_type = 8;
  CHECK(evaluate(rx.stats(), e) ==
        std::vector<std::string>{"payload type 18 is not one negotiated (0, 101)",
                                 "no packet of payload type 8"});
}

TEST_CASE("media: Sender: audio packets step sequence and timestamp, the first has the marker") {
  Sender tx(Format{}, 0xabcdef01, 65535, 4000000000u);
  tx.set_source(tone_source(440));
  std::vector<Packet> sent;
  std::vector<std::vector<std::uint8_t>> bytes;
  for (int i = 0; i < 3; ++i) bytes.push_back(tx.tick());
  for (const auto& b : bytes) {
    auto p = parse(b);
    REQUIRE(p.ok());
    sent.push_back(*p);
  }
  CHECK(sent[0].marker);
  CHECK_FALSE(sent[1].marker);
  CHECK(sent[0].seq == 65535);
  CHECK(sent[1].seq == 0);
  CHECK(sent[2].timestamp == 4000000000u + 320);
  CHECK(sent[2].ssrc == 0xabcdef01);
  CHECK(sent[1].payload.size() == 160);
  CHECK(sent[1].payload_type == 0);
  tx.skip(10);
  auto after = parse(tx.tick());
  CHECK(after->marker);
  CHECK(after->timestamp == 4000000000u + 160 * 13);
}

TEST_CASE("media: Sender: RFC 4733 digits, de-duplicated by the receiver") {
  Format f = scn::testing::pcmu_with_events();
  Sender tx(f, 1, 100, 0);
  CHECK(tx.queue_dtmf("1x").reason() == "'x' is not a DTMF digit");
  REQUIRE(tx.queue_dtmf("1#").ok());
  Receiver rx(f);
  std::vector<Packet> events;
  std::vector<std::vector<std::uint8_t>> keep;
  for (int i = 0; i < 30; ++i) {
    keep.push_back(tx.tick());
    auto p = parse(keep.back());
    REQUIRE(p.ok());
    if (p->payload_type == 101) events.push_back(*p);
    rx.receive(*p, i * 20000);
  }
  CHECK_FALSE(tx.dtmf_pending());
  REQUIRE(events.size() == 14);  // 5 packets of 100 ms, 2 repeated ends, per digit
  CHECK(events[0].marker);
  CHECK_FALSE(events[1].marker);
  CHECK(events[0].payload[0] == 1);
  CHECK((events[0].payload[1] & 0x80) == 0);
  CHECK((events[4].payload[1] & 0x80) != 0);
  CHECK((events[6].payload[1] & 0x80) != 0);
  CHECK(events[6].timestamp == events[0].timestamp);
  CHECK((events[6].payload[2] << 8 | events[6].payload[3]) == 800);
  CHECK(events[7].payload[0] == 11);
  CHECK(events[7].marker);
  CHECK(events[7].timestamp == events[0].timestamp + 12 * 160);  // 7 events, 5 audio ticks
  const ReceiveStats& s = rx.stats();
  CHECK(s.event_digits() == "1#");
  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].ended);
  CHECK(s.events[0].duration == 800);
  CHECK(s.timestamp_jumps.empty());
  CHECK(s.lost == 0);
  Sender no_events(Format{});
  CHECK(no_events.queue_dtmf("1").reason() == "no telephone-event payload type negotiated");
}
