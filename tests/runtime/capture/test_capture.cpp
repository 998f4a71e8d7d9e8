// The --pcap capture as libpcap reads it back: raw IPv4/IPv6 packets, UDP datagrams and
// TCP segments with checksums that verify, TCP connections opened by a handshake and
// numbered by the octets sent each way.
#include <doctest/doctest.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "capture/capture.h"

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

scn::net::Address address(std::string_view text) { return *scn::net::Address::parse(text); }

std::uint32_t read32(const Bytes& b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

// The ones' complement sum of the words, folded: 0xFFFF over data with a correct checksum.
std::uint32_t sum(const Bytes& data, std::size_t from, std::size_t to, std::uint32_t s = 0) {
  for (std::size_t i = from; i < to; i += 2) s += (data[i] << 8) | (i + 1 < to ? data[i + 1] : 0);
  while (s >> 16) s = (s & 0xFFFF) + (s >> 16);
  return s;
}

// Verifies the IPv4 header and the UDP/TCP checksum over its pseudo-header.
bool checksums_hold(const Bytes& p) {
  if (sum(p, 0, 20) != 0xFFFF) return false;
  const std::size_t length = p.size() - 20;
  std::uint32_t pseudo = sum(p, 12, 20) + p[9] + static_cast<std::uint32_t>(length);
  return sum(p, 20, p.size(), pseudo) == 0xFFFF;
}

std::vector<Bytes> read_capture(const std::string& path, int& linktype) {
  char error[PCAP_ERRBUF_SIZE];
  pcap_t* pcap = pcap_open_offline(path.c_str(), error);
  REQUIRE(pcap != nullptr);
  linktype = pcap_datalink(pcap);
  std::vector<Bytes> packets;
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  while (pcap_next_ex(pcap, &header, &data) == 1) packets.emplace_back(data, data + header->caplen);
  pcap_close(pcap);
  return packets;
}

}  // namespace

TEST_CASE("the capture holds UDP datagrams and TCP segments that tshark would not flag") {
  const std::string path = "/tmp/scn_test_capture_" + std::to_string(getpid()) + ".pcap";
  const Bytes invite = bytes_of("INVITE sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n");
  const Bytes ok = bytes_of("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  std::vector<scn::CapturedPacket> packets{
      {30, address("127.0.0.1:5060"), address("127.0.0.1:40000"), ok, true},
      {10, address("127.0.0.1:5070"), address("127.0.0.1:5060"), bytes_of("OPTIONS x"), false},
      {20, address("127.0.0.1:40000"), address("127.0.0.1:5060"), invite, true},
  };
  REQUIRE(scn::write_pcap(path, packets, 1'700'000'000'000'000));
  int linktype = 0;
  const std::vector<Bytes> read = read_capture(path, linktype);
  unlink(path.c_str());
  CHECK(linktype == DLT_RAW);
  REQUIRE(read.size() == 6);  // the datagram; SYN, SYN-ACK, ACK; two segments
  for (const Bytes& p : read) CHECK(checksums_hold(p));
  CHECK(read[0][9] == 17);
  CHECK(read[1][20 + 13] == 0x02);  // SYN from the first sender, the client
  CHECK(read[2][20 + 13] == 0x12);  // SYN-ACK
  CHECK(read[3][20 + 13] == 0x10);  // ACK
  const std::uint32_t client_seq = read32(read[4], 24), server_seq = read32(read[5], 24);
  CHECK(client_seq == read32(read[1], 24) + 1);
  CHECK(read32(read[4], 28) == server_seq);  // the INVITE acknowledges the SYN-ACK
  CHECK(read32(read[5], 28) == client_seq + invite.size());
  CHECK(Bytes(read[5].begin() + 40, read[5].end()) == ok);
}

TEST_CASE("IPv6 packets carry a UDP checksum over the IPv6 pseudo-header") {
  const std::string path = "/tmp/scn_test_capture6_" + std::to_string(getpid()) + ".pcap";
  const Bytes payload = bytes_of("OPTIONS sip:a@b SIP/2.0\r\n\r\n");
  REQUIRE(scn::write_pcap(path, {{0, address("[::1]:5070"), address("[::1]:5060"), payload, false}}, 0));
  int linktype = 0;
  const std::vector<Bytes> read = read_capture(path, linktype);
  unlink(path.c_str());
  REQUIRE(read.size() == 1);
  const Bytes& p = read[0];
  CHECK((p[0] >> 4) == 6);
  CHECK(p[6] == 17);
  const std::uint32_t length = static_cast<std::uint32_t>(p.size() - 40);
  const std::uint32_t payload_length = (std::uint32_t{p[4]} << 8) | p[5];
  CHECK(payload_length == length);
  const std::uint32_t pseudo = sum(p, 8, 40) + length + 17;  // addresses, length, next header
  CHECK(sum(p, 40, p.size(), pseudo) == 0xFFFF);
  CHECK(Bytes(p.begin() + 48, p.end()) == payload);
}

TEST_CASE("an unwritable capture path is reported") {
  CHECK_FALSE(scn::write_pcap("/nonexistent-dir/x.pcap", {}, 0));
}
