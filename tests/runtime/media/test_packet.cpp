#include <doctest/doctest.h>

#include "media/media.h"
#include "support.h"

using namespace scn;
using namespace scn::media;

TEST_CASE("media: RTP packet: serialise and parse round trip with CSRCs, extension, padding") {
  const std::vector<std::uint8_t> payload{1, 2, 3, 4, 5};
  const std::vector<std::uint8_t> ext{9, 9, 9, 9, 8, 8, 8, 8};
  Packet p;
  p.payload_type = 96;
  p.marker = true;
  p.seq = 0xfffe;
  p.timestamp = 0xdeadbeef;
  p.ssrc = 0x01020304;
  p.csrcs = {7, 8};
  p.extension = Extension{0xbede, ext};
  p.payload = payload;
  p.padding = 3;
  auto bytes = serialise(p);
  CHECK(bytes.size() == 12 + 8 + 4 + 8 + 5 + 3);
  CHECK(bytes[0] == (0x80 | 0x20 | 0x10 | 2));
  CHECK(bytes[1] == (0x80 | 96));

  auto back = parse(bytes);
  REQUIRE_MESSAGE(back.ok(), back.reason());
  CHECK(back->payload_type == 96);
  CHECK(back->marker);
  CHECK(back->seq == 0xfffe);
  CHECK(back->timestamp == 0xdeadbeef);
  CHECK(back->ssrc == 0x01020304);
  CHECK(back->csrcs == std::vector<std::uint32_t>{7, 8});
  REQUIRE(back->extension);
  CHECK(back->extension->profile == 0xbede);
  CHECK(std::vector<std::uint8_t>(back->extension->data.begin(), back->extension->data.end()) ==
        ext);
  CHECK(std::vector<std::uint8_t>(back->payload.begin(), back->payload.end()) == payload);
  CHECK(back->padding == 3);
}

TEST_CASE("media: RTP packet: the minimal header and an empty payload") {
  auto bytes = scn::testing::audio_bytes(1, 160);
  bytes.resize(12);
  auto p = parse(bytes);
  REQUIRE(p.ok());
  CHECK(p->payload.empty());
  CHECK_FALSE(p->marker);
  CHECK(p->csrcs.empty());
}

TEST_CASE("media: RTP packet: malformed datagrams are refused with a reason") {
  auto good = scn::testing::audio_bytes(1, 160);

  SUBCASE("too short") {
    std::vector<std::uint8_t> d(good.begin(), good.begin() + 11);
    CHECK(parse(d).reason() == "datagram of 11 octets is shorter than the 12-octet RTP header");
  }
  SUBCASE("version 1") {
    auto d = good;
    d[0] = 0x40;
    CHECK(parse(d).reason() == "RTP version 1, not 2");
  }
  SUBCASE("CSRC list overrun") {
    std::vector<std::uint8_t> d(good.begin(), good.begin() + 20);
    d[0] = 0x80 | 3;
    CHECK(parse(d).reason() == "CSRC list of 3 overruns the datagram");
  }
  SUBCASE("extension overrun") {
    std::vector<std::uint8_t> d(good.begin(), good.begin() + 20);
    d[0] = 0x90;
    d[14] = 0;
    d[15] = 5;
    CHECK(parse(d).reason() == "header extension of 5 words overruns the datagram");
  }
  SUBCASE("padding overrun") {
    auto d = good;
    d[0] |= 0x20;
    d.back() = 200;
    CHECK(parse(d).reason() == "padding of 200 octets overruns the payload");
  }
  SUBCASE("padding count 0") {
    auto d = good;
    d[0] |= 0x20;
    d.back() = 0;
    CHECK(parse(d).reason() == "padding count is 0");
  }
}

TEST_CASE("media: G.711: PCMU and PCMA round trips stay within the quantisation step") {
  CHECK(encode(Codec::pcmu, std::vector<std::int16_t>{0}) == std::vector<std::uint8_t>{0xff});
  CHECK(encode(Codec::pcma, std::vector<std::int16_t>{0}) == std::vector<std::uint8_t>{0xd5});
  auto samples = scn::testing::sine(1000, 0, 800);
  samples.push_back(32767);
  samples.push_back(-32768);
  for (Codec codec : {Codec::pcmu, Codec::pcma}) {
    auto octets = encode(codec, samples);
    REQUIRE(octets.size() == samples.size());
    auto back = decode(codec, octets);
    REQUIRE(back.size() == samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
      int error = std::abs(int(back[i]) - int(samples[i]));
      CHECK_MESSAGE(error <= std::max(16, std::abs(int(samples[i])) / 16),
                    to_string(codec), " sample ", samples[i], " came back as ", back[i]);
    }
  }
  CHECK(to_string(Codec::pcma) == "PCMA");
  CHECK(codec_of_static(8) == Codec::pcma);
  CHECK_FALSE(codec_of_static(18));
}

TEST_CASE("media: Format: checks of payload types, clock rate and ptime") {
  Format f = scn::testing::pcmu_with_events();
  CHECK(check(f).ok());
  f.clock_rate = 16000;
  CHECK(check(f).reason() == "clock rate 16000 is not 8000 for PCMU");
  f.clock_rate = 8000;
  f.ptime_ms = 25;
  CHECK(check(f).reason() == "ptime 25 ms is not a multiple of 10 ms up to 200 ms");
  f.ptime_ms = 20;
  f.event_payload_type = 0;
  CHECK(check(f).reason() == "telephone-event and audio share payload type 0");
}
